/* aisle-codes-product.c: EAN-13, EAN-8, UPC-A and UPC-E product barcodes
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every product is looked up by its GTIN-13: EAN-8 and UPC-A are left-padded with zeros and
 * UPC-E is first expanded to UPC-A, so one product has one key whatever was printed on it.
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <string.h>

#include "aisle-codes-private.h"

/* The GS1 check digit of the first @n digits of @digits: weights 3,1,3,1... from the right. */
static int
gs1_check_digit (const char *digits,
                 gsize       n)
{
  int sum = 0;

  for (gsize i = 0; i < n; i++)
    {
      int d = digits[n - 1 - i] - '0';

      sum += (i % 2 == 0) ? 3 * d : d;
    }
  return (10 - sum % 10) % 10;
}

/* Expands 8-digit UPC-E (number system, six digits, check digit) to the 12-digit UPC-A it
 * abbreviates; the check digit is carried over unchanged. %FALSE for number systems but 0 and 1. */
static gboolean
upce_expand (const char *upce,
             char        upca[13])
{
  const char *m = upce + 1;

  if (upce[0] != '0' && upce[0] != '1')
    return FALSE;
  switch (m[5])
    {
    case '0':
    case '1':
    case '2':
      g_snprintf (upca, 13, "%c%c%c%c0000%c%c%c%c", upce[0], m[0], m[1], m[5], m[2], m[3], m[4],
                  upce[7]);
      break;
    case '3':
      g_snprintf (upca, 13, "%c%c%c%c00000%c%c%c", upce[0], m[0], m[1], m[2], m[3], m[4], upce[7]);
      break;
    case '4':
      g_snprintf (upca, 13, "%c%c%c%c%c00000%c%c", upce[0], m[0], m[1], m[2], m[3], m[4], upce[7]);
      break;
    default:
      g_snprintf (upca, 13, "%c%c%c%c%c%c0000%c%c", upce[0], m[0], m[1], m[2], m[3], m[4], m[5],
                  upce[7]);
      break;
    }
  return TRUE;
}

static gboolean
all_digits (const guint8 *data,
            gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (data[i]))
      return FALSE;
  return len > 0;
}

AisleCode *
_aisle_codes_parse_product (const guint8            *data,
                            gsize                    len,
                            const AisleCodesContext *ctx)
{
  AisleSymbology hint = ctx != NULL ? ctx->symbology : AISLE_SYMBOLOGY_NONE;
  AisleSymbology symbology;
  g_autofree char *digits = NULL;
  char upca[13] = { 0 };
  gboolean have_upca = FALSE;
  AisleCode *code;
  AisleProductCode *product;
  int expected;

  if (!all_digits (data, len))
    return NULL;
  digits = g_strndup ((const char *) data, len);

  switch (len)
    {
    case 13:
      /* Some decoders report UPC-A in its EAN-13 form with a leading zero */
      if (hint == AISLE_SYMBOLOGY_UPCA && digits[0] == '0')
        {
          symbology = AISLE_SYMBOLOGY_UPCA;
          memmove (digits, digits + 1, 13);
          len = 12;
        }
      else
        symbology = AISLE_SYMBOLOGY_EAN13;
      break;
    case 12:
      symbology = AISLE_SYMBOLOGY_UPCA;
      break;
    case 8:
      {
        gboolean ean8_ok = gs1_check_digit (digits, 7) == digits[7] - '0';
        gboolean upce_ok = upce_expand (digits, upca) && gs1_check_digit (upca, 11) == upca[11] - '0';

        if (hint == AISLE_SYMBOLOGY_EAN8 || hint == AISLE_SYMBOLOGY_UPCE)
          symbology = hint;
        else if (upce_ok && !ean8_ok)
          symbology = AISLE_SYMBOLOGY_UPCE;
        else
          symbology = AISLE_SYMBOLOGY_EAN8;
        code = _aisle_code_new (AISLE_CODE_KIND_PRODUCT);
        if (hint == AISLE_SYMBOLOGY_NONE && ean8_ok && upce_ok)
          _aisle_code_add_warning (code, AISLE_CODES_WARNING_SYMBOLOGY_AMBIGUOUS, "symbology",
                                   "valid as both EAN-8 and UPC-E; read as EAN-8");
        goto have_code;
      }
    default:
      return NULL;
    }
  code = _aisle_code_new (AISLE_CODE_KIND_PRODUCT);

have_code:
  product = g_new0 (AisleProductCode, 1);
  product->symbology = symbology;
  product->digits = g_strdup (digits);
  code->product = product;

  if (symbology == AISLE_SYMBOLOGY_UPCE)
    {
      if (!upce_expand (digits, upca))
        {
          /* Only a hint can bring us here with number system 2-9 */
          _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "digits",
                                 "UPC-E number system must be 0 or 1, not %c", digits[0]);
        }
      else
        have_upca = TRUE;
    }
  else if (symbology == AISLE_SYMBOLOGY_UPCA)
    {
      memcpy (upca, digits, 12);
      have_upca = TRUE;
    }

  if (have_upca)
    {
      product->upca = g_strdup (upca);
      product->gtin13 = g_strconcat ("0", upca, NULL);
    }
  else if (len == 8)
    product->gtin13 = g_strconcat ("00000", digits, NULL);
  else
    product->gtin13 = g_strdup (digits);

  _aisle_code_add_field (code, "symbology", aisle_symbology_to_string (symbology));
  _aisle_code_add_field (code, "digits", product->digits);
  _aisle_code_add_field (code, "gtin13", product->gtin13);
  if (product->upca != NULL)
    _aisle_code_add_field (code, "upca", product->upca);

  /* The GTIN-13 form carries the same check digit as every shorter form */
  expected = gs1_check_digit (product->gtin13, 12);
  if (code->errors->len == 0 && expected != product->gtin13[12] - '0')
    _aisle_code_add_error (code, AISLE_CODES_ERROR_CHECK_DIGIT, "digits",
                           "check digit is %c, expected %d", product->gtin13[12], expected);
  return code;
}

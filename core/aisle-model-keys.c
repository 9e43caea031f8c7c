/* aisle-model-keys.c: the normal forms records are stored and looked up by: Taiwan mobile
 * numbers and product barcodes (GTIN-13).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-model"

#include "config.h"

#include <string.h>

#include "aisle-model.h"

/* --- phone numbers ------------------------------------------------------------------------- */

/**
 * aisle_phone_normalize:
 * @phone: (nullable): a Taiwan mobile number as typed or printed: "0912-345-678",
 *   "+886 912 345 678", "886912345678", "(09)12345678" ...
 *
 * Returns: (transfer full) (nullable): the number as "09xxxxxxxx", or %NULL if @phone is not
 *   a Taiwan mobile number
 */
char *
aisle_phone_normalize (const char *phone)
{
  g_autoptr(GString) digits = NULL;
  const char *p;
  const char *national;
  gboolean plus = FALSE;

  if (phone == NULL)
    return NULL;

  digits = g_string_new (NULL);
  for (p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (*p == ' ' || *p == '-' || *p == '.' || *p == '(' || *p == ')' || *p == '\t')
        continue;
      else
        return NULL;   /* letters or other symbols: not a phone number */
    }

  national = digits->str;
  /* Country code forms: +886..., 886..., 00886... (international dialling prefix). */
  if (g_str_has_prefix (national, "00886"))
    national += 5;
  else if (g_str_has_prefix (national, "886") && (plus || strlen (national) >= 12))
    national += 3;
  else if (plus)
    return NULL;       /* another country's number */

  /* After a country code the trunk 0 is usually dropped ("+886 912..."), sometimes not. */
  if (national[0] == '9' && strlen (national) == 9)
    return g_strconcat ("0", national, NULL);
  if (national[0] == '0' && national[1] == '9' && strlen (national) == 10)
    return g_strdup (national);
  return NULL;
}

/**
 * aisle_phone_mask:
 * @phone: (nullable): a phone number, normally "09xxxxxxxx"
 *
 * Masks the middle digits for display on shared screens (the kiosk): "0912***678".
 *
 * Returns: (transfer full) (nullable): the masked number, %NULL for %NULL
 */
char *
aisle_phone_mask (const char *phone)
{
  g_autofree char *normal = NULL;
  size_t len;
  GString *out;

  if (phone == NULL)
    return NULL;

  normal = aisle_phone_normalize (phone);
  if (normal != NULL)
    phone = normal;

  len = strlen (phone);
  out = g_string_new (NULL);
  if (len >= 8)
    {
      /* Keep the prefix (carrier) and the last three, as Taiwanese receipts do. */
      g_string_append_len (out, phone, 4);
      g_string_append (out, "***");
      g_string_append (out, phone + len - 3);
    }
  else
    {
      /* Too short to keep any digit without revealing most of it. */
      for (size_t i = 0; i < MAX (len, 4); i++)
        g_string_append_c (out, '*');
    }
  return g_string_free (out, FALSE);
}

/* --- product barcodes ---------------------------------------------------------------------- */

/* The GS1 check digit of the first @n digits: weights 3, 1, 3 ... from the right. */
static int
gs1_check_digit (const char *digits,
                 gsize       n)
{
  int sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += (digits[n - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  return (10 - sum % 10) % 10;
}

static gboolean
gs1_valid (const char *digits,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (digits[i]))
      return FALSE;
  return gs1_check_digit (digits, len - 1) == digits[len - 1] - '0';
}

/* UPC-E (number system 0 or 1, six digits, check digit) to the UPC-A it abbreviates, as
 * core/aisle-codes-product.c expands it; FALSE if @upce cannot be UPC-E. */
static gboolean
upce_to_upca (const char *upce,
              char        upca[13])
{
  const char *m = upce + 1;

  if ((upce[0] != '0' && upce[0] != '1') || strlen (upce) != 8)
    return FALSE;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isdigit (upce[i]))
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
  return gs1_valid (upca, 12);
}

/**
 * aisle_upce_to_gtin13:
 * @barcode: (nullable): eight digits read as UPC-E
 *
 * Returns: (transfer full) (nullable): the GTIN-13 of the UPC-A that @barcode abbreviates
 *   ("0" and the twelve digits), or %NULL if it is not a valid UPC-E
 */
char *
aisle_upce_to_gtin13 (const char *barcode)
{
  char upca[13];

  if (barcode == NULL || !upce_to_upca (barcode, upca))
    return NULL;
  return g_strconcat ("0", upca, NULL);
}

/**
 * aisle_barcode_to_gtin13:
 * @barcode: (nullable): a product barcode as scanned or typed (surrounding spaces are ignored)
 *
 * The one key a product is stored and looked up by, exactly as aisle-codes reports it in
 * #AisleProductCode's gtin13 for the same digits without a symbology hint: EAN-13 as is;
 * UPC-A ("0" + 12 digits, so the UPC-A and its EAN-13 form are one key); EAN-8 left-padded
 * to 13 digits with zeros (its GTIN-13 form; the digits are unchanged); UPC-E expanded to
 * UPC-A first. Eight digits valid both as EAN-8 and UPC-E are read as EAN-8, as aisle-codes
 * does (a lookup can try aisle_upce_to_gtin13() next).
 *
 * Returns: (transfer full) (nullable): 13 digits, or %NULL if @barcode is not a valid
 *   EAN-13, EAN-8, UPC-A or UPC-E (wrong length, not digits, wrong check digit)
 */
char *
aisle_barcode_to_gtin13 (const char *barcode)
{
  g_autofree char *digits = NULL;
  gsize len;

  if (barcode == NULL)
    return NULL;
  digits = g_strstrip (g_strdup (barcode));
  len = strlen (digits);

  switch (len)
    {
    case 13:
      return gs1_valid (digits, 13) ? g_steal_pointer (&digits) : NULL;
    case 12:
      return gs1_valid (digits, 12) ? g_strconcat ("0", digits, NULL) : NULL;
    case 8:
      if (gs1_valid (digits, 8))
        return g_strconcat ("00000", digits, NULL);
      return aisle_upce_to_gtin13 (digits);
    default:
      return NULL;
    }
}

/* aisle-codes-misc.c: mobile barcode carriers, member numbers, staff badges and coupons
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The short codes: each is printed as Code 128 or Code 39 (and may be typed by hand), so each
 * has a prefix that keeps it apart from product digits, and each tolerates a caps-locked
 * keyboard wedge that sends lower case.
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <string.h>

#include "aisle-codes-private.h"

#define CARRIER_LEN      8
#define COUPON_MIN_BODY  4
#define COUPON_MAX_BODY  20
#define STAFF_MAX_ID     32
#define COUPON_RADIX     36

static gboolean
has_lower (const guint8 *data,
           gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (g_ascii_islower (data[i]))
      return TRUE;
  return FALSE;
}

static char *
upper_copy (const guint8 *data,
            gsize         len)
{
  char *out = g_strndup ((const char *) data, len);

  for (char *p = out; *p != '\0'; p++)
    *p = g_ascii_toupper (*p);
  return out;
}

static void
warn_lower (AisleCode  *code,
            const char *field)
{
  _aisle_code_add_warning (code, AISLE_CODES_WARNING_LOWER_CASE, field,
                           "letters arrived in lower case (caps lock on a keyboard wedge?)");
}

/* 手機條碼: '/' and 7 characters of 0-9, A-Z, '.', '+', '-' (Code 39's set minus space, $, %) */
static gboolean
is_carrier_char (char c)
{
  return g_ascii_isdigit (c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '+' || c == '-';
}

AisleCode *
_aisle_codes_parse_carrier (const guint8            *data,
                            gsize                    len,
                            const AisleCodesContext *ctx)
{
  g_autofree char *text = NULL;
  AisleCode *code;

  if (len < 2 || len > 16 || data[0] != '/' || memchr (data, 0, len) != NULL)
    return NULL;
  text = upper_copy (data, len);
  for (gsize i = 1; i < len; i++)
    if (!is_carrier_char (text[i]))
      return NULL;

  code = _aisle_code_new (AISLE_CODE_KIND_CARRIER);
  _aisle_code_add_field (code, "carrier", text);
  if (has_lower (data, len))
    warn_lower (code, "carrier");
  if (len != CARRIER_LEN)
    _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "carrier",
                           "a mobile barcode is '/' and 7 characters, not %" G_GSIZE_FORMAT,
                           len - 1);
  return code;
}

static int
coupon_value (char c)
{
  if (g_ascii_isdigit (c))
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  return -1;
}

static char
coupon_char (int v)
{
  return v < 10 ? (char) ('0' + v) : (char) ('A' + v - 10);
}

/* Luhn mod N over 0-9A-Z: catches every single-character typo and most adjacent swaps when a
 * coupon is typed by hand. @factor_start is 2 to compute a check character, 1 to verify. */
static int
luhn36_sum (const char *s,
            gsize       len,
            int         factor_start)
{
  int factor = factor_start;
  int sum = 0;

  for (gsize i = len; i > 0; i--)
    {
      int addend = factor * coupon_value (s[i - 1]);

      factor = factor == 2 ? 1 : 2;
      sum += addend / COUPON_RADIX + addend % COUPON_RADIX;
    }
  return sum % COUPON_RADIX;
}

/**
 * aisle_codes_make_coupon_code:
 * @body: 4-20 characters of 0-9 and A-Z (lower case is upcased)
 * @error: return location for an %AISLE_CODES_ERROR_INVALID_ARGUMENT error
 *
 * Builds a coupon's printed code: `AC-`, @body and a Luhn mod 36 check character, so a mistyped
 * coupon is rejected at the till rather than looked up.
 *
 * Returns: (transfer full) (nullable): the code, e.g. "AC-SPRING24" + check, %NULL on error
 */
char *
aisle_codes_make_coupon_code (const char  *body,
                              GError     **error)
{
  g_autofree char *upper = NULL;
  gsize len;
  int remainder;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strlen (body);
  upper = upper_copy ((const guint8 *) body, len);
  if (len < COUPON_MIN_BODY || len > COUPON_MAX_BODY)
    {
      g_set_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT,
                   "a coupon body is %d-%d characters", COUPON_MIN_BODY, COUPON_MAX_BODY);
      return NULL;
    }
  for (gsize i = 0; i < len; i++)
    if (coupon_value (upper[i]) < 0)
      {
        g_set_error_literal (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT,
                             "a coupon body is letters and digits only");
        return NULL;
      }
  remainder = luhn36_sum (upper, len, 2);
  return g_strdup_printf ("AC-%s%c", upper, coupon_char ((COUPON_RADIX - remainder) % COUPON_RADIX));
}

static AisleCode *
parse_coupon (const guint8 *data,
              gsize         len)
{
  g_autofree char *text = upper_copy (data, len);
  const char *body = text + 3;
  gsize body_len = len - 3;
  AisleCode *code;

  for (gsize i = 0; i < body_len; i++)
    if (coupon_value (body[i]) < 0)
      return NULL;
  if (body_len == 0)
    return NULL;

  code = _aisle_code_new (AISLE_CODE_KIND_COUPON);
  _aisle_code_add_field (code, "coupon", text);
  if (has_lower (data, len))
    warn_lower (code, "coupon");
  if (body_len < COUPON_MIN_BODY + 1 || body_len > COUPON_MAX_BODY + 1)
    _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "coupon",
                           "a coupon code is %d-%d characters after AC-", COUPON_MIN_BODY + 1,
                           COUPON_MAX_BODY + 1);
  else if (luhn36_sum (body, body_len, 1) != 0)
    _aisle_code_add_error (code, AISLE_CODES_ERROR_CHECK_DIGIT, "coupon",
                           "the check character is wrong (a typing mistake?)");
  return code;
}

static gboolean
is_staff_char (char c)
{
  return g_ascii_isdigit (c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

static AisleCode *
parse_staff_badge (const guint8 *data,
                   gsize         len)
{
  g_autofree char *text = upper_copy (data, len);
  AisleCode *code;

  if (len - 3 == 0 || len - 3 > STAFF_MAX_ID)
    return NULL;
  for (gsize i = 3; i < len; i++)
    if (!is_staff_char (text[i]))
      return NULL;
  code = _aisle_code_new (AISLE_CODE_KIND_STAFF_BADGE);
  _aisle_code_add_field (code, "staff_id", text + 3);
  if (has_lower (data, len))
    warn_lower (code, "staff_id");
  return code;
}

/* Member numbers are assigned by the hub: 'M' and 6-12 digits. They identify, they don't
 * authenticate (anyone can read one off a receipt), hence their own kind. */
static AisleCode *
parse_member_number (const guint8 *data,
                     gsize         len)
{
  g_autofree char *text = NULL;
  AisleCode *code;

  if (len < 7 || len > 13)
    return NULL;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isdigit (data[i]))
      return NULL;
  text = upper_copy (data, len);
  code = _aisle_code_new (AISLE_CODE_KIND_MEMBER_NUMBER);
  _aisle_code_add_field (code, "member_number", text);
  if (has_lower (data, len))
    warn_lower (code, "member_number");
  return code;
}

AisleCode *
_aisle_codes_parse_misc (const guint8            *data,
                         gsize                    len,
                         const AisleCodesContext *ctx)
{
  if (memchr (data, 0, len) != NULL)
    return NULL;
  if (len > 3 && g_ascii_strncasecmp ((const char *) data, "AC-", 3) == 0)
    return parse_coupon (data, len);
  if (len > 3 && g_ascii_strncasecmp ((const char *) data, "AS-", 3) == 0)
    return parse_staff_badge (data, len);
  if (len > 0 && (data[0] == 'M' || data[0] == 'm'))
    return parse_member_number (data, len);
  return NULL;
}

/* aisle-codes-einvoice.c: Taiwan e-invoice QR codes (電子發票證明聯二維條碼)
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The left code is a 77-byte fixed header (number, ROC date, random code, two hex amounts, buyer
 * and seller 統一編號, a Base64 verification block) followed by ':'-separated fields: custom area,
 * items recorded, items in total, name encoding flag, then name:quantity:price triples. The right
 * code is `**` followed by more triples. Real receipts deviate from the Ministry of Finance spec
 * in ways listed in AisleCodesWarning; each is tolerated and reported.
 *
 * Input is raw bytes: item names may be Big5 (flag 0). Splitting on ':' is safe for every
 * encoding the flag allows, since no Big5 trail byte (0x40-0x7E, 0xA1-0xFE), UTF-8 byte of a
 * multi-byte sequence or Base64 character is 0x3A.
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <string.h>

#include "aisle-codes-private.h"

#define HEADER_LEN 77

typedef struct
{
  const guint8 *p;
  gsize         len;
} Span;

static void
item_free (gpointer data)
{
  AisleEInvoiceItem *item = data;

  g_free (item->name);
  g_free (item->quantity_text);
  g_free (item->price_text);
  g_free (item);
}

void
_aisle_einvoice_free (AisleEInvoice *einvoice)
{
  if (einvoice == NULL)
    return;
  g_free (einvoice->number);
  g_free (einvoice->date);
  g_free (einvoice->random_code);
  g_free (einvoice->buyer_id);
  g_free (einvoice->seller_id);
  g_free (einvoice->verification);
  g_free (einvoice->custom_area);
  g_clear_pointer (&einvoice->items, g_ptr_array_unref);
  g_free (einvoice);
}

static AisleEInvoice *
einvoice_new (void)
{
  AisleEInvoice *einvoice = g_new0 (AisleEInvoice, 1);

  einvoice->encoding = AISLE_EINVOICE_ENCODING_UNKNOWN;
  einvoice->items = g_ptr_array_new_with_free_func (item_free);
  return einvoice;
}

/* A field value from bytes that should be ASCII but may be anything (fuzzing, noise) */
static char *
span_text (const guint8 *p,
           gsize         len)
{
  return g_utf8_make_valid ((const char *) p, (gssize) len);
}

static gboolean
span_all (const guint8 *p,
          gsize         len,
          gboolean (*pred) (gchar c))
{
  for (gsize i = 0; i < len; i++)
    if (!pred ((gchar) p[i]))
      return FALSE;
  return TRUE;
}

static gboolean
is_digit (gchar c)
{
  return g_ascii_isdigit (c);
}

static gboolean
is_upper (gchar c)
{
  return g_ascii_isupper (c);
}

static gboolean
is_base64 (gchar c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/' || c == '=';
}

static gboolean
span_equal (Span        s,
            const char *str)
{
  return s.len == strlen (str) && memcmp (s.p, str, s.len) == 0;
}

/**
 * aisle_codes_tw_business_id_check:
 * @id: a Taiwan 統一編號 (Unified Business Number), 8 digits
 * @rule: (out) (optional) (transfer none): "mod10" if valid under the pre-2023 rule (every
 *   such id is also valid now), "mod5" if valid only under the 2023 rule, else %NULL
 *
 * The Ministry of Finance checksum: multiply the digits by 1,2,1,2,1,2,4,1, add the digits of
 * each product, and the sum must be divisible by 5 (by 10 before 2023, when the numbers ran
 * short). When the 7th digit is 7 its product 28 may count as 10 or as 1, so a sum one short
 * of a multiple is valid too.
 *
 * Returns: %TRUE if @id is 8 digits satisfying the current (2023) rule
 */
gboolean
aisle_codes_tw_business_id_check (const char  *id,
                                  const char **rule)
{
  static const int weights[8] = { 1, 2, 1, 2, 1, 2, 4, 1 };
  int sum = 0;
  gboolean seventh_is_7;

  g_return_val_if_fail (id != NULL, FALSE);

  if (rule != NULL)
    *rule = NULL;
  for (int i = 0; i < 8; i++)
    {
      int product;

      if (!g_ascii_isdigit (id[i]))
        return FALSE;
      product = (id[i] - '0') * weights[i];
      sum += product / 10 + product % 10;
    }
  if (id[8] != '\0')
    return FALSE;

  seventh_is_7 = id[6] == '7';
  if (sum % 10 == 0 || (seventh_is_7 && (sum + 1) % 10 == 0))
    {
      if (rule != NULL)
        *rule = "mod10";
      return TRUE;
    }
  if (sum % 5 == 0 || (seventh_is_7 && (sum + 1) % 5 == 0))
    {
      if (rule != NULL)
        *rule = "mod5";
      return TRUE;
    }
  return FALSE;
}

/* Parses an item quantity or price: optional '-', digits, optional fraction. Prices are also
 * converted to minor units with rounding half away from zero. */
static gboolean
parse_decimal (Span      s,
               gboolean *decimal,
               double   *as_double,
               gint64   *minor)
{
  gsize i = 0;
  gboolean negative = FALSE;
  gint64 whole = 0;
  gint64 cents = 0;
  gsize int_digits = 0;
  gsize frac_digits = 0;
  g_autofree char *copy = NULL;

  *decimal = FALSE;
  if (s.len > 0 && s.p[0] == '-')
    {
      negative = TRUE;
      i++;
    }
  for (; i < s.len && g_ascii_isdigit (s.p[i]); i++, int_digits++)
    {
      if (int_digits >= 15)
        return FALSE;
      whole = whole * 10 + (s.p[i] - '0');
    }
  if (int_digits == 0)
    return FALSE;
  if (i < s.len && s.p[i] == '.')
    {
      int round_digit = 0;

      *decimal = TRUE;
      for (i++; i < s.len && g_ascii_isdigit (s.p[i]); i++, frac_digits++)
        {
          if (frac_digits < 2)
            cents = cents * 10 + (s.p[i] - '0');
          else if (frac_digits == 2)
            round_digit = s.p[i] - '0';
          if (frac_digits >= 15)
            return FALSE;
        }
      if (frac_digits == 0)
        return FALSE;
      if (frac_digits == 1)
        cents *= 10;
      if (round_digit >= 5)
        cents++;
    }
  if (i != s.len)
    return FALSE;

  copy = g_strndup ((const char *) s.p, s.len);
  *as_double = g_ascii_strtod (copy, NULL);
  *minor = (whole * 100 + cents) * (negative ? -1 : 1);
  return TRUE;
}

static char *
decode_name (AisleCode             *code,
             Span                   s,
             AisleEInvoiceEncoding  encoding,
             const char            *field,
             gboolean              *big5_used)
{
  gboolean ascii = TRUE;

  for (gsize i = 0; i < s.len; i++)
    if (s.p[i] >= 0x80 || s.p[i] == 0)
      ascii = FALSE;

  switch (encoding)
    {
    case AISLE_EINVOICE_ENCODING_BIG5:
      {
        char *utf8;

        if (ascii)
          return g_strndup ((const char *) s.p, s.len);
        /* CP950 is Microsoft's Big5 with the extensions POS systems actually emit; plain BIG5
         * is the fallback for iconv builds without it. */
        utf8 = g_convert ((const char *) s.p, (gssize) s.len, "UTF-8", "CP950", NULL, NULL, NULL);
        if (utf8 == NULL)
          utf8 = g_convert ((const char *) s.p, (gssize) s.len, "UTF-8", "BIG5", NULL, NULL, NULL);
        if (utf8 != NULL && g_utf8_validate (utf8, -1, NULL) && strlen (utf8) > 0)
          {
            *big5_used = TRUE;
            return utf8;
          }
        g_free (utf8);
        _aisle_code_add_warning (code, AISLE_CODES_WARNING_ITEM_NAME_ENCODING, field,
                                 "flag 0 declares Big5 but the name is not Big5%s",
                                 g_utf8_validate ((const char *) s.p, (gssize) s.len, NULL)
                                   ? " (it is valid UTF-8)"
                                   : "");
        return NULL;
      }

    case AISLE_EINVOICE_ENCODING_UTF8:
      if (g_utf8_validate ((const char *) s.p, (gssize) s.len, NULL) && memchr (s.p, 0, s.len) == NULL)
        return g_strndup ((const char *) s.p, s.len);
      _aisle_code_add_warning (code, AISLE_CODES_WARNING_ITEM_NAME_ENCODING, field,
                               "flag 1 declares UTF-8 but the name is not UTF-8");
      return NULL;

    case AISLE_EINVOICE_ENCODING_BASE64:
      {
        g_autofree char *b64 = NULL;
        g_autofree guchar *bytes = NULL;
        gsize n = 0;

        if (s.len % 4 == 0 && span_all (s.p, s.len, is_base64))
          {
            b64 = g_strndup ((const char *) s.p, s.len);
            bytes = g_base64_decode (b64, &n);
            if (g_utf8_validate ((const char *) bytes, (gssize) n, NULL) && memchr (bytes, 0, n) == NULL)
              return g_strndup ((const char *) bytes, n);
          }
        _aisle_code_add_warning (code, AISLE_CODES_WARNING_ITEM_NAME_ENCODING, field,
                                 "flag 2 declares Base64 but the name is not Base64 of UTF-8");
        return NULL;
      }

    case AISLE_EINVOICE_ENCODING_UNKNOWN:
    default:
      if (g_utf8_validate ((const char *) s.p, (gssize) s.len, NULL) && memchr (s.p, 0, s.len) == NULL)
        return g_strndup ((const char *) s.p, s.len);
      _aisle_code_add_warning (code, AISLE_CODES_WARNING_ITEM_NAME_ENCODING, field,
                               "a right code alone: its names are not UTF-8 and the left code's "
                               "flag is needed to decode them");
      return NULL;
    }
}

static GArray *
split_colons (const guint8 *p,
              gsize         len)
{
  GArray *segs = g_array_new (FALSE, FALSE, sizeof (Span));
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    if (i == len || p[i] == ':')
      {
        Span s = { p + start, i - start };

        g_array_append_val (segs, s);
        start = i + 1;
      }
  return segs;
}

/* Parses the name:quantity:price triples of an item area. @more_may_follow: a lone left code,
 * whose last item may continue in the right code, or a lone right code, whose first may have
 * begun in the left. */
static void
parse_items (AisleCode     *code,
             AisleEInvoice *einvoice,
             const guint8  *p,
             gsize          len,
             gboolean       more_may_follow)
{
  g_autoptr(GArray) segs = NULL;
  guint n;
  gboolean big5_used = FALSE;
  gboolean decimal_seen = FALSE;

  if (len == 0)
    return;
  segs = split_colons (p, len);
  n = segs->len;
  if (n > 1 && g_array_index (segs, Span, n - 1).len == 0)
    {
      _aisle_code_add_warning (code, AISLE_CODES_WARNING_TRAILING_SEPARATOR, "items",
                               "a ':' ends the item list");
      n--;
    }

  for (guint i = 0; i + 3 <= n; i += 3)
    {
      Span name = g_array_index (segs, Span, i);
      Span qty = g_array_index (segs, Span, i + 1);
      Span price = g_array_index (segs, Span, i + 2);
      guint index = einvoice->items->len;
      g_autofree char *name_field = g_strdup_printf ("items[%u].name", index);
      g_autofree char *qty_field = g_strdup_printf ("items[%u].quantity", index);
      g_autofree char *price_field = g_strdup_printf ("items[%u].price", index);
      AisleEInvoiceItem *item = g_new0 (AisleEInvoiceItem, 1);
      gboolean decimal = FALSE;
      gint64 unused_minor;
      double unused_double;

      item->name = decode_name (code, name, einvoice->encoding, name_field, &big5_used);
      item->quantity_text = span_text (qty.p, qty.len);
      item->price_text = span_text (price.p, price.len);
      g_ptr_array_add (einvoice->items, item);

      if (item->name != NULL)
        _aisle_code_add_field (code, name_field, item->name);
      else
        {
          g_autofree char *repaired = span_text (name.p, name.len);

          _aisle_code_add_field (code, name_field, repaired);
        }
      _aisle_code_add_field (code, qty_field, item->quantity_text);
      _aisle_code_add_field (code, price_field, item->price_text);

      if (!parse_decimal (qty, &decimal, &item->quantity, &unused_minor))
        _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, qty_field,
                               "a quantity is a decimal number");
      else if (decimal)
        decimal_seen = TRUE;
      if (!parse_decimal (price, &decimal, &unused_double, &item->unit_price))
        _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, price_field,
                               "a price is a decimal number");
      else if (decimal)
        decimal_seen = TRUE;
    }

  if (decimal_seen)
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_DECIMAL_NUMBER, "items",
                             "quantities or prices with a fraction (the spec has integers)");
  if (big5_used)
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_BIG5, "items",
                             "item names are Big5 (flag 0), converted to UTF-8");
  if (n % 3 != 0)
    {
      if (more_may_follow)
        _aisle_code_add_warning (code, AISLE_CODES_WARNING_ITEMS_CONTINUE, "items",
                                 "an item is split between the left and the right code");
      else
        _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "items",
                               "%u fields after the last whole item", n % 3);
    }
}

/* Strips trailing space padding, reporting it */
static gsize
strip_padding (AisleCode    *code,
               const guint8 *p,
               gsize         len,
               gsize         min_len)
{
  gsize n = len;

  while (n > min_len && p[n - 1] == ' ')
    n--;
  if (n < len)
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_PADDING, NULL,
                             "%" G_GSIZE_FORMAT " trailing spaces of padding", len - n);
  return n;
}

static gboolean
parse_hex_amount (AisleCode  *code,
                  Span        s,
                  const char *field,
                  gint64     *out,
                  gboolean   *upper)
{
  gint64 value = 0;

  for (gsize i = 0; i < s.len; i++)
    {
      if (!g_ascii_isxdigit (s.p[i]))
        {
          _aisle_code_add_error (code, AISLE_CODES_ERROR_AMOUNT, field,
                                 "an amount is 8 hexadecimal digits");
          return FALSE;
        }
      if (g_ascii_isupper (s.p[i]))
        *upper = TRUE;
      value = value * 16 + g_ascii_xdigit_value ((gchar) s.p[i]);
    }
  *out = value;
  return TRUE;
}

static void
parse_header (AisleCode     *code,
              AisleEInvoice *inv,
              const guint8  *p)
{
  Span number = { p, 10 }, date = { p + 10, 7 }, random = { p + 17, 4 };
  Span sales = { p + 21, 8 }, total = { p + 29, 8 }, buyer = { p + 37, 8 };
  Span seller = { p + 45, 8 }, verification = { p + 53, 24 };
  gboolean upper = FALSE;
  gboolean amounts_ok;

  inv->number = span_text (number.p, number.len);
  inv->date = span_text (date.p, date.len);
  inv->random_code = span_text (random.p, random.len);
  inv->seller_id = span_text (seller.p, seller.len);
  inv->verification = span_text (verification.p, verification.len);

  _aisle_code_add_field (code, "number", inv->number);
  _aisle_code_add_field (code, "date", inv->date);

  /* ROC year (民國) + 1911; the detection already checked 7 digits */
  inv->year = (date.p[0] - '0') * 100 + (date.p[1] - '0') * 10 + (date.p[2] - '0') + 1911;
  inv->month = (date.p[3] - '0') * 10 + (date.p[4] - '0');
  inv->day = (date.p[5] - '0') * 10 + (date.p[6] - '0');
  if (inv->month >= 1 && inv->month <= 12 && inv->day >= 1 &&
      g_date_valid_dmy ((GDateDay) inv->day, (GDateMonth) inv->month, (GDateYear) inv->year))
    {
      g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", inv->year, inv->month, inv->day);

      _aisle_code_add_field (code, "date_iso", iso);
    }
  else
    _aisle_code_add_error (code, AISLE_CODES_ERROR_DATE, "date", "%s is not a calendar date",
                           inv->date);

  _aisle_code_add_field (code, "random_code", inv->random_code);
  if (!span_all (random.p, random.len, is_digit))
    _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "random_code",
                           "the random code is 4 digits");

  amounts_ok = parse_hex_amount (code, sales, "sales_amount", &inv->sales_amount, &upper);
  amounts_ok &= parse_hex_amount (code, total, "total_amount", &inv->total_amount, &upper);
  if (amounts_ok)
    {
      _aisle_code_add_number (code, "sales_amount", inv->sales_amount);
      _aisle_code_add_number (code, "total_amount", inv->total_amount);
      if (inv->total_amount < inv->sales_amount)
        _aisle_code_add_error (code, AISLE_CODES_ERROR_AMOUNT, "total_amount",
                               "the total (%" G_GINT64_FORMAT ") is below the sales amount "
                               "(%" G_GINT64_FORMAT ")",
                               inv->total_amount, inv->sales_amount);
    }
  if (upper)
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_UPPERCASE_HEX, "total_amount",
                             "amounts in upper-case hexadecimal");

  if (span_equal (buyer, "        "))
    {
      inv->buyer_id = g_strdup ("00000000");
      _aisle_code_add_warning (code, AISLE_CODES_WARNING_BUYER_SPACES, "buyer_id",
                               "8 spaces for a consumer buyer, read as 00000000");
    }
  else
    inv->buyer_id = span_text (buyer.p, buyer.len);
  _aisle_code_add_field (code, "buyer_id", inv->buyer_id);
  if (strlen (inv->buyer_id) != 8 || !span_all ((const guint8 *) inv->buyer_id, 8, is_digit))
    _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "buyer_id", "the buyer id is 8 digits");
  else if (strcmp (inv->buyer_id, "00000000") != 0 &&
           !aisle_codes_tw_business_id_check (inv->buyer_id, NULL))
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_BUYER_CHECKSUM, "buyer_id",
                             "the buyer 統一編號 %s fails the checksum", inv->buyer_id);

  _aisle_code_add_field (code, "seller_id", inv->seller_id);
  if (!span_all (seller.p, seller.len, is_digit))
    _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "seller_id", "the seller id is 8 digits");
  else if (aisle_codes_tw_business_id_check (inv->seller_id, &inv->seller_id_rule))
    _aisle_code_add_field (code, "seller_id_rule", inv->seller_id_rule);
  else
    _aisle_code_add_error (code, AISLE_CODES_ERROR_CHECKSUM, "seller_id",
                           "the seller 統一編號 %s fails the checksum", inv->seller_id);

  _aisle_code_add_field (code, "verification", inv->verification);
  if (!span_all (verification.p, verification.len, is_base64))
    _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "verification",
                           "the verification block is 24 Base64 characters");
}

static gboolean
parse_count (AisleCode  *code,
             Span        s,
             const char *field,
             int        *out)
{
  int value = 0;

  if (s.len == 0 || s.len > 6 || !span_all (s.p, s.len, is_digit))
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, field, "a count is 1-6 digits");
      return FALSE;
    }
  for (gsize i = 0; i < s.len; i++)
    value = value * 10 + (s.p[i] - '0');
  *out = value;
  _aisle_code_add_number (code, field, value);
  return TRUE;
}

static const char *
encoding_name (AisleEInvoiceEncoding encoding)
{
  switch (encoding)
    {
    case AISLE_EINVOICE_ENCODING_BIG5:
      return "big5";
    case AISLE_EINVOICE_ENCODING_UTF8:
      return "utf8";
    case AISLE_EINVOICE_ENCODING_BASE64:
      return "base64";
    case AISLE_EINVOICE_ENCODING_UNKNOWN:
    default:
      return "unknown";
    }
}

/* Does @p look like the start of a left code: track (2 upper-case letters), number (8 digits),
 * ROC date (7 digits)? */
static gboolean
looks_like_left (const guint8 *p,
                 gsize         len)
{
  return len >= 17 && span_all (p, 2, is_upper) && span_all (p + 2, 15, is_digit);
}

/* The item area of a right code: after `**`, an optional ':' tolerated */
static void
right_body (AisleCode     *code,
            const guint8  *p,
            gsize          len,
            const guint8 **body,
            gsize         *body_len)
{
  const guint8 *b = p + 2;
  gsize n = len - 2;

  if (n == 0 || (n == 1 && (b[0] == ':' || b[0] == '*')))
    {
      g_autofree char *form = span_text (p, len);

      _aisle_code_add_warning (code, AISLE_CODES_WARNING_EMPTY_RIGHT_CODE, "items",
                               "an empty right code '%s'", form);
      n = 0;
    }
  else if (b[0] == ':')
    {
      b++;
      n--;
    }
  *body = b;
  *body_len = n;
}

static AisleCode *
parse_left (const guint8 *data,
            gsize         len,
            const guint8 *right,
            gsize         right_len)
{
  AisleCode *code = _aisle_code_new (AISLE_CODE_KIND_EINVOICE);
  AisleEInvoice *inv = einvoice_new ();
  const guint8 *p = data;
  g_autoptr(GArray) segs = NULL;
  gsize n = len;
  gsize items_start;
  int flag = -1;
  gboolean counts_ok;

  code->einvoice = inv;
  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    {
      _aisle_code_add_warning (code, AISLE_CODES_WARNING_BOM, "number",
                               "a UTF-8 byte-order mark before the invoice number");
      p += 3;
      n -= 3;
    }
  n = strip_padding (code, p, n, MIN (n, HEADER_LEN));
  if (n < HEADER_LEN)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_TRUNCATED, NULL,
                             "%" G_GSIZE_FORMAT " bytes, the left code's header alone has 77", n);
      return code;
    }
  parse_header (code, inv, p);

  /* Header, then ':' custom area ':' recorded ':' total ':' flag ':' items */
  if (n == HEADER_LEN || p[HEADER_LEN] != ':')
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "custom_area",
                             "a ':' and the custom area follow the verification block");
      return code;
    }
  segs = split_colons (p + HEADER_LEN + 1, n - HEADER_LEN - 1);
  if (segs->len < 4)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_SYNTAX, "encoding",
                             "the custom area, item counts and encoding flag are missing");
      return code;
    }

  inv->custom_area = span_text (g_array_index (segs, Span, 0).p, g_array_index (segs, Span, 0).len);
  _aisle_code_add_field (code, "custom_area", inv->custom_area);
  if (strcmp (inv->custom_area, "**********") != 0)
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_CUSTOM_AREA, "custom_area",
                             "custom area '%s' instead of **********", inv->custom_area);

  counts_ok = parse_count (code, g_array_index (segs, Span, 1), "items_recorded",
                           &inv->items_recorded);
  counts_ok &= parse_count (code, g_array_index (segs, Span, 2), "items_total", &inv->items_total);

  {
    Span f = g_array_index (segs, Span, 3);

    if (f.len == 1 && f.p[0] >= '0' && f.p[0] <= '2')
      flag = f.p[0] - '0';
  }
  if (flag < 0)
    {
      _aisle_code_add_error (code, AISLE_CODES_ERROR_ENCODING, "encoding",
                             "the encoding flag is 0 (Big5), 1 (UTF-8) or 2 (Base64)");
      return code;
    }
  inv->encoding = (AisleEInvoiceEncoding) flag;
  _aisle_code_add_field (code, "encoding", encoding_name (inv->encoding));

  /* The item area is what follows the flag's ':' (if any) */
  {
    Span f = g_array_index (segs, Span, 3);

    items_start = (gsize) (f.p + f.len - p);
    if (items_start < n)
      items_start++;
  }

  if (right == NULL)
    parse_items (code, inv, p + items_start, n - items_start, TRUE);
  else
    {
      /* Join the two item areas. A left area ending in a whole item needs a ':' between */
      g_autoptr(GByteArray) joined = g_byte_array_new ();
      gsize left_items_len = n - items_start;
      g_autoptr(GArray) left_segs = split_colons (p + items_start, left_items_len);
      gboolean whole = left_items_len == 0 || p[n - 1] == ':' || left_segs->len % 3 == 0;

      g_byte_array_append (joined, p + items_start, (guint) left_items_len);
      if (left_items_len > 0 && p[n - 1] != ':' && right_len > 0 && (whole || right[0] != ':'))
        g_byte_array_append (joined, (const guint8 *) ":", 1);
      g_byte_array_append (joined, right, (guint) right_len);
      parse_items (code, inv, joined->data, joined->len, FALSE);
    }

  if (!counts_ok)
    return code;
  if (right == NULL && (int) inv->items->len < inv->items_recorded &&
      !aisle_code_has_warning (code, AISLE_CODES_WARNING_ITEMS_CONTINUE))
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_ITEMS_CONTINUE, "items",
                             "%u of %d recorded items here, the rest are in the right code",
                             inv->items->len, inv->items_recorded);
  else if ((right == NULL && (int) inv->items->len > inv->items_recorded) ||
           (right != NULL && (int) inv->items->len != inv->items_recorded))
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_ITEM_COUNT, "items_recorded",
                             "%u items, %d recorded", inv->items->len, inv->items_recorded);
  return code;
}

static AisleCode *
parse_right (const guint8 *data,
             gsize         len)
{
  AisleCode *code = _aisle_code_new (AISLE_CODE_KIND_EINVOICE_RIGHT);
  AisleEInvoice *inv = einvoice_new ();
  const guint8 *body;
  gsize body_len;
  gsize n;

  code->einvoice = inv;
  n = strip_padding (code, data, len, 2);
  right_body (code, data, n, &body, &body_len);
  parse_items (code, inv, body, body_len, TRUE);
  if (inv->items->len > 0)
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_ENCODING_UNKNOWN, "items",
                             "the encoding flag is in the left code; names kept only if UTF-8");
  return code;
}

AisleCode *
_aisle_codes_parse_einvoice (const guint8            *data,
                             gsize                    len,
                             const AisleCodesContext *ctx)
{
  const guint8 *p = data;
  gsize n = len;

  if (n >= 2 && p[0] == '*' && p[1] == '*')
    return parse_right (data, len);
  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    {
      p += 3;
      n -= 3;
    }
  if (!looks_like_left (p, n))
    return NULL;
  return parse_left (data, len, NULL, 0);
}

/**
 * aisle_codes_join_einvoice:
 * @left: an %AISLE_CODE_KIND_EINVOICE code
 * @right: an %AISLE_CODE_KIND_EINVOICE_RIGHT code of the same invoice
 *
 * Re-parses the pair as one invoice, so the right code's item names are decoded with the left
 * code's encoding flag (a right code alone can't know it) and an item split between the two
 * codes is whole again. The result's raw bytes are the left code's; its text is both codes'
 * texts separated by a newline.
 *
 * Returns: (transfer full): an %AISLE_CODE_KIND_EINVOICE code with all items
 */
AisleCode *
aisle_codes_join_einvoice (const AisleCode *left,
                           const AisleCode *right)
{
  const guint8 *l, *r;
  gsize l_len, r_len, n;
  const guint8 *body;
  gsize body_len;
  AisleCode *code;
  g_autoptr(AisleCode) scratch = NULL;

  g_return_val_if_fail (left != NULL && left->kind == AISLE_CODE_KIND_EINVOICE, NULL);
  g_return_val_if_fail (right != NULL && right->kind == AISLE_CODE_KIND_EINVOICE_RIGHT, NULL);

  l = g_bytes_get_data (left->raw, &l_len);
  r = g_bytes_get_data (right->raw, &r_len);
  /* The stored raw bytes keep a wedge scanner's trailer; classification stripped it */
  while (l_len > 0 && (l[l_len - 1] == '\r' || l[l_len - 1] == '\n' || l[l_len - 1] == '\t' ||
                       l[l_len - 1] == '\0'))
    l_len--;
  while (r_len > 0 && (r[r_len - 1] == '\r' || r[r_len - 1] == '\n' || r[r_len - 1] == '\t' ||
                       r[r_len - 1] == '\0'))
    r_len--;

  /* The right code's warnings (padding, empty form) are reported on the joined result too */
  code = _aisle_code_new (AISLE_CODE_KIND_EINVOICE);
  n = strip_padding (code, r, r_len, 2);
  right_body (code, r, n, &body, &body_len);
  scratch = parse_left (l, l_len, body, body_len);

  /* Move the right code's warnings after the left's */
  while (code->warnings->len > 0)
    g_ptr_array_add (scratch->warnings, g_ptr_array_steal_index (code->warnings, 0));
  aisle_code_unref (code);
  code = g_steal_pointer (&scratch);

  code->raw = g_bytes_ref (left->raw);
  code->text = g_strconcat (left->text, "\n", right->text, NULL);
  return code;
}

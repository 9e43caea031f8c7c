/* aisle-codes.c: the classify entry point and the AisleCode result
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-codes"

#include "config.h"

#include <string.h>

#include "aisle-codes-private.h"

G_DEFINE_QUARK (aisle-codes-error-quark, aisle_codes_error)

static const char * const kind_names[] = {
  [AISLE_CODE_KIND_UNKNOWN] = "unknown",
  [AISLE_CODE_KIND_PRODUCT] = "product",
  [AISLE_CODE_KIND_MEMBER_CARD] = "member_card",
  [AISLE_CODE_KIND_MEMBER_NUMBER] = "member_number",
  [AISLE_CODE_KIND_STAFF_BADGE] = "staff_badge",
  [AISLE_CODE_KIND_COUPON] = "coupon",
  [AISLE_CODE_KIND_EINVOICE] = "einvoice",
  [AISLE_CODE_KIND_EINVOICE_RIGHT] = "einvoice_right",
  [AISLE_CODE_KIND_CARRIER] = "carrier",
  [AISLE_CODE_KIND_BINDING_LINK] = "binding_link",
  [AISLE_CODE_KIND_ENROL_LINK] = "enrol_link",
};

static const char * const error_names[] = {
  [AISLE_CODES_ERROR_EMPTY] = "empty",
  [AISLE_CODES_ERROR_TOO_LONG] = "too_long",
  [AISLE_CODES_ERROR_SYNTAX] = "syntax",
  [AISLE_CODES_ERROR_CHECK_DIGIT] = "check_digit",
  [AISLE_CODES_ERROR_CHECKSUM] = "checksum",
  [AISLE_CODES_ERROR_DATE] = "date",
  [AISLE_CODES_ERROR_AMOUNT] = "amount",
  [AISLE_CODES_ERROR_ENCODING] = "encoding",
  [AISLE_CODES_ERROR_TRUNCATED] = "truncated",
  [AISLE_CODES_ERROR_UNSUPPORTED_VERSION] = "unsupported_version",
  [AISLE_CODES_ERROR_BAD_SIGNATURE] = "bad_signature",
  [AISLE_CODES_ERROR_UNKNOWN_KEY] = "unknown_key",
  [AISLE_CODES_ERROR_REVOKED_KEY] = "revoked_key",
  [AISLE_CODES_ERROR_EXPIRED] = "expired",
  [AISLE_CODES_ERROR_NOT_YET_VALID] = "not_yet_valid",
  [AISLE_CODES_ERROR_INVALID_ARGUMENT] = "invalid_argument",
};

static const char * const warning_names[] = {
  [AISLE_CODES_WARNING_BOM] = "bom",
  [AISLE_CODES_WARNING_PADDING] = "padding",
  [AISLE_CODES_WARNING_BUYER_SPACES] = "buyer_spaces",
  [AISLE_CODES_WARNING_CUSTOM_AREA] = "custom_area",
  [AISLE_CODES_WARNING_UPPERCASE_HEX] = "uppercase_hex",
  [AISLE_CODES_WARNING_DECIMAL_NUMBER] = "decimal_number",
  [AISLE_CODES_WARNING_EMPTY_RIGHT_CODE] = "empty_right_code",
  [AISLE_CODES_WARNING_ITEMS_CONTINUE] = "items_continue",
  [AISLE_CODES_WARNING_BIG5] = "big5",
  [AISLE_CODES_WARNING_TRAILING_SEPARATOR] = "trailing_separator",
  [AISLE_CODES_WARNING_ITEM_COUNT] = "item_count",
  [AISLE_CODES_WARNING_ENCODING_UNKNOWN] = "encoding_unknown",
  [AISLE_CODES_WARNING_BUYER_CHECKSUM] = "buyer_checksum",
  [AISLE_CODES_WARNING_INVALID_UTF8] = "invalid_utf8",
  [AISLE_CODES_WARNING_LOWER_CASE] = "lower_case",
  [AISLE_CODES_WARNING_SYMBOLOGY_AMBIGUOUS] = "symbology_ambiguous",
  [AISLE_CODES_WARNING_FOREIGN_HOST] = "foreign_host",
  [AISLE_CODES_WARNING_IGNORED_TRAILER] = "ignored_trailer",
  [AISLE_CODES_WARNING_ITEM_NAME_ENCODING] = "item_name_encoding",
};

static const char * const symbology_names[] = {
  [AISLE_SYMBOLOGY_NONE] = "none",
  [AISLE_SYMBOLOGY_EAN13] = "ean13",
  [AISLE_SYMBOLOGY_EAN8] = "ean8",
  [AISLE_SYMBOLOGY_UPCA] = "upca",
  [AISLE_SYMBOLOGY_UPCE] = "upce",
  [AISLE_SYMBOLOGY_QR] = "qr",
  [AISLE_SYMBOLOGY_CODE128] = "code128",
  [AISLE_SYMBOLOGY_CODE39] = "code39",
};

/**
 * aisle_code_kind_to_string:
 * @kind: an #AisleCodeKind
 *
 * Returns: (transfer none): the stable name of @kind ("product", "einvoice" ...), the JSON "type"
 */
const char *
aisle_code_kind_to_string (AisleCodeKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return kind_names[AISLE_CODE_KIND_UNKNOWN];
  return kind_names[kind];
}

/**
 * aisle_codes_error_to_string:
 * @code: an #AisleCodesError
 *
 * Returns: (transfer none): the stable name of @code, e.g. "bad_signature"
 */
const char *
aisle_codes_error_to_string (AisleCodesError code)
{
  if ((guint) code >= G_N_ELEMENTS (error_names))
    return "unknown";
  return error_names[code];
}

/**
 * aisle_codes_warning_to_string:
 * @code: an #AisleCodesWarning
 *
 * Returns: (transfer none): the stable name of @code, e.g. "bom"
 */
const char *
aisle_codes_warning_to_string (AisleCodesWarning code)
{
  if ((guint) code >= G_N_ELEMENTS (warning_names))
    return "unknown";
  return warning_names[code];
}

/**
 * aisle_symbology_to_string:
 * @symbology: an #AisleSymbology
 *
 * Returns: (transfer none): the stable name of @symbology, e.g. "ean13"
 */
const char *
aisle_symbology_to_string (AisleSymbology symbology)
{
  if ((guint) symbology >= G_N_ELEMENTS (symbology_names))
    return symbology_names[AISLE_SYMBOLOGY_NONE];
  return symbology_names[symbology];
}

/* --- classification ---------------------------------------------------------------------- */

gint64
_aisle_codes_context_now (const AisleCodesContext *ctx)
{
  if (ctx != NULL && ctx->now != 0)
    return ctx->now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
hex_string (const guint8 *data,
            gsize         len)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (len * 2 + 1);

  for (gsize i = 0; i < len; i++)
    {
      out[2 * i] = digits[data[i] >> 4];
      out[2 * i + 1] = digits[data[i] & 0xf];
    }
  out[len * 2] = '\0';
  return out;
}

static AisleCode *
classify_unknown (const guint8 *data,
                  gsize         len)
{
  AisleCode *code = _aisle_code_new (AISLE_CODE_KIND_UNKNOWN);
  g_autofree char *text = g_utf8_make_valid ((const char *) data, (gssize) len);

  _aisle_code_add_field (code, "text", text);
  if (!g_utf8_validate ((const char *) data, (gssize) len, NULL) || memchr (data, 0, len) != NULL)
    {
      g_autofree char *hex = hex_string (data, len);

      _aisle_code_add_field (code, "hex", hex);
    }
  return code;
}

typedef AisleCode *(*ParseFunc) (const guint8            *data,
                                 gsize                    len,
                                 const AisleCodesContext *ctx);

/**
 * aisle_codes_classify:
 * @data: (array length=len) (nullable): the bytes a decoder produced, not necessarily UTF-8
 *   or NUL-terminated (ZBar in binary mode gives Big5 e-invoice names as they are)
 * @len: the number of bytes
 * @ctx: (nullable): time, key ring and decoder hints; %NULL for defaults
 *
 * Classifies one scan. Never fails: input that is nothing known (including empty, oversized or
 * binary input) is an %AISLE_CODE_KIND_UNKNOWN with the text in the "text" field. A wedge
 * scanner's trailing CR, LF or tab is stripped with a warning.
 *
 * Returns: (transfer full): the result
 */
AisleCode *
aisle_codes_classify (const guint8            *data,
                      gsize                    len,
                      const AisleCodesContext *ctx)
{
  static const ParseFunc parsers[] = {
    _aisle_codes_parse_einvoice,
    _aisle_codes_parse_token,
    _aisle_codes_parse_carrier,
    _aisle_codes_parse_misc,
    _aisle_codes_parse_product,
  };
  AisleCode *code = NULL;
  gsize payload_len = len;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (data == NULL)
    data = (const guint8 *) "";

  if (len > AISLE_CODES_MAX_INPUT)
    {
      code = _aisle_code_new (AISLE_CODE_KIND_UNKNOWN);
      _aisle_code_add_error (code, AISLE_CODES_ERROR_TOO_LONG, NULL,
                             "%" G_GSIZE_FORMAT " bytes is more than any code holds", len);
    }
  else
    {
      while (payload_len > 0 && (data[payload_len - 1] == '\r' || data[payload_len - 1] == '\n' ||
                                 data[payload_len - 1] == '\t' || data[payload_len - 1] == '\0'))
        payload_len--;

      if (payload_len == 0)
        {
          code = classify_unknown (data, len);
          _aisle_code_add_error (code, AISLE_CODES_ERROR_EMPTY, NULL, "nothing was scanned");
        }
      for (guint i = 0; code == NULL && i < G_N_ELEMENTS (parsers); i++)
        code = parsers[i](data, payload_len, ctx);
      if (code == NULL)
        code = classify_unknown (data, payload_len);
      else if (payload_len < len)
        _aisle_code_add_warning (code, AISLE_CODES_WARNING_IGNORED_TRAILER, NULL,
                                 "%" G_GSIZE_FORMAT " control characters after the code ignored",
                                 len - payload_len);
    }

  code->raw = g_bytes_new (data, len);
  code->text = g_utf8_make_valid ((const char *) data, (gssize) MIN (len, AISLE_CODES_MAX_INPUT));
  if (code->kind != AISLE_CODE_KIND_UNKNOWN &&
      !g_utf8_validate ((const char *) data, (gssize) len, NULL) &&
      !aisle_code_has_warning (code, AISLE_CODES_WARNING_BIG5))
    _aisle_code_add_warning (code, AISLE_CODES_WARNING_INVALID_UTF8, NULL,
                             "the input is not valid UTF-8");
  return code;
}

/**
 * aisle_codes_classify_text:
 * @text: a NUL-terminated string, e.g. from a keyboard-wedge scanner or typed by hand
 * @ctx: (nullable): see aisle_codes_classify()
 *
 * Returns: (transfer full): the result, see aisle_codes_classify()
 */
AisleCode *
aisle_codes_classify_text (const char              *text,
                           const AisleCodesContext *ctx)
{
  g_return_val_if_fail (text != NULL, NULL);

  return aisle_codes_classify ((const guint8 *) text, strlen (text), ctx);
}

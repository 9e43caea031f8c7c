/* test-core-codes.c: product barcodes, carriers, short codes, unknown input and the result API
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-codes"

#include "config.h"

#include <string.h>

#include "aisle-codes.h"
#include "aisle-test.h"

static AisleCode *
classify_with (const char     *text,
               AisleSymbology  symbology)
{
  AisleCodesContext ctx = { 0 };

  ctx.symbology = symbology;
  return aisle_codes_classify_text (text, &ctx);
}

static void
assert_product (const char     *text,
                AisleSymbology  hint,
                AisleSymbology  symbology,
                const char     *gtin13,
                const char     *upca)
{
  g_autoptr(AisleCode) code = classify_with (text, hint);
  const AisleProductCode *product;

  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_PRODUCT);
  g_assert_true (aisle_code_is_valid (code));
  product = aisle_code_get_product (code);
  g_assert_nonnull (product);
  g_assert_cmpint (product->symbology, ==, symbology);
  g_assert_cmpstr (product->gtin13, ==, gtin13);
  g_assert_cmpstr (product->upca, ==, upca);
  g_assert_cmpstr (aisle_code_lookup_field (code, "gtin13"), ==, gtin13);
  g_assert_cmpstr (aisle_code_lookup_field (code, "symbology"), ==,
                   aisle_symbology_to_string (symbology));
}

static void
test_product_ean13 (void)
{
  /* Real products: 維他露 (Taiwan), GS1's example, a Stabilo pen, a Taiwanese ISBN */
  assert_product ("4710088410153", AISLE_SYMBOLOGY_NONE, AISLE_SYMBOLOGY_EAN13, "4710088410153", NULL);
  assert_product ("5901234123457", AISLE_SYMBOLOGY_EAN13, AISLE_SYMBOLOGY_EAN13, "5901234123457", NULL);
  assert_product ("4006381333931", AISLE_SYMBOLOGY_NONE, AISLE_SYMBOLOGY_EAN13, "4006381333931", NULL);
  assert_product ("9789573317241", AISLE_SYMBOLOGY_NONE, AISLE_SYMBOLOGY_EAN13, "9789573317241", NULL);
}

static void
test_product_bad_check_digit (void)
{
  const char *bad[] = { "4710088410154", "5901234123450", "036000291453", "96385075", "04252615" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(AisleCode) code = aisle_codes_classify_text (bad[i], NULL);
      const AisleCodeIssue *issue;

      g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_PRODUCT);
      g_assert_false (aisle_code_is_valid (code));
      g_assert_cmpuint (aisle_code_get_n_errors (code), ==, 1);
      issue = aisle_code_get_error (code, 0);
      g_assert_cmpuint (issue->code, ==, AISLE_CODES_ERROR_CHECK_DIGIT);
      g_assert_cmpstr (issue->name, ==, "check_digit");
      g_assert_cmpstr (issue->field, ==, "digits");
    }
}

static void
test_product_ean8_upca (void)
{
  assert_product ("96385074", AISLE_SYMBOLOGY_NONE, AISLE_SYMBOLOGY_EAN8, "0000096385074", NULL);
  assert_product ("73513537", AISLE_SYMBOLOGY_EAN8, AISLE_SYMBOLOGY_EAN8, "0000073513537", NULL);
  assert_product ("036000291452", AISLE_SYMBOLOGY_NONE, AISLE_SYMBOLOGY_UPCA, "0036000291452",
                  "036000291452");
  /* A decoder reporting UPC-A in its 13-digit EAN form */
  assert_product ("0036000291452", AISLE_SYMBOLOGY_UPCA, AISLE_SYMBOLOGY_UPCA, "0036000291452",
                  "036000291452");
}

static void
test_product_upce (void)
{
  /* One case per expansion rule: last digit 0-2, 3, 4 and 5-9; number systems 0 and 1 */
  assert_product ("04252614", AISLE_SYMBOLOGY_UPCE, AISLE_SYMBOLOGY_UPCE, "0042100005264",
                  "042100005264");
  assert_product ("01234531", AISLE_SYMBOLOGY_UPCE, AISLE_SYMBOLOGY_UPCE, "0012300000451",
                  "012300000451");
  assert_product ("01234543", AISLE_SYMBOLOGY_UPCE, AISLE_SYMBOLOGY_UPCE, "0012340000053",
                  "012340000053");
  assert_product ("01234572", AISLE_SYMBOLOGY_UPCE, AISLE_SYMBOLOGY_UPCE, "0012345000072",
                  "012345000072");
  assert_product ("16543205", AISLE_SYMBOLOGY_UPCE, AISLE_SYMBOLOGY_UPCE, "0165000004325",
                  "165000004325");
  /* Without a hint, 8 digits valid only as UPC-E are UPC-E */
  assert_product ("04252614", AISLE_SYMBOLOGY_NONE, AISLE_SYMBOLOGY_UPCE, "0042100005264",
                  "042100005264");
}

static void
test_product_ambiguous (void)
{
  /* 01234565 is a valid EAN-8 and a valid UPC-E (of 012345000065) */
  g_autoptr(AisleCode) code = aisle_codes_classify_text ("01234565", NULL);
  g_autoptr(AisleCode) hinted = classify_with ("01234565", AISLE_SYMBOLOGY_UPCE);

  g_assert_true (aisle_code_is_valid (code));
  g_assert_cmpint (aisle_code_get_product (code)->symbology, ==, AISLE_SYMBOLOGY_EAN8);
  g_assert_true (aisle_code_has_warning (code, AISLE_CODES_WARNING_SYMBOLOGY_AMBIGUOUS));
  g_assert_cmpint (aisle_code_get_product (hinted)->symbology, ==, AISLE_SYMBOLOGY_UPCE);
  g_assert_cmpstr (aisle_code_get_product (hinted)->upca, ==, "012345000065");
  g_assert_cmpuint (aisle_code_get_n_warnings (hinted), ==, 0);
}

static void
test_product_not_digits (void)
{
  const char *other[] = { "471008841015", "47100884101530", "4710088410a53", "1234567" };

  /* 12 digits are UPC-A, so "471008841015" is a product with a bad check digit */
  for (guint i = 1; i < G_N_ELEMENTS (other); i++)
    {
      g_autoptr(AisleCode) code = aisle_codes_classify_text (other[i], NULL);

      g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_UNKNOWN);
    }
}

static void
test_product_wedge_trailer (void)
{
  g_autoptr(AisleCode) code = aisle_codes_classify_text ("4710088410153\r\n", NULL);

  g_assert_true (aisle_code_is_valid (code));
  g_assert_cmpstr (aisle_code_get_product (code)->gtin13, ==, "4710088410153");
  g_assert_true (aisle_code_has_warning (code, AISLE_CODES_WARNING_IGNORED_TRAILER));
  g_assert_cmpuint (g_bytes_get_size (aisle_code_get_raw (code)), ==, 15);
}

static void
test_carrier (void)
{
  g_autoptr(AisleCode) ok = aisle_codes_classify_text ("/AB12+.-", NULL);
  g_autoptr(AisleCode) lower = aisle_codes_classify_text ("/abc.123", NULL);
  g_autoptr(AisleCode) short_code = aisle_codes_classify_text ("/ABC", NULL);
  g_autoptr(AisleCode) long_code = aisle_codes_classify_text ("/ABCDEFGH", NULL);
  g_autoptr(AisleCode) space = aisle_codes_classify_text ("/AB 1234", NULL);
  g_autoptr(AisleCode) path = aisle_codes_classify_text ("/usr/bin", NULL);

  g_assert_cmpint (aisle_code_get_kind (ok), ==, AISLE_CODE_KIND_CARRIER);
  g_assert_true (aisle_code_is_valid (ok));
  g_assert_cmpstr (aisle_code_lookup_field (ok, "carrier"), ==, "/AB12+.-");

  g_assert_true (aisle_code_is_valid (lower));
  g_assert_cmpstr (aisle_code_lookup_field (lower, "carrier"), ==, "/ABC.123");
  g_assert_true (aisle_code_has_warning (lower, AISLE_CODES_WARNING_LOWER_CASE));

  g_assert_cmpint (aisle_code_get_kind (short_code), ==, AISLE_CODE_KIND_CARRIER);
  g_assert_true (aisle_code_has_error (short_code, AISLE_CODES_ERROR_SYNTAX));
  g_assert_true (aisle_code_has_error (long_code, AISLE_CODES_ERROR_SYNTAX));
  g_assert_cmpint (aisle_code_get_kind (space), ==, AISLE_CODE_KIND_UNKNOWN);
  g_assert_cmpint (aisle_code_get_kind (path), ==, AISLE_CODE_KIND_UNKNOWN);
}

static void
test_member_number (void)
{
  g_autoptr(AisleCode) ok = aisle_codes_classify_text ("M00012345", NULL);
  g_autoptr(AisleCode) lower = aisle_codes_classify_text ("m123456", NULL);
  g_autoptr(AisleCode) too_short = aisle_codes_classify_text ("M12345", NULL);
  g_autoptr(AisleCode) letters = aisle_codes_classify_text ("MARKET1", NULL);

  g_assert_cmpint (aisle_code_get_kind (ok), ==, AISLE_CODE_KIND_MEMBER_NUMBER);
  g_assert_true (aisle_code_is_valid (ok));
  g_assert_cmpstr (aisle_code_lookup_field (ok, "member_number"), ==, "M00012345");
  g_assert_cmpstr (aisle_code_lookup_field (lower, "member_number"), ==, "M123456");
  g_assert_true (aisle_code_has_warning (lower, AISLE_CODES_WARNING_LOWER_CASE));
  g_assert_cmpint (aisle_code_get_kind (too_short), ==, AISLE_CODE_KIND_UNKNOWN);
  g_assert_cmpint (aisle_code_get_kind (letters), ==, AISLE_CODE_KIND_UNKNOWN);
}

static void
test_staff_badge (void)
{
  g_autoptr(AisleCode) ok = aisle_codes_classify_text ("AS-S0001", NULL);
  g_autoptr(AisleCode) lower = aisle_codes_classify_text ("as-s0001", NULL);
  g_autoptr(AisleCode) empty = aisle_codes_classify_text ("AS-", NULL);
  g_autoptr(AisleCode) bad = aisle_codes_classify_text ("AS-S 01", NULL);

  g_assert_cmpint (aisle_code_get_kind (ok), ==, AISLE_CODE_KIND_STAFF_BADGE);
  g_assert_true (aisle_code_is_valid (ok));
  g_assert_cmpstr (aisle_code_lookup_field (ok, "staff_id"), ==, "S0001");
  g_assert_cmpstr (aisle_code_lookup_field (lower, "staff_id"), ==, "S0001");
  g_assert_true (aisle_code_has_warning (lower, AISLE_CODES_WARNING_LOWER_CASE));
  g_assert_cmpint (aisle_code_get_kind (empty), ==, AISLE_CODE_KIND_UNKNOWN);
  g_assert_cmpint (aisle_code_get_kind (bad), ==, AISLE_CODE_KIND_UNKNOWN);
}

static void
test_coupon (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *coupon = aisle_codes_make_coupon_code ("spring24", &error);
  g_autofree char *typo = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *bad_body = NULL;
  gsize len;

  g_assert_no_error (error);
  g_assert_nonnull (coupon);
  g_assert_true (g_str_has_prefix (coupon, "AC-SPRING24"));
  len = strlen (coupon);
  g_assert_cmpuint (len, ==, strlen ("AC-SPRING24") + 1);

  {
    g_autoptr(AisleCode) code = aisle_codes_classify_text (coupon, NULL);
    g_autofree char *lower = g_ascii_strdown (coupon, -1);
    g_autoptr(AisleCode) lower_code = aisle_codes_classify_text (lower, NULL);

    g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_COUPON);
    g_assert_true (aisle_code_is_valid (code));
    g_assert_cmpstr (aisle_code_lookup_field (code, "coupon"), ==, coupon);
    g_assert_true (aisle_code_is_valid (lower_code));
    g_assert_true (aisle_code_has_warning (lower_code, AISLE_CODES_WARNING_LOWER_CASE));
  }

  /* Every single-character substitution is caught */
  for (gsize i = 3; i < len; i++)
    {
      typo = g_strdup (coupon);
      typo[i] = typo[i] == 'Z' ? 'Y' : (typo[i] == '9' ? 'A' : typo[i] + 1);
      {
        g_autoptr(AisleCode) code = aisle_codes_classify_text (typo, NULL);

        g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_COUPON);
        g_assert_true (aisle_code_has_error (code, AISLE_CODES_ERROR_CHECK_DIGIT));
      }
      g_clear_pointer (&typo, g_free);
    }

  /* An adjacent swap of different characters: "SP" → "PS" */
  swapped = g_strdup (coupon);
  swapped[3] = 'P';
  swapped[4] = 'S';
  {
    g_autoptr(AisleCode) code = aisle_codes_classify_text (swapped, NULL);

    g_assert_true (aisle_code_has_error (code, AISLE_CODES_ERROR_CHECK_DIGIT));
  }

  bad_body = aisle_codes_make_coupon_code ("AB", &error);
  g_assert_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT);
  g_assert_null (bad_body);
  g_clear_error (&error);
  g_assert_null (aisle_codes_make_coupon_code ("SALE-24", &error));
  g_assert_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT);
}

static void
test_business_id (void)
{
  /* Sellers of real invoices in ../shared/testdata/einvoice/public-strings.tsv and the Ministry
   * of Finance's examples; all predate 2023, so all pass the old mod 10 rule */
  const char *real[] = { "24789457", "50865486", "53538851", "01012145", "04595257", "10458575" };
  const char *rule = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (real); i++)
    {
      g_assert_true (aisle_codes_tw_business_id_check (real[i], &rule));
      g_assert_cmpstr (rule, ==, "mod10");
    }

  /* 7th digit 7: 4 x 7 = 28 counts as 10 or 1, so a sum one short also passes (29 + 1) */
  g_assert_true (aisle_codes_tw_business_id_check ("10458574", &rule));
  g_assert_cmpstr (rule, ==, "mod10");
  g_assert_false (aisle_codes_tw_business_id_check ("10458674", &rule));

  /* Digit sum 25: valid only under the 2023 rule */
  g_assert_true (aisle_codes_tw_business_id_check ("10000004", &rule));
  g_assert_cmpstr (rule, ==, "mod5");
  /* 7th digit 7 with sum 14: 15 is a multiple of 5 only */
  g_assert_true (aisle_codes_tw_business_id_check ("10000073", &rule));
  g_assert_cmpstr (rule, ==, "mod5");
  g_assert_true (aisle_codes_tw_business_id_check ("10000078", &rule));
  g_assert_cmpstr (rule, ==, "mod10");

  /* Test-data placeholders and malformed ids fail */
  g_assert_false (aisle_codes_tw_business_id_check ("12345678", &rule));
  g_assert_null (rule);
  g_assert_false (aisle_codes_tw_business_id_check ("88888888", NULL));
  g_assert_false (aisle_codes_tw_business_id_check ("10000003", NULL));
  g_assert_false (aisle_codes_tw_business_id_check ("1234567", NULL));
  g_assert_false (aisle_codes_tw_business_id_check ("247894570", NULL));
  g_assert_false (aisle_codes_tw_business_id_check ("2478945A", NULL));
}

static void
test_unknown (void)
{
  static const guint8 binary[] = { 0xff, 0xfe, 0x00, 0x41, 0xc3 };
  g_autoptr(AisleCode) hello = aisle_codes_classify_text ("hello world", NULL);
  g_autoptr(AisleCode) empty = aisle_codes_classify (NULL, 0, NULL);
  g_autoptr(AisleCode) newline = aisle_codes_classify_text ("\r\n", NULL);
  g_autoptr(AisleCode) bin = aisle_codes_classify (binary, sizeof binary, NULL);
  g_autoptr(AisleCode) url = aisle_codes_classify_text ("https://example.com/index.html", NULL);
  g_autofree guint8 *big = g_malloc0 (AISLE_CODES_MAX_INPUT + 1);
  g_autoptr(AisleCode) too_long = NULL;

  g_assert_cmpint (aisle_code_get_kind (hello), ==, AISLE_CODE_KIND_UNKNOWN);
  g_assert_false (aisle_code_is_valid (hello));
  g_assert_cmpuint (aisle_code_get_n_errors (hello), ==, 0);
  g_assert_cmpstr (aisle_code_lookup_field (hello, "text"), ==, "hello world");
  g_assert_cmpstr (aisle_code_get_kind_name (hello), ==, "unknown");

  g_assert_true (aisle_code_has_error (empty, AISLE_CODES_ERROR_EMPTY));
  g_assert_cmpstr (aisle_code_get_text (empty), ==, "");
  g_assert_true (aisle_code_has_error (newline, AISLE_CODES_ERROR_EMPTY));

  g_assert_cmpint (aisle_code_get_kind (bin), ==, AISLE_CODE_KIND_UNKNOWN);
  g_assert_cmpstr (aisle_code_lookup_field (bin, "hex"), ==, "fffe0041c3");
  g_assert_true (g_utf8_validate (aisle_code_lookup_field (bin, "text"), -1, NULL));
  g_assert_true (g_utf8_validate (aisle_code_get_text (bin), -1, NULL));

  g_assert_cmpint (aisle_code_get_kind (url), ==, AISLE_CODE_KIND_UNKNOWN);

  memset (big, '1', AISLE_CODES_MAX_INPUT + 1);
  too_long = aisle_codes_classify (big, AISLE_CODES_MAX_INPUT + 1, NULL);
  g_assert_cmpint (aisle_code_get_kind (too_long), ==, AISLE_CODE_KIND_UNKNOWN);
  g_assert_true (aisle_code_has_error (too_long, AISLE_CODES_ERROR_TOO_LONG));
}

static void
test_json (void)
{
  g_autoptr(AisleCode) product = aisle_codes_classify_text ("96385074", NULL);
  g_autoptr(AisleCode) unknown = aisle_codes_classify_text ("a \"quoted\"\\ \x01 text", NULL);
  g_autoptr(AisleCode) bad = aisle_codes_classify_text ("4710088410154", NULL);
  g_autofree char *json = aisle_code_to_json (product);
  g_autofree char *json_unknown = aisle_code_to_json (unknown);
  g_autofree char *json_bad = aisle_code_to_json (bad);

  g_assert_cmpstr (json, ==,
                   "{\"type\":\"product\",\"valid\":true,\"fields\":{\"symbology\":\"ean8\","
                   "\"digits\":\"96385074\",\"gtin13\":\"0000096385074\"},\"errors\":[],"
                   "\"warnings\":[]}");
  g_assert_cmpstr (json_unknown, ==,
                   "{\"type\":\"unknown\",\"valid\":false,\"fields\":{\"text\":"
                   "\"a \\\"quoted\\\"\\\\ \\u0001 text\"},\"errors\":[],\"warnings\":[]}");
  g_assert_cmpstr (json_bad, ==,
                   "{\"type\":\"product\",\"valid\":false,\"fields\":{\"symbology\":\"ean13\","
                   "\"digits\":\"4710088410154\",\"gtin13\":\"4710088410154\"},\"errors\":"
                   "[{\"code\":\"check_digit\",\"field\":\"digits\",\"message\":"
                   "\"check digit is 4, expected 3\"}],\"warnings\":[]}");
}

static void
test_check_gerror (void)
{
  g_autoptr(AisleCode) bad = aisle_codes_classify_text ("4710088410154", NULL);
  g_autoptr(AisleCode) good = aisle_codes_classify_text ("4710088410153", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (aisle_code_check (good, &error));
  g_assert_no_error (error);
  g_assert_false (aisle_code_check (bad, &error));
  g_assert_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_CHECK_DIGIT);
  g_assert_cmpstr (error->message, ==, "digits: check digit is 4, expected 3");
}

static void
test_names (void)
{
  g_assert_cmpstr (aisle_code_kind_to_string (AISLE_CODE_KIND_EINVOICE_RIGHT), ==, "einvoice_right");
  g_assert_cmpstr (aisle_code_kind_to_string ((AisleCodeKind) 99), ==, "unknown");
  g_assert_cmpstr (aisle_codes_error_to_string (AISLE_CODES_ERROR_REVOKED_KEY), ==, "revoked_key");
  g_assert_cmpstr (aisle_codes_warning_to_string (AISLE_CODES_WARNING_BUYER_SPACES), ==,
                   "buyer_spaces");
  g_assert_cmpstr (aisle_symbology_to_string (AISLE_SYMBOLOGY_UPCE), ==, "upce");
  g_assert_true (G_TYPE_IS_BOXED (aisle_code_get_type ()));
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);

  g_test_add_func ("/aisle/core/codes/product/ean13", test_product_ean13);
  g_test_add_func ("/aisle/core/codes/product/bad-check-digit", test_product_bad_check_digit);
  g_test_add_func ("/aisle/core/codes/product/ean8-upca", test_product_ean8_upca);
  g_test_add_func ("/aisle/core/codes/product/upce", test_product_upce);
  g_test_add_func ("/aisle/core/codes/product/ambiguous", test_product_ambiguous);
  g_test_add_func ("/aisle/core/codes/product/not-digits", test_product_not_digits);
  g_test_add_func ("/aisle/core/codes/product/wedge-trailer", test_product_wedge_trailer);
  g_test_add_func ("/aisle/core/codes/carrier", test_carrier);
  g_test_add_func ("/aisle/core/codes/member-number", test_member_number);
  g_test_add_func ("/aisle/core/codes/staff-badge", test_staff_badge);
  g_test_add_func ("/aisle/core/codes/coupon", test_coupon);
  g_test_add_func ("/aisle/core/codes/business-id", test_business_id);
  g_test_add_func ("/aisle/core/codes/unknown", test_unknown);
  g_test_add_func ("/aisle/core/codes/json", test_json);
  g_test_add_func ("/aisle/core/codes/check-gerror", test_check_gerror);
  g_test_add_func ("/aisle/core/codes/names", test_names);

  return g_test_run ();
}

/* test-core-codes-token.c: signed member cards, binding and enrolment links, the key ring
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-codes"

#include "config.h"

#include <qrencode.h>
#include <string.h>

#include "aisle-codes-private.h"
#include "aisle-test.h"

#define MEMBER_ID "3f2b8c1e-9a4d-4e7b-8f01-23456789abcd"
#define ISSUED    1767225600 /* 2026-01-01 00:00 UTC */
#define EXPIRES   (ISSUED + 2 * 365 * 86400)
#define NOW       (ISSUED + 86400)

typedef struct
{
  guint8        hub_pk[AISLE_CODES_PUBLIC_KEY_BYTES];
  guint8        hub_sk[AISLE_CODES_SECRET_KEY_BYTES];
  guint8        kiosk_pk[AISLE_CODES_PUBLIC_KEY_BYTES];
  guint8        kiosk_sk[AISLE_CODES_SECRET_KEY_BYTES];
  guint8        stranger_pk[AISLE_CODES_PUBLIC_KEY_BYTES];
  guint8        stranger_sk[AISLE_CODES_SECRET_KEY_BYTES];
  AisleKeyRing *ring;
  guint32       kiosk_id;
  AisleCodesContext ctx;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_assert_true (aisle_codes_generate_key (f->hub_pk, f->hub_sk));
  g_assert_true (aisle_codes_generate_key (f->kiosk_pk, f->kiosk_sk));
  g_assert_true (aisle_codes_generate_key (f->stranger_pk, f->stranger_sk));
  f->ring = aisle_key_ring_new ();
  aisle_key_ring_add (f->ring, f->hub_pk, "hub", FALSE);
  f->kiosk_id = aisle_key_ring_add (f->ring, f->kiosk_pk, "kiosk-tpe01", FALSE);
  memset (&f->ctx, 0, sizeof f->ctx);
  f->ctx.now = NOW;
  f->ctx.key_ring = f->ring;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->ring, aisle_key_ring_unref);
}

static char *
sign_card (const guint8 *sk)
{
  g_autoptr(GError) error = NULL;
  char *text = aisle_codes_sign_member_card (MEMBER_ID, ISSUED, EXPIRES, sk, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static void
assert_one_error (const AisleCode *code,
                  AisleCodesError  error)
{
  g_autofree char *json = aisle_code_to_json (code);

  g_test_message ("%s", json);
  g_assert_false (aisle_code_is_valid (code));
  g_assert_cmpuint (aisle_code_get_n_errors (code), ==, 1);
  g_assert_cmpstr (aisle_code_get_error (code, 0)->name, ==, aisle_codes_error_to_string (error));
}

static void
test_card_valid (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *hub_card = sign_card (f->hub_sk);
  g_autofree char *kiosk_card = sign_card (f->kiosk_sk);
  g_autoptr(AisleCode) code = aisle_codes_classify_text (hub_card, &f->ctx);
  g_autoptr(AisleCode) offline = aisle_codes_classify_text (kiosk_card, &f->ctx);
  const AisleToken *token;
  g_autofree char *key_hex = g_strdup_printf ("%08x", f->kiosk_id);

  g_assert_true (g_str_has_prefix (hub_card, "AM1:"));
  g_assert_cmpuint (strlen (hub_card), ==, 144);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_MEMBER_CARD);
  g_assert_true (aisle_code_is_valid (code));
  g_assert_cmpuint (aisle_code_get_n_warnings (code), ==, 0);
  token = aisle_code_get_token (code);
  g_assert_cmpint (token->type, ==, AISLE_TOKEN_MEMBER_CARD);
  g_assert_cmpstr (token->member_id, ==, MEMBER_ID);
  g_assert_cmpint (token->issued_at, ==, ISSUED);
  g_assert_cmpint (token->expires_at, ==, EXPIRES);
  g_assert_cmpstr (token->signer, ==, "hub");
  g_assert_cmpstr (aisle_code_lookup_field (code, "member_id"), ==, MEMBER_ID);

  /* A card a kiosk issued offline verifies on any device holding the kiosk's public key */
  g_assert_true (aisle_code_is_valid (offline));
  g_assert_cmpstr (aisle_code_get_token (offline)->signer, ==, "kiosk-tpe01");
  g_assert_cmpuint (aisle_code_get_token (offline)->key_id, ==, f->kiosk_id);
  g_assert_cmpstr (aisle_code_lookup_field (offline, "key_id"), ==, key_hex);
}

static void
test_card_upper_case_uuid (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *upper = g_ascii_strup (MEMBER_ID, -1);
  g_autofree char *text = aisle_codes_sign_member_card (upper, ISSUED, EXPIRES, f->hub_sk, &error);
  g_autoptr(AisleCode) code = aisle_codes_classify_text (text, &f->ctx);

  g_assert_no_error (error);
  g_assert_cmpstr (aisle_code_get_token (code)->member_id, ==, MEMBER_ID);
}

static void
test_card_lower_case (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *card = sign_card (f->hub_sk);
  g_autofree char *lower = g_ascii_strdown (card, -1);
  g_autoptr(AisleCode) code = aisle_codes_classify_text (lower, &f->ctx);

  g_assert_true (aisle_code_is_valid (code));
  g_assert_true (aisle_code_has_warning (code, AISLE_CODES_WARNING_LOWER_CASE));
}

static void
test_card_expired (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *card = sign_card (f->hub_sk);
  g_autoptr(AisleCode) code = NULL;
  g_autoptr(AisleCode) edge = NULL;
  g_autoptr(AisleCode) future = NULL;

  f->ctx.now = EXPIRES + 1;
  code = aisle_codes_classify_text (card, &f->ctx);
  assert_one_error (code, AISLE_CODES_ERROR_EXPIRED);
  g_assert_cmpstr (aisle_code_get_error (code, 0)->field, ==, "expires_at");
  /* The content is still there, so the UI can say whose card expired */
  g_assert_cmpstr (aisle_code_get_token (code)->member_id, ==, MEMBER_ID);

  f->ctx.now = EXPIRES;
  edge = aisle_codes_classify_text (card, &f->ctx);
  assert_one_error (edge, AISLE_CODES_ERROR_EXPIRED);

  /* Issued an hour in the future: beyond the default five-minute clock skew */
  f->ctx.now = ISSUED - 3600;
  future = aisle_codes_classify_text (card, &f->ctx);
  assert_one_error (future, AISLE_CODES_ERROR_NOT_YET_VALID);
  f->ctx.clock_skew = 7200;
  g_clear_pointer (&future, aisle_code_unref);
  future = aisle_codes_classify_text (card, &f->ctx);
  g_assert_true (aisle_code_is_valid (future));
}

static void
test_card_unknown_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *card = sign_card (f->stranger_sk);
  g_autofree char *hub_card = sign_card (f->hub_sk);
  g_autoptr(AisleCode) code = aisle_codes_classify_text (card, &f->ctx);
  g_autoptr(AisleCode) no_ring = aisle_codes_classify_text (hub_card, NULL);

  assert_one_error (code, AISLE_CODES_ERROR_UNKNOWN_KEY);
  g_assert_cmpstr (aisle_code_get_error (code, 0)->field, ==, "key_id");
  assert_one_error (no_ring, AISLE_CODES_ERROR_UNKNOWN_KEY);
}

static void
test_card_revoked_key (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *card = sign_card (f->kiosk_sk);
  g_autoptr(AisleCode) before = aisle_codes_classify_text (card, &f->ctx);
  g_autoptr(AisleCode) after = NULL;
  g_autoptr(AisleCode) re_added = NULL;
  gboolean revoked = FALSE;

  g_assert_true (aisle_code_is_valid (before));
  g_assert_true (aisle_key_ring_revoke (f->ring, f->kiosk_id));
  g_assert_false (aisle_key_ring_revoke (f->ring, f->kiosk_id ^ 1));
  g_assert_true (aisle_key_ring_lookup (f->ring, f->kiosk_id, NULL, NULL, &revoked));
  g_assert_true (revoked);
  after = aisle_codes_classify_text (card, &f->ctx);
  assert_one_error (after, AISLE_CODES_ERROR_REVOKED_KEY);

  /* A ring refreshed from the hub with the flag set says the same */
  aisle_key_ring_add (f->ring, f->kiosk_pk, "kiosk-tpe01", TRUE);
  re_added = aisle_codes_classify_text (card, &f->ctx);
  assert_one_error (re_added, AISLE_CODES_ERROR_REVOKED_KEY);
  g_assert_cmpuint (aisle_key_ring_get_size (f->ring), ==, 2);
}

/* Flips one bit in byte @offset of the card's binary form and classifies the re-encoded text */
static AisleCode *
classify_flipped (Fixture    *f,
                  const char *card,
                  gsize       offset,
                  guint8      mask)
{
  gsize n = 0;
  g_autofree guint8 *bytes = _aisle_codes_base45_decode (card + 4, strlen (card) - 4, &n);
  g_autofree char *b45 = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (bytes);
  g_assert_cmpuint (n, ==, 93);
  g_assert_cmpuint (offset, <, n);
  bytes[offset] ^= mask;
  b45 = _aisle_codes_base45_encode (bytes, n);
  text = g_strconcat ("AM1:", b45, NULL);
  return aisle_codes_classify_text (text, &f->ctx);
}

static void
test_card_tampered (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *card = sign_card (f->hub_sk);
  /* Regions of the 93-byte layout: version/type, key id, issued, expires, member id, signature */
  static const struct
  {
    gsize           start;
    gsize           end;
    AisleCodesError error;
  } regions[] = {
    { 0, 1, AISLE_CODES_ERROR_UNSUPPORTED_VERSION },
    { 1, 5, AISLE_CODES_ERROR_UNKNOWN_KEY },
    { 5, 9, AISLE_CODES_ERROR_BAD_SIGNATURE },
    { 9, 13, AISLE_CODES_ERROR_BAD_SIGNATURE },
    { 13, 29, AISLE_CODES_ERROR_BAD_SIGNATURE },
    { 29, 93, AISLE_CODES_ERROR_BAD_SIGNATURE },
  };

  for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
    for (gsize offset = regions[r].start; offset < regions[r].end; offset++)
      {
        /* A low and a high bit in every byte of the region */
        g_autoptr(AisleCode) low = classify_flipped (f, card, offset, 0x01);
        g_autoptr(AisleCode) high = classify_flipped (f, card, offset, 0x80);

        g_assert_cmpint (aisle_code_get_kind (low), ==, AISLE_CODE_KIND_MEMBER_CARD);
        assert_one_error (low, regions[r].error);
        assert_one_error (high, regions[r].error);
      }

  /* Changing any one character of the text never yields a valid card */
  for (gsize i = 4; i < strlen (card); i++)
    {
      g_autofree char *copy = g_strdup (card);
      g_autoptr(AisleCode) code = NULL;

      copy[i] = copy[i] == '0' ? '1' : '0';
      code = aisle_codes_classify_text (copy, &f->ctx);
      g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_MEMBER_CARD);
      g_assert_false (aisle_code_is_valid (code));
    }
}

static void
test_card_truncated (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *card = sign_card (f->hub_sk);
  gsize len = strlen (card);

  for (gsize n = 4; n < len; n++)
    {
      g_autofree char *copy = g_strndup (card, n);
      g_autoptr(AisleCode) code = aisle_codes_classify_text (copy, &f->ctx);

      g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_MEMBER_CARD);
      g_assert_false (aisle_code_is_valid (code));
      /* Lengths that are whole Base45 groups decode to too few bytes; the rest are not Base45 */
      if ((n - 4) % 3 == 1)
        g_assert_true (aisle_code_has_error (code, AISLE_CODES_ERROR_SYNTAX));
      else
        g_assert_true (aisle_code_has_error (code, AISLE_CODES_ERROR_TRUNCATED) ||
                       aisle_code_has_error (code, AISLE_CODES_ERROR_SYNTAX));
    }
  {
    g_autofree char *cut = g_strndup (card, len - 5);
    g_autoptr(AisleCode) code = aisle_codes_classify_text (cut, &f->ctx);

    assert_one_error (code, AISLE_CODES_ERROR_TRUNCATED);
  }
  {
    g_autofree char *junk = g_strconcat (card, "00", NULL);
    g_autoptr(AisleCode) code = aisle_codes_classify_text (junk, &f->ctx);

    g_assert_false (aisle_code_is_valid (code));
  }
}

static void
test_sign_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *text;

  text = aisle_codes_sign_member_card ("not-a-uuid", ISSUED, EXPIRES, f->hub_sk, &error);
  g_assert_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT);
  g_assert_null (text);
  g_clear_error (&error);
  text = aisle_codes_sign_member_card (MEMBER_ID, ISSUED, ISSUED, f->hub_sk, &error);
  g_assert_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT);
  g_assert_null (text);
  g_clear_error (&error);
  text = aisle_codes_sign_binding_link (NULL, "", "TPE01", ISSUED, EXPIRES, f->hub_sk, &error);
  g_assert_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT);
  g_assert_null (text);
  g_clear_error (&error);
  text = aisle_codes_sign_binding_link (NULL, "S0001", "TPE01-AND-A-VERY-LONG-BRANCH-NAME-X", ISSUED,
                                        EXPIRES, f->hub_sk, &error);
  g_assert_error (error, AISLE_CODES_ERROR, AISLE_CODES_ERROR_INVALID_ARGUMENT);
  g_assert_null (text);
}

static void
test_binding_link (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = aisle_codes_sign_binding_link ("https://hub.example.com/", "S0001", "TPE01",
                                                        ISSUED, ISSUED + 600, f->kiosk_sk, &error);
  g_autofree char *scheme = aisle_codes_sign_binding_link (NULL, "S0001", "TPE01", ISSUED,
                                                           ISSUED + 600, f->kiosk_sk, &error);
  g_autoptr(AisleCode) code = NULL;
  g_autoptr(AisleCode) foreign = NULL;
  g_autoptr(AisleCode) aisle = NULL;
  g_autoptr(AisleCode) query = NULL;
  g_autoptr(AisleCode) wrong_letter = NULL;
  g_autofree char *with_query = NULL;
  g_autofree char *as_enrol = NULL;
  const AisleToken *token;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "https://hub.example.com/j/"));
  g_assert_true (g_str_has_prefix (scheme, "aisle://j/"));

  f->ctx.now = ISSUED + 60;
  f->ctx.hub_host = "hub.example.com";
  code = aisle_codes_classify_text (url, &f->ctx);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_BINDING_LINK);
  g_assert_true (aisle_code_is_valid (code));
  g_assert_cmpuint (aisle_code_get_n_warnings (code), ==, 0);
  token = aisle_code_get_token (code);
  g_assert_cmpint (token->type, ==, AISLE_TOKEN_BINDING);
  g_assert_cmpstr (token->staff_id, ==, "S0001");
  g_assert_cmpstr (token->branch_id, ==, "TPE01");
  g_assert_null (token->member_id);
  g_assert_cmpstr (aisle_code_lookup_field (code, "host"), ==, "hub.example.com");

  f->ctx.hub_host = "hub.other.com";
  foreign = aisle_codes_classify_text (url, &f->ctx);
  g_assert_true (aisle_code_is_valid (foreign));
  g_assert_true (aisle_code_has_warning (foreign, AISLE_CODES_WARNING_FOREIGN_HOST));

  aisle = aisle_codes_classify_text (scheme, &f->ctx);
  g_assert_cmpint (aisle_code_get_kind (aisle), ==, AISLE_CODE_KIND_BINDING_LINK);
  g_assert_true (aisle_code_is_valid (aisle));

  with_query = g_strconcat (url, "?utm_source=qr", NULL);
  query = aisle_codes_classify_text (with_query, &f->ctx);
  g_assert_true (aisle_code_is_valid (query));

  /* A binding token under an enrolment path is not an enrolment link */
  as_enrol = g_strdup (scheme);
  as_enrol[strlen ("aisle://")] = 'e';
  wrong_letter = aisle_codes_classify_text (as_enrol, &f->ctx);
  g_assert_cmpint (aisle_code_get_kind (wrong_letter), ==, AISLE_CODE_KIND_ENROL_LINK);
  assert_one_error (wrong_letter, AISLE_CODES_ERROR_UNSUPPORTED_VERSION);

  /* Binding links are short-lived */
  f->ctx.now = ISSUED + 601;
  {
    g_autoptr(AisleCode) late = aisle_codes_classify_text (url, &f->ctx);

    assert_one_error (late, AISLE_CODES_ERROR_EXPIRED);
  }
}

static void
test_enrol_link (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *referred = aisle_codes_sign_enrol_link ("http://hub.local:8080/aisle", "TPE01",
                                                           "S0002", ISSUED, EXPIRES, f->hub_sk,
                                                           &error);
  g_autofree char *plain = aisle_codes_sign_enrol_link (NULL, "TPE01", NULL, ISSUED, EXPIRES,
                                                        f->hub_sk, &error);
  g_autoptr(AisleCode) a = aisle_codes_classify_text (referred, &f->ctx);
  g_autoptr(AisleCode) b = aisle_codes_classify_text (plain, &f->ctx);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (referred, "http://hub.local:8080/aisle/e/"));
  g_assert_cmpint (aisle_code_get_kind (a), ==, AISLE_CODE_KIND_ENROL_LINK);
  g_assert_true (aisle_code_is_valid (a));
  g_assert_cmpstr (aisle_code_get_token (a)->branch_id, ==, "TPE01");
  g_assert_cmpstr (aisle_code_get_token (a)->staff_id, ==, "S0002");
  g_assert_cmpstr (aisle_code_lookup_field (a, "host"), ==, "hub.local");
  g_assert_true (aisle_code_is_valid (b));
  g_assert_null (aisle_code_get_token (b)->staff_id);
}

static void
test_link_garbage (Fixture       *f,
                   gconstpointer  data)
{
  const char *links[] = { "aisle://j/", "aisle://j/!!!!", "https://hub.example.com/j/AAAA",
                          "aisle://e/AQ", "https://hub.example.com/e/" };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autoptr(AisleCode) code = aisle_codes_classify_text (links[i], &f->ctx);

      g_assert_true (aisle_code_get_kind (code) == AISLE_CODE_KIND_BINDING_LINK ||
                     aisle_code_get_kind (code) == AISLE_CODE_KIND_ENROL_LINK);
      g_assert_false (aisle_code_is_valid (code));
    }
}

static void
test_base45 (void)
{
  /* RFC 9285 section 4.3 examples */
  g_autofree char *ab = _aisle_codes_base45_encode ((const guint8 *) "AB", 2);
  g_autofree char *hello = _aisle_codes_base45_encode ((const guint8 *) "Hello!!", 7);
  g_autofree char *ietf = _aisle_codes_base45_encode ((const guint8 *) "ietf!", 5);
  g_autofree guint8 *decoded = NULL;
  gsize n = 0;

  g_assert_cmpstr (ab, ==, "BB8");
  g_assert_cmpstr (hello, ==, "%69 VD92EX0");
  g_assert_cmpstr (ietf, ==, "QED8WEX0");
  decoded = _aisle_codes_base45_decode ("QED8WEX0", 8, &n);
  g_assert_cmpmem (decoded, n, "ietf!", 5);
  g_assert_null (_aisle_codes_base45_decode ("GGW", 3, &n)); /* 65536 + ... overflows */
  g_assert_null (_aisle_codes_base45_decode ("QED8", 4, &n));
  g_assert_null (_aisle_codes_base45_decode ("qed", 3, &n));
}

static void
measure_qr (const char    *label,
            const char    *text,
            QRecLevel      level,
            int           *version,
            int           *width)
{
  QRcode *qr = QRcode_encodeString (text, 0, level, QR_MODE_8, 1);

  g_assert_nonnull (qr);
  *version = qr->version;
  *width = qr->width;
  g_test_message ("%-34s ECC %c: %3zu chars, version %2d, %2dx%d modules", label, "LMQH"[level],
                  strlen (text), qr->version, qr->width, qr->width);
  QRcode_free (qr);
}

static void
test_card_qr_size (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *card = sign_card (f->hub_sk);
  g_autofree char *link = aisle_codes_sign_binding_link ("https://hub.example.com", "S0001", "TPE01",
                                                         ISSUED, ISSUED + 600, f->hub_sk, NULL);
  gsize n = 0;
  g_autofree guint8 *bytes = _aisle_codes_base45_decode (card + 4, strlen (card) - 4, &n);
  g_autofree char *b64 = _aisle_codes_base64url_encode (bytes, n);
  g_autofree char *card_b64 = g_strconcat ("AM1.", b64, NULL);
  int version, width;

  for (QRecLevel level = QR_ECLEVEL_L; level <= QR_ECLEVEL_H; level++)
    {
      measure_qr ("member card AM1: Base45", card, level, &version, &width);
      /* The QR alphanumeric mode keeps the card small: version 6 (41x41) at ECC M, where the
       * same token in Base64url byte mode needs version 8 (49x49) */
      if (level == QR_ECLEVEL_L)
        g_assert_cmpint (version, <=, 5);
      if (level == QR_ECLEVEL_Q)
        g_assert_cmpint (version, <=, 8);
      if (level == QR_ECLEVEL_M)
        {
          g_assert_cmpint (version, ==, 6);
          g_assert_cmpint (width, ==, 41);
        }
      measure_qr ("(same token, Base64url, byte mode)", card_b64, level, &version, &width);
      measure_qr ("binding link https://hub.example.com", link, level, &version, &width);
    }
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/aisle/core/codes/token/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("card-valid", test_card_valid);
  ADD ("card-upper-case-uuid", test_card_upper_case_uuid);
  ADD ("card-lower-case", test_card_lower_case);
  ADD ("card-expired", test_card_expired);
  ADD ("card-unknown-key", test_card_unknown_key);
  ADD ("card-revoked-key", test_card_revoked_key);
  ADD ("card-tampered", test_card_tampered);
  ADD ("card-truncated", test_card_truncated);
  ADD ("card-qr-size", test_card_qr_size);
  ADD ("sign-invalid", test_sign_invalid);
  ADD ("binding-link", test_binding_link);
  ADD ("enrol-link", test_enrol_link);
  ADD ("link-garbage", test_link_garbage);
#undef ADD
  g_test_add_func ("/aisle/core/codes/token/base45", test_base45);

  return g_test_run ();
}

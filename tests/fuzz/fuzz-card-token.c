/* fuzz-card-token.c: libFuzzer target for signed tokens: text forms and the binary layout
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Random text rarely decodes as Base45 or Base64url, so besides feeding the text forms as they
 * are, the target encodes the input bytes itself and wraps them as a member card and as both
 * links: that drives the binary layout parser and the key ring lookups directly.
 */

#define G_LOG_DOMAIN "fuzz-codes"

#include "config.h"

#include "fuzz-common.h"

static AisleKeyRing *ring;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  guint8 pk[AISLE_CODES_PUBLIC_KEY_BYTES] = { 0 };
  guint8 sk[AISLE_CODES_SECRET_KEY_BYTES];

  fuzz_common_init ();
  ring = aisle_key_ring_new ();
  aisle_key_ring_add (ring, pk, "zero", FALSE);
  pk[0] = 1;
  aisle_key_ring_add (ring, pk, "revoked", TRUE);
  g_assert (aisle_codes_generate_key (pk, sk));
  aisle_key_ring_add (ring, pk, "hub", FALSE);
  return 0;
}

static void
classify_text (const char              *text,
               const AisleCodesContext *ctx)
{
  AisleCode *code = aisle_codes_classify_text (text, ctx);

  fuzz_common_check (code);
  aisle_code_unref (code);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  AisleCodesContext ctx = { 0 };
  char *b45 = _aisle_codes_base45_encode (data, size);
  char *b64 = _aisle_codes_base64url_encode (data, size);
  char *text;
  AisleCode *code;
  guint8 *decoded;
  gsize n = 0;

  ctx.now = 1767225600;
  ctx.key_ring = ring;
  ctx.hub_host = "hub.example.com";

  /* The raw input as a token text */
  code = _aisle_codes_parse_token (data, size, &ctx);
  if (code != NULL)
    aisle_code_unref (code);

  /* Base45 must round-trip exactly */
  decoded = _aisle_codes_base45_decode (b45, strlen (b45), &n);
  g_assert (decoded != NULL && n == size && (size == 0 || memcmp (decoded, data, size) == 0));
  g_free (decoded);
  decoded = _aisle_codes_base45_decode ((const char *) data, size, &n);
  g_free (decoded);
  decoded = _aisle_codes_base64url_decode (b64, strlen (b64), &n);
  g_assert (decoded != NULL && n == size && (size == 0 || memcmp (decoded, data, size) == 0));
  g_free (decoded);

  text = g_strconcat ("AM1:", b45, NULL);
  classify_text (text, &ctx);
  g_free (text);
  text = g_strconcat ("aisle://j/", b64, NULL);
  classify_text (text, &ctx);
  g_free (text);
  text = g_strconcat ("https://hub.example.com/e/", b64, "?x", NULL);
  classify_text (text, NULL);
  g_free (text);

  g_free (b45);
  g_free (b64);
  return 0;
}

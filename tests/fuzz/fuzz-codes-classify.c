/* fuzz-codes-classify.c: libFuzzer target for aisle_codes_classify(), the whole dispatcher
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
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

  fuzz_common_init ();
  ring = aisle_key_ring_new ();
  aisle_key_ring_add (ring, pk, "zero", FALSE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  AisleCodesContext ctx = { 0 };
  AisleCode *code;

  ctx.now = 1767225600;
  ctx.key_ring = ring;
  ctx.hub_host = "hub.example.com";
  /* The last byte picks a decoder hint, as ZBar would give one */
  ctx.symbology = size > 0 ? (AisleSymbology) (data[size - 1] % 8) : AISLE_SYMBOLOGY_NONE;
  code = aisle_codes_classify (data, size, &ctx);
  fuzz_common_check (code);
  aisle_code_unref (code);
  return 0;
}

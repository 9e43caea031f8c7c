/* fuzz-einvoice.c: libFuzzer target for the e-invoice parser and aisle_codes_join_einvoice()
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a left code, optionally followed by a NUL and a right code (the pair a camera
 * sees side by side).
 */

#define G_LOG_DOMAIN "fuzz-codes"

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_common_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *nul = memchr (data, 0, size);
  size_t left_len = nul != NULL ? (size_t) (nul - data) : size;
  AisleCode *left;

  /* The parser itself, on the exact bytes (it must not need a terminator) */
  left = _aisle_codes_parse_einvoice (data, size, NULL);
  if (left != NULL)
    aisle_code_unref (left);

  left = aisle_codes_classify (data, left_len, NULL);
  fuzz_common_check (left);
  if (nul != NULL && aisle_code_get_kind (left) == AISLE_CODE_KIND_EINVOICE)
    {
      AisleCode *right = aisle_codes_classify (nul + 1, size - left_len - 1, NULL);

      fuzz_common_check (right);
      if (aisle_code_get_kind (right) == AISLE_CODE_KIND_EINVOICE_RIGHT)
        {
          AisleCode *joined = aisle_codes_join_einvoice (left, right);

          fuzz_common_check (joined);
          aisle_code_unref (joined);
        }
      aisle_code_unref (right);
    }
  aisle_code_unref (left);
  return 0;
}

/* fuzz-common.h: shared set-up for the libFuzzer targets of the codes parsers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aisle-codes-private.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A critical (a failed g_return_if_fail) is a bug the fuzzer should report as a crash */
static inline void
fuzz_common_init (void)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
}

/* Walks every public accessor, so a bad field or issue shows up as a crash or ASan report */
static inline void
fuzz_common_check (AisleCode *code)
{
  char *json;

  g_assert (code != NULL);
  /* Parsers called directly leave the input to the dispatcher, which fills the text */
  g_assert (aisle_code_get_text (code) == NULL ||
            g_utf8_validate (aisle_code_get_text (code), -1, NULL));
  g_assert (aisle_code_get_kind_name (code) != NULL);
  for (guint i = 0; i < aisle_code_get_n_fields (code); i++)
    {
      g_assert (g_utf8_validate (aisle_code_get_field_name (code, i), -1, NULL));
      g_assert (g_utf8_validate (aisle_code_get_field_value (code, i), -1, NULL));
    }
  for (guint i = 0; i < aisle_code_get_n_errors (code); i++)
    g_assert (g_utf8_validate (aisle_code_get_error (code, i)->message, -1, NULL));
  for (guint i = 0; i < aisle_code_get_n_warnings (code); i++)
    g_assert (g_utf8_validate (aisle_code_get_warning (code, i)->message, -1, NULL));
  json = aisle_code_to_json (code);
  g_assert (g_utf8_validate (json, -1, NULL));
  g_free (json);
  if (aisle_code_get_einvoice (code) != NULL)
    {
      const AisleEInvoice *inv = aisle_code_get_einvoice (code);

      for (guint i = 0; i < inv->items->len; i++)
        {
          const AisleEInvoiceItem *item = g_ptr_array_index (inv->items, i);

          g_assert (item->name == NULL || g_utf8_validate (item->name, -1, NULL));
        }
    }
}

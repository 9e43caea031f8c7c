/* aisle-attention-dialog.h: the "needs attention" list: mutations the hub rejected.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-sync.h"

G_BEGIN_DECLS

#define AISLE_TYPE_ATTENTION_DIALOG (aisle_attention_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AisleAttentionDialog, aisle_attention_dialog, AISLE, ATTENTION_DIALOG, AdwWindow)

GtkWidget  *aisle_attention_dialog_new         (GtkWindow       *parent,
                                                AisleSyncClient *client);
/* What staff can do about a rejection with this wire code (translated). */
const char *aisle_attention_advice             (const char      *code);
const char *aisle_attention_describe_mutation  (const char      *name);
char       *aisle_attention_reason             (const AisleSyncAttention *a);

G_END_DECLS

/* aisle-sync-indicator.h: the header-bar button that shows an AisleSyncStatus.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "aisle-sync-status.h"

G_BEGIN_DECLS

#define AISLE_TYPE_SYNC_INDICATOR (aisle_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (AisleSyncIndicator, aisle_sync_indicator, AISLE, SYNC_INDICATOR, GtkWidget)

GtkWidget       *aisle_sync_indicator_new        (void);
AisleSyncStatus *aisle_sync_indicator_get_status (AisleSyncIndicator *self);
void             aisle_sync_indicator_set_status (AisleSyncIndicator *self,
                                                  AisleSyncStatus    *status);
const char      *aisle_sync_indicator_get_text   (AisleSyncIndicator *self);

G_END_DECLS

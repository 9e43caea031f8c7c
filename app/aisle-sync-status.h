/* aisle-sync-status.h: the state of the device's sync with the hub, as the UI shows it.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A plain observable object: the sync client (a later issue) sets its properties on the main
 * context and widgets bind to them. Until then nothing drives it and the device is "offline".
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define AISLE_TYPE_SYNC_STATUS (aisle_sync_status_get_type ())

G_DECLARE_FINAL_TYPE (AisleSyncStatus, aisle_sync_status, AISLE, SYNC_STATUS, GObject)

AisleSyncStatus *aisle_sync_status_new              (void);
gboolean         aisle_sync_status_get_online       (AisleSyncStatus *self);
void             aisle_sync_status_set_online       (AisleSyncStatus *self,
                                                     gboolean         online);
gboolean         aisle_sync_status_get_syncing      (AisleSyncStatus *self);
void             aisle_sync_status_set_syncing      (AisleSyncStatus *self,
                                                     gboolean         syncing);
guint            aisle_sync_status_get_pending      (AisleSyncStatus *self);
void             aisle_sync_status_set_pending      (AisleSyncStatus *self,
                                                     guint            pending);
gint64           aisle_sync_status_get_last_success (AisleSyncStatus *self);
void             aisle_sync_status_set_last_success (AisleSyncStatus *self,
                                                     gint64           last_success);
const char      *aisle_sync_status_get_last_error   (AisleSyncStatus *self);
void             aisle_sync_status_set_last_error   (AisleSyncStatus *self,
                                                     const char      *last_error);

G_END_DECLS

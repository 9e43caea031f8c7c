/* aisle-window.h: the main window: header bar, sync indicator and the pages of a mode.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-mode.h"
#include "aisle-scan-page.h"
#include "aisle-session.h"
#include "aisle-sync.h"
#include "aisle-sync-status.h"
#include "aisle-wedge.h"
#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_TYPE_WINDOW (aisle_window_get_type ())

G_DECLARE_FINAL_TYPE (AisleWindow, aisle_window, AISLE, WINDOW, AdwApplicationWindow)

AisleWindow     *aisle_window_new               (AdwApplication *application,
                                                 AisleMode       mode,
                                                 const char     *cache_path,
                                                 AisleSyncStatus *sync_status);
AisleMode        aisle_window_get_mode          (AisleWindow    *self);
const char      *aisle_window_get_cache_path    (AisleWindow    *self);
AisleSyncStatus *aisle_window_get_sync_status   (AisleWindow    *self);
AisleWorker     *aisle_window_get_worker        (AisleWindow    *self);
gboolean         aisle_window_get_loading       (AisleWindow    *self);
const char      *aisle_window_get_page_name     (AisleWindow    *self);
GtkWidget       *aisle_window_get_page          (AisleWindow    *self,
                                                 const char     *name);
void             aisle_window_add_toast         (AisleWindow    *self,
                                                 AdwToast       *toast);
AisleWedge      *aisle_window_get_wedge         (AisleWindow    *self);
AisleSyncClient *aisle_window_get_sync_client   (AisleWindow    *self);
AisleSession    *aisle_window_get_session       (AisleWindow    *self);
void             aisle_window_dispatch_scan     (AisleWindow    *self,
                                                 AisleScanSource source,
                                                 const guint8   *data,
                                                 gsize           length,
                                                 AisleSymbology  symbology);

G_END_DECLS

/* aisle-application.h: the `aisle` application: options, settings, windows.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-mode.h"
#include "aisle-sync-status.h"

G_BEGIN_DECLS

#define AISLE_TYPE_APPLICATION (aisle_application_get_type ())

G_DECLARE_FINAL_TYPE (AisleApplication, aisle_application, AISLE, APPLICATION, AdwApplication)

AisleApplication *aisle_application_new              (GApplicationFlags  flags);
GSettings        *aisle_application_get_settings     (AisleApplication  *self);
AisleSyncStatus  *aisle_application_get_sync_status  (AisleApplication  *self);
AisleMode         aisle_application_get_mode         (AisleApplication  *self);
void              aisle_application_set_mode         (AisleApplication  *self,
                                                      AisleMode          mode);
const char       *aisle_application_get_cache_path   (AisleApplication  *self);
void              aisle_application_set_cache_path   (AisleApplication  *self,
                                                      const char        *cache_path);
int               aisle_application_get_exit_status  (AisleApplication  *self);
void              aisle_application_quit_with_status (AisleApplication  *self,
                                                      int                status);

G_END_DECLS

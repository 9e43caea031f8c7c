/* aisle-kiosk-shell.h: the kiosk's screens, its idle timeout and the reset between shoppers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-camera.h"
#include "aisle-codes.h"
#include "aisle-store-kiosk.h"
#include "aisle-sync.h"
#include "aisle-window.h"
#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_TYPE_KIOSK_SHELL (aisle_kiosk_shell_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskShell, aisle_kiosk_shell, AISLE, KIOSK_SHELL, GtkWidget)

/* Default seconds of the "Are you still there?" countdown. */
#define AISLE_KIOSK_COUNTDOWN 10

GtkWidget                *aisle_kiosk_shell_new             (AisleWindow     *window);
AisleWindow              *aisle_kiosk_shell_get_window      (AisleKioskShell *self);
AisleWorker              *aisle_kiosk_shell_get_worker      (AisleKioskShell *self);
AisleSyncClient          *aisle_kiosk_shell_get_sync_client (AisleKioskShell *self);
GSettings                *aisle_kiosk_shell_get_settings    (AisleKioskShell *self);
AisleCamera              *aisle_kiosk_shell_get_camera      (AisleKioskShell *self);
void                      aisle_kiosk_shell_bind_preview    (AisleKioskShell *self,
                                                             GtkPicture      *picture);
const AisleKioskIdentity *aisle_kiosk_shell_get_identity    (AisleKioskShell *self);
GCancellable             *aisle_kiosk_shell_get_cancellable (AisleKioskShell *self);
const char               *aisle_kiosk_shell_get_page_name   (AisleKioskShell *self);
GtkWidget                *aisle_kiosk_shell_get_page        (AisleKioskShell *self,
                                                             const char      *name);
void                      aisle_kiosk_shell_show            (AisleKioskShell *self,
                                                             const char      *name);
void                      aisle_kiosk_shell_show_card       (AisleKioskShell *self,
                                                             const char      *name,
                                                             const char      *member_id,
                                                             const char      *number,
                                                             gint64           mutation_id);
void                      aisle_kiosk_shell_show_notice     (AisleKioskShell *self);
void                      aisle_kiosk_shell_earn_for        (AisleKioskShell *self,
                                                             const char      *member_id);
void                      aisle_kiosk_shell_reset           (AisleKioskShell *self);
void                      aisle_kiosk_shell_poke            (AisleKioskShell *self);
void                      aisle_kiosk_shell_open_staff      (AisleKioskShell *self);
AisleCode                *aisle_kiosk_shell_verify_code     (AisleKioskShell *self,
                                                             AisleCode       *code);

G_END_DECLS

/* aisle-kiosk-staff-page.h: the manager's way out of the kiosk: staff number and PIN, then the kiosk settings.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-codes.h"

G_BEGIN_DECLS

typedef struct _AisleKioskShell AisleKioskShell;

#define AISLE_TYPE_KIOSK_STAFF_PAGE (aisle_kiosk_staff_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskStaffPage, aisle_kiosk_staff_page, AISLE, KIOSK_STAFF_PAGE, GtkWidget)

GtkWidget *aisle_kiosk_staff_page_new         (AisleKioskShell     *shell);
void       aisle_kiosk_staff_page_handle_code (AisleKioskStaffPage *self,
                                             AisleCode           *code);
G_END_DECLS

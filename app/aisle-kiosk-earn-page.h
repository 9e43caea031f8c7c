/* aisle-kiosk-earn-page.h: Earn points: a member card, then an e-invoice's left QR code.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-codes.h"

G_BEGIN_DECLS

typedef struct _AisleKioskShell AisleKioskShell;

#define AISLE_TYPE_KIOSK_EARN_PAGE (aisle_kiosk_earn_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskEarnPage, aisle_kiosk_earn_page, AISLE, KIOSK_EARN_PAGE, GtkWidget)

GtkWidget *aisle_kiosk_earn_page_new         (AisleKioskShell     *shell);
void       aisle_kiosk_earn_page_handle_code (AisleKioskEarnPage *self,
                                             AisleCode           *code);
void       aisle_kiosk_earn_page_set_member  (AisleKioskEarnPage *self,
                                             const char         *member_id);

G_END_DECLS

/* aisle-kiosk-join-page.h: the kiosk's Join form: mobile number, name, birthday month, consents, referral.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-codes.h"

G_BEGIN_DECLS

typedef struct _AisleKioskShell AisleKioskShell;

#define AISLE_TYPE_KIOSK_JOIN_PAGE (aisle_kiosk_join_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskJoinPage, aisle_kiosk_join_page, AISLE, KIOSK_JOIN_PAGE, GtkWidget)

GtkWidget *aisle_kiosk_join_page_new         (AisleKioskShell     *shell);
void       aisle_kiosk_join_page_handle_code (AisleKioskJoinPage *self,
                                             AisleCode           *code);
G_END_DECLS

/* aisle-kiosk-card-page.h: "Welcome, NAME" with the member card QR, or the neutral answer to a known number.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-codes.h"

G_BEGIN_DECLS

typedef struct _AisleKioskShell AisleKioskShell;

#define AISLE_TYPE_KIOSK_CARD_PAGE (aisle_kiosk_card_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskCardPage, aisle_kiosk_card_page, AISLE, KIOSK_CARD_PAGE, GtkWidget)

GtkWidget *aisle_kiosk_card_page_new         (AisleKioskShell     *shell);
void       aisle_kiosk_card_page_set_member  (AisleKioskCardPage *self,
                                             const char         *name,
                                             const char         *member_id,
                                             const char         *number,
                                             gint64              mutation_id);
void       aisle_kiosk_card_page_show_notice (AisleKioskCardPage *self);

G_END_DECLS

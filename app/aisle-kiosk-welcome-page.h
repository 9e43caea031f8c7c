/* aisle-kiosk-welcome-page.h: the kiosk's welcome screen with its three actions.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AISLE_TYPE_KIOSK_WELCOME_PAGE (aisle_kiosk_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskWelcomePage, aisle_kiosk_welcome_page, AISLE, KIOSK_WELCOME_PAGE, GtkWidget)

GtkWidget *aisle_kiosk_welcome_page_new (void);

G_END_DECLS

/* aisle-kiosk-product-page.h: Check a product: name, price and stock here, nearby and online.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-codes.h"

G_BEGIN_DECLS

typedef struct _AisleKioskShell AisleKioskShell;

#define AISLE_TYPE_KIOSK_PRODUCT_PAGE (aisle_kiosk_product_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskProductPage, aisle_kiosk_product_page, AISLE, KIOSK_PRODUCT_PAGE, GtkWidget)

GtkWidget *aisle_kiosk_product_page_new         (AisleKioskShell     *shell);
void       aisle_kiosk_product_page_handle_code (AisleKioskProductPage *self,
                                             AisleCode           *code);
G_END_DECLS

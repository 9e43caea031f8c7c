/* aisle-pairing-page.h: pairs an unpaired device with the hub, then runs the initial sync.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-sync.h"

G_BEGIN_DECLS

#define AISLE_TYPE_PAIRING_PAGE (aisle_pairing_page_get_type ())

G_DECLARE_FINAL_TYPE (AislePairingPage, aisle_pairing_page, AISLE, PAIRING_PAGE, GtkWidget)

GtkWidget *aisle_pairing_page_new        (void);
void       aisle_pairing_page_set_client (AislePairingPage *self,
                                          AisleSyncClient  *client);
void       aisle_pairing_page_set_hub_url (AislePairingPage *self,
                                           const char       *hub_url);
/* A scanned pairing code (the QR `aisle-hub admin pair-code` prints). */
void       aisle_pairing_page_set_code   (AislePairingPage *self,
                                          const char       *code);

G_END_DECLS

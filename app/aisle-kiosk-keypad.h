/* aisle-kiosk-keypad.h: a large on-screen numeric keypad that types into an entry.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AISLE_TYPE_KIOSK_KEYPAD (aisle_kiosk_keypad_get_type ())

G_DECLARE_FINAL_TYPE (AisleKioskKeypad, aisle_kiosk_keypad, AISLE, KIOSK_KEYPAD, GtkWidget)

GtkWidget   *aisle_kiosk_keypad_new       (void);
GtkEditable *aisle_kiosk_keypad_get_entry (AisleKioskKeypad *self);
void         aisle_kiosk_keypad_set_entry (AisleKioskKeypad *self,
                                           GtkEditable      *entry);

G_END_DECLS

/* aisle-pin-keypad.h: a large on-screen keypad for PINs (staff sign-in, manager approval).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define AISLE_TYPE_PIN_KEYPAD (aisle_pin_keypad_get_type ())

G_DECLARE_FINAL_TYPE (AislePinKeypad, aisle_pin_keypad, AISLE, PIN_KEYPAD, GtkWidget)

GtkWidget  *aisle_pin_keypad_new            (void);
const char *aisle_pin_keypad_get_text       (AislePinKeypad *self);
void        aisle_pin_keypad_set_text       (AislePinKeypad *self,
                                             const char     *text);
guint       aisle_pin_keypad_get_max_length (AislePinKeypad *self);
void        aisle_pin_keypad_set_max_length (AislePinKeypad *self,
                                             guint           max_length);
void        aisle_pin_keypad_clear          (AislePinKeypad *self);

G_END_DECLS

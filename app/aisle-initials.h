/* aisle-initials.h
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AISLE_TYPE_INITIALS (aisle_initials_get_type())

G_DECLARE_FINAL_TYPE (AisleInitials, aisle_initials, AISLE, INITIALS, GtkWidget)

GtkWidget  *aisle_initials_new          (void);
const char *aisle_initials_get_text     (AisleInitials *self);
void        aisle_initials_set_text     (AisleInitials *self,
                                         const char    *text);
const char *aisle_initials_get_initials (AisleInitials *self);
guint       aisle_initials_get_color    (AisleInitials *self);

G_END_DECLS

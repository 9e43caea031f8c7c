/* aisle-wedge.h: hear a keyboard-wedge barcode scanner anywhere in a window.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AISLE_TYPE_WEDGE (aisle_wedge_get_type ())

G_DECLARE_FINAL_TYPE (AisleWedge, aisle_wedge, AISLE, WEDGE, GObject)

AisleWedge *aisle_wedge_new          (void);
void        aisle_wedge_attach       (AisleWedge      *self,
                                      GtkWidget       *widget);
guint       aisle_wedge_get_max_gap  (AisleWedge      *self);
void        aisle_wedge_set_max_gap  (AisleWedge      *self,
                                      guint            msec);
gboolean    aisle_wedge_handle_key   (AisleWedge      *self,
                                      guint            keyval,
                                      GdkModifierType  state,
                                      guint32          time_ms);
void        aisle_wedge_flush        (AisleWedge      *self);

G_END_DECLS

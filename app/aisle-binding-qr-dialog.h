/* aisle-binding-qr-dialog.h: an associate's binding QR (專員綁定) for the customer's phone.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GdkTexture *aisle_qr_texture_new           (const char  *text,
                                            guint        module_px,
                                            GError     **error);
GtkWidget  *aisle_binding_qr_dialog_new    (GtkWindow   *parent,
                                            const char  *staff_name,
                                            const char  *link,
                                            gint64       expires_at,
                                            GError     **error);

G_END_DECLS

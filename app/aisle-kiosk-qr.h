/* aisle-kiosk-qr.h: QR codes drawn for the screen (member cards, enrolment links).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GdkTexture *aisle_kiosk_qr_texture_new (const char  *text,
                                        int          module_px,
                                        GError     **error);

G_END_DECLS

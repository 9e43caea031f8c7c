/* aisle-scan-image.h: load an image file as 8-bit grey, for the aisle-codes CLI, tests and
 * benchmarks. Uses gdk-pixbuf (not GTK); the scan library itself does not link it.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint8 *aisle_scan_image_load_gray8   (const char    *path,
                                       guint         *width,
                                       guint         *height,
                                       GError       **error);

/* Synthetic codes for tests and benchmarks: black on white, a quiet zone included, packed rows. */
guint8 *aisle_scan_image_render_qr    (const guint8  *data,
                                       gsize          length,
                                       guint          module_px,
                                       guint         *width,
                                       guint         *height,
                                       GError       **error);
guint8 *aisle_scan_image_render_ean13 (const char    *digits,
                                       guint          module_px,
                                       guint          bar_height,
                                       guint         *width,
                                       guint         *height,
                                       GError       **error);
char    aisle_scan_image_ean_check_digit (const char *digits,
                                          gsize       n_digits);

G_END_DECLS

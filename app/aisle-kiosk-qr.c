/* aisle-kiosk-qr.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The code is drawn at whole pixels per module with the four-module quiet zone, so it stays
 * sharp: a GtkPicture showing it must not scale it (can-shrink off), or a phone camera a step
 * away meets blurred module edges.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <qrencode.h>
#include <string.h>

#include "aisle-kiosk-qr.h"

#define QUIET_ZONE 4

/**
 * aisle_kiosk_qr_texture_new:
 * @text: what the code holds (8-bit data)
 * @module_px: pixels per module
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a black-on-white texture, or %NULL with @error set
 */
GdkTexture *
aisle_kiosk_qr_texture_new (const char  *text,
                            int          module_px,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  QRcode *qr;
  guint8 *pixels;
  int size, width;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (module_px > 0, NULL);

  qr = QRcode_encodeData ((int) strlen (text), (const unsigned char *) text, 0, QR_ECLEVEL_M);
  if (qr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The code is too long to draw");
      return NULL;
    }
  size = qr->width + 2 * QUIET_ZONE;
  width = size * module_px;
  pixels = g_malloc ((gsize) width * width);
  memset (pixels, 0xff, (gsize) width * width);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      {
        if ((qr->data[y * qr->width + x] & 1) == 0)
          continue;
        for (int dy = 0; dy < module_px; dy++)
          memset (pixels + (gsize) ((y + QUIET_ZONE) * module_px + dy) * width
                  + (x + QUIET_ZONE) * module_px, 0, module_px);
      }
  QRcode_free (qr);
  bytes = g_bytes_new_take (pixels, (gsize) width * width);
  /* GDK 4.8 has no grey memory format: expand to RGB. */
  {
    guint8 *rgb = g_malloc ((gsize) width * width * 3);
    const guint8 *grey = g_bytes_get_data (bytes, NULL);
    g_autoptr(GBytes) rgb_bytes = NULL;

    for (gsize i = 0; i < (gsize) width * width; i++)
      rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = grey[i];
    rgb_bytes = g_bytes_new_take (rgb, (gsize) width * width * 3);
    return gdk_memory_texture_new (width, width, GDK_MEMORY_R8G8B8, rgb_bytes, (gsize) width * 3);
  }
}

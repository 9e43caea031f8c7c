/* aisle-scan-image.c: image files to GRAY8 through gdk-pixbuf.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-scan"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <qrencode.h>
#include <string.h>

#include "aisle-scan.h"
#include "aisle-scan-image.h"

/* PNG and JPEG are told by their magic bytes: gdk_pixbuf_new_from_file() sniffs through the
 * shared-mime-info database, which an isolated test environment or a minimal sandbox lacks. */
static GdkPixbuf *
load_pixbuf (const char  *path,
             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *type = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (length >= 8 && memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0)
    type = "png";
  else if (length >= 3 && memcmp (contents, "\xff\xd8\xff", 3) == 0)
    type = "jpeg";
  if (type == NULL)
    return gdk_pixbuf_new_from_file (path, error);

  loader = gdk_pixbuf_loader_new_with_type (type, error);
  if (loader == NULL)
    return NULL;
  if (!gdk_pixbuf_loader_write (loader, (const guchar *) contents, length, error)
      || !gdk_pixbuf_loader_close (loader, error))
    return NULL;
  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

/**
 * aisle_scan_image_load_gray8:
 * @path: a PNG, JPEG or any other format gdk-pixbuf reads
 * @width: (out): pixels per row
 * @height: (out): rows
 * @error: return location for an error
 *
 * Converts to grey with the Rec. 601 luma weights (what ImageMagick's "gray" and so zbarimg
 * use), compositing any alpha onto white as a printed label would be.
 *
 * Returns: (transfer full): @width * @height bytes, rows packed (stride == width)
 */
guint8 *
aisle_scan_image_load_gray8 (const char  *path,
                             guint       *width,
                             guint       *height,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  const guint8 *pixels;
  guint8 *gray;
  int w, h, stride, n_channels;
  gboolean alpha;

  g_return_val_if_fail (path != NULL, NULL);

  pixbuf = load_pixbuf (path, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_IMAGE,
                   "Cannot read image %s: %s", path, local_error->message);
      return NULL;
    }
  if (gdk_pixbuf_get_colorspace (pixbuf) != GDK_COLORSPACE_RGB
      || gdk_pixbuf_get_bits_per_sample (pixbuf) != 8)
    {
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_IMAGE,
                   "Cannot read image %s: not 8-bit RGB", path);
      return NULL;
    }

  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  gray = g_malloc ((gsize) w * h);
  for (int y = 0; y < h; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;
      for (int x = 0; x < w; x++, p += n_channels)
        {
          guint v = (299 * p[0] + 587 * p[1] + 114 * p[2] + 500) / 1000;
          if (alpha)
            v = (v * p[3] + 255 * (255 - p[3]) + 127) / 255;
          gray[(gsize) y * w + x] = (guint8) v;
        }
    }
  *width = (guint) w;
  *height = (guint) h;
  return gray;
}

/**
 * aisle_scan_image_render_qr:
 * @data: (array length=length): the payload, encoded in byte mode as is (any bytes)
 * @length: its length
 * @module_px: pixels per module
 * @width: (out): image width
 * @height: (out): image height
 * @error: return location for an error
 *
 * Level M error correction and the 4-module quiet zone the standard asks for.
 *
 * Returns: (transfer full): the image, or %NULL if libqrencode refuses the payload
 */
guint8 *
aisle_scan_image_render_qr (const guint8  *data,
                            gsize          length,
                            guint          module_px,
                            guint         *width,
                            guint         *height,
                            GError       **error)
{
  const guint quiet = 4;
  QRcode *qr;
  guint side;
  guint8 *image;

  g_return_val_if_fail (module_px > 0, NULL);

  qr = QRcode_encodeData ((int) length, data, 0, QR_ECLEVEL_M);
  if (qr == NULL)
    {
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID,
                   "libqrencode cannot encode %" G_GSIZE_FORMAT " bytes", length);
      return NULL;
    }
  side = ((guint) qr->width + 2 * quiet) * module_px;
  image = g_malloc ((gsize) side * side);
  memset (image, 255, (gsize) side * side);
  for (int my = 0; my < qr->width; my++)
    for (int mx = 0; mx < qr->width; mx++)
      if (qr->data[my * qr->width + mx] & 1)
        for (guint y = 0; y < module_px; y++)
          memset (image + (gsize) ((quiet + my) * module_px + y) * side + (quiet + mx) * module_px,
                  0, module_px);
  QRcode_free (qr);
  *width = *height = side;
  return image;
}

/* The GS1 check digit over @n_digits digits (12 for EAN-13, 7 for EAN-8). */
char
aisle_scan_image_ean_check_digit (const char *digits,
                                  gsize       n_digits)
{
  guint sum = 0;

  for (gsize i = 0; i < n_digits; i++)
    sum += (guint) (digits[n_digits - 1 - i] - '0') * (i % 2 == 0 ? 3 : 1);
  return (char) ('0' + (10 - sum % 10) % 10);
}

/**
 * aisle_scan_image_render_ean13:
 * @digits: 12 digits (the check digit is computed) or 13 (used as given, even if wrong)
 * @module_px: pixels per module
 * @bar_height: bar height in pixels
 * @width: (out): image width
 * @height: (out): image height
 * @error: return location for an error
 *
 * Draws the bars from the EAN encoding tables, with an 11-module quiet zone each side and a
 * white margin above and below.
 *
 * Returns: (transfer full): the image, or %NULL for bad digits
 */
guint8 *
aisle_scan_image_render_ean13 (const char  *digits,
                               guint        module_px,
                               guint        bar_height,
                               guint       *width,
                               guint       *height,
                               GError     **error)
{
  /* L (odd parity) patterns; R is their complement and G is R reversed. */
  static const char * const l_codes[10] = {
    "0001101", "0011001", "0010011", "0111101", "0100011",
    "0110001", "0101111", "0111011", "0110111", "0001011",
  };
  /* Which of the six left digits use G, chosen by the first digit. */
  static const char * const parity[10] = {
    "LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
    "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL",
  };
  const guint quiet = 11;
  const guint margin = 8;
  char full[14];
  char modules[96];
  gsize n = 0;
  guint w, h;
  guint8 *image;

  g_return_val_if_fail (digits != NULL && module_px > 0 && bar_height > 0, NULL);

  if ((strlen (digits) != 12 && strlen (digits) != 13) || strspn (digits, "0123456789") != strlen (digits))
    {
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID,
                   "EAN-13 needs 12 or 13 digits, not “%s”", digits);
      return NULL;
    }
  memcpy (full, digits, 12);
  full[12] = strlen (digits) == 13 ? digits[12] : aisle_scan_image_ean_check_digit (digits, 12);
  full[13] = '\0';

  memcpy (modules + n, "101", 3), n += 3;
  for (guint i = 1; i <= 6; i++)
    {
      const char *l = l_codes[full[i] - '0'];
      gboolean g = parity[full[0] - '0'][i - 1] == 'G';

      for (guint k = 0; k < 7; k++)
        modules[n++] = g ? (l[6 - k] == '1' ? '0' : '1') : l[k];
    }
  memcpy (modules + n, "01010", 5), n += 5;
  for (guint i = 7; i <= 12; i++)
    {
      const char *l = l_codes[full[i] - '0'];

      for (guint k = 0; k < 7; k++)
        modules[n++] = l[k] == '1' ? '0' : '1';
    }
  memcpy (modules + n, "101", 3), n += 3;
  g_assert (n == 95);

  w = (95 + 2 * quiet) * module_px;
  h = bar_height + 2 * margin * module_px;
  image = g_malloc ((gsize) w * h);
  memset (image, 255, (gsize) w * h);
  for (guint y = margin * module_px; y < margin * module_px + bar_height; y++)
    for (guint m = 0; m < 95; m++)
      if (modules[m] == '1')
        memset (image + (gsize) y * w + (quiet + m) * module_px, 0, module_px);
  *width = w;
  *height = h;
  return image;
}

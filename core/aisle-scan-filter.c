/* aisle-scan-filter.c: small grey-image filters for the decoder's extra passes.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-scan"

#include "config.h"

#include <math.h>
#include <string.h>

#include "aisle-scan-private.h"

void
_aisle_gray_clear (AisleGray *gray)
{
  g_clear_pointer (&gray->data, g_free);
  gray->width = gray->height = 0;
  gray->capacity = 0;
}

/* Buffers only grow, so a scanner fed same-sized frames allocates once per filter. */
void
_aisle_gray_ensure (AisleGray *gray,
                    guint      width,
                    guint      height)
{
  gsize need = MAX ((gsize) width * height, 1);

  if (gray->data == NULL || need > gray->capacity)
    {
      g_free (gray->data);
      gray->data = g_malloc (need);
      gray->capacity = need;
    }
  gray->width = width;
  gray->height = height;
}

/* Area-average when shrinking (a box filter keeps thin bars from vanishing between samples),
 * bilinear when growing (nearest-neighbour would make stair-steps that look like modules). */
void
_aisle_gray_scale (const AisleGray *in,
                   AisleGray       *out,
                   guint            width,
                   guint            height)
{
  g_assert (in->data != out->data);
  _aisle_gray_ensure (out, width, height);

  if (width * 2 == in->width && height * 2 == in->height)
    {
      /* the common halving, without the general case's divisions */
      for (guint y = 0; y < height; y++)
        {
          const guint8 *r0 = in->data + (gsize) 2 * y * in->width;
          const guint8 *r1 = r0 + in->width;
          guint8 *o = out->data + (gsize) y * width;

          for (guint x = 0; x < width; x++)
            o[x] = (guint8) ((r0[2 * x] + r0[2 * x + 1] + r1[2 * x] + r1[2 * x + 1] + 2) / 4);
        }
      return;
    }

  if (width <= in->width && height <= in->height)
    {
      for (guint y = 0; y < height; y++)
        {
          guint y0 = (guint) ((guint64) y * in->height / height);
          guint y1 = MAX (y0 + 1, (guint) ((guint64) (y + 1) * in->height / height));

          for (guint x = 0; x < width; x++)
            {
              guint x0 = (guint) ((guint64) x * in->width / width);
              guint x1 = MAX (x0 + 1, (guint) ((guint64) (x + 1) * in->width / width));
              guint sum = 0;

              for (guint yy = y0; yy < y1; yy++)
                {
                  const guint8 *row = in->data + (gsize) yy * in->width;
                  for (guint xx = x0; xx < x1; xx++)
                    sum += row[xx];
                }
              out->data[(gsize) y * width + x] = (guint8) (sum / ((y1 - y0) * (x1 - x0)));
            }
        }
      return;
    }

  for (guint y = 0; y < height; y++)
    {
      double fy = ((y + 0.5) * in->height / height) - 0.5;
      int iy = (int) floor (fy);
      double wy = fy - iy;
      guint y0 = (guint) CLAMP (iy, 0, (int) in->height - 1);
      guint y1 = (guint) CLAMP (iy + 1, 0, (int) in->height - 1);

      for (guint x = 0; x < width; x++)
        {
          double fx = ((x + 0.5) * in->width / width) - 0.5;
          int ix = (int) floor (fx);
          double wx = fx - ix;
          guint x0 = (guint) CLAMP (ix, 0, (int) in->width - 1);
          guint x1 = (guint) CLAMP (ix + 1, 0, (int) in->width - 1);
          const guint8 *r0 = in->data + (gsize) y0 * in->width;
          const guint8 *r1 = in->data + (gsize) y1 * in->width;
          double v = (r0[x0] * (1 - wx) + r0[x1] * wx) * (1 - wy)
                     + (r1[x0] * (1 - wx) + r1[x1] * wx) * wy;

          out->data[(gsize) y * width + x] = (guint8) CLAMP (v + 0.5, 0, 255);
        }
    }
}

/* Maps the 1st..99th percentile onto 0..255: a washed-out or dim photo gets the full range, and
 * a few specular highlights do not decide the scale. */
void
_aisle_gray_stretch (const AisleGray *in,
                     AisleGray       *out)
{
  guint hist[256] = { 0 };
  gsize n = (gsize) in->width * in->height;
  gsize cut = n / 100;
  gsize acc = 0;
  guint lo = 0;
  guint hi = 255;
  guint8 lut[256];

  _aisle_gray_ensure (out, in->width, in->height);
  for (gsize i = 0; i < n; i++)
    hist[in->data[i]]++;
  for (lo = 0; lo < 255; lo++)
    {
      acc += hist[lo];
      if (acc > cut)
        break;
    }
  acc = 0;
  for (hi = 255; hi > 0; hi--)
    {
      acc += hist[hi];
      if (acc > cut)
        break;
    }
  if (hi <= lo)
    hi = lo + 1;
  for (guint v = 0; v < 256; v++)
    {
      int s = ((int) v - (int) lo) * 255 / (int) (hi - lo);
      lut[v] = (guint8) CLAMP (s, 0, 255);
    }
  for (gsize i = 0; i < n; i++)
    out->data[i] = lut[in->data[i]];
}

/* Unsharp mask with a 3x3 box: out = 2 * in - blur. Restores edges a slightly defocused
 * camera smeared over neighbouring modules. */
void
_aisle_gray_sharpen (const AisleGray *in,
                     AisleGray       *out)
{
  guint w = in->width;
  guint h = in->height;

  _aisle_gray_ensure (out, w, h);
  for (guint y = 0; y < h; y++)
    {
      guint ya = y > 0 ? y - 1 : 0;
      guint yb = y + 1 < h ? y + 1 : y;
      const guint8 *ra = in->data + (gsize) ya * w;
      const guint8 *rc = in->data + (gsize) y * w;
      const guint8 *rb = in->data + (gsize) yb * w;

      for (guint x = 0; x < w; x++)
        {
          guint xa = x > 0 ? x - 1 : 0;
          guint xb = x + 1 < w ? x + 1 : x;
          int sum = ra[xa] + ra[x] + ra[xb] + rc[xa] + rc[x] + rc[xb] + rb[xa] + rb[x] + rb[xb];
          int v = 2 * rc[x] - sum / 9;

          out->data[(gsize) y * w + x] = (guint8) CLAMP (v, 0, 255);
        }
    }
}

/* 3x3 box blur: melts photographic texture inside modules (a picture printed into a QR
 * code) before a threshold, and hides JPEG block edges. */
void
_aisle_gray_blur (const AisleGray *in,
                  AisleGray       *out)
{
  guint w = in->width;
  guint h = in->height;

  _aisle_gray_ensure (out, w, h);
  for (guint y = 0; y < h; y++)
    {
      const guint8 *ra = in->data + (gsize) (y > 0 ? y - 1 : 0) * w;
      const guint8 *rc = in->data + (gsize) y * w;
      const guint8 *rb = in->data + (gsize) (y + 1 < h ? y + 1 : y) * w;

      for (guint x = 0; x < w; x++)
        {
          guint xa = x > 0 ? x - 1 : 0;
          guint xb = x + 1 < w ? x + 1 : x;
          guint sum = ra[xa] + ra[x] + ra[xb] + rc[xa] + rc[x] + rc[xb] + rb[xa] + rb[x] + rb[xb];

          out->data[(gsize) y * w + x] = (guint8) ((sum + 4) / 9);
        }
    }
}

/* Local-mean threshold over a window about 1/8 of the shorter side, via an integral image:
 * uneven lighting (a shadow across a receipt) defeats a single global threshold. */
void
_aisle_gray_threshold (const AisleGray *in,
                       AisleGray       *out)
{
  guint w = in->width;
  guint h = in->height;
  guint r = MAX (4, MIN (w, h) / 16);
  g_autofree guint32 *integral = g_new (guint32, (gsize) (w + 1) * (h + 1));

  _aisle_gray_ensure (out, w, h);
  memset (integral, 0, sizeof (guint32) * (w + 1));
  for (guint y = 0; y < h; y++)
    {
      guint32 row = 0;
      guint32 *cur = integral + (gsize) (y + 1) * (w + 1);
      const guint32 *prev = integral + (gsize) y * (w + 1);

      cur[0] = 0;
      for (guint x = 0; x < w; x++)
        {
          row += in->data[(gsize) y * w + x];
          cur[x + 1] = prev[x + 1] + row;
        }
    }
  for (guint y = 0; y < h; y++)
    {
      guint y0 = y > r ? y - r : 0;
      guint y1 = MIN (h, y + r + 1);

      for (guint x = 0; x < w; x++)
        {
          guint x0 = x > r ? x - r : 0;
          guint x1 = MIN (w, x + r + 1);
          guint32 sum = integral[(gsize) y1 * (w + 1) + x1] - integral[(gsize) y0 * (w + 1) + x1]
                        - integral[(gsize) y1 * (w + 1) + x0] + integral[(gsize) y0 * (w + 1) + x0];
          guint32 area = (y1 - y0) * (x1 - x0);
          guint32 v = in->data[(gsize) y * w + x];

          /* the small margin keeps flat paper from turning into salt and pepper */
          out->data[(gsize) y * w + x] = v * area + 4 * area < sum ? 0 : 255;
        }
    }
}

void
_aisle_gray_invert (const AisleGray *in,
                    AisleGray       *out)
{
  gsize n = (gsize) in->width * in->height;

  _aisle_gray_ensure (out, in->width, in->height);
  for (gsize i = 0; i < n; i++)
    out->data[i] = 255 - in->data[i];
}

/* Rotates about the centre onto a canvas that holds the whole image, bilinear, filling the
 * corners with the image's mean so no false edge appears there. ZBar scans rows and columns
 * only, so a linear code near 45 degrees is read once it is turned upright. */
void
_aisle_gray_rotate (const AisleGray *in,
                    AisleGray       *out,
                    double           degrees)
{
  double a = degrees * G_PI / 180.0;
  double c = cos (a);
  double s = sin (a);
  guint w = in->width;
  guint h = in->height;
  guint ow = (guint) ceil (fabs (w * c) + fabs (h * s));
  guint oh = (guint) ceil (fabs (w * s) + fabs (h * c));
  double cx = w / 2.0;
  double cy = h / 2.0;
  double ocx = ow / 2.0;
  double ocy = oh / 2.0;
  guint64 sum = 0;
  guint8 fill;

  for (gsize i = 0; i < (gsize) w * h; i++)
    sum += in->data[i];
  fill = (guint8) (sum / MAX ((gsize) w * h, 1));

  _aisle_gray_ensure (out, ow, oh);
  for (guint y = 0; y < oh; y++)
    for (guint x = 0; x < ow; x++)
      {
        double dx = x + 0.5 - ocx;
        double dy = y + 0.5 - ocy;
        double sx = c * dx + s * dy + cx - 0.5;
        double sy = -s * dx + c * dy + cy - 0.5;
        int ix = (int) floor (sx);
        int iy = (int) floor (sy);
        double wx = sx - ix;
        double wy = sy - iy;
        guint8 *dst = out->data + (gsize) y * ow + x;

        if (ix < 0 || iy < 0 || ix + 1 >= (int) w || iy + 1 >= (int) h)
          {
            *dst = fill;
            continue;
          }
        {
          const guint8 *r0 = in->data + (gsize) iy * w + ix;
          const guint8 *r1 = r0 + w;
          double v = (r0[0] * (1 - wx) + r0[1] * wx) * (1 - wy) + (r1[0] * (1 - wx) + r1[1] * wx) * wy;

          *dst = (guint8) CLAMP (v + 0.5, 0, 255);
        }
      }
}

/* A frame with almost no spread (lens cap, dark room, blank wall) cannot hold a code; a sparse
 * sample of about 2000 pixels decides that in microseconds. */
gboolean
_aisle_gray_is_flat (const guint8 *data,
                     guint         width,
                     guint         height,
                     gsize         stride)
{
  guint step_x = MAX (1, width / 48);
  guint step_y = MAX (1, height / 40);
  guint8 lo = 255;
  guint8 hi = 0;

  for (guint y = step_y / 2; y < height; y += step_y)
    {
      const guint8 *row = data + (gsize) y * stride;
      for (guint x = step_x / 2; x < width; x += step_x)
        {
          lo = MIN (lo, row[x]);
          hi = MAX (hi, row[x]);
        }
    }
  return hi - lo < 24;
}

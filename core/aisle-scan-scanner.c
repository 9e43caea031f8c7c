/* aisle-scan-scanner.c: AisleScanner, one ZBar image scanner and the passes run over a frame.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-scan"

#include "config.h"

#include <math.h>
#include <string.h>
#include <zbar.h>

#include "aisle-scan-private.h"

/* Frames with a side beyond this are refused: it bounds every scratch buffer below. */
#define MAX_SIDE 8192
/* Extra passes never grow an image past this side; ZBar's time grows with the area. */
#define MAX_GROWN_SIDE 1600

typedef enum
{
  OP_INVERT,
  OP_SCALE,
  OP_FIT,
  OP_DENOISE,
  OP_CROP,
  OP_STRETCH,
  OP_SHARPEN,
  OP_BLUR,
  OP_THRESHOLD,
  OP_ROTATE,
} OpKind;

typedef struct
{
  const char *name;
  OpKind      kind;
  double      arg;
} Op;

/* The image operations a pass chains ("stretch+up2"). */
static const Op all_ops[] = {
  { "invert", OP_INVERT, 0 },
  { "up2", OP_SCALE, 2.0 },
  { "up3", OP_SCALE, 3.0 },
  { "up1.5", OP_SCALE, 1.5 },
  { "half", OP_SCALE, 0.5 },
  { "fit", OP_FIT, 640 },
  { "denoise", OP_DENOISE, 640 },
  { "crop", OP_CROP, 800 },
  { "two-thirds", OP_SCALE, 2.0 / 3.0 },
  { "stretch", OP_STRETCH, 0 },
  { "sharpen", OP_SHARPEN, 0 },
  { "blur", OP_BLUR, 0 },
  { "threshold", OP_THRESHOLD, 0 },
  { "rot45", OP_ROTATE, 45 },
  { "rot-45", OP_ROTATE, -45 },
  { "rot22", OP_ROTATE, 22.5 },
  { "rot-22", OP_ROTATE, -22.5 },
  { "rot67", OP_ROTATE, 67.5 },
  { "rot-67", OP_ROTATE, -67.5 },
};

#define MAX_CHAIN 3
#define MAX_PASSES 16

/* A pass: ZBar over the frame after zero or more operations. "zbar" is the frame as is, with
 * ZBar's own retry on the inverted image when nothing is found (ZBAR_CFG_TEST_INVERTED); that
 * retry doubles the cost of an empty frame, so "plain" (the frame as is, no retry) is what
 * camera frames get, with "invert" as one of their extra passes instead. */
typedef struct
{
  char      name[48];
  guint8    ops[MAX_CHAIN];
  guint     n_ops;
  gboolean  zbar_inverted;
} Pass;

/* Still images: the plain pass, then each extra until one decodes. Measured on the
 * zxing-blackbox photographs (docs/benchmarks.md): up2+threshold reads small, textured and
 * unevenly lit QR codes and blurred EAN-13s (5 more images), stretch a dim EAN-13 (1); the
 * rest rescue images the first three also rescue, but each reads some synthetic or real frame
 * the others miss, and together they cost nothing once a pass has decoded. rot45 is for linear
 * codes held diagonally, which ZBar's row and column scans cannot cross. */
static const char * const thorough_passes[] = {
  "zbar", "up2+threshold", "stretch", "blur", "up2", "threshold", "rot22", "half", "sharpen",
  "rot45",
};
/* Camera frames: one pass on every frame over the frame fitted into 640 pixels, or lightly
 * blurred if it already fits: ZBar finds an edge in every noisy pixel, and a 1280x720 webcam frame costs it about
 * ten times more as is than fitted and blurred (docs/benchmarks.md). Then one extra pass per
 * frame, taken in turn, so an empty frame costs at most two cheap passes and a code the first
 * pass cannot read is tried every way within a few frames (a sixth of a second at 30 fps): an
 * inverted code, a fine code that the blur would melt, a small one in the middle at full
 * resolution, uneven light, low contrast. Passes that do not apply at a frame's size are
 * skipped. Rotation is too slow for the frame budget and is left to stills. */
static const char * const frame_passes[] = {
  "denoise", "denoise+invert", "fit", "crop", "denoise+threshold", "denoise+stretch",
};

struct _AisleScanner
{
  /* owned; used only by the thread that calls decode */
  zbar_image_scanner_t *zscanner;
  AisleScanEffort       effort;
  Pass                  passes[MAX_PASSES];
  guint                 n_passes;
  gboolean              custom_passes;
  guint                 frame_counter;
  AisleGray             frame;    /* contiguous copy, only when the caller's stride is padded */
  AisleGray             scratch[2];  /* a pass's intermediate and final images */
};

static gboolean
parse_pass (const char *name,
            Pass       *pass)
{
  g_auto(GStrv) parts = NULL;

  memset (pass, 0, sizeof *pass);
  if (strlen (name) >= sizeof pass->name)
    return FALSE;
  g_strlcpy (pass->name, name, sizeof pass->name);
  if (g_str_equal (name, "zbar") || g_str_equal (name, "plain"))
    {
      pass->zbar_inverted = g_str_equal (name, "zbar");
      return TRUE;
    }
  parts = g_strsplit (name, "+", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint k;

      if (pass->n_ops == MAX_CHAIN)
        return FALSE;
      for (k = 0; k < G_N_ELEMENTS (all_ops); k++)
        if (g_str_equal (all_ops[k].name, parts[i]))
          break;
      if (k == G_N_ELEMENTS (all_ops))
        return FALSE;
      pass->ops[pass->n_ops++] = (guint8) k;
    }
  return pass->n_ops > 0;
}

static void
set_pass_list (AisleScanner      *self,
               const char * const *names,
               guint               n_names)
{
  self->n_passes = 0;
  for (guint i = 0; i < n_names && self->n_passes < MAX_PASSES; i++)
    {
      gboolean ok = parse_pass (names[i], &self->passes[self->n_passes++]);
      g_assert (ok);
    }
}

static void
configure_zbar (zbar_image_scanner_t *zscanner)
{
  static const zbar_symbol_type_t enabled[] = {
    ZBAR_QRCODE, ZBAR_EAN13, ZBAR_EAN8, ZBAR_UPCA, ZBAR_UPCE, ZBAR_CODE128, ZBAR_CODE39,
  };
  /* Off already after the blanket disable, but said again so a ZBar whose defaults change, or
   * a later edit above, cannot switch them back on silently: DataBar for CVE-2023-40890, the
   * rest because a store never sees them and each decoder is attack surface and false reads. */
  static const zbar_symbol_type_t disabled[] = {
    ZBAR_DATABAR, ZBAR_DATABAR_EXP, ZBAR_COMPOSITE, ZBAR_I25, ZBAR_CODABAR, ZBAR_CODE93,
    ZBAR_PDF417, ZBAR_SQCODE, ZBAR_ISBN10, ZBAR_ISBN13, ZBAR_EAN2, ZBAR_EAN5,
  };

  zbar_image_scanner_set_config (zscanner, 0, ZBAR_CFG_ENABLE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (disabled); i++)
    zbar_image_scanner_set_config (zscanner, disabled[i], ZBAR_CFG_ENABLE, 0);
  for (guint i = 0; i < G_N_ELEMENTS (enabled); i++)
    zbar_image_scanner_set_config (zscanner, enabled[i], ZBAR_CFG_ENABLE, 1);
  /* Raw bytes: e-invoices carry Big5, and only the payload's own flag says so. */
  zbar_image_scanner_set_config (zscanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
  zbar_image_scanner_set_config (zscanner, 0, ZBAR_CFG_POSITION, 1);
  zbar_image_scanner_set_config (zscanner, 0, ZBAR_CFG_X_DENSITY, 1);
  zbar_image_scanner_set_config (zscanner, 0, ZBAR_CFG_Y_DENSITY, 1);
}

/**
 * aisle_scanner_new:
 *
 * Creates the ZBar image scanner once, with only the store's symbologies enabled. The scanner
 * may be created on one thread and then used by another, but by one thread at a time.
 *
 * Returns: (transfer full): a new scanner with %AISLE_SCAN_EFFORT_THOROUGH
 */
AisleScanner *
aisle_scanner_new (void)
{
  AisleScanner *self = g_new0 (AisleScanner, 1);

  self->zscanner = zbar_image_scanner_create ();
  configure_zbar (self->zscanner);
  aisle_scanner_set_effort (self, AISLE_SCAN_EFFORT_THOROUGH);
  return self;
}

void
aisle_scanner_free (AisleScanner *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->zscanner, zbar_image_scanner_destroy);
  _aisle_gray_clear (&self->frame);
  _aisle_gray_clear (&self->scratch[0]);
  _aisle_gray_clear (&self->scratch[1]);
  g_free (self);
}

void
aisle_scanner_set_effort (AisleScanner    *self,
                          AisleScanEffort  effort)
{
  g_return_if_fail (self != NULL);

  self->effort = effort;
  self->custom_passes = FALSE;
  self->frame_counter = 0;
  switch (effort)
    {
    case AISLE_SCAN_EFFORT_FAST:
      set_pass_list (self, thorough_passes, 1);
      break;
    case AISLE_SCAN_EFFORT_FRAME:
      set_pass_list (self, frame_passes, G_N_ELEMENTS (frame_passes));
      break;
    case AISLE_SCAN_EFFORT_THOROUGH:
    default:
      set_pass_list (self, thorough_passes, G_N_ELEMENTS (thorough_passes));
      break;
    }
}

AisleScanEffort
aisle_scanner_get_effort (AisleScanner *self)
{
  g_return_val_if_fail (self != NULL, AISLE_SCAN_EFFORT_FAST);

  return self->effort;
}

/**
 * aisle_scanner_is_enabled:
 * @self: a scanner
 * @symbology: a symbology
 *
 * Returns: whether ZBar is configured to decode @symbology
 */
gboolean
aisle_scanner_is_enabled (AisleScanner   *self,
                          AisleSymbology  symbology)
{
  static const zbar_symbol_type_t types[] = {
    ZBAR_QRCODE, ZBAR_EAN13, ZBAR_EAN8, ZBAR_UPCA, ZBAR_UPCE, ZBAR_CODE128, ZBAR_CODE39,
  };
  int value = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (_aisle_symbology_from_zbar (types[i]) == symbology && symbology != AISLE_SYMBOLOGY_NONE)
      return zbar_image_scanner_get_config (self->zscanner, types[i], ZBAR_CFG_ENABLE, &value) == 0
             && value != 0;
  return FALSE;
}

gpointer
_aisle_scanner_get_zbar (AisleScanner *self)
{
  return self->zscanner;
}

gboolean
_aisle_scanner_set_passes (AisleScanner  *self,
                           const char    *passes,
                           GError       **error)
{
  g_auto(GStrv) names = g_strsplit (passes, ",", -1);
  guint n = g_strv_length (names);
  Pass parsed;

  if (n == 0 || n > MAX_PASSES)
    {
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID,
                   "Give between 1 and %u passes", (guint) MAX_PASSES);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    if (!parse_pass (g_strstrip (names[i]), &parsed))
      {
        g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID,
                     "Unknown pass “%s”", names[i]);
        return FALSE;
      }
  set_pass_list (self, (const char * const *) names, n);
  self->custom_passes = TRUE;
  return TRUE;
}

/* For --help texts: the pass names, and the operations a pass may chain with '+'. */
char *
_aisle_scanner_list_passes (void)
{
  GString *s = g_string_new ("zbar, plain, or operations joined by '+':");

  for (guint i = 0; i < G_N_ELEMENTS (all_ops); i++)
    g_string_append_printf (s, " %s", all_ops[i].name);
  return g_string_free (s, FALSE);
}

static void
zbar_keep_data (zbar_image_t *image)
{
  /* The frame belongs to the caller (or to us): ZBar must not free it. */
}

/* Maps a point found in an operation's output back to its input. */
static void
map_point (const Op *op,
           guint     in_w,
           guint     in_h,
           guint     out_w,
           guint     out_h,
           int      *x,
           int      *y)
{
  switch (op->kind)
    {
    case OP_SCALE:
    case OP_FIT:
    case OP_DENOISE:
      *x = (int) lround ((*x + 0.5) * in_w / out_w - 0.5);
      *y = (int) lround ((*y + 0.5) * in_h / out_h - 0.5);
      break;
    case OP_ROTATE:
      {
        double a = op->arg * G_PI / 180.0;
        double dx = *x + 0.5 - out_w / 2.0;
        double dy = *y + 0.5 - out_h / 2.0;

        *x = (int) lround (cos (a) * dx + sin (a) * dy + in_w / 2.0 - 0.5);
        *y = (int) lround (-sin (a) * dx + cos (a) * dy + in_h / 2.0 - 0.5);
      }
      break;
    case OP_CROP:
      *x += (int) (in_w - out_w) / 2;
      *y += (int) (in_h - out_h) / 2;
      break;
    case OP_INVERT:
    case OP_STRETCH:
    case OP_SHARPEN:
    case OP_BLUR:
    case OP_THRESHOLD:
    default:
      break;
    }
}

/* Applies one operation, or returns FALSE when it makes no sense at this size (growing a
 * large frame, shrinking a small one). */
static gboolean
apply_op (const Op        *op,
          const AisleGray *in,
          AisleGray       *out)
{
  switch (op->kind)
    {
    case OP_INVERT:
      _aisle_gray_invert (in, out);
      break;
    case OP_SCALE:
      {
        guint w = (guint) lround (in->width * op->arg);
        guint h = (guint) lround (in->height * op->arg);

        if (op->arg > 1 && MAX (w, h) > MAX_GROWN_SIDE)
          return FALSE;
        if (op->arg < 1 && MIN (w, h) < 160)
          return FALSE;
        _aisle_gray_scale (in, out, w, h);
      }
      break;
    case OP_FIT:
      {
        /* box-averaged down to at most arg pixels a side (callers skip this when the image
         * already fits): quarter the area and average away sensor noise, which is what makes
         * ZBar slow on a large live frame (it finds an edge in every noisy pixel) */
        double f = op->arg / MAX (in->width, in->height);
        _aisle_gray_scale (in, out, MAX (1, (guint) lround (in->width * f)),
                           MAX (1, (guint) lround (in->height * f)));
      }
      break;
    case OP_DENOISE:
      /* "fit" when that shrinks the frame (box averaging is a denoiser too), else a 3x3 blur */
      if (MAX (in->width, in->height) > op->arg)
        {
          double f = op->arg / MAX (in->width, in->height);
          _aisle_gray_scale (in, out, MAX (1, (guint) lround (in->width * f)),
                             MAX (1, (guint) lround (in->height * f)));
        }
      else
        _aisle_gray_blur (in, out);
      break;
    case OP_CROP:
      {
        /* the middle quarter at full resolution: where a customer holds a code up to a
         * kiosk, and small codes there are lost by "fit" */
        guint w = in->width / 2;
        guint h = in->height / 2;
        guint x0 = (in->width - w) / 2;
        guint y0 = (in->height - h) / 2;

        if (MAX (in->width, in->height) <= op->arg)
          return FALSE;
        _aisle_gray_ensure (out, w, h);
        for (guint y = 0; y < h; y++)
          memcpy (out->data + (gsize) y * w, in->data + (gsize) (y0 + y) * in->width + x0, w);
      }
      break;
    case OP_STRETCH:
      _aisle_gray_stretch (in, out);
      break;
    case OP_SHARPEN:
      _aisle_gray_sharpen (in, out);
      break;
    case OP_BLUR:
      _aisle_gray_blur (in, out);
      break;
    case OP_THRESHOLD:
      _aisle_gray_threshold (in, out);
      break;
    case OP_ROTATE:
      if (MAX (in->width, in->height) > MAX_GROWN_SIDE)
        return FALSE;
      _aisle_gray_rotate (in, out, op->arg);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

typedef struct
{
  int x0, y0, x1, y1;
} Box;

static Box
result_box (AisleScanResult *result)
{
  Box box = { G_MAXINT, G_MAXINT, G_MININT, G_MININT };

  for (guint i = 0; i < aisle_scan_result_get_n_points (result); i++)
    {
      int x, y;

      aisle_scan_result_get_point (result, i, &x, &y);
      box.x0 = MIN (box.x0, x);
      box.y0 = MIN (box.y0, y);
      box.x1 = MAX (box.x1, x);
      box.y1 = MAX (box.y1, y);
    }
  return box;
}

static gboolean
boxes_touch (Box a,
             Box b)
{
  const int margin = 8;

  return a.x0 <= a.x1 && b.x0 <= b.x1
         && a.x0 - margin <= b.x1 && b.x0 - margin <= a.x1
         && a.y0 - margin <= b.y1 && b.y0 - margin <= a.y1;
}

/* One printed barcode has one value. When ZBar reads two different linear codes in the same
 * place, one is a misread of a damaged or blurred symbol (its check digit passed by chance):
 * keep the reading that many more scan lines agreed on, and drop both when neither clearly
 * wins, so a wrong product is never reported. (QR codes carry Reed-Solomon correction and
 * are left alone.) */
static void
drop_conflicting_reads (GPtrArray *results)
{
  g_autofree gboolean *drop = g_new0 (gboolean, results->len);

  for (guint i = 0; i < results->len; i++)
    for (guint j = i + 1; j < results->len; j++)
      {
        AisleScanResult *a = g_ptr_array_index (results, i);
        AisleScanResult *b = g_ptr_array_index (results, j);
        int qa, qb;

        if (aisle_scan_result_get_symbology (a) == AISLE_SYMBOLOGY_QR
            || aisle_scan_result_get_symbology (b) == AISLE_SYMBOLOGY_QR
            || aisle_scan_result_equal (a, b)
            || !boxes_touch (result_box (a), result_box (b)))
          continue;
        qa = aisle_scan_result_get_quality (a);
        qb = aisle_scan_result_get_quality (b);
        if (qa >= 4 * MAX (qb, 1))
          drop[j] = TRUE;
        else if (qb >= 4 * MAX (qa, 1))
          drop[i] = TRUE;
        else
          drop[i] = drop[j] = TRUE;
      }
  for (guint i = results->len; i-- > 0;)
    if (drop[i])
      g_ptr_array_remove_index (results, i);
}

static gboolean
run_pass (AisleScanner    *self,
          const Pass      *pass,
          const AisleGray *frame,
          GPtrArray       *results,
          GError         **error)
{
  const AisleGray *image = frame;
  guint dims[MAX_CHAIN + 1][2];
  zbar_image_t *zimage;
  int n;

  dims[0][0] = frame->width;
  dims[0][1] = frame->height;
  for (guint k = 0; k < pass->n_ops; k++)
    {
      const Op *op = &all_ops[pass->ops[k]];
      AisleGray *out = &self->scratch[k % 2];

      if (op->kind == OP_FIT && MAX (image->width, image->height) <= op->arg)
        {
          dims[k + 1][0] = image->width;
          dims[k + 1][1] = image->height;
          continue;
        }
      if (!apply_op (&all_ops[pass->ops[k]], image, out))
        return TRUE;
      image = out;
      dims[k + 1][0] = image->width;
      dims[k + 1][1] = image->height;
    }

  zbar_image_scanner_set_config (self->zscanner, 0, ZBAR_CFG_TEST_INVERTED,
                                 pass->zbar_inverted ? 1 : 0);
  zimage = zbar_image_create ();
  zbar_image_set_format (zimage, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (zimage, image->width, image->height);
  zbar_image_set_data (zimage, image->data, (unsigned long) image->width * image->height,
                       zbar_keep_data);
  n = zbar_scan_image (self->zscanner, zimage);
  if (n < 0)
    {
      zbar_image_destroy (zimage);
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_FAILED,
                   "ZBar failed to scan a %ux%u image", image->width, image->height);
      return FALSE;
    }

  for (const zbar_symbol_t *sym = zbar_image_first_symbol (zimage);
       sym != NULL;
       sym = zbar_symbol_next (sym))
    {
      AisleSymbology symbology = _aisle_symbology_from_zbar (zbar_symbol_get_type (sym));
      guint n_points = MIN (zbar_symbol_get_loc_size (sym), 64);
      int points[2 * 64];

      if (symbology == AISLE_SYMBOLOGY_NONE)
        continue;
      for (guint i = 0; i < n_points; i++)
        {
          points[2 * i] = zbar_symbol_get_loc_x (sym, i);
          points[2 * i + 1] = zbar_symbol_get_loc_y (sym, i);
          for (guint k = pass->n_ops; k-- > 0;)
            map_point (&all_ops[pass->ops[k]], dims[k][0], dims[k][1], dims[k + 1][0],
                       dims[k + 1][1], &points[2 * i], &points[2 * i + 1]);
        }
      g_ptr_array_add (results,
                       _aisle_scan_result_new_full (symbology,
                                                    (const guint8 *) zbar_symbol_get_data (sym),
                                                    zbar_symbol_get_data_length (sym),
                                                    zbar_symbol_get_quality (sym),
                                                    points, n_points,
                                                    g_intern_string (pass->name)));
    }
  zbar_image_destroy (zimage);
  drop_conflicting_reads (results);
  return TRUE;
}

/**
 * aisle_scanner_decode_gray8:
 * @self: a scanner
 * @data: (array): 8-bit grey pixels, @height rows of @stride bytes
 * @width: pixels per row
 * @height: rows
 * @stride: bytes from one row to the next, at least @width
 * @error: return location for an error
 *
 * Decodes every enabled symbol in the frame. With a stride equal to the width the frame is
 * handed to ZBar as is, without a copy; it is only read, and not kept after the call.
 *
 * Returns: (transfer full) (element-type AisleScanResult): the symbols found, possibly none,
 *   or %NULL with @error set for an unusable frame or a ZBar failure
 */
GPtrArray *
aisle_scanner_decode_gray8 (AisleScanner  *self,
                            const guint8  *data,
                            guint          width,
                            guint          height,
                            gsize          stride,
                            GError       **error)
{
  g_autoptr(GPtrArray) results = NULL;
  AisleGray view = { 0 };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL || width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE
      || stride < width)
    {
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID,
                   "Unusable frame: %ux%u pixels, stride %" G_GSIZE_FORMAT " (at most %u a side)",
                   width, height, stride, MAX_SIDE);
      return NULL;
    }

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_scan_result_unref);

  if (stride == width)
    {
      /* ZBar only reads the pixels; the cast drops a const it has no way to keep. */
      view.data = (guint8 *) data;
      view.width = width;
      view.height = height;
    }
  else
    {
      _aisle_gray_ensure (&self->frame, width, height);
      for (guint y = 0; y < height; y++)
        memcpy (self->frame.data + (gsize) y * width, data + (gsize) y * stride, width);
      view = self->frame;
    }

  if (self->effort == AISLE_SCAN_EFFORT_FRAME && !self->custom_passes)
    {
      if (!run_pass (self, &self->passes[0], &view, results, error))
        return NULL;
      if (results->len == 0 && self->n_passes > 1 && !_aisle_gray_is_flat (data, width, height, stride))
        {
          guint extra = 1 + self->frame_counter++ % (self->n_passes - 1);
          if (!run_pass (self, &self->passes[extra], &view, results, error))
            return NULL;
        }
      return g_steal_pointer (&results);
    }

  for (guint i = 0; i < self->n_passes && results->len == 0; i++)
    {
      if (i == 1 && _aisle_gray_is_flat (data, width, height, stride))
        break;
      if (!run_pass (self, &self->passes[i], &view, results, error))
        return NULL;
    }
  return g_steal_pointer (&results);
}

/* test-core-scan.c: core/scan: ZBar decoding of generated and photographed codes, the scan
 * worker's frame dropping and duplicate suppression.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-scan"

#include "config.h"

#include <string.h>
#include <zbar.h>

#include "aisle-scan.h"
#include "aisle-scan-image.h"
#include "aisle-scan-private.h"
#include "aisle-test.h"

/* --- images -------------------------------------------------------------------------------- */

typedef struct
{
  guint8 *data;
  guint   width;
  guint   height;
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

/* A code on a white margin of @margin pixels, as it would sit on a label. */
static Image
image_with_margin (const guint8 *code,
                   guint         cw,
                   guint         ch,
                   guint         margin)
{
  Image image = { NULL, cw + 2 * margin, ch + 2 * margin };

  image.data = g_malloc ((gsize) image.width * image.height);
  memset (image.data, 255, (gsize) image.width * image.height);
  for (guint y = 0; y < ch; y++)
    memcpy (image.data + (gsize) (y + margin) * image.width + margin, code + (gsize) y * cw, cw);
  return image;
}

static Image
render_qr (const guint8 *data,
           gsize         length,
           guint         module_px)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *code = NULL;
  guint w, h;

  code = aisle_scan_image_render_qr (data, length, module_px, &w, &h, &error);
  g_assert_no_error (error);
  return image_with_margin (code, w, h, 16);
}

static Image
render_ean13 (const char *digits,
              guint       module_px)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *code = NULL;
  guint w, h;

  code = aisle_scan_image_render_ean13 (digits, module_px, 40 * module_px, &w, &h, &error);
  g_assert_no_error (error);
  return image_with_margin (code, w, h, 16);
}

typedef enum
{
  T_NONE,
  T_ROTATE,     /* arg: degrees */
  T_BLUR,       /* arg: box blur passes */
  T_NOISE,      /* arg: amplitude */
  T_INVERT,
  T_CONTRAST,   /* arg: range kept out of 255, centred on grey */
  T_SCALE,      /* arg: percent */
} Transform;

static void
transform (Image     *image,
           Transform  kind,
           int        arg)
{
  AisleGray in = { image->data, image->width, image->height, 0 };
  AisleGray out = { 0 };
  gsize n = (gsize) image->width * image->height;

  switch (kind)
    {
    case T_NONE:
      return;
    case T_ROTATE:
      _aisle_gray_rotate (&in, &out, arg);
      break;
    case T_BLUR:
      for (int i = 0; i < arg; i++)
        {
          _aisle_gray_blur (&in, &out);
          memcpy (in.data, out.data, n);
        }
      break;
    case T_NOISE:
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (7);
        for (gsize i = 0; i < n; i++)
          {
            /* not inside CLAMP, which evaluates its argument more than once */
            int v = (int) image->data[i] + g_rand_int_range (rand, -arg, arg + 1);
            image->data[i] = (guint8) CLAMP (v, 0, 255);
          }
      }
      return;
    case T_INVERT:
      for (gsize i = 0; i < n; i++)
        image->data[i] = 255 - image->data[i];
      return;
    case T_CONTRAST:
      {
        int lo = 128 - arg / 2;
        for (gsize i = 0; i < n; i++)
          image->data[i] = (guint8) (lo + image->data[i] * arg / 255);
      }
      return;
    case T_SCALE:
      _aisle_gray_scale (&in, &out, MAX (1, image->width * (guint) arg / 100),
                         MAX (1, image->height * (guint) arg / 100));
      break;
    default:
      g_assert_not_reached ();
    }
  if (out.data != NULL)
    {
      g_free (image->data);
      image->data = g_steal_pointer (&out.data);
      image->width = out.width;
      image->height = out.height;
    }
}

static GPtrArray *
decode (AisleScanEffort  effort,
        const Image     *image)
{
  g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  aisle_scanner_set_effort (scanner, effort);
  /* for measuring what a pass adds: AISLE_SCAN_PASSES=zbar,blur */
  if (g_getenv ("AISLE_SCAN_PASSES") != NULL)
    g_assert_true (_aisle_scanner_set_passes (scanner, g_getenv ("AISLE_SCAN_PASSES"), NULL));
  results = aisle_scanner_decode_gray8 (scanner, image->data, image->width, image->height,
                                        image->width, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  if (g_getenv ("AISLE_SCAN_DUMP") != NULL && results->len == 0)
    {
      /* a PGM of each image nothing was read in, to look at */
      static guint n;
      g_autofree char *path = g_strdup_printf ("%s/miss-%u.pgm", g_getenv ("AISLE_SCAN_DUMP"), n++);
      g_autofree char *header = g_strdup_printf ("P5\n%u %u\n255\n", image->width, image->height);
      g_autoptr(GString) pgm = g_string_new (header);

      g_string_append_len (pgm, (const char *) image->data, (gssize) image->width * image->height);
      g_file_set_contents (path, pgm->str, (gssize) pgm->len, NULL);
    }
  return results;
}

static void
assert_one_result (GPtrArray      *results,
                   AisleSymbology  symbology,
                   const guint8   *data,
                   gsize           length,
                   const char     *what)
{
  AisleScanResult *result;
  gsize got_length = 0;
  const guint8 *got;

  if (results->len != 1)
    g_error ("%s: %u results, expected 1", what, results->len);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpint (aisle_scan_result_get_symbology (result), ==, symbology);
  got = aisle_scan_result_get_data (result, &got_length);
  g_assert_cmpmem (got, got_length, data, length);
  /* the bytes are NUL-terminated for callers that want a C string */
  g_assert_cmpint (got[got_length], ==, 0);
}

/* Like assert_one_result(), but says what is wrong instead of aborting, so a table of cases
 * reports every failing case at once. */
static gboolean
check_one_result (GPtrArray      *results,
                  AisleSymbology  symbology,
                  const guint8   *data,
                  gsize           length,
                  GString        *failures,
                  const char     *what)
{
  AisleScanResult *result;
  gsize got_length = 0;
  const guint8 *got;

  if (results->len == 1)
    {
      result = g_ptr_array_index (results, 0);
      got = aisle_scan_result_get_data (result, &got_length);
      if (aisle_scan_result_get_symbology (result) == symbology && got_length == length
          && memcmp (got, data, length) == 0)
        return TRUE;
    }
  g_string_append_printf (failures, "%s%s (%u results)", failures->len > 0 ? ", " : "", what,
                          results->len);
  return FALSE;
}

/* --- configuration ------------------------------------------------------------------------- */

static void
test_config (void)
{
  g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
  zbar_image_scanner_t *z = _aisle_scanner_get_zbar (scanner);
  /* Not PDF417: Debian's ZBar 0.23.92 is built without that decoder and crashes when asked
   * for its configuration (setting it is harmless). */
  static const zbar_symbol_type_t off[] = {
    ZBAR_DATABAR, ZBAR_DATABAR_EXP, ZBAR_COMPOSITE, ZBAR_I25, ZBAR_CODABAR, ZBAR_CODE93,
    ZBAR_SQCODE, ZBAR_ISBN10, ZBAR_ISBN13, ZBAR_EAN2, ZBAR_EAN5,
  };
  static const AisleSymbology on[] = {
    AISLE_SYMBOLOGY_QR, AISLE_SYMBOLOGY_EAN13, AISLE_SYMBOLOGY_EAN8, AISLE_SYMBOLOGY_UPCA,
    AISLE_SYMBOLOGY_UPCE, AISLE_SYMBOLOGY_CODE128, AISLE_SYMBOLOGY_CODE39,
  };
  int value = -1;

  for (guint i = 0; i < G_N_ELEMENTS (on); i++)
    g_assert_true (aisle_scanner_is_enabled (scanner, on[i]));
  g_assert_false (aisle_scanner_is_enabled (scanner, AISLE_SYMBOLOGY_NONE));
  for (guint i = 0; i < G_N_ELEMENTS (off); i++)
    {
      int rc;

      value = -1;
      rc = zbar_image_scanner_get_config (z, off[i], ZBAR_CFG_ENABLE, &value);
      /* ZBar refuses to report symbologies that are not separate decoders (composite, the
       * ISBN and add-on variants); DataBar, the one that matters, must answer and be off */
      if (off[i] == ZBAR_DATABAR || off[i] == ZBAR_DATABAR_EXP)
        g_assert_cmpint (rc, ==, 0);
      if (rc == 0 && value != 0)
        g_error ("ZBar symbology %d is enabled", off[i]);
    }
  g_assert_cmpint (zbar_image_scanner_get_config (z, ZBAR_QRCODE, ZBAR_CFG_BINARY, &value), ==, 0);
  g_assert_cmpint (value, ==, 1);
  g_assert_cmpint (aisle_scanner_get_effort (scanner), ==, AISLE_SCAN_EFFORT_THOROUGH);
}

/* --- QR codes ------------------------------------------------------------------------------ */

static const struct
{
  const char *name;
  const char *data;
  gsize       length;
} qr_payloads[] = {
  { "ascii", "https://aisle.example/j/AM1.abc?x=1&y=2", 39 },
  { "utf-8", "MECARD:N:王小明;TEL:0912345678;;", 0 },
  /* an e-invoice item name in Big5 (flag 0): 測試 = B4 FA B8 D5, not valid UTF-8 */
  { "big5", "AB12345678:1:2:0:\xb4\xfa\xb8\xd5:1:75", 27 },
  /* control and high bytes, as a binary token would carry */
  { "binary", "\x01\x02\x7f\x80\xfe\xff\x1d\x1e\r\n", 10 },
};

static void
test_qr_payloads (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (qr_payloads); i++)
    {
      gsize length = qr_payloads[i].length ? qr_payloads[i].length : strlen (qr_payloads[i].data);
      g_auto(Image) image = render_qr ((const guint8 *) qr_payloads[i].data, length, 4);
      g_autoptr(GPtrArray) results = decode (AISLE_SCAN_EFFORT_FAST, &image);

      assert_one_result (results, AISLE_SYMBOLOGY_QR, (const guint8 *) qr_payloads[i].data,
                         length, qr_payloads[i].name);
      g_assert_cmpstr (aisle_scan_result_get_pass (g_ptr_array_index (results, 0)), ==, "zbar");
      g_assert_cmpuint (aisle_scan_result_get_n_points (g_ptr_array_index (results, 0)), ==, 4);
    }
}

/* What a kiosk or tablet camera does to a code: each case is decoded with the still-image
 * effort and must give the exact bytes back. */
static const struct
{
  const char *name;
  guint       module_px;
  Transform   t1;
  int         a1;
  Transform   t2;
  int         a2;
} qr_cases[] = {
  { "plain-2px", 2, T_NONE, 0, T_NONE, 0 },
  { "plain-6px", 6, T_NONE, 0, T_NONE, 0 },
  { "rotate-15", 4, T_ROTATE, 15, T_NONE, 0 },
  { "rotate-45", 4, T_ROTATE, 45, T_NONE, 0 },
  { "rotate-90", 3, T_ROTATE, 90, T_NONE, 0 },
  { "rotate-180", 3, T_ROTATE, 180, T_NONE, 0 },
  { "rotate-200", 4, T_ROTATE, 200, T_NONE, 0 },
  { "blur", 4, T_BLUR, 2, T_NONE, 0 },
  { "blur-small", 3, T_BLUR, 1, T_NONE, 0 },
  { "noise", 3, T_NOISE, 60, T_NONE, 0 },
  { "inverted", 3, T_INVERT, 0, T_NONE, 0 },
  { "inverted-noisy", 4, T_INVERT, 0, T_NOISE, 30 },
  { "low-contrast", 3, T_CONTRAST, 40, T_NONE, 0 },
  { "low-contrast-blur", 4, T_CONTRAST, 50, T_BLUR, 1 },
  { "tiny", 4, T_SCALE, 40, T_NONE, 0 },
  { "large", 2, T_SCALE, 500, T_NONE, 0 },
  { "rotated-noisy", 4, T_ROTATE, 30, T_NOISE, 40 },
};

static void
test_qr_transforms (void)
{
  const guint8 *payload = (const guint8 *) "AB12345678:1:2:0:\xb4\xfa\xb8\xd5:1:75";
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (qr_cases); i++)
    {
      g_auto(Image) image = render_qr (payload, 27, qr_cases[i].module_px);
      g_autoptr(GPtrArray) results = NULL;
      g_autofree char *what = g_strdup_printf ("QR %s", qr_cases[i].name);

      transform (&image, qr_cases[i].t1, qr_cases[i].a1);
      transform (&image, qr_cases[i].t2, qr_cases[i].a2);
      results = decode (AISLE_SCAN_EFFORT_THOROUGH, &image);
      if (check_one_result (results, AISLE_SYMBOLOGY_QR, payload, 27, failures, what))
        g_test_message ("%s (%ux%u): pass %s", what, image.width, image.height,
                        aisle_scan_result_get_pass (g_ptr_array_index (results, 0)));
    }
  g_assert_cmpstr (failures->str, ==, "");
}

/* --- EAN-13 -------------------------------------------------------------------------------- */

static const struct
{
  const char *name;
  guint       module_px;
  Transform   t1;
  int         a1;
  Transform   t2;
  int         a2;
} ean_cases[] = {
  { "plain-2px", 2, T_NONE, 0, T_NONE, 0 },
  { "plain-5px", 5, T_NONE, 0, T_NONE, 0 },
  { "rotate-10", 3, T_ROTATE, 10, T_NONE, 0 },
  { "rotate-45", 3, T_ROTATE, 45, T_NONE, 0 },
  { "rotate-90", 3, T_ROTATE, 90, T_NONE, 0 },
  { "rotate-180", 2, T_ROTATE, 180, T_NONE, 0 },
  { "blur", 3, T_BLUR, 2, T_NONE, 0 },
  { "noise", 3, T_NOISE, 50, T_NONE, 0 },
  { "inverted", 3, T_INVERT, 0, T_NONE, 0 },
  { "low-contrast", 3, T_CONTRAST, 40, T_NONE, 0 },
  { "low-contrast-noisy", 3, T_CONTRAST, 60, T_NOISE, 8 },
  { "small", 3, T_SCALE, 60, T_NONE, 0 },
  { "large", 2, T_SCALE, 400, T_NONE, 0 },
};

static void
test_ean13_transforms (void)
{
  static const char * const numbers[] = { "4710088412348", "9789573317241", "0012345678905" };
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
    for (guint i = 0; i < G_N_ELEMENTS (ean_cases); i++)
      {
        g_auto(Image) image = render_ean13 (numbers[n], ean_cases[i].module_px);
        g_autoptr(GPtrArray) results = NULL;
        g_autofree char *what = g_strdup_printf ("EAN-13 %s %s", numbers[n], ean_cases[i].name);

        transform (&image, ean_cases[i].t1, ean_cases[i].a1);
        transform (&image, ean_cases[i].t2, ean_cases[i].a2);
        results = decode (AISLE_SCAN_EFFORT_THOROUGH, &image);
        /* a leading 0 makes it a UPC-A, which ZBar reports as such, without the 0 */
        if (numbers[n][0] == '0'
            ? check_one_result (results, AISLE_SYMBOLOGY_UPCA, (const guint8 *) numbers[n] + 1, 12,
                                failures, what)
            : check_one_result (results, AISLE_SYMBOLOGY_EAN13, (const guint8 *) numbers[n], 13,
                                failures, what))
          g_test_message ("%s: pass %s", what,
                          aisle_scan_result_get_pass (g_ptr_array_index (results, 0)));
      }
  g_assert_cmpstr (failures->str, ==, "");
}

/* A wrong check digit is not a product: ZBar must not report it. */
static void
test_ean13_bad_check_digit (void)
{
  g_auto(Image) image = render_ean13 ("4710088412345", 3);
  g_autoptr(GPtrArray) results = decode (AISLE_SCAN_EFFORT_THOROUGH, &image);

  g_assert_cmpuint (results->len, ==, 0);
}

/* --- empty frames, strides, errors --------------------------------------------------------- */

static void
test_empty (void)
{
  static const AisleScanEffort efforts[] = {
    AISLE_SCAN_EFFORT_FAST, AISLE_SCAN_EFFORT_FRAME, AISLE_SCAN_EFFORT_THOROUGH,
  };
  const guint w = 320, h = 240;
  g_autofree guint8 *frame = g_malloc (w * h);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  for (guint e = 0; e < G_N_ELEMENTS (efforts); e++)
    for (guint k = 0; k < 4; k++)
      {
        g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
        g_autoptr(GError) error = NULL;

        aisle_scanner_set_effort (scanner, efforts[e]);
        for (guint i = 0; i < w * h; i++)
          frame[i] = k == 0 ? 255 : k == 1 ? 0 : k == 2 ? 128 : (guint8) g_rand_int_range (rand, 0, 256);
        /* several frames, so the camera effort's rotating extra passes all run */
        for (guint f = 0; f < 8; f++)
          {
            g_autoptr(GPtrArray) results = aisle_scanner_decode_gray8 (scanner, frame, w, h, w, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (results->len, ==, 0);
          }
      }
}

static void
test_stride (void)
{
  const guint8 *payload = (const guint8 *) "stride";
  g_auto(Image) image = render_qr (payload, 6, 3);
  gsize stride = image.width + 13;
  g_autofree guint8 *padded = g_malloc (stride * image.height);
  g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;

  /* the padding is garbage, as a camera's often is */
  memset (padded, 0, stride * image.height);
  for (guint y = 0; y < image.height; y++)
    memcpy (padded + y * stride, image.data + (gsize) y * image.width, image.width);
  results = aisle_scanner_decode_gray8 (scanner, padded, image.width, image.height, stride, &error);
  g_assert_no_error (error);
  assert_one_result (results, AISLE_SYMBOLOGY_QR, payload, 6, "padded stride");
}

static void
test_invalid (void)
{
  g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
  guint8 pixels[16] = { 0 };
  const struct { const guint8 *data; guint w, h; gsize stride; } cases[] = {
    { NULL, 4, 4, 4 },
    { pixels, 0, 4, 4 },
    { pixels, 4, 0, 4 },
    { pixels, 4, 4, 3 },
    { pixels, 9000, 1, 9000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = aisle_scanner_decode_gray8 (scanner, cases[i].data, cases[i].w,
                                                                 cases[i].h, cases[i].stride, &error);
      g_assert_null (results);
      g_assert_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID);
    }
}

/* The camera effort runs one extra pass per frame in turn: an inverted code, which its first
 * pass cannot read, is read within one round of frames. */
static void
test_frame_effort_rotates_passes (void)
{
  const guint8 *payload = (const guint8 *) "inverted on screen";
  g_auto(Image) image = render_qr (payload, 18, 4);
  g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
  guint found_at = 0;

  transform (&image, T_INVERT, 0);
  aisle_scanner_set_effort (scanner, AISLE_SCAN_EFFORT_FRAME);
  for (guint f = 1; f <= 16 && found_at == 0; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = aisle_scanner_decode_gray8 (scanner, image.data, image.width,
                                                                 image.height, image.width, &error);
      g_assert_no_error (error);
      if (results->len > 0)
        {
          assert_one_result (results, AISLE_SYMBOLOGY_QR, payload, 18, "frame effort");
          found_at = f;
        }
    }
  g_assert_cmpuint (found_at, >=, 1);
  g_assert_cmpuint (found_at, <=, 8);
}

static void
test_text (void)
{
  static const struct { const char *bytes; gsize length; const char *text; } cases[] = {
    { "plain ascii", 11, "plain ascii" },
    { "\xe6\xb8\xac\xe8\xa9\xa6", 6, "測試" },
    /* Shift_JIS half-width katakana with voicing marks (zxing qrcode-2) */
    { "\xc3\xde\xbb\xde\xb2\xdd", 6, "ﾃﾞｻﾞｲﾝ" },
    /* Shift_JIS hiragana; and a backslash that iconv's SHIFT_JIS would turn into a yen sign */
    { "\x82\xa0\x5c", 3, "あ\\" },
    /* Big5 */
    { "\xb4\xfa\xb8\xd5", 4, "測試" },
    /* neither: ISO-8859-1 */
    { "caf\xe9", 4, "café" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = aisle_scan_bytes_to_utf8 ((const guint8 *) cases[i].bytes, cases[i].length);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_result_boxed (void)
{
  g_autoptr(AisleScanResult) a = aisle_scan_result_new (AISLE_SYMBOLOGY_EAN13, (const guint8 *) "4710088412348", 13);
  g_autoptr(AisleScanResult) b = aisle_scan_result_new (AISLE_SYMBOLOGY_EAN13, (const guint8 *) "4710088412348", 13);
  g_autoptr(AisleScanResult) c = aisle_scan_result_new (AISLE_SYMBOLOGY_CODE128, (const guint8 *) "4710088412348", 13);
  AisleScanResult *copy = g_boxed_copy (AISLE_TYPE_SCAN_RESULT, a);

  g_assert_true (copy == a);
  g_boxed_free (AISLE_TYPE_SCAN_RESULT, copy);
  g_assert_true (aisle_scan_result_equal (a, b));
  g_assert_false (aisle_scan_result_equal (a, c));
  g_assert_cmpstr (aisle_scan_result_get_pass (a), ==, "manual");
  g_assert_false (aisle_scan_result_get_point (a, 0, NULL, NULL));
}

/* --- the worker ---------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray *seen;   /* AisleScanResult */
} WorkerFixture;

static void
on_result (AisleScanWorker *worker,
           AisleScanResult *result,
           gpointer         user_data)
{
  WorkerFixture *fixture = user_data;

  g_ptr_array_add (fixture->seen, aisle_scan_result_ref (result));
}

static void
worker_setup (WorkerFixture *fixture,
              gconstpointer  data)
{
  fixture->seen = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_scan_result_unref);
}

static void
worker_teardown (WorkerFixture *fixture,
                 gconstpointer  data)
{
  g_ptr_array_unref (fixture->seen);
}

/* Runs the default context until @worker has finished @n_decoded frames and their results are
 * delivered. Bounded so a broken worker fails instead of hanging; no timing is asserted. */
static void
wait_decoded (AisleScanWorker *worker,
              guint64          n_decoded)
{
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint64 decoded = 0;

  for (;;)
    {
      aisle_scan_worker_get_stats (worker, NULL, NULL, &decoded, NULL);
      if (decoded >= n_decoded)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (1000);
    }
  /* decoded is counted before results are posted; give the posts time to land */
  g_usleep (20000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_worker_drops_while_busy (WorkerFixture *fixture,
                              gconstpointer  data)
{
  g_auto(Image) qr = render_qr ((const guint8 *) "first", 5, 4);
  g_auto(Image) other = render_qr ((const guint8 *) "second", 6, 4);
  g_autoptr(AisleScanWorker) worker = aisle_scan_worker_new (NULL, on_result, fixture, NULL);
  g_autoptr(GError) error = NULL;
  guint64 accepted, dropped, decoded, reported;

  /* hold the thread on the first frame: it stays busy, so the next frames must be dropped */
  _aisle_scan_worker_hold (worker, TRUE);
  g_assert_true (aisle_scan_worker_push_frame (worker, qr.data, qr.width, qr.height, qr.width, 0, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_false (aisle_scan_worker_push_frame (worker, other.data, other.width, other.height,
                                                    other.width, 1000 + i, &error));
      g_assert_no_error (error);
    }
  aisle_scan_worker_get_stats (worker, &accepted, &dropped, &decoded, &reported);
  g_assert_cmpuint (accepted, ==, 1);
  g_assert_cmpuint (dropped, ==, 5);
  g_assert_cmpuint (decoded, ==, 0);

  _aisle_scan_worker_hold (worker, FALSE);
  wait_decoded (worker, 1);
  g_assert_cmpuint (fixture->seen->len, ==, 1);
  assert_one_result (fixture->seen, AISLE_SYMBOLOGY_QR, (const guint8 *) "first", 5, "worker");

  /* idle again: the next frame is taken */
  g_assert_true (aisle_scan_worker_push_frame (worker, other.data, other.width, other.height,
                                               other.width, 2000, &error));
  wait_decoded (worker, 2);
  g_assert_cmpuint (fixture->seen->len, ==, 2);

  /* an unusable frame is an error, not a drop */
  g_assert_false (aisle_scan_worker_push_frame (worker, other.data, 0, other.height, 0, 0, &error));
  g_assert_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID);
}

static void
push_and_wait (AisleScanWorker *worker,
               const Image     *image,
               gint64           time_ms,
               guint64          n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (aisle_scan_worker_push_frame (worker, image->data, image->width, image->height,
                                               image->width, time_ms * 1000, &error));
  g_assert_no_error (error);
  wait_decoded (worker, n);
}

static void
test_worker_dedup (WorkerFixture *fixture,
                   gconstpointer  data)
{
  g_auto(Image) a = render_ean13 ("4710088412348", 3);
  g_auto(Image) b = render_qr ((const guint8 *) "AM1:member", 10, 4);
  g_autoptr(AisleScanWorker) worker = aisle_scan_worker_new (NULL, on_result, fixture, NULL);
  guint64 reported = 0;

  aisle_scan_worker_set_dedup_window (worker, 1000);
  g_assert_cmpuint (aisle_scan_worker_get_dedup_window (worker), ==, 1000);

  push_and_wait (worker, &a, 0, 1);
  g_assert_cmpuint (fixture->seen->len, ==, 1);
  /* held in view: every sighting within the window renews it, so no report at 1.4 s either */
  push_and_wait (worker, &a, 500, 2);
  push_and_wait (worker, &a, 1400, 3);
  g_assert_cmpuint (fixture->seen->len, ==, 1);
  /* another code is reported at once */
  push_and_wait (worker, &b, 1500, 4);
  g_assert_cmpuint (fixture->seen->len, ==, 2);
  /* out of view for a whole window: reported again */
  push_and_wait (worker, &a, 2600, 5);
  g_assert_cmpuint (fixture->seen->len, ==, 3);
  g_assert_cmpint (aisle_scan_result_get_symbology (g_ptr_array_index (fixture->seen, 2)), ==,
                   AISLE_SYMBOLOGY_EAN13);

  /* window 0 reports every sighting */
  aisle_scan_worker_set_dedup_window (worker, 0);
  push_and_wait (worker, &b, 2700, 6);
  push_and_wait (worker, &b, 2701, 7);
  g_assert_cmpuint (fixture->seen->len, ==, 5);
  aisle_scan_worker_get_stats (worker, NULL, NULL, NULL, &reported);
  g_assert_cmpuint (reported, ==, 5);
}

static void
test_worker_free_with_pending (WorkerFixture *fixture,
                               gconstpointer  data)
{
  g_auto(Image) qr = render_qr ((const guint8 *) "pending", 7, 4);
  AisleScanWorker *worker = aisle_scan_worker_new (NULL, on_result, fixture, NULL);
  guint64 decoded = 0;
  gint64 give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_assert_true (aisle_scan_worker_push_frame (worker, qr.data, qr.width, qr.height, qr.width, -1, NULL));
  do
    {
      g_usleep (1000);
      aisle_scan_worker_get_stats (worker, NULL, NULL, &decoded, NULL);
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
    }
  while (decoded < 1);
  g_usleep (20000);
  /* the result is queued on the context but not dispatched: freeing must cancel it */
  aisle_scan_worker_free (worker);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (fixture->seen->len, ==, 0);
}

/* --- photographs --------------------------------------------------------------------------- */

static guint
count_exact (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
  const char *name;
  guint ok = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *stem = NULL;
      g_autofree char *png = NULL;
      g_autofree char *txt = NULL;
      g_autofree char *expected = NULL;
      g_autofree guint8 *gray = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) got = g_string_new (NULL);
      gsize expected_len = 0;
      guint w, h;

      if (!g_str_has_suffix (name, ".png"))
        continue;
      stem = g_strndup (name, strlen (name) - 4);
      png = g_build_filename (dir, name, NULL);
      txt = g_strdup_printf ("%s/%s.txt", dir, stem);
      if (!g_file_get_contents (txt, &expected, &expected_len, NULL))
        continue;
      gray = aisle_scan_image_load_gray8 (png, &w, &h, &error);
      g_assert_no_error (error);
      results = aisle_scanner_decode_gray8 (scanner, gray, w, h, w, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < results->len; i++)
        {
          g_autofree char *text = aisle_scan_result_dup_text (g_ptr_array_index (results, i));
          if (i > 0)
            g_string_append_c (got, '\n');
          g_string_append (got, text);
        }
      if (got->len == expected_len && memcmp (got->str, expected, expected_len) == 0)
        ok++;
    }
  return ok;
}

/* Counts, not times: at least what `zbarimg --raw` reads of each set (shared/testdata/README.md),
 * and zxing's own count where we reach it (docs/benchmarks.md has the full table). */
static void
test_blackbox (gconstpointer data)
{
  const char *set = data;
  static const struct { const char *set; guint floor; } floors[] = {
    { "qrcode-1", 20 }, { "qrcode-2", 32 }, { "qrcode-3", 42 }, { "ean13-1", 30 },
  };
  g_autofree char *rel = g_build_filename ("zxing-blackbox", set, NULL);
  g_autofree char *dir = aisle_test_data_path (rel);
  guint floor = 0;
  guint ok;

  if (dir == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    if (g_str_equal (floors[i].set, set))
      floor = floors[i].floor;
  ok = count_exact (dir);
  g_test_message ("%s: %u exact", set, ok);
  g_assert_cmpuint (ok, >=, floor);
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);

  g_test_add_func ("/aisle/core/scan/config", test_config);
  g_test_add_func ("/aisle/core/scan/text", test_text);
  g_test_add_func ("/aisle/core/scan/result", test_result_boxed);
  g_test_add_func ("/aisle/core/scan/qr/payloads", test_qr_payloads);
  g_test_add_func ("/aisle/core/scan/qr/transforms", test_qr_transforms);
  g_test_add_func ("/aisle/core/scan/ean13/transforms", test_ean13_transforms);
  g_test_add_func ("/aisle/core/scan/ean13/bad-check-digit", test_ean13_bad_check_digit);
  g_test_add_func ("/aisle/core/scan/empty", test_empty);
  g_test_add_func ("/aisle/core/scan/stride", test_stride);
  g_test_add_func ("/aisle/core/scan/invalid", test_invalid);
  g_test_add_func ("/aisle/core/scan/frame-effort", test_frame_effort_rotates_passes);
  g_test_add ("/aisle/core/scan/worker/drops-while-busy", WorkerFixture, NULL,
              worker_setup, test_worker_drops_while_busy, worker_teardown);
  g_test_add ("/aisle/core/scan/worker/dedup", WorkerFixture, NULL,
              worker_setup, test_worker_dedup, worker_teardown);
  g_test_add ("/aisle/core/scan/worker/free-with-pending", WorkerFixture, NULL,
              worker_setup, test_worker_free_with_pending, worker_teardown);
  g_test_add_data_func ("/aisle/core/scan/blackbox/qrcode-1", "qrcode-1", test_blackbox);
  g_test_add_data_func ("/aisle/core/scan/blackbox/qrcode-2", "qrcode-2", test_blackbox);
  g_test_add_data_func ("/aisle/core/scan/blackbox/qrcode-3", "qrcode-3", test_blackbox);
  g_test_add_data_func ("/aisle/core/scan/blackbox/ean13-1", "ean13-1", test_blackbox);

  return g_test_run ();
}

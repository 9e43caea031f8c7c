/* bench-scan.c: decode time per frame, and decode rate on photographed codes beside zbarimg.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-scan [--fps] [--rate] [--testdata DIR] [--effort E] [--passes LIST] [--verbose]
 *
 * --fps: synthetic 640x480 and 1280x720 frames (empty, flat, with a QR code, with an EAN-13),
 *   decoded on one core (the process is pinned to one CPU) with every store symbology enabled;
 *   mean milliseconds per frame and the frames per second that allows.
 * --rate: every N.png in ../shared/testdata/zxing-blackbox/<set>/, decoded by AisleScanner and
 *   by `zbarimg --raw` (default settings) in the same run, each compared byte for byte with N.txt.
 * With neither, both run.
 */

#define G_LOG_DOMAIN "bench-scan"

#include "config.h"

#include <locale.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "aisle-scan.h"
#include "aisle-scan-image.h"
#include "aisle-scan-private.h"

static gboolean opt_fps;
static gboolean opt_rate;
static gboolean opt_verbose;
static char *opt_testdata;
static char *opt_effort;
static char *opt_passes;
static gboolean opt_no_zbarimg;
static double opt_seconds = 1.0;
static int opt_noise = 4;

static const GOptionEntry entries[] = {
  { "fps", 0, 0, G_OPTION_ARG_NONE, &opt_fps, "Measure decode time per frame", NULL },
  { "rate", 0, 0, G_OPTION_ARG_NONE, &opt_rate, "Measure the decode rate on the photographed sets", NULL },
  { "testdata", 0, 0, G_OPTION_ARG_FILENAME, &opt_testdata, "The zxing-blackbox directory", "DIR" },
  { "effort", 0, 0, G_OPTION_ARG_STRING, &opt_effort, "Effort for --rate: fast, frame, thorough (default)", "E" },
  { "passes", 0, 0, G_OPTION_ARG_STRING, &opt_passes, "Exactly these passes for --rate", "LIST" },
  { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &opt_seconds, "Time per --fps case (default 1)", "S" },
  { "no-zbarimg", 0, 0, G_OPTION_ARG_NONE, &opt_no_zbarimg, "Do not run zbarimg beside", NULL },
  { "noise", 0, 0, G_OPTION_ARG_INT, &opt_noise, "Sensor noise in the synthetic scene, uniform ±N grey levels (default 4)", "N" },
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &opt_verbose, "List every image that fails", NULL },
  { NULL }
};

static AisleScanEffort
effort_from_string (const char *name)
{
  if (g_strcmp0 (name, "fast") == 0)
    return AISLE_SCAN_EFFORT_FAST;
  if (g_strcmp0 (name, "frame") == 0)
    return AISLE_SCAN_EFFORT_FRAME;
  return AISLE_SCAN_EFFORT_THOROUGH;
}

static const char *
effort_name (AisleScanEffort effort)
{
  switch (effort)
    {
    case AISLE_SCAN_EFFORT_FAST:
      return "fast";
    case AISLE_SCAN_EFFORT_FRAME:
      return "frame";
    case AISLE_SCAN_EFFORT_THOROUGH:
    default:
      return "thorough";
    }
}

/* --- frames per second ------------------------------------------------------------------- */

/* A camera-like frame with no code in it: a lighting gradient, some shelf-edge rectangles and
 * sensor noise, so ZBar's edge detector has work to do as it does on real video. */
static guint8 *
make_scene (guint   width,
            guint   height,
            guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *frame = g_malloc ((gsize) width * height);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      frame[(gsize) y * width + x] = (guint8) (90 + 80 * x / width + 40 * y / height);
  for (guint r = 0; r < 12; r++)
    {
      guint x0 = (guint) g_rand_int_range (rand, 0, (gint32) width - 40);
      guint y0 = (guint) g_rand_int_range (rand, 0, (gint32) height - 40);
      guint w = (guint) g_rand_int_range (rand, 20, (gint32) MIN (width - x0, width / 3));
      guint h = (guint) g_rand_int_range (rand, 10, (gint32) MIN (height - y0, height / 4));
      guint8 v = (guint8) g_rand_int_range (rand, 30, 230);

      for (guint y = y0; y < y0 + h; y++)
        memset (frame + (gsize) y * width + x0, v, w);
    }
  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      /* not inside CLAMP, which evaluates its argument more than once */
      int v = (int) frame[i] + g_rand_int_range (rand, -opt_noise, opt_noise + 1);
      frame[i] = (guint8) CLAMP (v, 0, 255);
    }
  return frame;
}

static void
paste (guint8       *frame,
       guint         width,
       guint         height,
       const guint8 *code,
       guint         cw,
       guint         ch)
{
  guint x0 = (width - MIN (cw, width)) / 2;
  guint y0 = (height - MIN (ch, height)) / 2;

  for (guint y = 0; y < MIN (ch, height); y++)
    for (guint x = 0; x < MIN (cw, width); x++)
      /* the camera never sees pure black and white */
      frame[(gsize) (y0 + y) * width + x0 + x] = code[(gsize) y * cw + x] ? 200 : 40;
}

static double
time_decode (AisleScanner *scanner,
             const guint8 *frame,
             guint         width,
             guint         height,
             guint        *n_found)
{
  gint64 start = g_get_monotonic_time ();
  gint64 budget = (gint64) (opt_seconds * G_USEC_PER_SEC);
  guint n = 0;

  *n_found = 0;
  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = aisle_scanner_decode_gray8 (scanner, frame, width, height,
                                                                 width, &error);
      g_assert_no_error (error);
      if (results->len > 0)
        (*n_found)++;
      n++;
    }
  while (g_get_monotonic_time () - start < budget || n < 10);

  return (g_get_monotonic_time () - start) / 1000.0 / n;
}

static void
run_fps (void)
{
  static const guint sizes[][2] = { { 640, 480 }, { 1280, 720 } };
  static const AisleScanEffort efforts[] = { AISLE_SCAN_EFFORT_FAST, AISLE_SCAN_EFFORT_FRAME };
  static const char qr_payload[] = "AM1:AQAAAAFnXq3sZ1-2bJ7oYxR2S3mQk0Q8m4v1rX2y9g0bDk3u1mM4dGZ7"
                                   "c1lI8hU6a2wPqS0LrJx3nV5zYQ";
  g_autofree guint8 *qr = NULL;
  g_autofree guint8 *ean = NULL;
  guint qw, qh, ew, eh;

  qr = aisle_scan_image_render_qr ((const guint8 *) qr_payload, strlen (qr_payload), 4, &qw, &qh, NULL);
  ean = aisle_scan_image_render_ean13 ("471234567890", 3, 150, &ew, &eh, NULL);
  g_assert (qr != NULL && ean != NULL);

  g_print ("Decode time per frame, one core, symbologies: QR, EAN-13, EAN-8, UPC-A, UPC-E, "
           "Code 128, Code 39\n\n");
  g_print ("| frame | content | effort | ms/frame | fps | decoded |\n");
  g_print ("|---|---|---|---:|---:|---:|\n");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint w = sizes[s][0];
      guint h = sizes[s][1];
      g_autofree guint8 *empty = make_scene (w, h, 42);
      g_autofree guint8 *flat = g_malloc ((gsize) w * h);
      g_autofree guint8 *with_qr = make_scene (w, h, 42);
      g_autofree guint8 *with_ean = make_scene (w, h, 42);
      const struct { const char *name; const guint8 *frame; } contents[] = {
        { "empty (scene)", empty },
        { "empty (flat)", flat },
        { "QR code", with_qr },
        { "EAN-13", with_ean },
      };

      memset (flat, 128, (gsize) w * h);
      paste (with_qr, w, h, qr, qw, qh);
      paste (with_ean, w, h, ean, ew, eh);

      for (guint e = 0; e < G_N_ELEMENTS (efforts); e++)
        for (guint c = 0; c < G_N_ELEMENTS (contents); c++)
          {
            g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
            guint found = 0;
            double ms;

            aisle_scanner_set_effort (scanner, efforts[e]);
            if (opt_passes != NULL && !_aisle_scanner_set_passes (scanner, opt_passes, NULL))
              g_error ("bad --passes");
            ms = time_decode (scanner, contents[c].frame, w, h, &found);
            g_print ("| %ux%u | %s | %s | %.2f | %.0f | %s |\n", w, h, contents[c].name,
                     effort_name (efforts[e]), ms, 1000.0 / ms,
                     found > 0 ? "yes" : "no");
          }
    }
  g_print ("\n");
}

/* --- decode rate on photographs ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  guint       zxing;
} Set;

static const Set sets[] = {
  { "qrcode-1", 17 },
  { "qrcode-2", 32 },
  { "qrcode-3", 38 },
  { "ean13-1", 30 },
};

static int
compare_numeric (gconstpointer a,
                 gconstpointer b)
{
  return atoi (*(const char * const *) a) - atoi (*(const char * const *) b);
}

static GPtrArray *
list_images (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return names;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_numeric);
  return names;
}

/* Our answer for an image: every result's text, joined with '\n' as zbarimg prints them, so a
 * stray extra read fails here exactly as it does for zbarimg. */
static GString *
ours (AisleScanner *scanner,
      const char   *path,
      const char  **pass)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *gray = NULL;
  g_autoptr(GPtrArray) results = NULL;
  GString *out = g_string_new (NULL);
  guint w, h;

  *pass = NULL;
  gray = aisle_scan_image_load_gray8 (path, &w, &h, &error);
  if (gray == NULL)
    {
      g_printerr ("%s\n", error->message);
      return out;
    }
  results = aisle_scanner_decode_gray8 (scanner, gray, w, h, w, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      g_autofree char *text = aisle_scan_result_dup_text (g_ptr_array_index (results, i));

      if (opt_verbose && results->len > 1)
        g_printerr ("  %s: %s q=%d pass=%s\n", path, text,
                    aisle_scan_result_get_quality (g_ptr_array_index (results, i)),
                    aisle_scan_result_get_pass (g_ptr_array_index (results, i)));
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, text);
      *pass = aisle_scan_result_get_pass (g_ptr_array_index (results, i));
    }
  return out;
}

static GString *
zbarimg (const char *path,
         gboolean   *available)
{
  const char *argv[] = { "zbarimg", "--raw", "-q", path, NULL };
  g_autofree char *out = NULL;
  gsize length = 0;
  int status = 0;
  g_autoptr(GError) error = NULL;
  GString *s;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      *available = FALSE;
      return g_string_new (NULL);
    }
  length = strlen (out);
  s = g_string_new_len (out, (gssize) length);
  /* zbarimg ends each symbol with a newline: drop the last one */
  if (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
  return s;
}

static gboolean
matches (const GString *got,
         const char    *expected,
         gsize          expected_len)
{
  return got->len == expected_len && memcmp (got->str, expected, expected_len) == 0;
}

static void
run_rate (const char *root)
{
  g_autoptr(AisleScanner) scanner = aisle_scanner_new ();
  g_autoptr(GHashTable) pass_counts = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean have_zbarimg = !opt_no_zbarimg;
  guint total_images = 0, total_ours = 0, total_zbar = 0, total_zxing = 0;
  gint64 ours_us = 0, zbar_us = 0;
  GString *table = g_string_new (NULL);

  aisle_scanner_set_effort (scanner, effort_from_string (opt_effort));
  if (opt_passes != NULL)
    {
      g_autoptr(GError) error = NULL;
      if (!_aisle_scanner_set_passes (scanner, opt_passes, &error))
        g_error ("%s", error->message);
    }

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      g_autofree char *dir = g_build_filename (root, sets[s].name, NULL);
      g_autoptr(GPtrArray) images = list_images (dir);
      guint n_ours = 0, n_zbar = 0;

      for (guint i = 0; i < images->len; i++)
        {
          const char *png = g_ptr_array_index (images, i);
          g_autofree char *path = g_build_filename (dir, png, NULL);
          g_autofree char *stem = g_strndup (png, strlen (png) - 4);
          g_autofree char *txt_name = g_strconcat (stem, ".txt", NULL);
          g_autofree char *txt = g_build_filename (dir, txt_name, NULL);
          g_autofree char *expected = NULL;
          gsize expected_len = 0;
          g_autoptr(GString) got = NULL;
          g_autoptr(GString) zgot = NULL;
          const char *pass = NULL;
          gboolean ok, zok = FALSE;
          gint64 t0;

          if (!g_file_get_contents (txt, &expected, &expected_len, NULL))
            continue;
          t0 = g_get_monotonic_time ();
          got = ours (scanner, path, &pass);
          ours_us += g_get_monotonic_time () - t0;
          ok = matches (got, expected, expected_len);
          if (have_zbarimg)
            {
              t0 = g_get_monotonic_time ();
              zgot = zbarimg (path, &have_zbarimg);
              zbar_us += g_get_monotonic_time () - t0;
              zok = matches (zgot, expected, expected_len);
            }
          n_ours += ok;
          n_zbar += zok;
          if (ok)
            {
              guint count = GPOINTER_TO_UINT (g_hash_table_lookup (pass_counts, pass));
              g_hash_table_insert (pass_counts, (gpointer) pass, GUINT_TO_POINTER (count + 1));
            }
          if (opt_verbose && (!ok || !zok))
            g_print ("%s/%s: ours %s%s%s, zbarimg %s\n", sets[s].name, png, ok ? "ok" : "FAIL",
                     !ok && got->len > 0 ? " got " : "", !ok && got->len > 0 ? got->str : "",
                     zok ? "ok" : "FAIL");
        }
      g_string_append_printf (table, "| %s | %u | %u | %s%u | %u |\n", sets[s].name, images->len,
                              n_ours, have_zbarimg ? "" : "n/a ", n_zbar, sets[s].zxing);
      total_images += images->len;
      total_ours += n_ours;
      total_zbar += n_zbar;
      total_zxing += sets[s].zxing;
    }

  g_print ("Decode rate on %s, exact bytes against N.txt, effort %s%s%s\n\n", root,
           effort_name (effort_from_string (opt_effort)),
           opt_passes != NULL ? ", passes " : "", opt_passes != NULL ? opt_passes : "");
  g_print ("| set | images | Aisle | zbarimg --raw | zxing (reference) |\n");
  g_print ("|---|---:|---:|---:|---:|\n");
  g_print ("%s", table->str);
  g_print ("| all | %u | %u | %u | %u |\n\n", total_images, total_ours, total_zbar, total_zxing);
  g_print ("Time for all images: Aisle %.0f ms (in process, file loading included), "
           "zbarimg %.0f ms (a process per image)\n", ours_us / 1000.0, zbar_us / 1000.0);
  {
    GHashTableIter iter;
    gpointer key, value;

    g_print ("Images decoded by each pass:");
    g_hash_table_iter_init (&iter, pass_counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_print (" %s %u", (const char *) key, GPOINTER_TO_UINT (value));
    g_print ("\n\n");
  }
  g_string_free (table, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— scan benchmarks");
  g_autoptr(GError) error = NULL;
  cpu_set_t cpus;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!opt_fps && !opt_rate)
    opt_fps = opt_rate = TRUE;

  /* "One core": decoding is single-threaded, and pinning keeps the scheduler from moving it. */
  CPU_ZERO (&cpus);
  CPU_SET (0, &cpus);
  if (sched_setaffinity (0, sizeof cpus, &cpus) != 0)
    g_printerr ("Could not pin to CPU 0; timing on any core\n");

  if (opt_fps)
    run_fps ();
  if (opt_rate)
    {
      const char *root = opt_testdata;
      if (root == NULL)
        root = g_getenv ("AISLE_TESTDATA") != NULL ? NULL : "../shared/testdata/zxing-blackbox";
      if (root == NULL)
        {
          g_autofree char *path = g_build_filename (g_getenv ("AISLE_TESTDATA"), "zxing-blackbox", NULL);
          if (!g_file_test (path, G_FILE_TEST_IS_DIR))
            {
              g_printerr ("No test data at %s\n", path);
              return 1;
            }
          run_rate (path);
        }
      else if (!g_file_test (root, G_FILE_TEST_IS_DIR))
        {
          g_printerr ("No test data at %s (give --testdata)\n", root);
          return 1;
        }
      else
        run_rate (root);
    }
  return 0;
}

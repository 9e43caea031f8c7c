/* test-ui-scan.c: scanning in the real window under Xvfb: camera, wedge scanner, manual entry.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The camera is a GStreamer pipeline fed from PNG files drawn at test time (core's image
 * helpers), so the whole path runs: pipeline, GRAY8 appsink, scan worker thread, classifier,
 * dispatcher, page. The wedge scanner is driven through the window's key handler with explicit
 * time stamps (GTK 4.8 cannot synthesise key events). Waits spin the main loop until a
 * condition holds, with a generous deadline that fails with a message: GStreamer under ASan is
 * slow, and no assertion here is about timing.
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "aisle-application.h"
#include "aisle-camera.h"
#include "aisle-member-search-page.h"
#include "aisle-scan-image.h"
#include "aisle-scan-page.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "aisle-test-tablet.h"
#include "aisle-test-ui.h"
#include "aisle-window.h"

#define WAIT_TIMEOUT_MS 60000

typedef struct _Fixture Fixture;
typedef void (*TestBody) (Fixture *fixture);

struct _Fixture
{
  char             *dir;
  char             *cache_path;
  AisleApplication *app;
  AisleWindow      *window;     /* weak */
  TestBody          body;
  AisleMode         mode;
  gboolean          ran;
  char             *pipeline;   /* the camera-pipeline setting, NULL for the default */
  GPtrArray        *codes;      /* AisleCode, in the order dispatched */
  GArray           *sources;    /* AisleScanSource, parallel to codes */
  AisleCamera      *camera;     /* weak */
};

/* --- helpers ------------------------------------------------------------------------------ */










static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  aisle_test_ui_restore_data_dirs ();

  fixture->dir = aisle_test_mkdtemp ();
  fixture->cache_path = g_build_filename (fixture->dir, "cache.db", NULL);
  fixture->app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
  aisle_application_set_cache_path (fixture->app, fixture->cache_path);
  fixture->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_code_unref);
  fixture->sources = g_array_new (FALSE, FALSE, sizeof (AisleScanSource));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (fixture->window);
  aisle_test_ui_spin ();

  {
    GObject *app = G_OBJECT (fixture->app);

    g_object_add_weak_pointer (app, (gpointer *) &app);
    g_clear_object (&fixture->app);
    aisle_test_ui_spin ();
    /* Finalized: nothing (a window, a task, a worker callback) kept the application alive. */
    g_assert_null (app);
  }
  aisle_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->cache_path, g_free);
  g_clear_pointer (&fixture->pipeline, g_free);
  g_clear_pointer (&fixture->codes, g_ptr_array_unref);
  g_clear_pointer (&fixture->sources, g_array_unref);
}

static gboolean
window_settled (gpointer data)
{
  Fixture *fixture = data;

  return fixture->window != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (fixture->window))
         && !aisle_window_get_loading (fixture->window);
}

static void
on_code_scanned_cb (AisleWindow     *window,
                    AisleCode       *code,
                    AisleScanSource  source,
                    Fixture         *fixture)
{
  g_ptr_array_add (fixture->codes, aisle_code_ref (code));
  g_array_append_val (fixture->sources, source);
}

static void
on_activate_cb (GApplication *app,
                Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AISLE_IS_WINDOW (window));
  g_set_weak_pointer (&fixture->window, AISLE_WINDOW (window));

  g_assert_true (aisle_test_ui_wait_until (window_settled, fixture, WAIT_TIMEOUT_MS));
  g_assert_cmpint (aisle_window_get_mode (fixture->window), ==, fixture->mode);
  /* A tablet asks for sign-in first (the badge it scans is not one of the test's codes). */
  if (fixture->mode == AISLE_MODE_TABLET)
    aisle_test_tablet_sign_in_if_asked (fixture->window);
  g_signal_connect (window, "code-scanned", G_CALLBACK (on_code_scanned_cb), fixture);

  fixture->body (fixture);
  fixture->ran = TRUE;

  /* Quit as staff would: the window goes away with its cache and worker, and
   * g_application_run() returns. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Runs the application as `aisle --mode=MODE --cache=PATH` would (no --mode when
 * !override_mode), runs @body once its window is mapped with the cache open, then quits. */
static void
run_app (Fixture   *fixture,
         AisleMode  mode,
         gboolean   override_mode,
         TestBody   body)
{
  int status;

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* The camera: a file-fed pipeline, one that fails, or (NULL) the default. */
  if (fixture->pipeline != NULL)
    g_settings_set_string (settings, "camera-pipeline", fixture->pipeline);
  if (override_mode)
    aisle_application_set_mode (fixture->app, mode);
  fixture->mode = mode;
  fixture->body = body;

  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate_cb), fixture);
  status = g_application_run (G_APPLICATION (fixture->app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture->ran);
  g_assert_null (fixture->window);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_visible (gpointer data)
{
  LabelWait *wait = data;

  return aisle_test_ui_find_visible_label (wait->root, wait->text) != NULL;
}

static GtkWidget *
search_entry (Fixture *fixture)
{
  GtkWidget *entry = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Search members");

  g_assert_nonnull (entry);
  g_assert_true (GTK_IS_EDITABLE (entry));
  g_assert_true (gtk_widget_get_mapped (entry));
  return entry;
}

/* --- scanning helpers --------------------------------------------------------------------- */

/* Writes @gray (packed rows) centred on a white 320x240 PNG: a small camera frame. */
static char *
write_frame_png (Fixture      *fixture,
                 const char   *name,
                 const guint8 *gray,
                 guint         width,
                 guint         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint x0, y0;

  g_assert_cmpuint (width, <=, 320);
  g_assert_cmpuint (height, <=, 240);
  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  x0 = (320 - width) / 2;
  y0 = (240 - height) / 2;
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = pixels + (y0 + y) * stride + (x0 + x) * 3;

        p[0] = p[1] = p[2] = gray[y * width + x];
      }

  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static char *
file_pipeline (const char *png)
{
  return g_strdup_printf ("filesrc location=\"%s\" ! pngdec ! imagefreeze ! videoconvert "
                          "! video/x-raw,width=320,height=240,framerate=10/1", png);
}

static void
use_ean13_camera (Fixture    *fixture,
                  const char *digits)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *gray = NULL;
  g_autofree char *png = NULL;
  guint width, height;

  gray = aisle_scan_image_render_ean13 (digits, 2, 120, &width, &height, &error);
  g_assert_no_error (error);
  png = write_frame_png (fixture, "ean13.png", gray, width, height);
  fixture->pipeline = file_pipeline (png);
}

static void
use_qr_camera (Fixture    *fixture,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *gray = NULL;
  g_autofree char *png = NULL;
  guint width, height;

  gray = aisle_scan_image_render_qr ((const guint8 *) text, strlen (text), 6, &width, &height, &error);
  g_assert_no_error (error);
  png = write_frame_png (fixture, "qr.png", gray, width, height);
  fixture->pipeline = file_pipeline (png);
}

static char *
valid_ean13 (const char *first12)
{
  return g_strdup_printf ("%s%c", first12, aisle_scan_image_ean_check_digit (first12, 12));
}

static gboolean
has_code (gpointer data)
{
  Fixture *fixture = data;

  return fixture->codes->len > 0;
}

static AisleCode *
wait_for_code (Fixture         *fixture,
               AisleScanSource  source)
{
  AisleCode *code;

  if (!aisle_test_ui_wait_until (has_code, fixture, WAIT_TIMEOUT_MS))
    g_error ("no code was dispatched within %d s", WAIT_TIMEOUT_MS / 1000);
  code = g_ptr_array_index (fixture->codes, 0);
  g_assert_cmpint (g_array_index (fixture->sources, AisleScanSource, 0), ==, source);
  return code;
}

static gboolean
scan_page_shown (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (aisle_window_get_page_name (fixture->window), "scan") == 0;
}

static AisleScanPage *
open_scan_page (Fixture *fixture)
{
  GtkWidget *button = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Scan");
  GtkWidget *page;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  /* A button's keyboard activation clicks after its pressed look has shown. */
  g_assert_true (gtk_widget_activate (button));
  if (!aisle_test_ui_wait_until (scan_page_shown, fixture, WAIT_TIMEOUT_MS))
    g_error ("the Scan button did not open the scan page");
  page = aisle_window_get_page (fixture->window, "scan");
  g_assert_nonnull (page);
  return AISLE_SCAN_PAGE (page);
}

static void
expect_label (Fixture    *fixture,
              const char *text)
{
  LabelWait wait = { GTK_WIDGET (fixture->window), text };

  if (!aisle_test_ui_wait_until (label_visible, &wait, WAIT_TIMEOUT_MS))
    g_error ("“%s” was never shown", text);
}

static gboolean
camera_playing (gpointer data)
{
  return aisle_camera_get_state (data) == AISLE_CAMERA_PLAYING;
}

static gboolean
camera_stopped (gpointer data)
{
  return aisle_camera_get_state (data) == AISLE_CAMERA_STOPPED;
}

static gboolean
camera_failed (gpointer data)
{
  return aisle_camera_get_state (data) == AISLE_CAMERA_FAILED;
}

/* The window's wedge, holding keys whatever input method the machine running the tests has. */
static AisleWedge *
held_wedge (Fixture *fixture)
{
  AisleWedge *wedge = aisle_window_get_wedge (fixture->window);

  g_object_set (wedge, "hold-keys", TRUE, NULL);
  return wedge;
}

/* Feeds @text to the window's key handler, one key every @interval ms, then Return. */
static void
wedge_type (Fixture    *fixture,
            const char *text,
            guint       interval,
            guint32    *time)
{
  AisleWedge *wedge = aisle_window_get_wedge (fixture->window);

  for (const char *p = text; *p != '\0'; p++)
    {
      guint keyval = gdk_unicode_to_keyval ((guchar) *p);
      GdkModifierType state = 0;

      /* As a scanner does: Shift around capitals. */
      if (g_ascii_isupper (*p))
        {
          g_assert_false (aisle_window_get_wedge (fixture->window) == NULL);
          aisle_wedge_handle_key (wedge, GDK_KEY_Shift_L, 0, *time);
          state = GDK_SHIFT_MASK;
        }
      if (!aisle_wedge_handle_key (wedge, keyval, state, *time))
        g_error ("the wedge let “%c” through", *p);
      *time += interval;
    }
}

/* --- tests -------------------------------------------------------------------------------- */

static void
body_camera_product (Fixture *fixture)
{
  AisleScanPage *page = open_scan_page (fixture);
  AisleCamera *camera = aisle_scan_page_get_camera (page);
  AisleCode *code;
  g_autofree char *digits = valid_ean13 ("471008843215");

  /* Long enough that a slow (sanitizer) decoder still sees the code within it. */
  aisle_camera_set_dedup_window (camera, 30000);
  g_assert_cmpuint (aisle_camera_get_dedup_window (camera), ==, 30000);
  code = wait_for_code (fixture, AISLE_SCAN_SOURCE_CAMERA);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_PRODUCT);
  g_assert_true (aisle_code_is_valid (code));
  g_assert_cmpstr (aisle_code_get_product (code)->gtin13, ==, digits);
  g_assert_cmpint (aisle_code_get_product (code)->symbology, ==, AISLE_SYMBOLOGY_EAN13);

  /* The page says what it is, in words. */
  expect_label (fixture, "Product Barcode");
  expect_label (fixture, "Read by the camera");
  g_assert_true (aisle_scan_page_get_code (page) == code);
  /* The preview's first frame may reach the main loop after the decoder's first code. */
  if (!aisle_test_ui_wait_until (camera_playing, camera, WAIT_TIMEOUT_MS))
    g_error ("the camera preview never started");
  g_assert_nonnull (aisle_camera_get_frame (camera));
  g_assert_nonnull (aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Camera preview"));

  /* Held in view, the same code is reported once per duplicate window. */
  g_assert_cmpuint (fixture->codes->len, ==, 1);

  /* Leaving the page stops the camera. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.show-home", NULL);
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "member-search");
  /* (once the crossfade has unmapped it) */
  if (!aisle_test_ui_wait_until (camera_stopped, camera, WAIT_TIMEOUT_MS))
    g_error ("the camera kept running after the page was left");
  g_assert_null (aisle_camera_get_frame (camera));

  /* Back again: the camera restarts; the window then closes with it running, cleanly. */
  open_scan_page (fixture);
  if (!aisle_test_ui_wait_until (camera_playing, camera, WAIT_TIMEOUT_MS))
    g_error ("the camera did not start again");
  g_set_weak_pointer (&fixture->camera, camera);
}

static void
test_camera_product (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *digits = valid_ean13 ("471008843215");

  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  use_ean13_camera (fixture, digits);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_camera_product);
  /* The camera (and its pipeline, which it owns alone) went with the window. */
  g_assert_null (fixture->camera);
}

static void
body_camera_member (Fixture *fixture)
{
  AisleCode *code;

  open_scan_page (fixture);
  code = wait_for_code (fixture, AISLE_SCAN_SOURCE_CAMERA);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_MEMBER_NUMBER);
  g_assert_cmpstr (aisle_code_lookup_field (code, "member_number"), ==, "M0000123");

  /* A member number from anywhere opens the member search with the member found. */
  expect_label (fixture, "林美玲");
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "member-search");
  g_assert_null (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "王小明"));
}

static void
test_camera_member (Fixture       *fixture,
                    gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  use_qr_camera (fixture, "M0000123");
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_camera_member);
}

static void
body_no_camera (Fixture *fixture)
{
  AisleScanPage *page = open_scan_page (fixture);
  GtkWidget *entry;
  AisleCode *code;
  g_autofree char *digits = valid_ean13 ("400638133393");

  if (!aisle_test_ui_wait_until (camera_failed, aisle_scan_page_get_camera (page),
                                 WAIT_TIMEOUT_MS))
    g_error ("the camera never reported failure");
  expect_label (fixture, "No camera found — type or scan with a barcode scanner");

  /* Manual entry still works. */
  entry = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Code");
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_mapped (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), digits);
  g_signal_emit_by_name (entry, "activate");

  code = wait_for_code (fixture, AISLE_SCAN_SOURCE_MANUAL);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_PRODUCT);
  g_assert_cmpstr (aisle_code_get_product (code)->gtin13, ==, digits);
  expect_label (fixture, "Product Barcode");
  expect_label (fixture, "Typed in");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* A wrong check digit is said in words. */
  digits[12] = digits[12] == '0' ? '1' : '0';
  gtk_editable_set_text (GTK_EDITABLE (entry), digits);
  g_assert_true (gtk_widget_activate (aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Check code")));
  expect_label (fixture, "Product Barcode — Not Valid");
  expect_label (fixture, "The check digit is wrong: the code was misread or mistyped.");
}

static gboolean
missing_element_is_not_fatal (const char     *log_domain,
                              GLogLevelFlags  log_level,
                              const char     *message,
                              gpointer        user_data)
{
  /* GStreamer's parser warns about the element it cannot find. */
  return (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)) != 0;
}

static void
test_no_camera_element (Fixture       *fixture,
                        gconstpointer  user_data)
{
  fixture->pipeline = g_strdup ("aislenosuchcamerasrc");
  g_test_log_set_fatal_handler (missing_element_is_not_fatal, NULL);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_no_camera);
}

static void
test_no_camera_frames (Fixture       *fixture,
                       gconstpointer  user_data)
{
  fixture->pipeline = g_strdup ("fakesrc num-buffers=0");
  g_test_log_set_fatal_handler (missing_element_is_not_fatal, NULL);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_no_camera);
}

static void
body_wedge_burst (Fixture *fixture)
{
  GtkWidget *entry = search_entry (fixture);
  AisleWedge *wedge = held_wedge (fixture);
  g_autofree char *digits = valid_ean13 ("471008843215");
  guint32 time = 100000;
  AisleCode *code;

  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  /* A scanner: a key every 5 ms, then Return. */
  wedge_type (fixture, digits, 5, &time);
  g_assert_true (aisle_wedge_handle_key (wedge, GDK_KEY_Return, 0, time));
  code = wait_for_code (fixture, AISLE_SCAN_SOURCE_WEDGE);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_PRODUCT);
  g_assert_cmpstr (aisle_code_get_product (code)->gtin13, ==, digits);
  /* Nothing leaked into the entry that had focus. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  /* A product the catalogue does not know is shown on the scan page, in words (once the
   * cache has been asked: one it knows opens its stock). */
  expect_label (fixture, "Read by the barcode scanner");
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "scan");

  /* A member card number from the scanner, on any page, finds the member. */
  time += 1000;
  wedge_type (fixture, "M0000125", 4, &time);
  g_assert_true (aisle_wedge_handle_key (wedge, GDK_KEY_KP_Enter, 0, time));
  g_assert_cmpuint (fixture->codes->len, ==, 2);
  g_assert_cmpint (aisle_code_get_kind (g_ptr_array_index (fixture->codes, 1)), ==,
                   AISLE_CODE_KIND_MEMBER_NUMBER);
  expect_label (fixture, "王小明");
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "member-search");
}

static void
test_wedge_burst (Fixture       *fixture,
                  gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  fixture->pipeline = g_strdup ("fakesrc num-buffers=0");
  g_test_log_set_fatal_handler (missing_element_is_not_fatal, NULL);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_wedge_burst);
}

typedef struct
{
  GtkWidget  *entry;
  const char *text;
} EntryWait;

static gboolean
entry_has_text (gpointer data)
{
  EntryWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (wait->entry)), wait->text) == 0;
}

static void
body_wedge_human (Fixture *fixture)
{
  GtkWidget *entry = search_entry (fixture);
  AisleWedge *wedge = held_wedge (fixture);
  EntryWait wait = { entry, "M0000123" };
  guint32 time = 100000;

  /* A person: 150 ms a key. Each key reaches the entry, in order, and Return is theirs. */
  wedge_type (fixture, "M0000123", 150, &time);
  g_assert_false (aisle_wedge_handle_key (wedge, GDK_KEY_Return, 0, time));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "M0000123");
  /* ... and the entry searched as it does for typing. */
  expect_label (fixture, "林美玲");

  /* Focus on a result row: typing still goes to the search, as the page's key capture does. */
  {
    GtkWidget *row = gtk_widget_get_ancestor (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "林美玲"),
                                              GTK_TYPE_LIST_BOX_ROW);

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_grab_focus (row));
    wait.text = "M00001234";
    time += 1000;
    g_assert_true (aisle_wedge_handle_key (wedge, '4', 0, time));
    if (!aisle_test_ui_wait_until (entry_has_text, &wait, WAIT_TIMEOUT_MS))
      g_error ("typing at a row never reached the search: “%s”", gtk_editable_get_text (GTK_EDITABLE (entry)));
  }

  /* The last key is held only briefly when no Return follows: it arrives on its own. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait.text = "lin";
  wedge_type (fixture, "lin", 150, &time);
  if (!aisle_test_ui_wait_until (entry_has_text, &wait, WAIT_TIMEOUT_MS))
    g_error ("typing never reached the entry: “%s”", gtk_editable_get_text (GTK_EDITABLE (entry)));

  /* Backspace (not held) acts after the keys before it. */
  time += 20;
  g_assert_true (aisle_wedge_handle_key (wedge, 'x', 0, time));
  g_assert_false (aisle_wedge_handle_key (wedge, GDK_KEY_BackSpace, 0, time + 10));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "linx");

  aisle_test_ui_spin ();
  g_assert_cmpuint (fixture->codes->len, ==, 0);
}

static void
test_wedge_human (Fixture       *fixture,
                  gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_wedge_human);
}

/* A slow scanner (80 ms a key) is typing at the default gap; the scanner-max-gap setting,
 * bound to the window's wedge by the application, makes it a scanner. */
static void
body_wedge_slow_scanner (Fixture *fixture)
{
  GSettings *settings = aisle_application_get_settings (fixture->app);
  GtkWidget *entry = search_entry (fixture);
  AisleWedge *wedge = held_wedge (fixture);
  g_autofree char *digits = valid_ean13 ("471008843215");
  EntryWait wait = { entry, NULL };
  guint32 time = 100000;
  guint max_gap = 0;
  AisleCode *code;

  g_assert_nonnull (settings);
  g_object_get (wedge, "max-gap", &max_gap, NULL);
  g_assert_cmpuint (max_gap, ==, g_settings_get_uint (settings, "scanner-max-gap"));

  /* At the default gap, 80 ms a key is a person typing: the digits reach the entry. */
  wait.text = digits;
  wedge_type (fixture, digits, 80, &time);
  g_assert_false (aisle_wedge_handle_key (wedge, GDK_KEY_Return, 0, time));
  if (!aisle_test_ui_wait_until (entry_has_text, &wait, WAIT_TIMEOUT_MS))
    g_error ("the slow keys never reached the entry: “%s”", gtk_editable_get_text (GTK_EDITABLE (entry)));
  aisle_test_ui_spin ();
  g_assert_cmpuint (fixture->codes->len, ==, 0);

  /* Raised for this site's scanner, the same keys are one scan and leave the entry alone. */
  g_settings_set_uint (settings, "scanner-max-gap", 120);
  g_object_get (wedge, "max-gap", &max_gap, NULL);
  g_assert_cmpuint (max_gap, ==, 120);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  time += 1000;
  wedge_type (fixture, digits, 80, &time);
  g_assert_true (aisle_wedge_handle_key (wedge, GDK_KEY_Return, 0, time));
  code = wait_for_code (fixture, AISLE_SCAN_SOURCE_WEDGE);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_PRODUCT);
  g_assert_cmpstr (aisle_code_get_product (code)->gtin13, ==, digits);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_wedge_slow_scanner (Fixture       *fixture,
                         gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_wedge_slow_scanner);
}

/* With an X11 input method the wedge lets keys through (so the input method sees them) and takes
 * a scan's characters back out of the entry. Keys let through are typed here as GTK would. */
static void
type_through (AisleWedge *wedge,
              GtkWidget  *entry,
              const char *text,
              guint       interval,
              guint32    *time)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!aisle_wedge_handle_key (wedge, gdk_unicode_to_keyval ((guchar) *p), 0, *time))
        {
          int position = gtk_editable_get_position (GTK_EDITABLE (entry));

          gtk_editable_insert_text (GTK_EDITABLE (entry), p, 1, &position);
          gtk_editable_set_position (GTK_EDITABLE (entry), position);
        }
      *time += interval;
    }
}

static void
body_wedge_input_method (Fixture *fixture)
{
  GtkWidget *entry = search_entry (fixture);
  AisleWedge *wedge = aisle_window_get_wedge (fixture->window);
  g_autofree char *digits = valid_ean13 ("471008843215");
  guint32 time = 100000;
  AisleCode *code;

  g_object_set (wedge, "hold-keys", FALSE, NULL);

  /* A person: everything goes through untouched, Return included. */
  type_through (wedge, entry, "lin", 150, &time);
  g_assert_false (aisle_wedge_handle_key (wedge, GDK_KEY_Return, 0, time));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "lin");

  /* A scanner: one scan, and its characters are taken back out; the person's text stays. */
  time += 1000;
  type_through (wedge, entry, digits, 5, &time);
  g_assert_true (aisle_wedge_handle_key (wedge, GDK_KEY_Return, 0, time));
  code = wait_for_code (fixture, AISLE_SCAN_SOURCE_WEDGE);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_PRODUCT);
  g_assert_cmpstr (aisle_code_get_product (code)->gtin13, ==, digits);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "lin");
}

static void
test_wedge_input_method (Fixture       *fixture,
                         gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_wedge_input_method);
}

static void
body_kiosk_wedge (Fixture *fixture)
{
  AisleWedge *wedge = held_wedge (fixture);
  guint32 time = 5000;
  AisleCode *code;

  /* The kiosk hears a scanner too (for e-invoices and products in later issues) ... */
  g_assert_nonnull (wedge);
  wedge_type (fixture, "M0000123", 3, &time);
  g_assert_true (aisle_wedge_handle_key (wedge, GDK_KEY_Return, 0, time));
  code = wait_for_code (fixture, AISLE_SCAN_SOURCE_WEDGE);
  g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_MEMBER_NUMBER);

  /* ... but never looks a member up, and has no scan page or button. */
  aisle_test_ui_spin ();
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "kiosk");
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (fixture->window), "林美玲"));
  g_assert_null (aisle_window_get_page (fixture->window, "scan"));
  {
    GtkWidget *scan = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Scan");

    g_assert_true (scan == NULL || !gtk_widget_get_mapped (scan));
  }
}

static void
test_kiosk_wedge (Fixture       *fixture,
                  gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_KIOSK, TRUE, body_kiosk_wedge);
}

/* The border box (what a finger hits), not gtk_widget_get_height()'s content box. */
static int
touch_height (GtkWidget *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, widget, &bounds))
    return 0;
  return (int) bounds.size.height;
}

static gboolean
widget_touch_sized (gpointer data)
{
  return touch_height (data) >= 44;
}

/* Every control on the scan page has a name assistive technologies can read. */
static gboolean
is_named (GtkWidget *widget)
{
  g_autofree char *label = aisle_test_ui_accessible_label (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (label != NULL && *label != '\0')
    return TRUE;

  if (parent != NULL
      && ((GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (parent))
          || GTK_IS_MENU_BUTTON (parent)))
    return is_named (parent);

  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if ((gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget)
       && !GTK_IS_WINDOW (widget) && !GTK_IS_LIST_BOX (widget)
       && !GTK_IS_SCROLLED_WINDOW (widget) && !GTK_IS_VIEWPORT (widget))
      || GTK_IS_BUTTON (widget)
      || GTK_IS_LIST_BOX_ROW (widget))
    {
      if (!is_named (widget))
        g_string_append_printf (unnamed, "\n  %s (parent %s)", G_OBJECT_TYPE_NAME (widget),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
body_accessible (Fixture *fixture)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  AisleScanPage *page = open_scan_page (fixture);
  GtkWidget *entry = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Code");

  if (!aisle_test_ui_wait_until (camera_failed, aisle_scan_page_get_camera (page),
                                 WAIT_TIMEOUT_MS))
    g_error ("the camera never reported failure");
  gtk_editable_set_text (GTK_EDITABLE (entry), "/ABC+123");
  g_signal_emit_by_name (entry, "activate");
  expect_label (fixture, "Mobile Barcode Carrier");

  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  if (unnamed->len > 0)
    g_error ("controls without an accessible label:%s", unnamed->str);

  /* Touch-friendly, once laid out. */
  {
    const char *targets[] = { "Code", "Check code", "Close the scanner" };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        GtkWidget *widget = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), targets[i]);

        if (!aisle_test_ui_wait_until (widget_touch_sized, widget, WAIT_TIMEOUT_MS))
          g_error ("“%s” is %d px high, too small to touch", targets[i], touch_height (widget));
      }
  }
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  user_data)
{
  fixture->pipeline = g_strdup ("fakesrc num-buffers=0");
  g_test_log_set_fatal_handler (missing_element_is_not_fatal, NULL);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_accessible);
}

/* Each case runs in its own process, as in test-ui-window.c. */
int
main (int   argc,
      char *argv[])
{
  aisle_test_ui_init (&argc, &argv);
  g_setenv ("LANGUAGE", "C", TRUE);

  aisle_test_ui_add ("/aisle/app/scan/camera/product", Fixture, NULL,
                     fixture_set_up, test_camera_product, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/camera/member", Fixture, NULL,
                     fixture_set_up, test_camera_member, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/no-camera/element", Fixture, NULL,
                     fixture_set_up, test_no_camera_element, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/no-camera/frames", Fixture, NULL,
                     fixture_set_up, test_no_camera_frames, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/wedge/burst", Fixture, NULL,
                     fixture_set_up, test_wedge_burst, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/wedge/human", Fixture, NULL,
                     fixture_set_up, test_wedge_human, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/wedge/slow-scanner", Fixture, NULL,
                     fixture_set_up, test_wedge_slow_scanner, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/wedge/input-method", Fixture, NULL,
                     fixture_set_up, test_wedge_input_method, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/wedge/kiosk", Fixture, NULL,
                     fixture_set_up, test_kiosk_wedge, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/scan/accessible", Fixture, NULL,
                     fixture_set_up, test_accessible, fixture_tear_down);

  return g_test_run ();
}

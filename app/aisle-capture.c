/* aisle-capture.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <stdio.h>

#include "aisle-application.h"
#include "aisle-capture.h"
#include "aisle-member-search-page.h"
#include "aisle-scan-page.h"

static gint64 process_start_us;

typedef struct
{
  AisleWindow *window;          /* weak: the capture dies with the window */
  char        *png_path;
  char        *search;
  gboolean     bench;
  gboolean     first_frame_seen;
  gboolean     search_started;
  gboolean     scan;            /* AISLE_SCREENSHOT_PAGE=scan: the scan page with a result */
  gboolean     scan_started;
  gboolean     done;
  gulong       after_paint_handler;
  GdkFrameClock *frame_clock;
} Capture;

void
aisle_capture_mark_process_start (void)
{
  if (process_start_us == 0)
    process_start_us = g_get_monotonic_time ();
}

gboolean
aisle_capture_requested (void)
{
  return g_getenv ("AISLE_SCREENSHOT") != NULL || g_getenv ("AISLE_BENCH_STARTUP") != NULL;
}

static char *
read_status_field (const char *field)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return g_strdup ("?");

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
        {
          const char *value = lines[i] + strlen (field) + 1;
          g_autofree char *kb = g_strstrip (g_strdup (value));

          /* "123456 kB" -> "123456" */
          if (g_str_has_suffix (kb, " kB"))
            kb[strlen (kb) - 3] = '\0';
          return g_steal_pointer (&kb);
        }
    }

  return g_strdup ("?");
}

static void
bench_print (const char *event)
{
  g_autofree char *rss = read_status_field ("VmRSS");
  g_autofree char *hwm = read_status_field ("VmHWM");

  /* realtime lets the script measure from before exec; since-main from main(). */
  printf ("aisle-bench %s realtime-us=%" G_GINT64_FORMAT " since-main-us=%" G_GINT64_FORMAT
          " vmrss-kb=%s vmhwm-kb=%s\n",
          event, g_get_real_time (), g_get_monotonic_time () - process_start_us, rss, hwm);
  fflush (stdout);
}

gboolean
aisle_capture_save_png (GtkWidget   *widget,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   "the window is not realized or has no size");
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the window drew nothing");
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not write %s", path);
      return FALSE;
    }

  return TRUE;
}

static void
capture_free (Capture *capture)
{
  if (capture->frame_clock != NULL)
    g_clear_signal_handler (&capture->after_paint_handler, capture->frame_clock);
  g_clear_object (&capture->frame_clock);
  g_clear_weak_pointer (&capture->window);
  g_free (capture->png_path);
  g_free (capture->search);
  g_free (capture);
}

static gboolean
capture_content_ready (Capture *capture)
{
  GtkWidget *page;

  if (aisle_window_get_loading (capture->window))
    return FALSE;

  page = aisle_window_get_page (capture->window, "member-search");
  if (capture->search != NULL && page != NULL && aisle_window_get_worker (capture->window) != NULL)
    {
      if (!capture->search_started)
        {
          capture->search_started = TRUE;
          aisle_member_search_page_search (AISLE_MEMBER_SEARCH_PAGE (page), capture->search);
          return FALSE;
        }
      if (aisle_member_search_page_get_busy (AISLE_MEMBER_SEARCH_PAGE (page)))
        return FALSE;
    }

  /* The scan page once its camera has started (or failed) and, with a camera, read a code. */
  page = aisle_window_get_page (capture->window, "scan");
  if (capture->scan && page != NULL && aisle_window_get_worker (capture->window) != NULL)
    {
      AisleCameraState state = aisle_camera_get_state (aisle_scan_page_get_camera (AISLE_SCAN_PAGE (page)));

      if (!capture->scan_started)
        {
          capture->scan_started = TRUE;
          gtk_widget_activate_action (GTK_WIDGET (capture->window), "window.scan", NULL);
          return FALSE;
        }
      if (state == AISLE_CAMERA_STOPPED || state == AISLE_CAMERA_STARTING)
        return FALSE;
      if (state == AISLE_CAMERA_PLAYING && aisle_scan_page_get_code (AISLE_SCAN_PAGE (page)) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
capture_finish (Capture *capture)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (capture->window)));
  int status = 0;

  capture->done = TRUE;

  if (capture->bench)
    bench_print ("ready");

  if (capture->png_path != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (aisle_capture_save_png (GTK_WIDGET (capture->window), capture->png_path, &error))
        {
          g_printerr ("aisle: saved %s\n", capture->png_path);
        }
      else
        {
          g_printerr ("aisle: screenshot failed: %s\n", error->message);
          status = 1;
        }
    }

  if (AISLE_IS_APPLICATION (app))
    aisle_application_quit_with_status (AISLE_APPLICATION (app), status);
}

static gboolean
capture_finish_idle_cb (gpointer data)
{
  Capture *capture = data;

  if (capture->window != NULL)
    capture_finish (capture);

  return G_SOURCE_REMOVE;
}

/* Runs after every painted frame until done: the first one is the startup mark; once the
 * data is loaded (and a requested search answered) the next painted frame is captured. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   Capture       *capture)
{
  if (capture->window == NULL || capture->done)
    return;

  if (!capture->first_frame_seen)
    {
      capture->first_frame_seen = TRUE;
      if (capture->bench)
        bench_print ("first-frame");
    }

  if (!capture_content_ready (capture))
    {
      /* Keep frames coming while we wait for the cache and the search. */
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }

  /* This frame showed the final content; finish outside the paint cycle. */
  g_clear_signal_handler (&capture->after_paint_handler, clock);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, capture_finish_idle_cb, capture,
                   (GDestroyNotify)capture_free);
}

static void
on_window_realize_cb (GtkWidget *widget,
                      Capture   *capture)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (capture->frame_clock != NULL || clock == NULL)
    return;

  capture->frame_clock = g_object_ref (clock);
  capture->after_paint_handler = g_signal_connect (clock, "after-paint",
                                                   G_CALLBACK (on_after_paint_cb), capture);
}

/* Before the window is shown: sizes and animation settings that make captures repeatable. */
void
aisle_capture_prepare_window (AisleWindow *window)
{
  const char *size = g_getenv ("AISLE_SCREENSHOT_SIZE");
  int width = 0, height = 0;

  if (!aisle_capture_requested ())
    return;

  /* No crossfades half-way through a screenshot. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (size != NULL && sscanf (size, "%dx%d", &width, &height) == 2 && width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
}

void
aisle_capture_attach (AisleWindow *window)
{
  Capture *capture;
  const char *search = g_getenv ("AISLE_SEARCH");

  g_return_if_fail (AISLE_IS_WINDOW (window));

  if (!aisle_capture_requested ())
    return;

  capture = g_new0 (Capture, 1);
  g_set_weak_pointer (&capture->window, window);
  capture->png_path = g_strdup (g_getenv ("AISLE_SCREENSHOT"));
  capture->search = search != NULL && *search != '\0' ? g_strdup (search) : NULL;
  capture->bench = g_getenv ("AISLE_BENCH_STARTUP") != NULL;
  capture->scan = g_strcmp0 (g_getenv ("AISLE_SCREENSHOT_PAGE"), "scan") == 0;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    on_window_realize_cb (GTK_WIDGET (window), capture);
  else
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), capture);
}

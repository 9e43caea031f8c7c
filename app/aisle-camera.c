/* aisle-camera.c: a GStreamer camera that previews and decodes codes off the main thread.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pipeline, from the source staff configured (GSettings `camera-pipeline`), teed twice:
 *
 *   SOURCE ! queue ! videoconvert ! tee
 *     tee. ! queue(1) ! videoconvert ! GRAY8 ! appsink(max-buffers=1, drop)  -> AisleScanWorker
 *     tee. ! queue(1) ! videoscale ! videoconvert ! RGBA ≤640x480 ! appsink  -> GdkTexture
 *
 * Debian 12 has no gtk4paintablesink, so the preview is a small RGBA appsink whose newest frame
 * becomes a GdkMemoryTexture on the main context, at most 15 times a second: a phone-sized
 * preview needs no more, and each texture is a copy. Decoding never happens here: the GRAY8
 * frame goes straight from the streaming thread to the scan worker, which copies it only when
 * it is idle and drops it otherwise; the appsinks drop too, so nothing ever queues
 * up behind a slow decode. Codes come back on the main context, once per duplicate window.
 *
 * The streaming threads touch only the worker (thread-safe) and the preview slot under the
 * mutex; aisle_camera_stop() sets the pipeline to NULL, which joins them, before anything they
 * use goes away.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>

#include "aisle-camera.h"

#define PREVIEW_INTERVAL_US (G_USEC_PER_SEC / 15)

struct _AisleCamera
{
  GObject           parent_instance;

  /* Owned, main thread only */
  char             *source;
  char             *error;
  GdkTexture       *frame;
  GstElement       *pipeline;
  GstBus           *bus;
  GMainContext     *context;      /* where the preview and codes are delivered */
  AisleScanWorker  *scan_worker;
  AisleCameraState  state;

  /* Shared with the preview appsink's streaming thread, under @mutex */
  GMutex            mutex;
  GstSample        *preview_sample;
  GSource          *preview_source;
  gint64            last_preview_us;
};

G_DEFINE_FINAL_TYPE (AisleCamera, aisle_camera, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_STATE,
  PROP_ERROR,
  PROP_FRAME,
  PROP_DEDUP_WINDOW,
  N_PROPS
};

enum {
  CODE_DETECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
aisle_camera_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { AISLE_CAMERA_STOPPED, "AISLE_CAMERA_STOPPED", "stopped" },
        { AISLE_CAMERA_STARTING, "AISLE_CAMERA_STARTING", "starting" },
        { AISLE_CAMERA_PLAYING, "AISLE_CAMERA_PLAYING", "playing" },
        { AISLE_CAMERA_FAILED, "AISLE_CAMERA_FAILED", "failed" },
        { 0, NULL, NULL },
      };
      GType type = g_enum_register_static (g_intern_static_string ("AisleCameraState"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

static void
set_state (AisleCamera      *self,
           AisleCameraState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_frame (AisleCamera *self,
           GdkTexture  *frame)
{
  if (g_set_object (&self->frame, frame))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRAME]);
}

static void
set_error (AisleCamera *self,
           const char  *error)
{
  if (g_strcmp0 (self->error, error) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Stops and frees the pipeline; the streaming threads are joined when this returns. */
static void
teardown (AisleCamera *self)
{
  if (self->pipeline == NULL)
    return;

  gst_element_set_state (self->pipeline, GST_STATE_NULL);

  g_mutex_lock (&self->mutex);
  if (self->preview_source != NULL)
    {
      g_source_destroy (self->preview_source);
      g_clear_pointer (&self->preview_source, g_source_unref);
    }
  g_clear_pointer (&self->preview_sample, gst_sample_unref);
  self->last_preview_us = 0;
  g_mutex_unlock (&self->mutex);

  if (self->bus != NULL)
    {
      gst_bus_remove_watch (self->bus);
      g_clear_object (&self->bus);
    }
  g_clear_object (&self->pipeline);
}

static void
fail (AisleCamera *self,
      const char  *reason)
{
  g_message ("camera “%s”: %s", self->source, reason);
  teardown (self);
  set_frame (self, NULL);
  set_error (self, reason);
  set_state (self, AISLE_CAMERA_FAILED);
}

/* autovideosrc stands in a test pattern when the machine has no camera: that is no camera. */
static gboolean
uses_stand_in_source (AisleCamera *self)
{
  g_autoptr(GstIterator) iter = NULL;
  GValue item = G_VALUE_INIT;
  gboolean stand_in = FALSE;

  if (strstr (self->source, "videotestsrc") != NULL)
    return FALSE;

  iter = gst_bin_iterate_recurse (GST_BIN (self->pipeline));
  while (!stand_in && gst_iterator_next (iter, &item) == GST_ITERATOR_OK)
    {
      GstElement *element = g_value_get_object (&item);
      GstElementFactory *factory = gst_element_get_factory (element);
      const char *name = factory != NULL ? gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)) : NULL;

      stand_in = g_strcmp0 (name, "videotestsrc") == 0;
      g_value_reset (&item);
    }
  g_value_unset (&item);
  return stand_in;
}

/* --- streaming threads ---------------------------------------------------------------------- */

static GstFlowReturn
on_scan_sample_cb (GstAppSink *sink,
                   gpointer    user_data)
{
  AisleCamera *self = user_data;
  g_autoptr(GstSample) sample = gst_app_sink_pull_sample (sink);
  g_autoptr(GError) error = NULL;
  GstVideoFrame frame;
  GstVideoInfo info;

  if (sample == NULL)
    return GST_FLOW_EOS;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample))
      || !gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return GST_FLOW_OK;

  /* Copies the frame only if the worker is idle; else drops it. Never blocks. */
  if (!aisle_scan_worker_push_frame (self->scan_worker,
                                     GST_VIDEO_FRAME_PLANE_DATA (&frame, 0),
                                     GST_VIDEO_FRAME_WIDTH (&frame),
                                     GST_VIDEO_FRAME_HEIGHT (&frame),
                                     GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0),
                                     g_get_monotonic_time (),
                                     &error)
      && error != NULL)
    g_debug ("camera frame not scanned: %s", error->message);

  gst_video_frame_unmap (&frame);
  return GST_FLOW_OK;
}

static gboolean preview_cb (gpointer data);

static GstFlowReturn
on_preview_sample_cb (GstAppSink *sink,
                      gpointer    user_data)
{
  AisleCamera *self = user_data;
  GstSample *sample = gst_app_sink_pull_sample (sink);
  gint64 now = g_get_monotonic_time ();

  if (sample == NULL)
    return GST_FLOW_EOS;

  g_mutex_lock (&self->mutex);
  if (self->last_preview_us != 0 && now - self->last_preview_us < PREVIEW_INTERVAL_US)
    {
      g_mutex_unlock (&self->mutex);
      gst_sample_unref (sample);
      return GST_FLOW_OK;
    }
  self->last_preview_us = now;
  if (self->preview_sample != NULL)
    gst_sample_unref (self->preview_sample);
  self->preview_sample = sample;
  if (self->preview_source == NULL)
    {
      self->preview_source = g_idle_source_new ();
      g_source_set_name (self->preview_source, "[aisle] camera preview");
      g_source_set_callback (self->preview_source, preview_cb, self, NULL);
      g_source_attach (self->preview_source, self->context);
    }
  g_mutex_unlock (&self->mutex);

  return GST_FLOW_OK;
}

/* --- main context --------------------------------------------------------------------------- */

static GdkTexture *
texture_from_sample (GstSample *sample)
{
  g_autoptr(GBytes) bytes = NULL;
  GstVideoFrame frame;
  GstVideoInfo info;
  GdkTexture *texture;
  gsize stride;
  int height;

  if (!gst_video_info_from_caps (&info, gst_sample_get_caps (sample))
      || GST_VIDEO_INFO_FORMAT (&info) != GST_VIDEO_FORMAT_RGBA
      || !gst_video_frame_map (&frame, &info, gst_sample_get_buffer (sample), GST_MAP_READ))
    return NULL;

  stride = GST_VIDEO_FRAME_PLANE_STRIDE (&frame, 0);
  height = GST_VIDEO_FRAME_HEIGHT (&frame);
  bytes = g_bytes_new (GST_VIDEO_FRAME_PLANE_DATA (&frame, 0), stride * height);
  texture = gdk_memory_texture_new (GST_VIDEO_FRAME_WIDTH (&frame), height,
                                    GDK_MEMORY_R8G8B8A8, bytes, stride);
  gst_video_frame_unmap (&frame);
  return texture;
}

static gboolean
preview_cb (gpointer data)
{
  AisleCamera *self = data;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_mutex_lock (&self->mutex);
  sample = g_steal_pointer (&self->preview_sample);
  g_clear_pointer (&self->preview_source, g_source_unref);
  g_mutex_unlock (&self->mutex);

  if (sample == NULL || self->pipeline == NULL)
    return G_SOURCE_REMOVE;

  if (self->state == AISLE_CAMERA_STARTING && uses_stand_in_source (self))
    {
      fail (self, _("The system has no camera and offered a test picture instead."));
      return G_SOURCE_REMOVE;
    }

  texture = texture_from_sample (sample);
  if (texture != NULL)
    {
      if (self->state == AISLE_CAMERA_STARTING)
        g_debug ("camera “%s”: first frame, preview %dx%d", self->source,
                 gdk_texture_get_width (texture), gdk_texture_get_height (texture));
      set_frame (self, texture);
      set_state (self, AISLE_CAMERA_PLAYING);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
on_bus_message_cb (GstBus     *bus,
                   GstMessage *message,
                   gpointer    user_data)
{
  AisleCamera *self = user_data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &error, &debug);
        g_debug ("camera error detail: %s", debug != NULL ? debug : "(none)");
        fail (self, error->message);
      }
      break;

    case GST_MESSAGE_EOS:
      fail (self, self->state == AISLE_CAMERA_STARTING
                  ? _("The camera sent no pictures.")
                  : _("The camera stopped sending pictures."));
      break;

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_scan_worker_code_cb (AisleScanWorker *worker,
                        AisleScanResult *result,
                        gpointer         user_data)
{
  AisleCamera *self = user_data;

  /* A frame decoded just before the camera stopped is stale: the page is gone. */
  if (self->pipeline == NULL)
    return;
  g_signal_emit (self, signals[CODE_DETECTED], 0, result);
}

/* Starts the camera. Failure is a state (FAILED with an error), not a return value: the UI
 * shows it and manual entry carries on. */
void
aisle_camera_start (AisleCamera *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GstElement) scan_sink = NULL;
  g_autoptr(GstElement) preview_sink = NULL;
  GstAppSinkCallbacks scan_callbacks = { 0 };
  GstAppSinkCallbacks preview_callbacks = { 0 };

  g_return_if_fail (AISLE_IS_CAMERA (self));

  if (self->pipeline != NULL)
    return;

  set_error (self, NULL);
  set_state (self, AISLE_CAMERA_STARTING);

  if (!gst_init_check (NULL, NULL, &error))
    {
      fail (self, error->message);
      return;
    }
  if (self->source == NULL || *self->source == '\0')
    {
      fail (self, _("No camera is set up."));
      return;
    }

  /* Each branch has its own streaming thread (the queues); neither callback ever blocks, so the
   * queues never fill. Leaky queues would starve the sinks' preroll and never reach PLAYING. */
  description = g_strdup_printf ("%s ! queue max-size-buffers=2 ! videoconvert ! tee name=aisle_tee "
                                 "aisle_tee. ! queue max-size-buffers=1 ! videoconvert "
                                 "! video/x-raw,format=GRAY8 ! appsink name=aisle_scan max-buffers=1 drop=true "
                                 "aisle_tee. ! queue max-size-buffers=1 ! videoscale ! videoconvert "
                                 "! video/x-raw,format=RGBA,width=[16,640],height=[16,480] "
                                 "! appsink name=aisle_preview max-buffers=1 drop=true",
                                 self->source);
  self->pipeline = gst_parse_launch_full (description, NULL, GST_PARSE_FLAG_FATAL_ERRORS, &error);
  if (self->pipeline == NULL || error != NULL)
    {
      fail (self, error != NULL ? error->message : _("The camera pipeline is not valid."));
      return;
    }
  gst_object_ref_sink (self->pipeline);

  scan_sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "aisle_scan");
  preview_sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "aisle_preview");
  g_assert (scan_sink != NULL && preview_sink != NULL);
  scan_callbacks.new_sample = on_scan_sample_cb;
  gst_app_sink_set_callbacks (GST_APP_SINK (scan_sink), &scan_callbacks, self, NULL);
  preview_callbacks.new_sample = on_preview_sample_cb;
  gst_app_sink_set_callbacks (GST_APP_SINK (preview_sink), &preview_callbacks, self, NULL);

  self->bus = gst_element_get_bus (self->pipeline);
  gst_bus_add_watch (self->bus, on_bus_message_cb, self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (self->bus, GST_MESSAGE_ERROR);
      g_autoptr(GError) start_error = NULL;

      if (message != NULL)
        gst_message_parse_error (message, &start_error, NULL);
      fail (self, start_error != NULL ? start_error->message : _("The camera could not be started."));
    }
}

void
aisle_camera_stop (AisleCamera *self)
{
  g_return_if_fail (AISLE_IS_CAMERA (self));

  teardown (self);
  set_frame (self, NULL);
  if (self->state != AISLE_CAMERA_FAILED)
    set_state (self, AISLE_CAMERA_STOPPED);
}

/* --- GObject -------------------------------------------------------------------------------- */

static void
aisle_camera_dispose (GObject *object)
{
  AisleCamera *self = (AisleCamera *)object;

  teardown (self);
  g_clear_object (&self->frame);
  g_clear_pointer (&self->scan_worker, aisle_scan_worker_free);

  G_OBJECT_CLASS (aisle_camera_parent_class)->dispose (object);
}

static void
aisle_camera_finalize (GObject *object)
{
  AisleCamera *self = (AisleCamera *)object;

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (aisle_camera_parent_class)->finalize (object);
}

static void
aisle_camera_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AisleCamera *self = AISLE_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_FRAME:
      g_value_set_object (value, self->frame);
      break;

    case PROP_DEDUP_WINDOW:
      g_value_set_uint (value, aisle_camera_get_dedup_window (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_camera_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AisleCamera *self = AISLE_CAMERA (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      aisle_camera_set_source (self, g_value_get_string (value));
      break;

    case PROP_DEDUP_WINDOW:
      aisle_camera_set_dedup_window (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_camera_class_init (AisleCameraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aisle_camera_dispose;
  object_class->finalize = aisle_camera_finalize;
  object_class->get_property = aisle_camera_get_property;
  object_class->set_property = aisle_camera_set_property;

  /* The source part of the pipeline, gst-launch syntax, e.g. "autovideosrc". */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         "autovideosrc",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       AISLE_TYPE_CAMERA_STATE, AISLE_CAMERA_STOPPED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Why the camera failed, for the UI (GStreamer's text, translated by GStreamer). */
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The newest preview frame, NULL while stopped. */
  properties[PROP_FRAME] =
    g_param_spec_object ("frame", NULL, NULL,
                         GDK_TYPE_TEXTURE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The same code seen again within this many milliseconds is reported once. */
  properties[PROP_DEDUP_WINDOW] =
    g_param_spec_uint ("dedup-window", NULL, NULL,
                       0, G_MAXUINT, 2000,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AisleCamera::code-detected:
   * @result: the decoded symbol, raw bytes and symbology
   *
   * A code came into view (once per duplicate window). Emitted on the main context.
   */
  signals[CODE_DETECTED] =
    g_signal_new ("code-detected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AISLE_TYPE_SCAN_RESULT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
aisle_camera_init (AisleCamera *self)
{
  g_mutex_init (&self->mutex);
  self->source = g_strdup ("autovideosrc");
  self->context = g_main_context_ref_thread_default ();
  self->scan_worker = aisle_scan_worker_new (self->context, on_scan_worker_code_cb, self, NULL);
  aisle_scan_worker_set_effort (self->scan_worker, AISLE_SCAN_EFFORT_FRAME);
}

AisleCamera *
aisle_camera_new (void)
{
  return g_object_new (AISLE_TYPE_CAMERA, NULL);
}

const char *
aisle_camera_get_source (AisleCamera *self)
{
  g_return_val_if_fail (AISLE_IS_CAMERA (self), NULL);

  return self->source;
}

/* Takes effect at the next start. */
void
aisle_camera_set_source (AisleCamera *self,
                         const char  *source)
{
  g_return_if_fail (AISLE_IS_CAMERA (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

AisleCameraState
aisle_camera_get_state (AisleCamera *self)
{
  g_return_val_if_fail (AISLE_IS_CAMERA (self), AISLE_CAMERA_STOPPED);

  return self->state;
}

const char *
aisle_camera_get_error (AisleCamera *self)
{
  g_return_val_if_fail (AISLE_IS_CAMERA (self), NULL);

  return self->error;
}

GdkTexture *
aisle_camera_get_frame (AisleCamera *self)
{
  g_return_val_if_fail (AISLE_IS_CAMERA (self), NULL);

  return self->frame;
}

guint
aisle_camera_get_dedup_window (AisleCamera *self)
{
  g_return_val_if_fail (AISLE_IS_CAMERA (self), 0);

  return aisle_scan_worker_get_dedup_window (self->scan_worker);
}

void
aisle_camera_set_dedup_window (AisleCamera *self,
                               guint        msec)
{
  g_return_if_fail (AISLE_IS_CAMERA (self));

  if (aisle_scan_worker_get_dedup_window (self->scan_worker) == msec)
    return;
  aisle_scan_worker_set_dedup_window (self->scan_worker, msec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEDUP_WINDOW]);
}

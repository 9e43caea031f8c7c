/* aisle-scan-worker.c: one thread that owns a scanner and decodes camera frames.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The camera pushes frames at its own pace. A frame is copied (so the camera buffer goes back
 * at once) only when the thread is idle; while it decodes, new frames are dropped, never
 * queued, so the decoder always works on a recent frame and memory stays flat. Decoded codes
 * go to the owner's main context; the same code seen again within the duplicate window is
 * reported once (after Megapixels' zbar_pipeline.c, with atomics and GError in place of its
 * volatile counters and aborts).
 */

#define G_LOG_DOMAIN "aisle-scan"

#include "config.h"

#include <string.h>

#include "aisle-scan-private.h"

#define DEFAULT_DEDUP_WINDOW_MS 2000
/* Prune the duplicate table when it grows past this many codes. */
#define SEEN_PRUNE_SIZE 64

/* What pending deliveries share with the worker: once @alive is 0 no callback runs, so the
 * worker can be freed with deliveries still queued on the context. */
typedef struct
{
  gatomicrefcount      ref_count;
  gint                 alive;      /* atomic */
  AisleScanWorker     *worker;     /* valid while alive */
  AisleScanWorkerFunc  func;
  gpointer             user_data;
} Sink;

typedef struct
{
  Sink            *sink;
  AisleScanResult *result;
} Delivery;

struct _AisleScanWorker
{
  /* set at creation, read-only afterwards */
  GMainContext    *context;       /* owned ref */
  Sink            *sink;          /* owned ref */
  GDestroyNotify   user_data_free;
  GThread         *thread;

  /* under mutex */
  GMutex           mutex;
  GCond            cond;
  gboolean         quit;
  gboolean         has_frame;
  gboolean         hold;
  gint64           frame_time;

  /* Written by push_frame after winning @busy, read by the thread until it clears @busy:
   * the flag, not the mutex, gives each side its turn. */
  AisleGray        frame;

  /* atomics */
  gint             busy;
  gint             dedup_window_ms;
  gint             effort;
  gint             n_accepted;
  gint             n_dropped;
  gint             n_decoded;
  gint             n_reported;

  /* worker thread only */
  AisleScanner    *scanner;
  GHashTable      *seen;          /* GBytes (symbology byte + data) -> gint64 last seen, µs */
};

static Sink *
sink_ref (Sink *sink)
{
  g_atomic_ref_count_inc (&sink->ref_count);
  return sink;
}

static void
sink_unref (Sink *sink)
{
  if (g_atomic_ref_count_dec (&sink->ref_count))
    g_free (sink);
}

static void
delivery_free (gpointer data)
{
  Delivery *delivery = data;

  sink_unref (delivery->sink);
  aisle_scan_result_unref (delivery->result);
  g_free (delivery);
}

static gboolean
deliver_cb (gpointer data)
{
  Delivery *delivery = data;
  Sink *sink = delivery->sink;

  if (g_atomic_int_get (&sink->alive))
    sink->func (sink->worker, delivery->result, sink->user_data);
  return G_SOURCE_REMOVE;
}

static void
post_result (AisleScanWorker *self,
             AisleScanResult *result)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Delivery *delivery = g_new0 (Delivery, 1);

  delivery->sink = sink_ref (self->sink);
  delivery->result = aisle_scan_result_ref (result);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, delivery, delivery_free);
  g_source_set_static_name (source, "[aisle] scan result");
  g_source_attach (source, self->context);
}

static GBytes *
seen_key (AisleScanResult *result)
{
  gsize length = 0;
  const guint8 *data = aisle_scan_result_get_data (result, &length);
  guint8 *key = g_malloc (length + 1);

  key[0] = (guint8) aisle_scan_result_get_symbology (result);
  memcpy (key + 1, data, length);
  return g_bytes_new_take (key, length + 1);
}

/* A code counts as new when it was not seen during the last window. Every sighting renews it,
 * so a code held in front of the camera is reported once, not once per window; it is
 * reported again after it has been out of view for a whole window. */
static gboolean
is_new_code (AisleScanWorker *self,
             AisleScanResult *result,
             gint64           now,
             gint64           window)
{
  g_autoptr(GBytes) key = seen_key (result);
  gpointer value = NULL;
  gboolean fresh = TRUE;

  if (g_hash_table_lookup_extended (self->seen, key, NULL, &value))
    {
      gint64 last = *(gint64 *) value;
      fresh = now - last >= window || now < last;
      *(gint64 *) value = now;
      return fresh;
    }

  if (g_hash_table_size (self->seen) >= SEEN_PRUNE_SIZE)
    {
      GHashTableIter iter;
      gpointer v;

      g_hash_table_iter_init (&iter, self->seen);
      while (g_hash_table_iter_next (&iter, NULL, &v))
        if (now - *(gint64 *) v >= window)
          g_hash_table_iter_remove (&iter);
    }
  g_hash_table_insert (self->seen, g_steal_pointer (&key), g_memdup2 (&now, sizeof now));
  return fresh;
}

static void
scan_frame (AisleScanWorker *self,
            gint64           frame_time)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 window = (gint64) g_atomic_int_get (&self->dedup_window_ms) * 1000;
  AisleScanEffort effort = (AisleScanEffort) g_atomic_int_get (&self->effort);

  if (aisle_scanner_get_effort (self->scanner) != effort)
    aisle_scanner_set_effort (self->scanner, effort);

  results = aisle_scanner_decode_gray8 (self->scanner, self->frame.data, self->frame.width,
                                        self->frame.height, self->frame.width, &error);
  g_atomic_int_inc (&self->n_decoded);
  if (results == NULL)
    {
      /* push_frame validated the geometry, so this is ZBar itself failing: skip the frame,
       * keep the camera running. */
      g_warning ("Scanning a frame failed: %s", error->message);
      return;
    }
  for (guint i = 0; i < results->len; i++)
    {
      AisleScanResult *result = g_ptr_array_index (results, i);

      if (!is_new_code (self, result, frame_time, window))
        continue;
      g_atomic_int_inc (&self->n_reported);
      post_result (self, result);
    }
}

static gpointer
worker_thread (gpointer data)
{
  AisleScanWorker *self = data;

  for (;;)
    {
      gint64 frame_time;

      g_mutex_lock (&self->mutex);
      while (!self->quit && (!self->has_frame || self->hold))
        g_cond_wait (&self->cond, &self->mutex);
      if (self->quit)
        {
          g_mutex_unlock (&self->mutex);
          break;
        }
      self->has_frame = FALSE;
      frame_time = self->frame_time;
      g_mutex_unlock (&self->mutex);

      scan_frame (self, frame_time);
      g_atomic_int_set (&self->busy, 0);
    }
  return NULL;
}

/**
 * aisle_scan_worker_new:
 * @context: (nullable): where @func runs; %NULL for the thread-default context of the caller
 * @func: called with each newly seen code
 * @user_data: data for @func
 * @user_data_free: (nullable): frees @user_data when the worker is freed
 *
 * Starts the scan thread, which creates and owns one #AisleScanner with
 * %AISLE_SCAN_EFFORT_FRAME.
 *
 * Returns: (transfer full): a new worker; free it on the thread that runs @context
 */
AisleScanWorker *
aisle_scan_worker_new (GMainContext        *context,
                       AisleScanWorkerFunc  func,
                       gpointer             user_data,
                       GDestroyNotify       user_data_free)
{
  AisleScanWorker *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_new0 (AisleScanWorker, 1);
  self->context = context != NULL ? g_main_context_ref (context)
                                  : g_main_context_ref_thread_default ();
  self->sink = g_new0 (Sink, 1);
  g_atomic_ref_count_init (&self->sink->ref_count);
  self->sink->alive = 1;
  self->sink->worker = self;
  self->sink->func = func;
  self->sink->user_data = user_data;
  self->user_data_free = user_data_free;
  self->dedup_window_ms = DEFAULT_DEDUP_WINDOW_MS;
  self->effort = AISLE_SCAN_EFFORT_FRAME;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  /* Created here, then used by the thread only: ZBar's scanner is not shared. */
  self->scanner = aisle_scanner_new ();
  aisle_scanner_set_effort (self->scanner, AISLE_SCAN_EFFORT_FRAME);
  self->seen = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                      (GDestroyNotify) g_bytes_unref, g_free);
  self->thread = g_thread_new ("aisle-scan", worker_thread, self);
  return self;
}

/**
 * aisle_scan_worker_free:
 * @self: (transfer full) (nullable): a worker
 *
 * Stops the thread after the frame in hand. No callback runs after this returns, including
 * results already queued on the context. Call it on the thread that runs the context.
 */
void
aisle_scan_worker_free (AisleScanWorker *self)
{
  if (self == NULL)
    return;

  g_atomic_int_set (&self->sink->alive, 0);
  g_mutex_lock (&self->mutex);
  self->quit = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  if (self->user_data_free != NULL)
    self->user_data_free (self->sink->user_data);
  sink_unref (self->sink);
  g_main_context_unref (self->context);
  aisle_scanner_free (self->scanner);
  g_hash_table_unref (self->seen);
  _aisle_gray_clear (&self->frame);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

/**
 * aisle_scan_worker_set_dedup_window:
 * @self: a worker
 * @msec: how long a code must be out of view before it is reported again; 0 reports every
 *   sighting
 */
void
aisle_scan_worker_set_dedup_window (AisleScanWorker *self,
                                    guint            msec)
{
  g_return_if_fail (self != NULL);

  g_atomic_int_set (&self->dedup_window_ms, (gint) MIN (msec, (guint) G_MAXINT));
}

guint
aisle_scan_worker_get_dedup_window (AisleScanWorker *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) g_atomic_int_get (&self->dedup_window_ms);
}

/* Takes effect from the next frame. */
void
aisle_scan_worker_set_effort (AisleScanWorker *self,
                              AisleScanEffort  effort)
{
  g_return_if_fail (self != NULL);

  g_atomic_int_set (&self->effort, (gint) effort);
}

/**
 * aisle_scan_worker_push_frame:
 * @self: a worker
 * @data: (array): 8-bit grey pixels, @height rows of @stride bytes
 * @width: pixels per row
 * @height: rows
 * @stride: bytes from one row to the next
 * @timestamp_us: the frame's time in microseconds on any monotonic clock (a buffer's
 *   presentation time), or -1 for g_get_monotonic_time(); the duplicate window is measured on it
 * @error: return location for an error
 *
 * Offers a frame. If the thread is idle the frame is copied (so the caller may release its
 * buffer on return) and decoded; if it is busy the frame is dropped.
 *
 * Returns: %TRUE if the frame was taken, %FALSE if it was dropped (@error unset) or unusable
 *   (@error set)
 */
gboolean
aisle_scan_worker_push_frame (AisleScanWorker  *self,
                              const guint8     *data,
                              guint             width,
                              guint             height,
                              gsize             stride,
                              gint64            timestamp_us,
                              GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (data == NULL || width == 0 || height == 0 || width > 8192 || height > 8192 || stride < width)
    {
      g_set_error (error, AISLE_SCAN_ERROR, AISLE_SCAN_ERROR_INVALID,
                   "Unusable frame: %ux%u pixels, stride %" G_GSIZE_FORMAT, width, height, stride);
      return FALSE;
    }

  if (!g_atomic_int_compare_and_exchange (&self->busy, 0, 1))
    {
      g_atomic_int_inc (&self->n_dropped);
      return FALSE;
    }

  g_mutex_lock (&self->mutex);
  _aisle_gray_ensure (&self->frame, width, height);
  if (stride == width)
    memcpy (self->frame.data, data, (gsize) width * height);
  else
    for (guint y = 0; y < height; y++)
      memcpy (self->frame.data + (gsize) y * width, data + (gsize) y * stride, width);
  self->frame_time = timestamp_us >= 0 ? timestamp_us : g_get_monotonic_time ();
  self->has_frame = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_atomic_int_inc (&self->n_accepted);
  return TRUE;
}

/**
 * aisle_scan_worker_get_stats:
 * @self: a worker
 * @n_accepted: (out) (optional): frames taken
 * @n_dropped: (out) (optional): frames dropped because the thread was busy
 * @n_decoded: (out) (optional): frames whose decoding has finished
 * @n_reported: (out) (optional): codes posted to the context (after duplicate suppression)
 */
void
aisle_scan_worker_get_stats (AisleScanWorker *self,
                             guint64         *n_accepted,
                             guint64         *n_dropped,
                             guint64         *n_decoded,
                             guint64         *n_reported)
{
  g_return_if_fail (self != NULL);

  if (n_accepted != NULL)
    *n_accepted = (guint) g_atomic_int_get (&self->n_accepted);
  if (n_dropped != NULL)
    *n_dropped = (guint) g_atomic_int_get (&self->n_dropped);
  if (n_decoded != NULL)
    *n_decoded = (guint) g_atomic_int_get (&self->n_decoded);
  if (n_reported != NULL)
    *n_reported = (guint) g_atomic_int_get (&self->n_reported);
}

void
_aisle_scan_worker_hold (AisleScanWorker *self,
                         gboolean         hold)
{
  g_mutex_lock (&self->mutex);
  self->hold = hold;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

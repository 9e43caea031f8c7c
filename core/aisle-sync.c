/* aisle-sync.c: the sync client: push the outbox, pull by cursor, status and triggers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lives on the main context. HTTP goes through one SoupSession (async, never blocking); every
 * cache read or write is a job on the AisleWorker, whose result comes back here as a value.
 * One cycle (aisle_sync_client_sync_async()):
 *   1. push: list the outbox after the hub's last_mutation_id, POST it in batches, repeat;
 *   2. pull: GET pages from the stored cursor; each page (or group of pages), its cursor, the
 *      outbox drop and the rebase are one cache transaction (aisle-sync-pull.c);
 *   3. on 409 out_of_order: pull (learn the hub's last_mutation_id and drop what it confirmed),
 *      push again; if the hub is still behind our outbox, renumber the outbox after its id.
 * The scheduler (aisle_sync_client_start()) runs cycles after a mutation (debounced), every
 * period, when the network comes back and on "Sync now"; a failed cycle retries after an
 * exponential, jittered, capped delay. A revoked device stops and keeps its outbox.
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "aisle-sync-private.h"

/* The GTask source tag of this file's async calls. */
static const char source_tag = 0;

G_DEFINE_QUARK (aisle-sync-error-quark, aisle_sync_error)
G_DEFINE_FINAL_TYPE (AisleSyncClient, aisle_sync_client, G_TYPE_OBJECT)

GType
aisle_sync_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { AISLE_SYNC_STATE_UNPAIRED, "AISLE_SYNC_STATE_UNPAIRED", "unpaired" },
    { AISLE_SYNC_STATE_IDLE, "AISLE_SYNC_STATE_IDLE", "idle" },
    { AISLE_SYNC_STATE_SYNCING, "AISLE_SYNC_STATE_SYNCING", "syncing" },
    { AISLE_SYNC_STATE_OFFLINE, "AISLE_SYNC_STATE_OFFLINE", "offline" },
    { AISLE_SYNC_STATE_HUB_ERROR, "AISLE_SYNC_STATE_HUB_ERROR", "hub-error" },
    { AISLE_SYNC_STATE_CACHE_ERROR, "AISLE_SYNC_STATE_CACHE_ERROR", "cache-error" },
    { AISLE_SYNC_STATE_REVOKED, "AISLE_SYNC_STATE_REVOKED", "revoked" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("AisleSyncState", values));
  return type;
}

enum
{
  PROP_0,
  PROP_STATE,
  PROP_ONLINE,
  PROP_SYNCING,
  PROP_PENDING,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_ATTENTION,
  PROP_PAIRED,
  PROP_ROWS_RECEIVED,
  PROP_ROWS_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- properties ------------------------------------------------------------------------------ */

#define GETTER(type, name, field) \
  type aisle_sync_client_get_##name (AisleSyncClient *self) \
  { \
    g_return_val_if_fail (AISLE_IS_SYNC_CLIENT (self), (type) 0); \
    return self->field; \
  }

GETTER (AisleSyncState, state, state)
GETTER (gboolean, online, online)
GETTER (gboolean, syncing, syncing)
GETTER (guint, pending, pending)
GETTER (gint64, last_success, last_success)
GETTER (const char *, last_error, last_error)
GETTER (guint, attention, attention)
GETTER (const char *, hub_url, hub_url)
GETTER (const char *, store_id, store_id)
GETTER (const char *, mode, mode)
GETTER (const char *, device_id, device_id)
GETTER (guint64, rows_received, rows_received)
GETTER (guint64, rows_total, rows_total)
GETTER (AisleWorker *, worker, worker)

gboolean
aisle_sync_client_get_paired (AisleSyncClient *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_CLIENT (self), FALSE);
  return self->token != NULL;
}

#define SETTER(name, type, field, prop) \
  void _aisle_sync_client_set_##name (AisleSyncClient *self, type value) \
  { \
    if (self->field == value) \
      return; \
    self->field = value; \
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
  }

SETTER (state, AisleSyncState, state, PROP_STATE)
SETTER (online, gboolean, online, PROP_ONLINE)
SETTER (syncing, gboolean, syncing, PROP_SYNCING)
SETTER (pending, guint, pending, PROP_PENDING)
SETTER (last_success, gint64, last_success, PROP_LAST_SUCCESS)
SETTER (attention, guint, attention, PROP_ATTENTION)
SETTER (rows_received, guint64, rows_received, PROP_ROWS_RECEIVED)
SETTER (rows_total, guint64, rows_total, PROP_ROWS_TOTAL)

void
_aisle_sync_client_set_last_error (AisleSyncClient *self,
                                   const char      *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
_aisle_sync_client_notify_paired (AisleSyncClient *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAIRED]);
}

void
aisle_sync_client_set_period (AisleSyncClient *self,
                              guint            seconds)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  self->period = MAX (seconds, 1);
}

void
aisle_sync_client_set_timeout (AisleSyncClient *self,
                               guint            seconds)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  self->timeout = seconds;
}

void
aisle_sync_client_set_debounce_ms (AisleSyncClient *self,
                                   guint            ms)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  self->debounce_ms = ms;
}

/* --- HTTP ------------------------------------------------------------------------------------ */

SoupMessage *
_aisle_sync_client_message (AisleSyncClient *self,
                            const char      *method,
                            const char      *base,
                            const char      *path,
                            const char      *body,
                            gboolean         auth)
{
  g_autofree char *uri = g_strconcat (base, path, NULL);
  SoupMessage *msg = soup_message_new (method, uri);

  if (msg == NULL)
    return NULL;
  if (auth && self->token != NULL)
    {
      g_autofree char *header = g_strdup_printf ("Bearer %s", self->token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    header);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

/* Maps a finished exchange to the body (2xx) or to one of AISLE_SYNC_ERROR's kinds. */
GBytes *
_aisle_sync_client_http_finish (AisleSyncClient  *self,
                                SoupMessage      *msg,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (self->session, result, &local_error);
  if (bytes == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE,
                     "The hub cannot be reached: %s", local_error->message);
      return NULL;
    }
  status = soup_message_get_status (msg);
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return g_steal_pointer (&bytes);

  aisle_protocol_parse_error_body (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                   &code, &message);
  if (message == NULL)
    message = g_strdup (soup_message_get_reason_phrase (msg));
  if (status == 403 && g_strcmp0 (code, AISLE_PROTOCOL_CODE_DEVICE_REVOKED) == 0)
    g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED,
                 "This device was revoked by the hub: pair it again (%s)", message);
  else if (status == 401)
    g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED,
                 "The hub does not accept this device's token: pair it again (%s)", message);
  else if (status == 409)
    g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OUT_OF_ORDER,
                 "The hub is behind this device's outbox (%s)", message);
  else
    g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                 "The hub answered %u: %s", status, message);
  return NULL;
}

void
_aisle_sync_client_send (AisleSyncClient     *self,
                         SoupMessage         *msg,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    callback, user_data);
}

/* --- one cycle ------------------------------------------------------------------------------- */

typedef struct
{
  SoupMessage *msg;
  gint64       after;            /* push from outbox ids above this */
  gboolean     out_of_order;     /* a push got 409: pull, then push again */
  gboolean     renumbered;
  guint        pushes;
} Cycle;

static void
cycle_free (Cycle *c)
{
  g_clear_object (&c->msg);
  g_free (c);
}

static void push_next (GTask *task);
static void pull_next (GTask *task);

static gpointer
list_outbox_job (AisleStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return aisle_store_outbox_list (store, *(gint64 *) data, AISLE_SYNC_PUSH_BATCH, error);
}

static void
push_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  Cycle *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = _aisle_sync_client_http_finish (self, c->msg, result, &error);
  g_autoptr(GPtrArray) results = NULL;
  gint64 lmid = 0;

  g_clear_object (&c->msg);
  if (bytes == NULL)
    {
      if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OUT_OF_ORDER) &&
          !c->out_of_order)
        {
          /* Resync from the hub's last_mutation_id, which the pull tells us. */
          g_message ("push: %s; pulling to resync", error->message);
          c->out_of_order = TRUE;
          pull_next (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  results = aisle_protocol_push_response_parse (g_bytes_get_data (bytes, NULL),
                                                (gssize) g_bytes_get_size (bytes), &lmid, &error);
  if (results == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                               "The hub's push answer is not valid: %s", error->message);
      return;
    }
  if (lmid <= c->after)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                               "The hub did not advance past mutation %" G_GINT64_FORMAT,
                               c->after);
      return;
    }
  c->after = lmid;
  push_next (g_steal_pointer (&task));
}

static void
list_outbox_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  Cycle *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = aisle_worker_run_finish (self->worker, result, &error);
  g_autofree char *body = NULL;

  if (batch == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_CACHE,
                               "This device cannot read its outbox: %s", error->message);
      return;
    }
  if (batch->len == 0)
    {
      pull_next (g_steal_pointer (&task));
      return;
    }
  body = aisle_protocol_push_request_to_string (batch);
  c->msg = _aisle_sync_client_message (self, "POST", self->hub_url, "/v1/sync/push", body, TRUE);
  c->pushes++;
  _aisle_sync_client_send (self, c->msg, g_task_get_cancellable (task), push_cb,
                           task);
  task = NULL;   /* owned by the callback now */
}

static void
push_next (GTask *task)
{
  AisleSyncClient *self = g_task_get_source_object (task);
  Cycle *c = g_task_get_task_data (task);

  aisle_worker_run_async (self->worker, G_PRIORITY_LOW, list_outbox_job,
                          g_memdup2 (&c->after, sizeof c->after), g_free,
                          (GDestroyNotify) g_ptr_array_unref, g_task_get_cancellable (task),
                          list_outbox_cb, task);
}

static gpointer
renumber_job (AisleStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!aisle_sync_cache_renumber_outbox (store, *(gint64 *) data, &local_error))
    {
      g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_CACHE,
                   "This device cannot renumber its outbox: %s", local_error->message);
      return NULL;
    }
  return GINT_TO_POINTER (1);
}

static void
renumber_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (aisle_worker_run_finish (self->worker, result, &error) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  push_next (g_steal_pointer (&task));
}

static void
pull_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  Cycle *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  AisleSyncPullResult r = { 0, };

  if (!_aisle_sync_pull_finish (self, result, &r, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _aisle_sync_client_set_pending (self, (guint) MAX (r.pending, 0));
  _aisle_sync_client_set_attention (self, (guint) MAX (r.attention, 0));
  if (c->out_of_order)
    {
      /* The pull dropped what the hub confirmed; push the rest from its last_mutation_id. */
      c->out_of_order = FALSE;
      c->after = r.last_mutation_id;
      if (r.first_queued > r.last_mutation_id + 1)
        {
          if (c->renumbered)
            {
              g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OUT_OF_ORDER,
                                       "The hub expects mutation %" G_GINT64_FORMAT " but this "
                                       "device queued %" G_GINT64_FORMAT " next",
                                       r.last_mutation_id + 1, r.first_queued);
              return;
            }
          /* The hub's database is older than our outbox (restored from a backup): continue
           * numbering after its last_mutation_id. */
          g_message ("the hub expects mutation %" G_GINT64_FORMAT ", the outbox starts at %"
                     G_GINT64_FORMAT ": renumbering it", r.last_mutation_id + 1, r.first_queued);
          c->renumbered = TRUE;
          aisle_worker_run_async (self->worker, G_PRIORITY_LOW, renumber_job,
                                  g_memdup2 (&r.last_mutation_id, sizeof r.last_mutation_id),
                                  g_free, NULL, g_task_get_cancellable (task), renumber_cb,
                                  task);
          task = NULL;   /* owned by the callback now */
          return;
        }
      push_next (g_steal_pointer (&task));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
pull_next (GTask *task)
{
  AisleSyncClient *self = g_task_get_source_object (task);

  _aisle_sync_pull_async (self, g_task_get_cancellable (task), pull_cb, task);
}

static gpointer
counts_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) attention = aisle_sync_cache_list_attention (store, error);
  gint64 *counts;

  if (attention == NULL)
    return NULL;
  counts = g_new0 (gint64, 2);
  counts[0] = aisle_store_outbox_count (store, NULL);
  counts[1] = attention->len;
  return counts;
}

static void
counts_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AisleSyncClient *self = user_data;
  g_autofree gint64 *counts = aisle_worker_run_finish (AISLE_WORKER (source), result, NULL);

  if (counts != NULL)
    {
      _aisle_sync_client_set_pending (self, (guint) MAX (counts[0], 0));
      _aisle_sync_client_set_attention (self, (guint) counts[1]);
    }
  g_object_unref (self);
}

void
_aisle_sync_client_refresh_counts (AisleSyncClient *self)
{
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, counts_job, NULL, NULL, g_free, NULL,
                          counts_cb, g_object_ref (self));
}

static void
fail_state (AisleSyncClient *self,
            const GError    *error)
{
  AisleSyncState state = AISLE_SYNC_STATE_HUB_ERROR;
  gboolean online = TRUE;

  if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE))
    {
      state = AISLE_SYNC_STATE_OFFLINE;
      online = FALSE;
    }
  else if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_CACHE))
    state = AISLE_SYNC_STATE_CACHE_ERROR;
  else if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED))
    state = AISLE_SYNC_STATE_REVOKED;
  else if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_NOT_PAIRED))
    state = AISLE_SYNC_STATE_UNPAIRED;
  _aisle_sync_client_set_online (self, online);
  _aisle_sync_client_set_last_error (self, error->message);
  _aisle_sync_client_set_state (self, state);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AisleSyncClient *self = AISLE_SYNC_CLIENT (source);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(GError) error = NULL;

  _aisle_sync_client_set_syncing (self, FALSE);
  _aisle_sync_client_refresh_counts (self);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail_state (self, error);
      if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED))
        _aisle_sync_client_mark_revoked (self);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  _aisle_sync_client_set_online (self, TRUE);
  _aisle_sync_client_set_last_error (self, NULL);
  _aisle_sync_client_set_last_success (self, g_get_real_time () / G_USEC_PER_SEC);
  _aisle_sync_client_set_state (self, AISLE_SYNC_STATE_IDLE);
  g_task_return_boolean (outer, TRUE);
}

/**
 * aisle_sync_client_sync_async:
 * @self: an #AisleSyncClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context when the cycle ends
 * @user_data: data for @callback
 *
 * Runs one cycle: push every queued mutation in order, then pull until `more` is false. The
 * status properties follow it. Fails with an %AISLE_SYNC_ERROR saying what kind of failure it
 * was; nothing queued is lost either way.
 */
void
aisle_sync_client_sync_async (AisleSyncClient     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  GTask *inner;
  Cycle *c;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, (gpointer) &source_tag);
  if (self->token == NULL)
    {
      g_task_return_new_error (outer, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_NOT_PAIRED,
                               "This device is not paired with a hub");
      return;
    }
  if (self->state == AISLE_SYNC_STATE_REVOKED)
    {
      g_task_return_new_error (outer, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED,
                               "This device was revoked: pair it again");
      return;
    }
  soup_session_set_timeout (self->session, self->timeout);
  _aisle_sync_client_set_syncing (self, TRUE);
  _aisle_sync_client_set_state (self, AISLE_SYNC_STATE_SYNCING);
  inner = g_task_new (self, cancellable, sync_done_cb, g_steal_pointer (&outer));
  c = g_new0 (Cycle, 1);
  c->after = self->last_mutation_id;
  g_task_set_task_data (inner, c, (GDestroyNotify) cycle_free);
  push_next (inner);
}

gboolean
aisle_sync_client_sync_finish (AisleSyncClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &source_tag,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- object ---------------------------------------------------------------------------------- */

static void
aisle_sync_client_dispose (GObject *object)
{
  AisleSyncClient *self = AISLE_SYNC_CLIENT (object);

  aisle_sync_client_stop (self);
  g_clear_object (&self->session);
  g_clear_object (&self->worker);
  G_OBJECT_CLASS (aisle_sync_client_parent_class)->dispose (object);
}

static void
aisle_sync_client_finalize (GObject *object)
{
  AisleSyncClient *self = AISLE_SYNC_CLIENT (object);

  g_free (self->hub_url);
  g_free (self->token);
  g_free (self->device_id);
  g_free (self->store_id);
  g_free (self->mode);
  g_free (self->last_error);
  G_OBJECT_CLASS (aisle_sync_client_parent_class)->finalize (object);
}

static void
aisle_sync_client_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AisleSyncClient *self = AISLE_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATE: g_value_set_enum (value, self->state); break;
    case PROP_ONLINE: g_value_set_boolean (value, self->online); break;
    case PROP_SYNCING: g_value_set_boolean (value, self->syncing); break;
    case PROP_PENDING: g_value_set_uint (value, self->pending); break;
    case PROP_LAST_SUCCESS: g_value_set_int64 (value, self->last_success); break;
    case PROP_LAST_ERROR: g_value_set_string (value, self->last_error); break;
    case PROP_ATTENTION: g_value_set_uint (value, self->attention); break;
    case PROP_PAIRED: g_value_set_boolean (value, self->token != NULL); break;
    case PROP_ROWS_RECEIVED: g_value_set_uint64 (value, self->rows_received); break;
    case PROP_ROWS_TOTAL: g_value_set_uint64 (value, self->rows_total); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_sync_client_class_init (AisleSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = aisle_sync_client_dispose;
  object_class->finalize = aisle_sync_client_finalize;
  object_class->get_property = aisle_sync_client_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, AISLE_TYPE_SYNC_STATE,
                                              AISLE_SYNC_STATE_UNPAIRED, ro);
  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, FALSE, ro);
  properties[PROP_SYNCING] = g_param_spec_boolean ("syncing", NULL, NULL, FALSE, ro);
  properties[PROP_PENDING] = g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LAST_SUCCESS] = g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64,
                                                      0, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_ATTENTION] = g_param_spec_uint ("attention", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PAIRED] = g_param_spec_boolean ("paired", NULL, NULL, FALSE, ro);
  properties[PROP_ROWS_RECEIVED] = g_param_spec_uint64 ("rows-received", NULL, NULL, 0,
                                                        G_MAXUINT64, 0, ro);
  /* rows-received plus what the hub said remains, during a pull; 0 when not known */
  properties[PROP_ROWS_TOTAL] = g_param_spec_uint64 ("rows-total", NULL, NULL, 0,
                                                     G_MAXUINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
aisle_sync_client_init (AisleSyncClient *self)
{
  self->period = AISLE_SYNC_DEFAULT_PERIOD;
  self->timeout = 30;
  self->debounce_ms = 500;
}

/**
 * aisle_sync_client_new:
 * @worker: the worker that owns the device cache
 * @session: (nullable): the process's #SoupSession; %NULL makes one
 *
 * Returns: (transfer full): a new client; call aisle_sync_client_load_async() next
 */
AisleSyncClient *
aisle_sync_client_new (AisleWorker *worker,
                       SoupSession *session)
{
  AisleSyncClient *self;

  g_return_val_if_fail (AISLE_IS_WORKER (worker), NULL);

  self = g_object_new (AISLE_TYPE_SYNC_CLIENT, NULL);
  self->worker = g_object_ref (worker);
  self->session = session != NULL ? g_object_ref (session) : soup_session_new ();
  return self;
}

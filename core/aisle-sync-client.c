/* aisle-sync-client.c: the sync client's pairing, scheduler, mutations and lookups.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "aisle-codes.h"
#include "aisle-sync-private.h"

/* The GTask source tag of this file's async calls. */
static const char source_tag = 0;

/* --- load ------------------------------------------------------------------------------------ */

static const char * const pairing_keys[] = {
  AISLE_SYNC_KEY_HUB_URL, AISLE_SYNC_KEY_TOKEN, AISLE_SYNC_KEY_DEVICE_ID,
  AISLE_SYNC_KEY_STORE_ID, AISLE_SYNC_KEY_MODE, AISLE_SYNC_KEY_CURSOR,
  AISLE_SYNC_KEY_LAST_MUTATION_ID, AISLE_SYNC_KEY_REVOKED,
};

/* The cache holds the token, the device's secret key and personal data: owner only. */
static void
make_private (AisleStore *store)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (aisle_store_get_path (store), suffixes[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS) && g_chmod (path, 0600) != 0)
        g_warning ("cannot make %s private: %s", path, g_strerror (errno));
    }
}

static gpointer
load_job (AisleStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  make_private (store);
  for (guint i = 0; i < G_N_ELEMENTS (pairing_keys); i++)
    g_ptr_array_add (values, aisle_store_get_sync_state (store, pairing_keys[i], NULL));
  return values;
}

static void
apply_pairing (AisleSyncClient *self,
               GPtrArray       *v)
{
  g_free (self->hub_url);
  self->hub_url = g_strdup (v->pdata[0]);
  g_free (self->token);
  self->token = g_strdup (v->pdata[1]);
  g_free (self->device_id);
  self->device_id = g_strdup (v->pdata[2]);
  g_free (self->store_id);
  self->store_id = g_strdup (v->pdata[3]);
  g_free (self->mode);
  self->mode = g_strdup (v->pdata[4]);
  self->cursor = v->pdata[5] != NULL ? g_ascii_strtoll (v->pdata[5], NULL, 10) : 0;
  self->last_mutation_id = v->pdata[6] != NULL ? g_ascii_strtoll (v->pdata[6], NULL, 10) : 0;
  if (self->token == NULL)
    _aisle_sync_client_set_state (self, AISLE_SYNC_STATE_UNPAIRED);
  else if (g_strcmp0 (v->pdata[7], "1") == 0)
    {
      _aisle_sync_client_set_last_error (self, "This device was revoked: pair it again");
      _aisle_sync_client_set_state (self, AISLE_SYNC_STATE_REVOKED);
    }
  else
    _aisle_sync_client_set_state (self, AISLE_SYNC_STATE_IDLE);
  _aisle_sync_client_notify_paired (self);
  _aisle_sync_client_refresh_counts (self);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = aisle_worker_run_finish (self->worker, result, &error);

  if (values == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  apply_pairing (self, values);
  g_task_return_boolean (task, TRUE);
}

void
aisle_sync_client_load_async (AisleSyncClient     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &source_tag);
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, load_job, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, cancellable, load_cb, task);
}

gboolean
aisle_sync_client_load_finish (AisleSyncClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- pairing --------------------------------------------------------------------------------- */

typedef struct
{
  SoupMessage *msg;
  char        *hub_url;
  char        *public_key;   /* base64 */
  char        *secret_key;   /* base64 */
} PairData;

static void
pair_data_free (PairData *d)
{
  g_clear_object (&d->msg);
  g_free (d->hub_url);
  g_free (d->public_key);
  if (d->secret_key != NULL)
    memset (d->secret_key, 0, strlen (d->secret_key));
  g_free (d->secret_key);
  g_free (d);
}

static gpointer
save_pairing_job (AisleStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GPtrArray *kv = data;   /* key, value, key, value, ... */

  if (!aisle_store_begin (store, error))
    return NULL;
  for (guint i = 0; i + 1 < kv->len; i += 2)
    if (!aisle_store_set_sync_state (store, kv->pdata[i], kv->pdata[i + 1], error))
      {
        aisle_store_rollback (store);
        return NULL;
      }
  if (!aisle_store_commit (store, error))
    {
      aisle_store_rollback (store);
      return NULL;
    }
  make_private (store);
  return load_job (store, NULL, cancellable, error);
}

static void
save_pairing_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = aisle_worker_run_finish (self->worker, result, &error);

  if (values == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_CACHE,
                               "This device cannot save its pairing: %s", error->message);
      return;
    }
  _aisle_sync_client_set_rows_received (self, 0);
  apply_pairing (self, values);
  _aisle_sync_client_set_last_error (self, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
add_kv (GPtrArray  *kv,
        const char *key,
        const char *value)
{
  g_ptr_array_add (kv, g_strdup (key));
  g_ptr_array_add (kv, g_strdup (value));
}

static void
pair_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  PairData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = _aisle_sync_client_http_finish (self, d->msg, result, &error);
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *kv;
  JsonObject *o;
  const char *keys[] = { "device_id", "token", "store_id", "mode" };

  if (bytes == NULL)
    {
      if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED))
        g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_PAIRING,
                                 "The hub refused this pairing code: it is wrong, used or "
                                 "expired. Ask IT for a new one.");
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  root = aisle_protocol_parse (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                               &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                               "The hub's pairing answer is not valid");
      return;
    }
  o = json_node_get_object (root);
  kv = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = aisle_protocol_get_string (o, keys[i], TRUE, &error);

      if (value == NULL)
        {
          g_ptr_array_unref (kv);
          g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                                   "The hub's pairing answer is not valid: %s", error->message);
          return;
        }
      add_kv (kv, keys[i], value);
    }
  add_kv (kv, AISLE_SYNC_KEY_HUB_PUBLIC_KEY, aisle_protocol_get_string (o, "hub_public_key", FALSE, NULL));
  add_kv (kv, AISLE_SYNC_KEY_HUB_URL, d->hub_url);
  add_kv (kv, AISLE_SYNC_KEY_DEVICE_PUBLIC_KEY, d->public_key);
  add_kv (kv, AISLE_SYNC_KEY_DEVICE_SECRET_KEY, d->secret_key);
  add_kv (kv, AISLE_SYNC_KEY_CURSOR, "0");
  add_kv (kv, AISLE_SYNC_KEY_LAST_MUTATION_ID, "0");
  add_kv (kv, AISLE_SYNC_KEY_REVOKED, "0");
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, save_pairing_job, kv,
                          (GDestroyNotify) g_ptr_array_unref, (GDestroyNotify) g_ptr_array_unref,
                          g_task_get_cancellable (task), save_pairing_cb, task);
  task = NULL;   /* owned by the callback now */
}

/**
 * aisle_sync_client_pair_async:
 * @self: an #AisleSyncClient
 * @hub_url: the hub, e.g. "http://192.168.1.10:8420"
 * @code: the pairing code `aisle-hub admin pair-code` printed
 * @device_name: (nullable): a name for IT's device list
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Makes the device's Ed25519 key, exchanges the code for a token (registering the public key),
 * and stores token, store, mode and keys in the cache (mode 0600). Starting afresh from cursor 0
 * is the caller's next step (aisle_sync_client_sync_async(), the initial sync).
 */
void
aisle_sync_client_pair_async (AisleSyncClient     *self,
                              const char          *hub_url,
                              const char          *code,
                              const char          *device_name,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;
  g_autofree char *trimmed = NULL;
  guint8 pk[32], sk[64];
  PairData *d;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  g_return_if_fail (hub_url != NULL && code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &source_tag);
  trimmed = g_strstrip (g_strdup (code));
  base = g_strstrip (g_strdup (hub_url));
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  if (!g_str_has_prefix (base, "http://") && !g_str_has_prefix (base, "https://"))
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_PAIRING,
                               "The hub address must start with http:// or https://");
      return;
    }
  if (!aisle_codes_generate_key (pk, sk))
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_FAILED,
                               "Cannot make this device's key");
      return;
    }
  d = g_new0 (PairData, 1);
  d->hub_url = g_strdup (base);
  d->public_key = g_base64_encode (pk, sizeof pk);
  d->secret_key = g_base64_encode (sk, sizeof sk);
  memset (sk, 0, sizeof sk);
  g_task_set_task_data (task, d, (GDestroyNotify) pair_data_free);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, trimmed);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, device_name != NULL ? device_name : g_get_host_name ());
  json_builder_set_member_name (builder, "public_key");
  json_builder_add_string_value (builder, d->public_key);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  text = aisle_protocol_to_string (body);
  d->msg = _aisle_sync_client_message (self, "POST", base, "/v1/pair", text, FALSE);
  if (d->msg == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_PAIRING,
                               "\"%s\" is not a valid hub address", base);
      return;
    }
  soup_session_set_timeout (self->session, self->timeout);
  _aisle_sync_client_send (self, d->msg, cancellable, pair_cb, g_steal_pointer (&task));
}

gboolean
aisle_sync_client_pair_finish (AisleSyncClient  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- revocation ------------------------------------------------------------------------------ */

static gpointer
mark_revoked_job (AisleStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  if (!aisle_store_set_sync_state (store, AISLE_SYNC_KEY_REVOKED, "1", error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
ignore_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (aisle_worker_run_finish (AISLE_WORKER (source), result, &error) == NULL && error != NULL)
    g_warning ("%s", error->message);
}

void
_aisle_sync_client_mark_revoked (AisleSyncClient *self)
{
  aisle_sync_client_stop (self);
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, mark_revoked_job, NULL, NULL, NULL,
                          NULL, ignore_cb, NULL);
}

/* --- scheduler ------------------------------------------------------------------------------- */

static void schedule (AisleSyncClient *self, guint delay_ms);

static void
cycle_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AisleSyncClient *self = AISLE_SYNC_CLIENT (source);
  g_autoptr(GError) error = NULL;

  if (!aisle_sync_client_sync_finish (self, result, &error))
    {
      guint delay_s;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->started ||
          g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED) ||
          g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_NOT_PAIRED))
        {
          g_object_unref (self);
          return;
        }
      /* Exponential backoff, capped, with jitter so that a store's devices do not all come
       * back at the same second after the hub restarts. */
      delay_s = MIN (AISLE_SYNC_BACKOFF_MAX, AISLE_SYNC_BACKOFF_MIN << MIN (self->backoff_step, 9));
      self->backoff_step++;
      g_debug ("sync failed (%s); retrying in about %u s", error->message, delay_s);
      schedule (self, (guint) g_random_int_range ((gint32) delay_s * 500, (gint32) delay_s * 1000 + 1));
    }
  else
    {
      self->backoff_step = 0;
      if (self->started)
        schedule (self, self->again ? 0 : self->period * 1000);
    }
  self->again = FALSE;
  g_object_unref (self);
}

static void
run_cycle (AisleSyncClient *self)
{
  if (self->syncing)
    {
      self->again = TRUE;
      return;
    }
  aisle_sync_client_sync_async (self, self->cancellable, cycle_cb, g_object_ref (self));
}

static gboolean
timer_cb (gpointer user_data)
{
  AisleSyncClient *self = user_data;

  self->timer_id = 0;
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

static gboolean
debounce_cb (gpointer user_data)
{
  AisleSyncClient *self = user_data;

  self->debounce_id = 0;
  run_cycle (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (AisleSyncClient *self,
          guint            delay_ms)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (self->started)
    self->timer_id = g_timeout_add (delay_ms, timer_cb, self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    AisleSyncClient *self)
{
  if (available && self->state != AISLE_SYNC_STATE_IDLE)
    aisle_sync_client_sync_now (self);
}

void
aisle_sync_client_start (AisleSyncClient *self)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));

  if (self->started)
    return;
  self->started = TRUE;
  self->backoff_step = 0;
  self->cancellable = g_cancellable_new ();
  self->monitor = g_network_monitor_get_default ();
  self->monitor_handler = g_signal_connect (self->monitor, "network-changed",
                                            G_CALLBACK (network_changed_cb), self);
  schedule (self, 0);
}

void
aisle_sync_client_stop (AisleSyncClient *self)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));

  if (!self->started)
    return;
  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_signal_handler (&self->monitor_handler, self->monitor);
  self->monitor = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

/**
 * aisle_sync_client_sync_now:
 * @self: an #AisleSyncClient
 *
 * "Sync now": forgets the backoff and runs a cycle at once (or right after the running one).
 * A revoked device stays stopped.
 */
void
aisle_sync_client_sync_now (AisleSyncClient *self)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));

  self->backoff_step = 0;
  if (!self->started && self->state != AISLE_SYNC_STATE_REVOKED && self->token != NULL)
    aisle_sync_client_start (self);
  else
    schedule (self, 0);
}

/* --- mutations ------------------------------------------------------------------------------- */

typedef struct
{
  char   *name;
  char   *args_json;
  char   *staff_id;
  gint64  created_at;
} MutateData;

static void
mutate_data_free (MutateData *d)
{
  g_free (d->name);
  g_free (d->args_json);
  g_free (d->staff_id);
  g_free (d);
}

static gpointer
mutate_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  MutateData *d = data;
  gint64 *id = g_new0 (gint64, 1);

  *id = aisle_sync_cache_mutate (store, d->name, d->args_json, d->staff_id, d->created_at, error);
  if (*id == 0)
    {
      g_free (id);
      return NULL;
    }
  return id;
}

static void
mutate_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = aisle_worker_run_finish (self->worker, result, &error);

  if (id == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _aisle_sync_client_set_pending (self, self->pending + 1);
  if (self->started)
    {
      g_clear_handle_id (&self->debounce_id, g_source_remove);
      self->debounce_id = g_timeout_add (self->debounce_ms, debounce_cb, self);
    }
  g_task_return_int (task, *id);
}

/**
 * aisle_sync_client_mutate_async:
 * @self: an #AisleSyncClient
 * @name: the mutation ("member.enrol", "binding.create", ...; docs/api.md)
 * @args_json: its arguments, a JSON object
 * @staff_id: (nullable): the signed-in staff member
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the mutation is durable in the outbox
 * @user_data: data for @callback
 *
 * Applies the mutation to the cache and queues it (one transaction, fsynced), then triggers a
 * debounced sync. It counts as done only when a pull confirms it.
 */
void
aisle_sync_client_mutate_async (AisleSyncClient     *self,
                                const char          *name,
                                const char          *args_json,
                                const char          *staff_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  MutateData *d;
  GTask *task;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  g_return_if_fail (name != NULL && args_json != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &source_tag);
  d = g_new0 (MutateData, 1);
  d->name = g_strdup (name);
  d->args_json = g_strdup (args_json);
  d->staff_id = g_strdup (staff_id);
  d->created_at = g_get_real_time () / G_USEC_PER_SEC;
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, mutate_job, d,
                          (GDestroyNotify) mutate_data_free, g_free, cancellable, mutate_cb, task);
}

gint64
aisle_sync_client_mutate_finish (AisleSyncClient  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  return g_task_propagate_int (G_TASK (result), error);
}

/* --- attention and export -------------------------------------------------------------------- */

static gpointer
list_attention_job (AisleStore    *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return aisle_sync_cache_list_attention (store, error);
}

static gpointer
export_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return aisle_sync_cache_export_outbox (store, error);
}

static gpointer
dismiss_job (AisleStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  if (!aisle_sync_cache_dismiss_attention (store, *(gint64 *) data, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

typedef struct
{
  GDestroyNotify func;
} ResultFree;

static void
worker_return_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = aisle_worker_run_finish (AISLE_WORKER (source), result, &error);

  if (value == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      ResultFree *rf = g_task_get_task_data (task);

      g_task_return_pointer (task, value, rf->func);
    }
}

static void
run_returning (AisleSyncClient     *self,
               AisleWorkerFunc      func,
               GDestroyNotify       result_free,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ResultFree *rf = g_new0 (ResultFree, 1);

  g_task_set_source_tag (task, (gpointer) &source_tag);
  rf->func = result_free;
  g_task_set_task_data (task, rf, g_free);
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, func, NULL, NULL, NULL, cancellable,
                          worker_return_cb, task);
}

void
aisle_sync_client_list_attention_async (AisleSyncClient     *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  run_returning (self, list_attention_job,
                 (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
aisle_sync_client_list_attention_finish (AisleSyncClient  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
aisle_sync_client_dismiss_attention (AisleSyncClient *self,
                                     gint64           mutation_id)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, dismiss_job,
                          g_memdup2 (&mutation_id, sizeof mutation_id), g_free, NULL, NULL,
                          ignore_cb, NULL);
  _aisle_sync_client_refresh_counts (self);
}

void
aisle_sync_client_export_outbox_async (AisleSyncClient     *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  run_returning (self, export_job, g_free, cancellable,
                 callback, user_data);
}

char *
aisle_sync_client_export_outbox_finish (AisleSyncClient  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

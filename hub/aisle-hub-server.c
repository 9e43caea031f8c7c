/* aisle-hub-server.c: the SoupServer, routing, the single DB worker thread and metrics.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every request that needs the database is paused (soup_server_message_pause), handed to one
 * worker thread that owns the connection (STYLE.md §14: in order, never the shared pool), and
 * unpaused from the main context when the worker is done.
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <string.h>

#include "aisle-hub-server-private.h"

/* How often the worker does its upkeep (last-seen times, tiers) and the main thread hands it
 * the fast path's last-seen times. */
#define MAINTAIN_SECONDS 5

static const double buckets[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                  0.5, 1.0, 2.5 };

typedef struct
{
  guint64 counts[G_N_ELEMENTS (buckets) + 1];
  guint64 total;
  double  sum;
} Histogram;

struct _AisleHubServer
{
  SoupServer    *soup;
  AisleHubDb    *db;              /* used on the worker thread only */
  GMainContext  *context;
  GThread       *worker;
  GAsyncQueue   *jobs;            /* (element-type Job) */
  guint          in_flight;
  gboolean       shutting_down;
  GSourceFunc    done;
  gpointer       done_data;
  GThreadPool   *offload;         /* slow CPU work off the DB worker */

  /* the empty-pull fast path, main thread only */
  AisleHubAuthCache *auth_cache;
  gpointer       watch;           /* the storage's own view of the change log, nullable */
  gint64         max_seq;         /* the change log's highest sequence at the last poll */
  gint64         epoch;           /* the revocation counter: cached devices are of this epoch */
  guint64        pulls_cached;    /* empty pulls answered by the fast path */
  guint          seen_timer;

  /* metrics, main thread only */
  GHashTable    *requests;        /* "route\nstatus" -> guint64* */
  GHashTable    *latency;         /* route -> Histogram* */
  GHashTable    *mutations;       /* "name\nstatus" -> guint64* */
  guint64        pull_rows;
};

typedef struct
{
  AisleHubRequest *request;
  AisleHubJobFunc  func;
  GHashTable      *seen;          /* or: last-seen times to record */
} Job;

static Job quit_job;

/* --- requests ------------------------------------------------------------------------------ */

static void
request_free (AisleHubRequest *request)
{
  g_clear_object (&request->msg);
  if (request->token != NULL)
    memset (request->token, 0, strlen (request->token));
  g_free (request->token);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  if (request->data_free != NULL)
    request->data_free (request->data);
  aisle_hub_device_free (request->device);
  g_free (request->response);
  g_clear_pointer (&request->results, g_ptr_array_unref);
  g_free (request);
}

void
aisle_hub_request_fail (AisleHubRequest *request,
                        guint            status,
                        const char      *code,
                        const char      *message)
{
  request->status = status;
  g_free (request->response);
  request->response = aisle_protocol_error_body (code, message);
  request->content_type = "application/json";
}

void
aisle_hub_request_fail_error (AisleHubRequest *request,
                              const GError    *error)
{
  guint status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  const char *code = "failed";

  if (error->domain == AISLE_HUB_ERROR)
    {
      if (error->code == AISLE_HUB_ERROR_OUT_OF_ORDER)
        status = SOUP_STATUS_CONFLICT, code = AISLE_PROTOCOL_CODE_OUT_OF_ORDER;
      else
        status = SOUP_STATUS_FORBIDDEN, code = AISLE_PROTOCOL_CODE_DEVICE_REVOKED;
    }
  else if (error->domain == AISLE_ERROR)
    {
      code = aisle_error_code_to_string (error->code);
      switch ((AisleErrorCode) error->code)
        {
        case AISLE_ERROR_INVALID: status = SOUP_STATUS_BAD_REQUEST; break;
        case AISLE_ERROR_NOT_FOUND: status = SOUP_STATUS_NOT_FOUND; break;
        case AISLE_ERROR_CONFLICT: status = SOUP_STATUS_CONFLICT; break;
        case AISLE_ERROR_FORBIDDEN: status = SOUP_STATUS_FORBIDDEN; break;
        case AISLE_ERROR_UNAUTHORIZED: status = SOUP_STATUS_UNAUTHORIZED; break;
        case AISLE_ERROR_TOO_LARGE: status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE; break;
        case AISLE_ERROR_UNAVAILABLE: status = SOUP_STATUS_SERVICE_UNAVAILABLE; break;
        case AISLE_ERROR_FAILED:
        default: status = SOUP_STATUS_INTERNAL_SERVER_ERROR; break;
        }
    }
  else
    {
      /* A storage failure (busy, disk full, I/O): the client should retry later. */
      status = SOUP_STATUS_SERVICE_UNAVAILABLE;
      code = "unavailable";
      g_warning ("%s: %s", request->route, error->message);
    }
  aisle_hub_request_fail (request, status, code, error->message);
}

void
aisle_hub_request_ok (AisleHubRequest *request,
                      char            *json)
{
  request->status = SOUP_STATUS_OK;
  g_free (request->response);
  request->response = json;
  request->content_type = "application/json";
}

static guint64 *
counter (GHashTable *table,
         char       *key)
{
  guint64 *value = g_hash_table_lookup (table, key);

  if (value == NULL)
    {
      value = g_new0 (guint64, 1);
      g_hash_table_insert (table, key, value);
    }
  else
    g_free (key);
  return value;
}

static void
record_metrics (AisleHubServer  *self,
                AisleHubRequest *request)
{
  double seconds = (g_get_monotonic_time () - request->started_us) / 1e6;
  Histogram *h = g_hash_table_lookup (self->latency, request->route);
  guint i;

  (*counter (self->requests, g_strdup_printf ("%s\n%u", request->route, request->status)))++;
  if (h == NULL)
    {
      h = g_new0 (Histogram, 1);
      g_hash_table_insert (self->latency, (gpointer) request->route, h);
    }
  for (i = 0; i < G_N_ELEMENTS (buckets) && seconds > buckets[i]; i++)
    ;
  h->counts[i]++;
  h->total++;
  h->sum += seconds;
  self->pull_rows += request->pull_rows;
  for (i = 0; request->results != NULL && i < request->results->len; i++)
    {
      const AisleMutationResult *r = g_ptr_array_index (request->results, i);

      (*counter (self->mutations, g_strdup_printf ("%s\n%s", r->name, r->status)))++;
    }
}

void
aisle_hub_request_finish (AisleHubRequest *request)
{
  AisleHubServer *self = request->server;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);
  const char *body = request->response != NULL ? request->response : "";

  soup_server_message_set_status (request->msg, request->status != 0 ? request->status : 500, NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_response (request->msg,
                                    request->content_type != NULL ? request->content_type
                                                                  : "application/json",
                                    SOUP_MEMORY_TAKE, g_strdup (body), strlen (body));
  record_metrics (self, request);
  request_free (request);
}

static gboolean
complete_on_main (gpointer data)
{
  AisleHubRequest *request = data;
  AisleHubServer *self = request->server;

  if (request->token != NULL && request->auth_required)
    {
      /* Only a success: a failed batch commit leaves last_mutation_id as it was. */
      if (request->device != NULL && SOUP_STATUS_IS_SUCCESSFUL (request->status))
        aisle_hub_auth_cache_store (self->auth_cache, request->token, request->device,
                                    request->auth_epoch);
      else if (request->device == NULL)
        aisle_hub_auth_cache_forget (self->auth_cache, request->token);
    }
  soup_server_message_unpause (request->msg);
  aisle_hub_request_finish (request);
  g_assert (self->in_flight > 0);
  self->in_flight--;
  if (self->shutting_down && self->in_flight == 0 && self->done != NULL)
    {
      GSourceFunc done = self->done;

      self->done = NULL;
      g_idle_add (done, self->done_data);
    }
  return G_SOURCE_REMOVE;
}

/* Main thread: notices any commit (this hub's worker, aisle-hub admin's imports) since the
 * last call; a revocation among them drops the cached devices. */
static void
refresh (AisleHubServer *self)
{
  gint64 revocations;

  if (self->watch != NULL &&
      self->db->vtable->watch_poll (self->watch, &self->max_seq, &revocations))
    {
      if (revocations != self->epoch)
        aisle_hub_auth_cache_clear (self->auth_cache);
      self->epoch = revocations;
    }
}

static void
maintain (AisleHubServer *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->db->vtable->maintain (self->db, g_get_real_time () / G_USEC_PER_SEC, &error))
    g_warning ("hub upkeep failed: %s", error->message);
}

static void
offload_main (gpointer data,
              gpointer user_data)
{
  AisleHubRequest *request = data;

  request->offload (request);
  request->offload = NULL;
  g_main_context_invoke (request->server->context, complete_on_main, request);
}

/* Authenticates and runs one request's DB job on the worker; completes nothing. */
static void
run_job (AisleHubServer *self,
         Job            *job)
{
  AisleHubRequest *request = job->request;
  g_autoptr(GError) error = NULL;

  if (request->auth_required)
    {
      request->device = self->db->vtable->authenticate (self->db, request->token, request->now,
                                                        &error);
      if (request->device == NULL)
        aisle_hub_request_fail_error (request, error);
    }
  if (!request->auth_required || request->device != NULL)
    job->func (request, self->db);
  else
    request->offload = NULL;
}

static void
complete_job (AisleHubServer *self,
              Job            *job)
{
  AisleHubRequest *request = job->request;

  g_free (job);
  if (request->offload != NULL)
    g_thread_pool_push (self->offload, request, NULL);
  else
    g_main_context_invoke (self->context, complete_on_main, request);
}

static gboolean
is_push (Job *job)
{
  return job != &quit_job && job->request != NULL && strcmp (job->request->route, "push") == 0;
}

/* Group commit: pushes queued together run in one outer transaction, each mutation still in
 * its own (a savepoint: rolled back alone when rejected or failed), and are answered after
 * the one commit, so a durable commit's fsync is shared by all of them. */
static void
run_push_batch (AisleHubServer *self,
                GPtrArray      *batch)
{
  g_autoptr(GError) error = NULL;

  if (batch->len == 1 || !self->db->vtable->batch_begin (self->db, &error))
    {
      for (guint i = 0; i < batch->len; i++)
        run_job (self, g_ptr_array_index (batch, i));
      return;
    }
  g_debug ("group commit of %u pushes", batch->len);
  for (guint i = 0; i < batch->len; i++)
    run_job (self, g_ptr_array_index (batch, i));
  if (!self->db->vtable->batch_commit (self->db, &error))
    {
      /* Nothing of the batch is stored: every push fails and its device retries it. */
      for (guint i = 0; i < batch->len; i++)
        {
          Job *job = g_ptr_array_index (batch, i);

          g_clear_pointer (&job->request->device, aisle_hub_device_free);
          aisle_hub_request_fail_error (job->request, error);
        }
    }
}

static gpointer
worker_main (gpointer data)
{
  AisleHubServer *self = data;
  gint64 last_upkeep = g_get_monotonic_time ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  Job *pending = NULL;

  for (;;)
    {
      Job *job = pending != NULL ? pending : g_async_queue_timeout_pop (self->jobs, G_USEC_PER_SEC);

      pending = NULL;
      if (g_get_monotonic_time () - last_upkeep > MAINTAIN_SECONDS * G_USEC_PER_SEC)
        {
          maintain (self);
          last_upkeep = g_get_monotonic_time ();
        }
      if (job == NULL)
        continue;
      if (job == &quit_job)
        break;
      if (job->seen != NULL)
        {
          self->db->vtable->record_seen (self->db, job->seen);
          g_hash_table_unref (job->seen);
          g_free (job);
          continue;
        }
      if (!is_push (job))
        {
          run_job (self, job);
          complete_job (self, job);
          continue;
        }
      /* Take the pushes queued right behind this one; the first other job waits its turn. */
      g_ptr_array_add (batch, job);
      while (batch->len < 64 && (pending = g_async_queue_try_pop (self->jobs)) != NULL)
        {
          if (!is_push (pending))
            break;
          g_ptr_array_add (batch, pending);
          pending = NULL;
        }
      run_push_batch (self, batch);
      for (guint i = 0; i < batch->len; i++)
        complete_job (self, g_ptr_array_index (batch, i));
      g_ptr_array_set_size (batch, 0);
    }
  maintain (self);
  return NULL;
}

gboolean
aisle_hub_server_try_empty_pull (AisleHubRequest *request,
                                 gint64           cursor)
{
  AisleHubServer *self = request->server;
  const AisleHubDevice *device;
  g_autoptr(AislePullResponse) response = NULL;

  if (request->token == NULL || self->shutting_down)
    return FALSE;
  refresh (self);
  if (cursor < self->max_seq || self->max_seq == 0)
    return FALSE;
  device = aisle_hub_auth_cache_lookup (self->auth_cache, request->token, self->epoch,
                                        request->now);
  if (device == NULL)
    return FALSE;
  /* The same answer the worker would give: nothing after the cursor, which stays put. */
  self->pulls_cached++;
  response = aisle_pull_response_new ();
  response->cursor = cursor;
  response->last_mutation_id = device->last_mutation_id;
  aisle_hub_request_ok (request, aisle_protocol_pull_response_to_string (response));
  aisle_hub_request_finish (request);
  return TRUE;
}

void
aisle_hub_server_flush_seen (AisleHubServer *self)
{
  GHashTable *seen = aisle_hub_auth_cache_take_seen (self->auth_cache);
  Job *job;

  if (seen == NULL)
    return;
  job = g_new0 (Job, 1);
  job->seen = seen;
  g_async_queue_push (self->jobs, job);
}

static gboolean
on_seen_timer (gpointer data)
{
  aisle_hub_server_flush_seen (data);
  return G_SOURCE_CONTINUE;
}

void
aisle_hub_request_run (AisleHubRequest *request,
                       AisleHubJobFunc  func)
{
  AisleHubServer *self = request->server;
  Job *job = g_new0 (Job, 1);

  job->request = request;
  job->func = func;
  if (request->auth_required)
    {
      /* Before the worker authenticates: a commit after this point (a revocation) makes the
       * device it caches from this request stale. */
      refresh (self);
      request->auth_epoch = self->epoch;
    }
  self->in_flight++;
  soup_server_message_pause (request->msg);
  g_async_queue_push (self->jobs, job);
}

/* --- routing ------------------------------------------------------------------------------- */

static const struct
{
  const char *method;
  const char *path;
  const char *route;
  void      (*handler) (AisleHubRequest *request);
  gboolean    auth;
} routes[] = {
  { "POST", "/v1/pair", "pair", aisle_hub_route_pair, FALSE },
  { "POST", "/v1/sync/push", "push", aisle_hub_route_push, TRUE },
  { "GET", "/v1/sync/pull", "pull", aisle_hub_route_pull, TRUE },
  { "GET", "/v1/members", "members", aisle_hub_route_members, TRUE },
  { "GET", "/v1/coupons", "coupons", aisle_hub_route_coupons, TRUE },
  { "POST", "/v1/ingest/orders", "ingest", aisle_hub_route_ingest, FALSE },
  { "GET", "/v1/reports/store", "reports", aisle_hub_route_reports, TRUE },
  { "GET", "/healthz", "healthz", aisle_hub_route_healthz, FALSE },
  { "GET", "/metrics", "metrics", aisle_hub_route_metrics, FALSE },
};

static void
early_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  /* Refuse an oversized body before reading it. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > AISLE_PROTOCOL_MAX_BODY)
    {
      g_autofree char *body = aisle_protocol_error_body ("too_large",
                                                          "the request body exceeds 1 MiB");

      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                        strlen (body));
    }
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  AisleHubServer *self = user_data;
  AisleHubRequest *request;
  SoupMessageBody *body;
  const char *method = soup_server_message_get_method (msg);
  const char *auth;
  gboolean path_known = FALSE;
  guint i;

  if (soup_server_message_get_status (msg) == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
    return;

  request = g_new0 (AisleHubRequest, 1);
  request->server = self;
  request->msg = g_object_ref (msg);
  request->started_us = g_get_monotonic_time ();
  request->now = g_get_real_time () / G_USEC_PER_SEC;
  request->route = "unknown";
  request->query = query != NULL ? g_hash_table_ref (query) : NULL;

  for (i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (strcmp (routes[i].path, path) != 0)
        continue;
      path_known = TRUE;
      if (strcmp (routes[i].method, method) == 0)
        break;
    }
  if (i == G_N_ELEMENTS (routes))
    {
      if (path_known)
        aisle_hub_request_fail (request, SOUP_STATUS_METHOD_NOT_ALLOWED, "invalid",
                                "method not allowed on this path");
      else
        aisle_hub_request_fail (request, SOUP_STATUS_NOT_FOUND, "not_found", "no such endpoint");
      aisle_hub_request_finish (request);
      return;
    }
  request->route = routes[i].route;
  request->auth_required = routes[i].auth;

  if (self->shutting_down)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                              "the hub is shutting down");
      aisle_hub_request_finish (request);
      return;
    }

  body = soup_server_message_get_request_body (msg);
  if (body->length > AISLE_PROTOCOL_MAX_BODY)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
                              "the request body exceeds 1 MiB");
      aisle_hub_request_finish (request);
      return;
    }
  if (body->length > 0)
    request->body = soup_message_body_flatten (body);

  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                       "Authorization");
  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    request->token = g_strstrip (g_strdup (auth + 7));
  if (request->auth_required && request->token == NULL)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                              "this call needs the device's bearer token");
      aisle_hub_request_finish (request);
      return;
    }
  routes[i].handler (request);
}

/* --- metrics ------------------------------------------------------------------------------- */

char *
aisle_hub_server_metrics_text (AisleHubServer *self)
{
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_string_append (out, "# HELP aisle_hub_requests_total HTTP requests by route and status.\n"
                        "# TYPE aisle_hub_requests_total counter\n");
  g_hash_table_iter_init (&iter, self->requests);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\n", 2);

      g_string_append_printf (out, "aisle_hub_requests_total{route=\"%s\",status=\"%s\"} %"
                              G_GUINT64_FORMAT "\n", parts[0], parts[1], *(guint64 *) value);
    }
  g_string_append (out, "# HELP aisle_hub_request_duration_seconds Time from request to response.\n"
                        "# TYPE aisle_hub_request_duration_seconds histogram\n");
  g_hash_table_iter_init (&iter, self->latency);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Histogram *h = value;
      guint64 cumulative = 0;

      for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
        {
          cumulative += h->counts[i];
          g_string_append_printf (out, "aisle_hub_request_duration_seconds_bucket{route=\"%s\","
                                  "le=\"%g\"} %" G_GUINT64_FORMAT "\n", (const char *) key,
                                  buckets[i], cumulative);
        }
      g_string_append_printf (out, "aisle_hub_request_duration_seconds_bucket{route=\"%s\","
                              "le=\"+Inf\"} %" G_GUINT64_FORMAT "\n", (const char *) key, h->total);
      g_string_append_printf (out, "aisle_hub_request_duration_seconds_sum{route=\"%s\"} %.6f\n",
                              (const char *) key, h->sum);
      g_string_append_printf (out, "aisle_hub_request_duration_seconds_count{route=\"%s\"} %"
                              G_GUINT64_FORMAT "\n", (const char *) key, h->total);
    }
  g_string_append (out, "# HELP aisle_hub_mutations_total Pushed mutations by name and result.\n"
                        "# TYPE aisle_hub_mutations_total counter\n");
  g_hash_table_iter_init (&iter, self->mutations);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\n", 2);
      g_autofree char *name = g_strescape (parts[0], NULL);

      g_string_append_printf (out, "aisle_hub_mutations_total{name=\"%s\",result=\"%s\"} %"
                              G_GUINT64_FORMAT "\n", name, parts[1], *(guint64 *) value);
    }
  g_string_append_printf (out, "# HELP aisle_hub_pulls_cached_total Empty pulls answered without "
                               "the database.\n# TYPE aisle_hub_pulls_cached_total counter\n"
                               "aisle_hub_pulls_cached_total %" G_GUINT64_FORMAT "\n",
                          self->pulls_cached);
  g_string_append_printf (out, "# HELP aisle_hub_pull_rows_total Changes sent by pulls.\n"
                               "# TYPE aisle_hub_pull_rows_total counter\n"
                               "aisle_hub_pull_rows_total %" G_GUINT64_FORMAT "\n", self->pull_rows);
  return g_string_free (out, FALSE);
}

/* --- lifecycle ----------------------------------------------------------------------------- */

AisleHubServer *
aisle_hub_server_new (AisleHubDb *db)
{
  AisleHubServer *self = g_new0 (AisleHubServer, 1);
  g_autoptr(GError) error = NULL;

  self->db = db;
  self->context = g_main_context_ref_thread_default ();
  self->jobs = g_async_queue_new ();
  self->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->latency = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->mutations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->auth_cache = aisle_hub_auth_cache_new ();
  self->offload = g_thread_pool_new (offload_main, NULL, 2, FALSE, NULL);
  self->watch = db->vtable->watch_open (db, &error);
  if (self->watch == NULL)
    g_message ("empty pulls go through the database worker: %s", error->message);
  self->worker = g_thread_new ("aisle-hub-db", worker_main, self);
  self->seen_timer = g_timeout_add_seconds (MAINTAIN_SECONDS, on_seen_timer, self);
  return self;
}

gboolean
aisle_hub_server_listen (AisleHubServer   *self,
                         const char       *address,
                         GTlsCertificate  *certificate,
                         gboolean          allow_insecure_remote,
                         GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GInetSocketAddress) socket_address = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autofree char *host = NULL;
  guint16 port = 0;

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    return FALSE;
  host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable)));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));
  if (g_strcmp0 (host, "localhost") == 0)
    g_free (host), host = g_strdup ("127.0.0.1");
  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "listen on an IP address, not \"%s\"", host);
      return FALSE;
    }
  /* Tokens and member data must not cross a network in clear text. */
  if (certificate == NULL && !g_inet_address_get_is_loopback (inet) && !allow_insecure_remote)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "plain HTTP is only served on loopback: give --tls-cert and --tls-key, or "
                   "--allow-insecure-remote behind a TLS-terminating proxy");
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "aisle-hub/" PACKAGE_VERSION,
                                "tls-certificate", certificate, NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler, self, NULL);
  socket_address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (inet, port));
  return soup_server_listen (self->soup, G_SOCKET_ADDRESS (socket_address),
                             certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

guint16
aisle_hub_server_get_port (AisleHubServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  guint16 port = 0;

  if (uris != NULL)
    port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

void
aisle_hub_server_shutdown (AisleHubServer *self,
                           GSourceFunc     done,
                           gpointer        user_data)
{
  self->shutting_down = TRUE;
  self->done = done;
  self->done_data = user_data;
  if (self->in_flight == 0 && done != NULL)
    {
      self->done = NULL;
      g_idle_add (done, user_data);
    }
}

void
aisle_hub_server_free (AisleHubServer *self)
{
  if (self == NULL)
    return;
  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      g_clear_object (&self->soup);
    }
  /* requests in the offload pool finish before the worker stops */
  g_thread_pool_free (self->offload, FALSE, TRUE);
  g_clear_handle_id (&self->seen_timer, g_source_remove);
  aisle_hub_server_flush_seen (self);
  g_async_queue_push (self->jobs, &quit_job);
  g_thread_join (self->worker);
  if (self->watch != NULL)
    self->db->vtable->watch_close (self->watch);
  aisle_hub_db_close (self->db);
  g_async_queue_unref (self->jobs);
  g_hash_table_unref (self->requests);
  g_hash_table_unref (self->latency);
  g_hash_table_unref (self->mutations);
  aisle_hub_auth_cache_free (self->auth_cache);
  g_main_context_unref (self->context);
  g_free (self);
}

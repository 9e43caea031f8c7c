/* aisle-sync-reports.c: the manager's store report, fetched from the hub and kept in the cache.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports are read on demand, not synced: GET /v1/reports/store with the device's token and the
 * manager's staff id and PIN (docs/api.md). The last report of each store is saved in the cache
 * (aisle-store-reports.c) so the dashboard has something to show offline, with its "as of".
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include "aisle-sync-private.h"
#include "aisle-sync-reports.h"

G_DEFINE_QUARK (aisle-sync-reports-error-quark, aisle_sync_reports_error)

/* The GTask source tags of this file's async calls. */
static const char fetch_tag = 0;
static const char load_tag = 0;

typedef struct
{
  SoupMessage       *msg;
  AisleCachedReport *report;     /* to save, for a report (not a drill-down) */
} Fetch;

static void
fetch_free (Fetch *f)
{
  g_clear_object (&f->msg);
  g_clear_pointer (&f->report, aisle_cached_report_free);
  g_free (f);
}

static gpointer
save_job (AisleStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  if (!aisle_store_save_report (store, data, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A report that could not be kept is still the right one to show. */
  if (aisle_worker_run_finish (AISLE_WORKER (source), result, &error) == NULL)
    g_warning ("saving the store report: %s", error->message);
  g_task_return_pointer (task, g_strdup (f->report->json), g_free);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  Fetch *f = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *message = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (self->session, result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE,
                                 "The hub cannot be reached: %s", error->message);
      return;
    }
  status = soup_message_get_status (f->msg);
  /* 401, 403 and 429 here are about the staff member, not the device's token. */
  if (status == 401 || status == 403 || status == 429)
    {
      aisle_protocol_parse_error_body (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                       NULL, &message);
      g_task_return_new_error (task, AISLE_SYNC_REPORTS_ERROR,
                               status == 401 ? AISLE_SYNC_REPORTS_ERROR_WRONG_PIN
                               : status == 429 ? AISLE_SYNC_REPORTS_ERROR_LOCKED_OUT
                               : AISLE_SYNC_REPORTS_ERROR_FORBIDDEN,
                               "%s", message != NULL ? message : "not allowed");
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      aisle_protocol_parse_error_body (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                       NULL, &message);
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB, "The hub answered %u: %s",
                               status, message != NULL ? message : soup_message_get_reason_phrase (f->msg));
      return;
    }
  root = aisle_protocol_parse (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                               "The hub's report is not valid");
      return;
    }
  if (f->report == NULL)
    {
      g_task_return_pointer (task, g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)),
                             g_free);
      return;
    }
  f->report->json = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  f->report->as_of = g_get_real_time () / G_USEC_PER_SEC;
  {
    AisleCachedReport *copy = g_new0 (AisleCachedReport, 1);

    copy->store_id = g_strdup (f->report->store_id);
    copy->from = f->report->from;
    copy->to = f->report->to;
    copy->json = g_strdup (f->report->json);
    copy->as_of = f->report->as_of;
    aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, save_job, copy,
                            (GDestroyNotify) aisle_cached_report_free, NULL,
                            g_task_get_cancellable (task), save_cb, task);
  }
  task = NULL;   /* owned by save_cb now */
}

/**
 * aisle_sync_client_fetch_report_async:
 * @self: an #AisleSyncClient
 * @request: the report or drill-down to ask for, and the manager's credentials
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the hub's answer
 * @user_data: data for @callback
 *
 * Asks the hub for a store report; a report (not a drill-down) is saved in the cache as the
 * store's last one. Errors: %AISLE_SYNC_REPORTS_ERROR for the staff member's credentials,
 * else %AISLE_SYNC_ERROR (offline, not paired, the hub's own failures).
 */
void
aisle_sync_client_fetch_report_async (AisleSyncClient          *self,
                                      const AisleReportRequest *request,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *store = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *path = NULL;
  SoupMessageHeaders *headers;
  Fetch *f;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  g_return_if_fail (request->store_id != NULL && request->staff_id != NULL && request->pin != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &fetch_tag);
  if (self->token == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_NOT_PAIRED,
                               "This device is not paired with a hub");
      return;
    }
  store = g_uri_escape_string (request->store_id, NULL, FALSE);
  figure = request->figure != NULL ? g_uri_escape_string (request->figure, NULL, FALSE) : NULL;
  path = g_strdup_printf ("/v1/reports/store?store=%s&from=%" G_GINT64_FORMAT "&to=%" G_GINT64_FORMAT
                          "%s%s%s%s", store, request->from, request->to,
                          request->bucket != NULL ? "&bucket=" : "",
                          request->bucket != NULL ? request->bucket : "",
                          figure != NULL ? "&figure=" : "", figure != NULL ? figure : "");
  if (request->limit > 0)
    {
      char *with_limit = g_strdup_printf ("%s&limit=%u", path, request->limit);

      g_free (path);
      path = with_limit;
    }
  f = g_new0 (Fetch, 1);
  f->msg = _aisle_sync_client_message (self, "GET", self->hub_url, path, NULL, TRUE);
  headers = soup_message_get_request_headers (f->msg);
  soup_message_headers_replace (headers, "X-Aisle-Staff", request->staff_id);
  soup_message_headers_replace (headers, "X-Aisle-Staff-Pin", request->pin);
  if (request->figure == NULL)
    {
      f->report = g_new0 (AisleCachedReport, 1);
      f->report->store_id = g_strdup (request->store_id);
      f->report->from = request->from;
      f->report->to = request->to;
    }
  g_task_set_task_data (task, f, (GDestroyNotify) fetch_free);
  _aisle_sync_client_send (self, f->msg, cancellable, fetch_cb, g_steal_pointer (&task));
}

char *
aisle_sync_client_fetch_report_finish (AisleSyncClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &fetch_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
load_job (AisleStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return aisle_store_load_report (store, data, error);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  AisleCachedReport *report = aisle_worker_run_finish (AISLE_WORKER (source), result, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) aisle_cached_report_free);
}

void
aisle_sync_client_load_report_async (AisleSyncClient     *self,
                                     const char          *store_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  g_return_if_fail (store_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &load_tag);
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, load_job, g_strdup (store_id), g_free,
                          (GDestroyNotify) aisle_cached_report_free, cancellable, load_cb, task);
}

AisleCachedReport *
aisle_sync_client_load_report_finish (AisleSyncClient  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &load_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

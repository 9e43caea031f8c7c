/* aisle-sync-pull.c: the pull half of a sync cycle, pipelined.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages are fetched on the main context and written by the AisleWorker, and the two overlap:
 * as soon as a page's envelope says where it ends (aisle_protocol_pull_response_peek(), a
 * scan without a tree) the next one is asked for, while the worker writes the ones already
 * here. Up to AHEAD pages wait in memory. The worker takes what has arrived, up to GROUP
 * pages, and writes them in ONE transaction with the cursor of the last
 * (aisle_sync_cache_apply_pages()), so a crash leaves whole pages with their cursor or
 * nothing; pulling again from the stored cursor is always right. GROUP bounds how long a
 * write holds the worker (the UI's searches queue behind it): about half a second here.
 *
 * Pages are large (AISLE_PROTOCOL_MAX_PULL_LIMIT changes): an initial sync is a few dozen
 * round trips instead of hundreds; a steady device's pulls are small anyway. A hub older than
 * this client refuses that limit with 400; the client then asks for its default pages.
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include "aisle-sync-private.h"

/* The GTask source tag of this file's async call. */
static const char source_tag = 0;

#define AHEAD 2   /* pages fetched and waiting */
#define GROUP 2   /* pages per transaction */

typedef struct
{
  GPtrArray *bodies;        /* (element-type GBytes) */
  gint64     cursor;        /* out: of the last page */
  gboolean   more;          /* out */
  gint64     lmid;          /* out */
  gint64     remaining;     /* out: -1 if the hub did not say */
  guint      applied;       /* out */
  gint64     first_queued;  /* out: the first outbox id still queued, 0 if none */
  gint64     pending;       /* out: outbox entries left (last page only) */
  gint64     attention;     /* out: rejected mutations not dismissed (last page only) */
} PagesJob;

typedef struct
{
  GQueue        bodies;     /* (element-type GBytes) fetched, not yet applied */
  SoupMessage  *msg;
  PagesJob     *job;
  gint64        fetch_cursor;
  gboolean      fetching;
  gboolean      applying;
  gboolean      fetched_last;
  gboolean      returned;
  GError       *error;
  AisleSyncPullResult result;
} Pull;

static void
pages_job_free (PagesJob *j)
{
  if (j == NULL)
    return;
  g_ptr_array_unref (j->bodies);
  g_free (j);
}

static void
pull_free (Pull *p)
{
  g_queue_clear_full (&p->bodies, (GDestroyNotify) g_bytes_unref);
  g_clear_object (&p->msg);
  pages_job_free (p->job);
  g_clear_error (&p->error);
  g_free (p);
}

static gpointer
apply_pages_job (AisleStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  PagesJob *j = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_pull_response_free);
  g_autoptr(GPtrArray) first = NULL;
  AislePullResponse *last;

  for (guint i = 0; i < j->bodies->len; i++)
    {
      GBytes *body = g_ptr_array_index (j->bodies, i);
      AislePullResponse *page = aisle_protocol_pull_response_read (g_bytes_get_data (body, NULL),
                                                                   (gssize) g_bytes_get_size (body),
                                                                   &local_error);

      if (page == NULL)
        {
          g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                       "The hub's pull answer is not valid: %s", local_error->message);
          return NULL;
        }
      g_ptr_array_add (pages, page);
    }
  if (!aisle_sync_cache_apply_pages (store, pages, &j->applied, &local_error))
    {
      g_set_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_CACHE,
                   "This device cannot write its cache: %s", local_error->message);
      return NULL;
    }
  last = g_ptr_array_index (pages, pages->len - 1);
  j->cursor = last->cursor;
  j->more = last->more;
  j->lmid = last->last_mutation_id;
  j->remaining = last->remaining;
  first = aisle_store_outbox_list (store, 0, 1, NULL);
  j->first_queued = first != NULL && first->len > 0 ? ((AisleMutation *) first->pdata[0])->id : 0;
  if (!j->more)
    {
      g_autoptr(GPtrArray) attention = aisle_sync_cache_list_attention (store, NULL);

      j->pending = aisle_store_outbox_count (store, NULL);
      j->attention = attention != NULL ? attention->len : 0;
    }
  return GINT_TO_POINTER (1);
}

static void step (GTask *task);

static void
fail (Pull   *p,
      GError *error)
{
  if (p->error == NULL)
    p->error = error;
  else
    g_error_free (error);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  Pull *p = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *bytes = _aisle_sync_client_http_finish (self, p->msg, result, &error);
  gint64 cursor = 0;
  gboolean more = FALSE;

  p->fetching = FALSE;
  if (bytes == NULL && !self->small_pages &&
      soup_message_get_status (p->msg) == SOUP_STATUS_BAD_REQUEST)
    {
      /* A hub older than this client allows at most 1,000 changes a page: ask again so. */
      g_message ("pull: the hub refused limit=%d (%s); using its default page size",
                 AISLE_PROTOCOL_MAX_PULL_LIMIT, error->message);
      g_clear_error (&error);
      g_clear_object (&p->msg);
      self->small_pages = TRUE;
      step (task);
      return;
    }
  g_clear_object (&p->msg);
  if (bytes == NULL)
    fail (p, error);
  else if (!aisle_protocol_pull_response_peek (g_bytes_get_data (bytes, NULL),
                                               (gssize) g_bytes_get_size (bytes), &cursor, &more,
                                               &error))
    {
      fail (p, g_error_new (AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                            "The hub's pull answer is not valid: %s", error->message));
      g_error_free (error);
      g_bytes_unref (bytes);
    }
  else
    {
      g_queue_push_tail (&p->bodies, bytes);
      p->fetch_cursor = cursor;
      p->fetched_last = !more;
    }
  step (task);
}

static void
fetch_next (GTask *task)
{
  AisleSyncClient *self = g_task_get_source_object (task);
  Pull *p = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (p->fetching || p->fetched_last || p->error != NULL || p->bodies.length >= AHEAD)
    return;
  if (self->small_pages)
    path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT, p->fetch_cursor);
  else
    path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT "&limit=%d", p->fetch_cursor,
                            AISLE_PROTOCOL_MAX_PULL_LIMIT);
  p->msg = _aisle_sync_client_message (self, "GET", self->hub_url, path, NULL, TRUE);
  p->fetching = TRUE;
  _aisle_sync_client_send (self, p->msg, g_task_get_cancellable (task), fetch_cb,
                           g_object_ref (task));
}

static void
apply_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  Pull *p = g_task_get_task_data (task);
  PagesJob *j = g_steal_pointer (&p->job);
  GError *error = NULL;
  guint64 received = self->rows_received + j->applied;

  p->applying = FALSE;
  if (aisle_worker_run_finish (self->worker, result, &error) == NULL)
    fail (p, error);
  else
    {
      self->cursor = j->cursor;
      self->last_mutation_id = j->lmid;
      /* The hub answered: online, even during a long initial sync that has not finished. */
      _aisle_sync_client_set_online (self, TRUE);

      /* The total first: a listener of rows-received reads both. */
      _aisle_sync_client_set_rows_total (self, j->remaining >= 0
                                               ? received + (guint64) j->remaining : 0);
      _aisle_sync_client_set_rows_received (self, received);
      p->result.last_mutation_id = j->lmid;
      p->result.first_queued = j->first_queued;
      if (!j->more)
        {
          p->result.done = TRUE;
          p->result.pending = j->pending;
          p->result.attention = j->attention;
        }
    }
  pages_job_free (j);
  step (task);
}

static void
apply_next (GTask *task)
{
  AisleSyncClient *self = g_task_get_source_object (task);
  Pull *p = g_task_get_task_data (task);

  if (p->applying || p->error != NULL || p->bodies.length == 0)
    return;
  p->job = g_new0 (PagesJob, 1);
  p->job->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  while (p->job->bodies->len < GROUP && p->bodies.length > 0)
    g_ptr_array_add (p->job->bodies, g_queue_pop_head (&p->bodies));
  p->applying = TRUE;
  /* The job stays owned by Pull: apply_cb reads its results. */
  aisle_worker_run_async (self->worker, G_PRIORITY_LOW, apply_pages_job, p->job, NULL, NULL,
                          g_task_get_cancellable (task), apply_cb, g_object_ref (task));
}

/* Starts whatever can run, and ends the pull once nothing runs and it is done or failed. */
static void
step (GTask *task)
{
  Pull *p = g_task_get_task_data (task);

  fetch_next (task);
  apply_next (task);
  if (p->fetching || p->applying || p->returned)
    return;
  if (p->error != NULL)
    {
      p->returned = TRUE;
      g_task_return_error (task, g_steal_pointer (&p->error));
      return;
    }
  if (p->result.done)
    {
      p->returned = TRUE;
      g_task_return_pointer (task, g_memdup2 (&p->result, sizeof p->result), g_free);
    }
}

/**
 * _aisle_sync_pull_async:
 *
 * Pulls from the client's cursor until a page says `more` is false, writing each page (or
 * group of pages) with its cursor in one transaction. The client's cursor, last_mutation_id,
 * rows-received and rows-total follow each write.
 */
void
_aisle_sync_pull_async (AisleSyncClient     *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Pull *p = g_new0 (Pull, 1);

  g_task_set_source_tag (task, (gpointer) &source_tag);
  g_queue_init (&p->bodies);
  p->fetch_cursor = self->cursor;
  g_task_set_task_data (task, p, (GDestroyNotify) pull_free);
  step (task);
}

gboolean
_aisle_sync_pull_finish (AisleSyncClient      *self,
                         GAsyncResult         *result,
                         AisleSyncPullResult  *out,
                         GError              **error)
{
  g_autofree AisleSyncPullResult *r = g_task_propagate_pointer (G_TASK (result), error);

  if (r == NULL)
    return FALSE;
  *out = *r;
  return TRUE;
}

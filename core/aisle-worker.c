/* aisle-worker.c: one thread that owns a cache connection and runs jobs in priority order.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not g_task_run_in_thread(): the shared pool runs jobs on several threads in no fixed
 * order, and an sqlite3 connection must stay on one thread. An exclusive GThreadPool with one
 * thread and a sort function gives a dedicated thread and a priority queue (GS
 * lib/gs-worker-thread.c does the same with its own queue). Results go back through GTask,
 * which completes on the thread-default main context of whoever queued the job.
 */

#define G_LOG_DOMAIN "aisle-worker"

#include "config.h"

#include "aisle-worker.h"

struct _AisleWorker
{
  GObject      parent_instance;

  /* owned; once the first job is queued, touched only on the pool's thread */
  AisleStore  *store;
  /* owned; exclusive, max_threads = 1 */
  GThreadPool *pool;
  /* FIFO order among jobs of equal priority; atomic because any thread may queue */
  gint         next_seq;
};

typedef struct
{
  GTask           *task;          /* owned; source object is the worker */
  int              priority;      /* lower runs first, as G_PRIORITY_* */
  int              seq;
  AisleWorkerFunc  func;
  gpointer         data;
  GDestroyNotify   data_free;
  GDestroyNotify   result_free;
} Job;

/* Set on the pool's thread, so that dispose can tell it is running there (a job's task may
 * drop the last reference to the worker) and must not wait for that same thread. */
static GPrivate on_worker_thread;

/* A data address as the GTask source tag: ISO C cannot convert a function pointer to void*. */
static const char run_tag[] = "aisle_worker_run_async";

G_DEFINE_FINAL_TYPE (AisleWorker, aisle_worker, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

static int
compare_jobs (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Job *x = a;
  const Job *y = b;

  if (x->priority != y->priority)
    return x->priority < y->priority ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq ? 1 : 0;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  AisleWorker *self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer result;

  g_private_set (&on_worker_thread, GINT_TO_POINTER (1));

  if (g_task_return_error_if_cancelled (job->task))
    {
      job_free (job);
      return;
    }

  result = job->func (self->store, job->data, g_task_get_cancellable (job->task), &error);
  if (error != NULL)
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error (job->task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (job->task, result, job->result_free);
  job_free (job);
}

static void
aisle_worker_dispose (GObject *object)
{
  AisleWorker *self = AISLE_WORKER (object);

  if (self->pool != NULL)
    {
      /* Every queued job holds a reference through its task, so the queue is empty here;
       * waiting joins the thread, unless we are that thread (see on_worker_thread). */
      gboolean here = g_private_get (&on_worker_thread) != NULL;

      g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, !here);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (aisle_worker_parent_class)->dispose (object);
}

static void
aisle_worker_class_init (AisleWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aisle_worker_dispose;
}

static void
aisle_worker_init (AisleWorker *self)
{
}

/**
 * aisle_worker_new:
 * @store: (transfer none): the cache; the worker keeps a reference and, from now on, is the
 *   only one to use it
 *
 * Returns: (transfer full): a worker with its own thread
 */
AisleWorker *
aisle_worker_new (AisleStore *store)
{
  g_autoptr(GError) error = NULL;
  AisleWorker *self;

  g_return_val_if_fail (AISLE_IS_STORE (store), NULL);

  self = g_object_new (AISLE_TYPE_WORKER, NULL);
  self->store = g_object_ref (store);
  self->pool = g_thread_pool_new (run_job, self, 1, TRUE, &error);
  if (self->pool == NULL)
    g_error ("cannot start the cache worker thread: %s", error->message);
  g_thread_pool_set_sort_function (self->pool, compare_jobs, NULL);
  return self;
}

/**
 * aisle_worker_get_store_unlocked:
 * @self: an #AisleWorker
 *
 * The store, for use inside an #AisleWorkerFunc (which gets it anyway) or before any job has
 * been queued. Using it elsewhere races with the worker thread.
 *
 * Returns: (transfer none): the store
 */
AisleStore *
aisle_worker_get_store_unlocked (AisleWorker *self)
{
  g_return_val_if_fail (AISLE_IS_WORKER (self), NULL);
  return self->store;
}

/**
 * aisle_worker_run_async:
 * @self: an #AisleWorker
 * @io_priority: lower values run first (G_PRIORITY_HIGH for what the user waits on,
 *   G_PRIORITY_LOW for sync); equal priorities run in queue order
 * @func: (scope async): runs on the worker thread with the store
 * @data: (closure func): passed to @func
 * @data_free: (nullable): frees @data after the job ran or was cancelled
 * @result_free: (nullable): frees @func's result if nobody collects it
 * @cancellable: (nullable): a #GCancellable; a job cancelled before it starts never runs
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 */
void
aisle_worker_run_async (AisleWorker         *self,
                        int                  io_priority,
                        AisleWorkerFunc      func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GDestroyNotify       result_free,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Job *job;

  g_return_if_fail (AISLE_IS_WORKER (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, (gpointer) run_tag);
  g_task_set_priority (job->task, io_priority);
  g_task_set_name (job->task, "aisle-worker job");
  job->priority = io_priority;
  job->seq = g_atomic_int_add (&self->next_seq, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  g_thread_pool_push (self->pool, job, NULL);
}

/**
 * aisle_worker_run_finish:
 * @self: an #AisleWorker
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what the job's function returned, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED if cancelled)
 */
gpointer
aisle_worker_run_finish (AisleWorker   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (AISLE_IS_WORKER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == run_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- convenience wrappers ------------------------------------------------------------------ */

typedef struct
{
  char  *query;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->query);
  g_free (data);
}

static gpointer
search_members_func (AisleStore    *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  SearchData *search = data;

  return aisle_store_search_members (store, search->query, search->limit, error);
}

/**
 * aisle_worker_search_members_async:
 * @self: an #AisleWorker
 * @query: what the user typed (see aisle_store_search_members())
 * @limit: the most results
 * @cancellable: (nullable): cancel when the user types on
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * Runs at G_PRIORITY_HIGH: the user is waiting.
 */
void
aisle_worker_search_members_async (AisleWorker         *self,
                                   const char          *query,
                                   guint                limit,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  SearchData *data;

  g_return_if_fail (AISLE_IS_WORKER (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->query = g_strdup (query);
  data->limit = limit;
  aisle_worker_run_async (self, G_PRIORITY_HIGH, search_members_func, data,
                          (GDestroyNotify) search_data_free,
                          (GDestroyNotify) g_ptr_array_unref,
                          cancellable, callback, user_data);
}

/**
 * aisle_worker_search_members_finish:
 * @self: an #AisleWorker
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleMember): the matches, or %NULL with @error
 */
GPtrArray *
aisle_worker_search_members_finish (AisleWorker   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return aisle_worker_run_finish (self, result, error);
}

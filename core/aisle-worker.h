/* aisle-worker.h: one thread that owns a cache connection and runs jobs in priority order.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UI never touches SQLite on its main loop: it queues a job here and gets the result back
 * on the thread-default main context of the caller (STYLE.md §12-14).
 */

#pragma once

#include <gio/gio.h>

#include "aisle-store.h"

G_BEGIN_DECLS

/* Runs on the worker thread. Returns the result (owned by the task) or NULL with @error set. */
typedef gpointer (*AisleWorkerFunc) (AisleStore    *store,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);

#define AISLE_TYPE_WORKER (aisle_worker_get_type ())

G_DECLARE_FINAL_TYPE (AisleWorker, aisle_worker, AISLE, WORKER, GObject)

AisleWorker *aisle_worker_new                 (AisleStore          *store);
AisleStore  *aisle_worker_get_store_unlocked  (AisleWorker         *self);
void         aisle_worker_run_async           (AisleWorker         *self,
                                               int                  io_priority,
                                               AisleWorkerFunc      func,
                                               gpointer             data,
                                               GDestroyNotify       data_free,
                                               GDestroyNotify       result_free,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gpointer     aisle_worker_run_finish          (AisleWorker         *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Convenience wrappers for the UI. */
void         aisle_worker_search_members_async  (AisleWorker         *self,
                                                 const char          *query,
                                                 guint                limit,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray   *aisle_worker_search_members_finish (AisleWorker         *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS

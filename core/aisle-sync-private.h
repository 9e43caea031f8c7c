/* aisle-sync-private.h: shared between the sync module's files (client, scheduler, cache side).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-sync.h"

G_BEGIN_DECLS

/* Consent rows written by an optimistic withdrawal are numbered above this (2^52), far above
 * any seq the hub hands out; see aisle-store-sync-local.c. */
#define AISLE_SYNC_OPTIMISTIC_SEQ_SQL 4503599627370496
#define AISLE_SYNC_OPTIMISTIC_SEQ G_GINT64_CONSTANT (4503599627370496)

/* Reading a mutation's or a pulled row's JSON members: NULL or 0 when missing or mistyped. */
const char  *_aisle_sync_arg_str                  (JsonObject      *args,
                                                   const char      *name);
gint64       _aisle_sync_arg_int                  (JsonObject      *args,
                                                   const char      *name);

gboolean     _aisle_sync_undo_local               (AisleStore          *store,
                                                   const AisleMutation *m,
                                                   const char          *hub_binding_id,
                                                   const char          *code,
                                                   GError             **error);
gboolean     _aisle_sync_put_setting              (AisleStore          *store,
                                                   const char          *key,
                                                   const char          *data_json,
                                                   GError             **error);

/* Mutations per push: well under the hub's 1000 and 1 MiB limits for ordinary arguments. */
#define AISLE_SYNC_PUSH_BATCH 500

struct _AisleSyncClient
{
  GObject          parent_instance;

  /* owned */
  AisleWorker     *worker;
  SoupSession     *session;
  GCancellable    *cancellable;      /* the scheduler's cycles; cancelled by stop() */

  /* the pairing, copied from the cache's sync_state (main context only) */
  char            *hub_url;
  char            *token;
  char            *device_id;
  char            *store_id;
  char            *mode;
  gint64           cursor;
  gint64           last_mutation_id;

  /* status */
  AisleSyncState   state;
  gboolean         online;
  gboolean         syncing;
  guint            pending;
  gint64           last_success;
  char            *last_error;
  guint            attention;
  guint64          rows_received;
  guint64          rows_total;       /* rows_received + what the hub says remains; 0 if unknown */
  gboolean         small_pages;      /* the hub refused limit=5000 (older than this client) */

  /* scheduler */
  guint            period;           /* seconds */
  guint            timeout;          /* seconds, per HTTP exchange */
  guint            debounce_ms;
  gboolean         started;
  gboolean         again;            /* a trigger came while a cycle ran */
  guint            backoff_step;
  guint            timer_id;
  guint            debounce_id;
  GNetworkMonitor *monitor;          /* borrowed default */
  gulong           monitor_handler;
};

void         _aisle_sync_client_set_state         (AisleSyncClient *self,
                                                   AisleSyncState   value);
void         _aisle_sync_client_set_online        (AisleSyncClient *self,
                                                   gboolean         value);
void         _aisle_sync_client_set_syncing       (AisleSyncClient *self,
                                                   gboolean         value);
void         _aisle_sync_client_set_pending       (AisleSyncClient *self,
                                                   guint            value);
void         _aisle_sync_client_set_last_success  (AisleSyncClient *self,
                                                   gint64           value);
void         _aisle_sync_client_set_attention     (AisleSyncClient *self,
                                                   guint            value);
void         _aisle_sync_client_set_rows_received (AisleSyncClient *self,
                                                   guint64          value);
void         _aisle_sync_client_set_rows_total    (AisleSyncClient *self,
                                                   guint64          value);
void         _aisle_sync_client_set_last_error    (AisleSyncClient *self,
                                                   const char      *message);
void         _aisle_sync_client_notify_paired     (AisleSyncClient *self);
void         _aisle_sync_client_refresh_counts    (AisleSyncClient *self);
void         _aisle_sync_client_mark_revoked      (AisleSyncClient *self);

SoupMessage *_aisle_sync_client_message           (AisleSyncClient *self,
                                                   const char      *method,
                                                   const char      *base,
                                                   const char      *path,
                                                   const char      *body,
                                                   gboolean         auth);
GBytes      *_aisle_sync_client_http_finish       (AisleSyncClient *self,
                                                   SoupMessage     *msg,
                                                   GAsyncResult    *result,
                                                   GError         **error);
void         _aisle_sync_client_send              (AisleSyncClient     *self,
                                                   SoupMessage         *msg,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);

/* aisle-sync-pull.c */
typedef struct
{
  gboolean done;              /* the last page (more: false) was written */
  gint64   last_mutation_id;
  gint64   first_queued;      /* the first outbox id still queued, 0 if none */
  gint64   pending;
  gint64   attention;
} AisleSyncPullResult;

void         _aisle_sync_pull_async               (AisleSyncClient      *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean     _aisle_sync_pull_finish              (AisleSyncClient      *self,
                                                   GAsyncResult         *result,
                                                   AisleSyncPullResult  *out,
                                                   GError              **error);

G_END_DECLS

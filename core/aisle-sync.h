/* aisle-sync.h: the device side of sync (DESIGN.md "Data flow", "Sync protocol"; docs/api.md).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two layers:
 * - the cache side (aisle_sync_cache_*, core/aisle-store-sync.c): plain functions on an
 *   #AisleStore, run on the thread that owns it (the #AisleWorker in the app). They apply a
 *   mutation optimistically and append it to the outbox in one transaction, apply a pull page and
 *   its cursor in one transaction, drop confirmed mutations and rebase the rest;
 * - #AisleSyncClient (core/aisle-sync.c): the loop on the main context. It talks HTTP through one
 *   #SoupSession, queues every cache job on the worker, and exposes its state as properties the
 *   UI binds to. It never touches SQLite itself.
 *
 * Where secrets live: the device token and the device's Ed25519 secret key are kept in the
 * cache's sync_state table, and the client makes the cache file (and its -wal/-shm) mode 0600.
 * The cache already holds members' phone numbers and staff PIN hashes, so it has to be private
 * anyway; a separate secrets file would be one more file to keep consistent with the cache it
 * belongs to (a token without its cursor and outbox is useless, and vice versa).
 */

#pragma once

#include <libsoup/soup.h>

#include "aisle-protocol.h"
#include "aisle-store.h"
#include "aisle-store-profile.h"
#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_SYNC_ERROR (aisle_sync_error_quark ())

typedef enum
{
  AISLE_SYNC_ERROR_FAILED,
  AISLE_SYNC_ERROR_NOT_PAIRED,     /* no token in the cache */
  AISLE_SYNC_ERROR_OFFLINE,        /* connection refused, DNS, timeout, reset */
  AISLE_SYNC_ERROR_HUB,            /* 5xx, or an answer the protocol does not allow */
  AISLE_SYNC_ERROR_OUT_OF_ORDER,   /* 409: the hub's last_mutation_id is behind our outbox */
  AISLE_SYNC_ERROR_REVOKED,        /* 403 device_revoked, or 401 for our token */
  AISLE_SYNC_ERROR_PAIRING,        /* the pairing code was refused */
  AISLE_SYNC_ERROR_CACHE,          /* the local write failed (disk full, I/O error) */
} AisleSyncError;

typedef enum
{
  AISLE_SYNC_STATE_UNPAIRED,
  AISLE_SYNC_STATE_IDLE,           /* the last sync succeeded */
  AISLE_SYNC_STATE_SYNCING,
  AISLE_SYNC_STATE_OFFLINE,        /* the hub cannot be reached: retrying with backoff */
  AISLE_SYNC_STATE_HUB_ERROR,      /* the hub answered with an error: retrying with backoff */
  AISLE_SYNC_STATE_CACHE_ERROR,    /* the device could not write its cache: retrying */
  AISLE_SYNC_STATE_REVOKED,        /* stopped: pair again; the unsent outbox is kept */
} AisleSyncState;

GQuark      aisle_sync_error_quark        (void);
GType       aisle_sync_state_get_type     (void) G_GNUC_CONST;
#define AISLE_TYPE_SYNC_STATE (aisle_sync_state_get_type ())

/* sync_state keys */
#define AISLE_SYNC_KEY_HUB_URL           "hub_url"
#define AISLE_SYNC_KEY_TOKEN             "token"
#define AISLE_SYNC_KEY_DEVICE_ID         "device_id"
#define AISLE_SYNC_KEY_STORE_ID          "store_id"
#define AISLE_SYNC_KEY_MODE              "mode"
#define AISLE_SYNC_KEY_CURSOR            "cursor"
#define AISLE_SYNC_KEY_LAST_MUTATION_ID  "last_mutation_id"
#define AISLE_SYNC_KEY_HUB_PUBLIC_KEY    "hub_public_key"
#define AISLE_SYNC_KEY_DEVICE_PUBLIC_KEY "device_public_key"
#define AISLE_SYNC_KEY_DEVICE_SECRET_KEY "device_secret_key"
#define AISLE_SYNC_KEY_REVOKED           "revoked"

/* A rejected mutation kept for staff ("needs attention"). */
typedef struct
{
  gint64  mutation_id;
  char   *name;
  char   *args_json;
  char   *staff_id;
  char   *code;          /* the hub's wire code: "invalid", "conflict", "forbidden", ... */
  char   *message;       /* the hub's reason, as it sent it */
  char   *detail_json;
  gint64  at;
  /* the member the mutation is about, if the cache knows them (for "open that member") */
  char   *member_id;
  char   *member_number;
  char   *member_name;
} AisleSyncAttention;

void aisle_sync_attention_free (AisleSyncAttention *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleSyncAttention, aisle_sync_attention_free)

/* --- cache side: run on the store's thread ------------------------------------------------- */

gint64     aisle_sync_cache_mutate         (AisleStore          *store,
                                            const char          *name,
                                            const char          *args_json,
                                            const char          *staff_id,
                                            gint64               created_at,
                                            GError             **error);
gboolean   aisle_sync_cache_apply_page     (AisleStore          *store,
                                            AislePullResponse   *page,
                                            guint               *out_applied,
                                            GError             **error);
gboolean   aisle_sync_cache_apply_pages    (AisleStore          *store,
                                            GPtrArray           *pages,
                                            guint               *out_applied,
                                            GError             **error);
gboolean   aisle_sync_cache_rebase         (AisleStore          *store,
                                            GError             **error);
gboolean   aisle_sync_cache_renumber_outbox (AisleStore         *store,
                                             gint64              last_mutation_id,
                                             GError            **error);
GPtrArray *aisle_sync_cache_list_attention (AisleStore          *store,
                                            GError             **error);
gboolean   aisle_sync_cache_dismiss_attention (AisleStore       *store,
                                               gint64            mutation_id,
                                               GError          **error);
char      *aisle_sync_cache_export_outbox  (AisleStore          *store,
                                            GError             **error);
gboolean   aisle_sync_cache_cache_members  (AisleStore          *store,
                                            GPtrArray           *members,
                                            GError             **error);

/* --- the client ---------------------------------------------------------------------------- */

#define AISLE_SYNC_DEFAULT_PERIOD   30   /* seconds between periodic syncs */
#define AISLE_SYNC_BACKOFF_MIN       1   /* seconds: first retry */
#define AISLE_SYNC_BACKOFF_MAX     300   /* seconds: the cap */

#define AISLE_TYPE_SYNC_CLIENT (aisle_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (AisleSyncClient, aisle_sync_client, AISLE, SYNC_CLIENT, GObject)

AisleSyncClient *aisle_sync_client_new             (AisleWorker         *worker,
                                                    SoupSession         *session);
AisleWorker     *aisle_sync_client_get_worker      (AisleSyncClient     *self);
AisleSyncState   aisle_sync_client_get_state       (AisleSyncClient     *self);
gboolean         aisle_sync_client_get_online      (AisleSyncClient     *self);
gboolean         aisle_sync_client_get_syncing     (AisleSyncClient     *self);
guint            aisle_sync_client_get_pending     (AisleSyncClient     *self);
gint64           aisle_sync_client_get_last_success (AisleSyncClient    *self);
const char      *aisle_sync_client_get_last_error  (AisleSyncClient     *self);
guint            aisle_sync_client_get_attention   (AisleSyncClient     *self);
gboolean         aisle_sync_client_get_paired      (AisleSyncClient     *self);
const char      *aisle_sync_client_get_hub_url     (AisleSyncClient     *self);
const char      *aisle_sync_client_get_store_id    (AisleSyncClient     *self);
const char      *aisle_sync_client_get_mode        (AisleSyncClient     *self);
const char      *aisle_sync_client_get_device_id   (AisleSyncClient     *self);
guint64          aisle_sync_client_get_rows_received (AisleSyncClient   *self);
guint64          aisle_sync_client_get_rows_total  (AisleSyncClient     *self);
void             aisle_sync_client_set_period      (AisleSyncClient     *self,
                                                    guint                seconds);
void             aisle_sync_client_set_timeout     (AisleSyncClient     *self,
                                                    guint                seconds);
void             aisle_sync_client_set_debounce_ms (AisleSyncClient     *self,
                                                    guint                ms);

/* Reads the pairing and counts from the cache (the worker); then the client is ready. */
void             aisle_sync_client_load_async      (AisleSyncClient     *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         aisle_sync_client_load_finish     (AisleSyncClient     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void             aisle_sync_client_pair_async      (AisleSyncClient     *self,
                                                    const char          *hub_url,
                                                    const char          *code,
                                                    const char          *device_name,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         aisle_sync_client_pair_finish     (AisleSyncClient     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* One full cycle: push every queued mutation, then pull until `more` is false. */
void             aisle_sync_client_sync_async      (AisleSyncClient     *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         aisle_sync_client_sync_finish     (AisleSyncClient     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Automatic syncing: after a mutation (debounced), every period, when the network comes back,
 * and on aisle_sync_client_sync_now(); failures retry with capped, jittered backoff. */
void             aisle_sync_client_start           (AisleSyncClient     *self);
void             aisle_sync_client_stop            (AisleSyncClient     *self);
void             aisle_sync_client_sync_now        (AisleSyncClient     *self);

void             aisle_sync_client_mutate_async    (AisleSyncClient     *self,
                                                    const char          *name,
                                                    const char          *args_json,
                                                    const char          *staff_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64           aisle_sync_client_mutate_finish   (AisleSyncClient     *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void             aisle_sync_client_list_attention_async  (AisleSyncClient     *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray       *aisle_sync_client_list_attention_finish (AisleSyncClient     *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);
void             aisle_sync_client_dismiss_attention     (AisleSyncClient     *self,
                                                          gint64               mutation_id);

void             aisle_sync_client_export_outbox_async   (AisleSyncClient     *self,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
char            *aisle_sync_client_export_outbox_finish  (AisleSyncClient     *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Online lookup (tablets): GET /v1/members, caches what it finds; returns AisleMember records. */
void             aisle_sync_client_lookup_members_async  (AisleSyncClient     *self,
                                                          const char          *query,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
GPtrArray       *aisle_sync_client_lookup_members_finish (AisleSyncClient     *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* Online coupon lookup (tablets): GET /v1/coupons, caches the coupon and checks it. */
void             aisle_sync_client_lookup_coupon_async   (AisleSyncClient     *self,
                                                          const char          *code,
                                                          const char          *member_id,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
AisleCouponCheck aisle_sync_client_lookup_coupon_finish  (AisleSyncClient     *self,
                                                          GAsyncResult        *result,
                                                          AisleCoupon        **out_coupon,
                                                          GError             **error);

G_END_DECLS

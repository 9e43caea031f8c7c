/* aisle-hub-db.h: the hub's storage interface.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handlers talk to storage only through this vtable, so that a PostgreSQL backend can follow
 * without touching them. Every call runs on the hub's single DB worker thread (STYLE.md §14);
 * an implementation need not be thread-safe. Errors use AISLE_ERROR (mapped to HTTP statuses
 * by the server) or AISLE_HUB_ERROR for the protocol's own conditions.
 */

#pragma once

#include <gio/gio.h>

#include "aisle-protocol.h"

G_BEGIN_DECLS

#define AISLE_HUB_ERROR (aisle_hub_error_quark ())

typedef enum
{
  AISLE_HUB_ERROR_OUT_OF_ORDER,   /* 409 out_of_order: a mutation id beyond last + 1 */
  AISLE_HUB_ERROR_REVOKED,        /* 403 device_revoked */
} AisleHubError;

GQuark aisle_hub_error_quark (void);

typedef struct
{
  char   *id;
  char   *name;
  char   *store_id;
  char   *mode;               /* "kiosk" or "tablet" */
  char   *public_key;         /* base64 Ed25519, nullable */
  gboolean revoked;
  gint64  last_mutation_id;
  gint64  paired_at;
  gint64  last_seen;
} AisleHubDevice;

void             aisle_hub_device_free (AisleHubDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleHubDevice, aisle_hub_device_free)

/* What a successful pairing hands the device: its token is shown once and never stored. */
typedef struct
{
  AisleHubDevice *device;
  char           *token;
  char           *hub_public_key;     /* base64 Ed25519, for member cards */
  GPtrArray      *device_keys;        /* (element-type AisleHubDevice) other devices' keys */
} AisleHubPairing;

void             aisle_hub_pairing_free (AisleHubPairing *pairing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleHubPairing, aisle_hub_pairing_free)

/* An online order as posted by a channel's webhook. */
typedef struct
{
  const char *channel;
  JsonObject *order;    /* borrowed */
  gint64      now;
} AisleHubIngest;

typedef struct _AisleHubDb AisleHubDb;
typedef struct _AisleHubReportQuery AisleHubReportQuery;   /* aisle-hub-reports.h */

typedef struct
{
  void              (*close)             (AisleHubDb            *self);
  gboolean          (*check)             (AisleHubDb            *self,
                                          GError               **error);
  AisleHubDevice   *(*authenticate)      (AisleHubDb            *self,
                                          const char            *token,
                                          gint64                 now,
                                          GError               **error);
  AisleHubPairing  *(*pair)              (AisleHubDb            *self,
                                          const char            *code,
                                          const char            *name,
                                          const char            *public_key,
                                          gint64                 now,
                                          GError               **error);
  /* Applies @mutations (element-type AisleMutation) in order, appending an
   * AisleMutationResult per mutation handled to @results even when it then fails. */
  gboolean          (*push)              (AisleHubDb            *self,
                                          const AisleHubDevice  *device,
                                          GPtrArray             *mutations,
                                          gint64                 now,
                                          GPtrArray             *results,
                                          gint64                *out_last_mutation_id,
                                          GError               **error);
  AislePullResponse*(*pull)              (AisleHubDb            *self,
                                          const AisleHubDevice  *device,
                                          gint64                 cursor,
                                          guint                  limit,
                                          GError               **error);
  /* A JSON array of member objects (the protocol's shape), at most @limit. The members found
   * enter the scope of @device's store, so its devices cache them from then on. */
  char             *(*lookup_members)    (AisleHubDb            *self,
                                          const AisleHubDevice  *device,
                                          const char            *phone,
                                          const char            *number,
                                          const char            *query,
                                          guint                  limit,
                                          GError               **error);
  /* {"coupon": {...}} for a coupon @device may see (no owner, owned by @member_id, or by a
   * member of its store's scope), {"coupon": null, "other_member": true} for another member's,
   * {"coupon": null} for an unknown code. */
  char             *(*lookup_coupon)     (AisleHubDb            *self,
                                          const AisleHubDevice  *device,
                                          const char            *code,
                                          const char            *member_id,
                                          GError               **error);
  char             *(*channel_secret)    (AisleHubDb            *self,
                                          const char            *channel,
                                          GError               **error);
  /* Returns a JSON object: {"order_id":..., "status":"created"|"updated", ...}. */
  char             *(*ingest_order)      (AisleHubDb            *self,
                                          const AisleHubIngest  *ingest,
                                          GError               **error);
  /* Group commit around several pushes: each push's own transactions nest inside. */
  gboolean          (*batch_begin)       (AisleHubDb            *self,
                                          GError               **error);
  /* Commits the batch, or rolls it all back and returns FALSE. */
  gboolean          (*batch_commit)      (AisleHubDb            *self,
                                          GError               **error);
  /* Merges @seen (device id -> Unix seconds) into the devices' last-seen times. */
  void              (*record_seen)       (AisleHubDb            *self,
                                          GHashTable            *seen);
  /* Periodic upkeep on the worker: writes last-seen times, re-derives tiers that may have
   * lapsed. Cheap when there is nothing to do. */
  gboolean          (*maintain)          (AisleHubDb            *self,
                                          gint64                 now,
                                          GError               **error);
  /* The main thread's own read-only view of the database, for the empty-pull fast path:
   * opened once on the main thread (never touching the worker's connection), then polled. */
  gpointer          (*watch_open)        (AisleHubDb            *self,
                                          GError               **error);
  /* TRUE when anyone (this hub or another process) committed since the last call, and then the
   * change log's highest sequence and a counter that moves with every device revocation.
   * Cheap: a shared-memory check when nothing changed. */
  gboolean          (*watch_poll)        (gpointer               watch,
                                          gint64                *out_max_seq,
                                          gint64                *out_revocations);
  void              (*watch_close)       (gpointer               watch);
  /* A staff record (with its PIN hash), or NULL with AISLE_ERROR_NOT_FOUND. */
  AisleStaff       *(*get_staff)         (AisleHubDb            *self,
                                          const char            *staff_id,
                                          GError               **error);
  /* The store report or one figure's drill-down as JSON (hub/aisle-hub-reports.h). */
  char             *(*store_report)      (AisleHubDb            *self,
                                          const AisleHubReportQuery *query,
                                          GError               **error);
  /* Prometheus lines describing the devices (last seen, last mutation id). */
  char             *(*device_metrics)    (AisleHubDb            *self,
                                          GError               **error);
} AisleHubDbVTable;

struct _AisleHubDb
{
  const AisleHubDbVTable *vtable;
};

/* The SQLite backend (aisle-hub-db-sqlite.c). Opening creates or migrates the file. */
AisleHubDb *aisle_hub_db_sqlite_open (const char  *path,
                                      GError     **error);

static inline void
aisle_hub_db_close (AisleHubDb *db)
{
  if (db != NULL)
    db->vtable->close (db);
}

G_END_DECLS

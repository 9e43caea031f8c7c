/* aisle-store.h: the device cache, one SQLite file (WAL) per device.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AisleStore wraps one sqlite3 connection and is not thread-safe: use it from one thread
 * (the app gives it to an AisleWorker; tests and CLIs use it directly). No SQL leaves core/.
 */

#pragma once

#include <gio/gio.h>

#include "aisle-model.h"

G_BEGIN_DECLS

#define AISLE_STORE_ERROR (aisle_store_error_quark ())

typedef enum
{
  AISLE_STORE_ERROR_FAILED,
  AISLE_STORE_ERROR_CORRUPT,      /* not a database, or fails its check: moved aside, never deleted */
  AISLE_STORE_ERROR_TOO_NEW,      /* written by a newer Aisle: schema version above ours */
  AISLE_STORE_ERROR_NOT_FOUND,
  AISLE_STORE_ERROR_CONSTRAINT,   /* a uniqueness or reference rule refused the write */
  AISLE_STORE_ERROR_BUSY,
  AISLE_STORE_ERROR_FULL,         /* the disk is full */
  AISLE_STORE_ERROR_INVALID,      /* an argument the API refuses (empty id, bad enum) */
} AisleStoreError;

typedef enum
{
  AISLE_STORE_OPEN_NONE = 0,
  AISLE_STORE_OPEN_READONLY = 1 << 0,
  /* Bulk loading (demo generator, initial sync): synchronous=OFF until closed. */
  AISLE_STORE_OPEN_BULK = 1 << 1,
} AisleStoreOpenFlags;

#define AISLE_TYPE_STORE (aisle_store_get_type ())

G_DECLARE_FINAL_TYPE (AisleStore, aisle_store, AISLE, STORE, GObject)

GQuark       aisle_store_error_quark         (void);

AisleStore  *aisle_store_open                (const char           *path,
                                              AisleStoreOpenFlags   flags,
                                              GError              **error);
const char  *aisle_store_get_path            (AisleStore           *self);
int          aisle_store_get_schema_version  (AisleStore           *self);
int          aisle_store_get_latest_schema_version (void);

gboolean     aisle_store_begin               (AisleStore           *self,
                                              GError              **error);
gboolean     aisle_store_commit              (AisleStore           *self,
                                              GError              **error);
void         aisle_store_rollback            (AisleStore           *self);

/* Search (see docs/architecture.md, "Search"). Results are capped at @limit and ordered by
 * recent activity, never by ranking the whole match set.
 * Members: a phone number (full, or its last 3-4 digits), a member number, or a name
 * (surname alone 王, given name 小明, or the full name). Products: a barcode, a name or a brand. */
GPtrArray   *aisle_store_search_members      (AisleStore           *self,
                                              const char           *query,
                                              guint                 limit,
                                              GError              **error);
GPtrArray   *aisle_store_search_products     (AisleStore           *self,
                                              const char           *query,
                                              guint                 limit,
                                              GError              **error);
AisleMember *aisle_store_get_member          (AisleStore           *self,
                                              const char           *id,
                                              GError              **error);
AisleProduct *aisle_store_get_product_by_barcode (AisleStore       *self,
                                                  const char       *barcode,
                                                  GError          **error);

G_END_DECLS

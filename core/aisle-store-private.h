/* aisle-store-private.h: shared between the aisle-store-*.c files and white-box tests.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "aisle-store.h"
#include "aisle-store-sqlite.h"   /* AisleStmt */

G_BEGIN_DECLS

struct _AisleStore
{
  GObject              parent_instance;

  /* owned; used only from the thread that owns the store */
  sqlite3             *db;
  char                *path;
  GHashTable          *statements;     /* SQL text (static) -> sqlite3_stmt*, finalized on close */
  AisleStoreOpenFlags  flags;
  int                  schema_version;
  guint                txn_depth;      /* 0: none; 1: BEGIN; n > 1: SAVEPOINT s<n> */
};

/* aisle-store.c */
void            _aisle_store_close        (AisleStore   *self);
AisleStoreError _aisle_store_error_code   (int           rc);

/* @sql must be a string literal (or otherwise outlive the store): it keys the cache. */
sqlite3_stmt *_aisle_store_prepare        (AisleStore   *self,
                                           const char   *sql,
                                           GError      **error);
gboolean      _aisle_store_exec           (AisleStore   *self,
                                           const char   *sql,
                                           GError      **error);
/* Runs a prepared statement that returns no rows to completion. */
gboolean      _aisle_store_step_done      (AisleStore   *self,
                                           sqlite3_stmt *stmt,
                                           const char   *what,
                                           GError      **error);
void          _aisle_store_set_error      (AisleStore   *self,
                                           int           rc,
                                           const char   *what,
                                           GError      **error);

/* Binding helpers: NULL strings bind SQL NULL. */
void          _aisle_bind_text            (sqlite3_stmt *stmt,
                                           int           index,
                                           const char   *text);
char         *_aisle_column_dup           (sqlite3_stmt *stmt,
                                           int           column);
gboolean      _aisle_require_id           (const char   *id,
                                           const char   *what,
                                           GError      **error);

/* aisle-store-catalog.c */
char         *_aisle_barcode_key          (const char   *barcode);
gboolean      _aisle_store_migrate_barcodes (AisleStore *self,
                                             GError    **error);

/* aisle-store-orders.c */
char         *_aisle_order_items_to_json  (const AisleOrder *order);
gboolean      _aisle_store_migrate_order_items (AisleStore  *self,
                                                GError     **error);

/* aisle-store-search.c */
gboolean      _aisle_store_index_member   (AisleStore   *self,
                                           gint64        rid,
                                           const char   *old_name,
                                           gint64        old_activity,
                                           const char   *new_name,
                                           gint64        new_activity,
                                           GError      **error);
gboolean      _aisle_store_index_product  (AisleStore   *self,
                                           gint64        rid,
                                           const char   *name,
                                           const char   *brand,
                                           const char   *category,
                                           gint64        popularity,
                                           GError      **error);
gboolean      _aisle_store_backfill_search (AisleStore  *self,
                                            GError     **error);
AisleMember  *_aisle_store_member_from_row (sqlite3_stmt *stmt);

/* aisle-store-tokens.c */
char         *_aisle_name_query_key        (const char   *query);
char         *_aisle_fold                  (const char   *text);
void          _aisle_product_tokens_add    (GPtrArray    *tokens,
                                            GHashTable   *seen,
                                            const char   *text);
GPtrArray    *_aisle_product_query_terms   (const char   *query);

/* The column list _aisle_store_member_from_row() reads, in order. */
#define AISLE_MEMBER_COLUMNS \
  "id, number, name, phone, birth_month, tier, points, home_store_id, enrolled_at, last_activity_at"

/* The SQL of each search path, exposed so tests can check its query plan. */
extern const char * const _aisle_store_search_sql[];
extern const guint _aisle_store_n_search_sql;

G_END_DECLS

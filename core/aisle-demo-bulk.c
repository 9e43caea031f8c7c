/* aisle-demo-bulk.c: the demo generator's bulk loader for products, members and everything
 * they own.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The typed API keeps every index in step on every call: for 1,000,000 members and their
 * 1.4 million orders that is tens of millions of random B-tree updates (over eight minutes).
 * A fresh load needs none of them. This loader, used inside the generator's one transaction:
 * - drops the secondary indexes of the tables it fills and recreates them from their own
 *   schema text at the end (one sort each instead of one random insert per row);
 * - inserts with plain prepared INSERTs: no lookups, no savepoints, no upserts;
 * - collects the name tokens in a temporary table and moves them into member_name_tokens in
 *   key order at the end (an order's items are a JSON column of its row);
 * - moves each member's cached points balance once, not once per ledger entry.
 * The rows it writes are exactly those the typed API would write (same normalisation, same
 * defaults, same insertion order, hence the same rowids); tests/test-core-store.c checks the
 * invariants the typed API keeps.
 */

#define G_LOG_DOMAIN "aisle-demo"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aisle-demo-private.h"
#include "aisle-store-private.h"   /* the open flags */

/* Tables the loader fills row by row; their secondary indexes wait until the end. Stores and
 * staff are few and go through the typed API. */
#define BULK_TABLES \
  "'products', 'product_barcodes', 'product_tokens', 'stock', " \
  "'members', 'member_consents', 'bindings', 'orders', 'points_ledger', " \
  "'coupons', 'invoices', 'reservations', 'notes', 'member_tags'"

typedef enum
{
  INS_PRODUCT,
  INS_BARCODE,
  INS_PRODUCT_TOKEN,
  INS_STOCK,
  INS_MEMBER,
  INS_TOKEN,
  INS_CONSENT,
  INS_BINDING,
  INS_ORDER,
  INS_POINTS,
  INS_COUPON,
  INS_INVOICE,
  INS_RESERVATION,
  INS_NOTE,
  INS_TAG,
  INS_BALANCE,
  N_INS
} Insert;

static const char * const insert_sql[N_INS] = {
  [INS_PRODUCT] = "INSERT INTO products (id, name, brand, category, price, popularity) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [INS_BARCODE] = "INSERT INTO product_barcodes (barcode, product_id) VALUES (?1, ?2)",
  [INS_PRODUCT_TOKEN] = "INSERT OR IGNORE INTO product_tokens (token, popularity, product_rid) "
                        "VALUES (?1, ?2, ?3)",
  [INS_STOCK] = "INSERT INTO stock (product_id, location_id, on_hand, reserved, updated_at) "
                "VALUES (?1, ?2, ?3, ?4, ?5)",
  [INS_MEMBER] = "INSERT INTO members (id, number, name, phone, birth_month, tier, points, "
                 "home_store_id, enrolled_at, last_activity_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
  [INS_TOKEN] = "INSERT INTO temp.demo_name_tokens (token, last_activity_at, member_rid) "
                "VALUES (?1, ?2, ?3)",
  [INS_CONSENT] = "INSERT INTO member_consents (member_id, policy_version, text_hash, privacy, "
                  "marketing, at, channel, device_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [INS_BINDING] = "INSERT INTO bindings (id, member_id, staff_id, store_id, since, until, source) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [INS_ORDER] = "INSERT INTO orders (id, member_id, channel, fulfilment, status, tracking, "
                "store_id, total, placed_at, credited_staff_id, credited_store_id, credit_reason, "
                "items) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
  [INS_POINTS] = "INSERT INTO points_ledger (id, member_id, delta, reason, at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5)",
  [INS_COUPON] = "INSERT INTO coupons (code, member_id, title, value, valid_from, valid_until, "
                 "redeemed_at, redeemed_store_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [INS_INVOICE] = "INSERT INTO invoices (number, date, random_code, seller_id, total, member_id, "
                  "points, registered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [INS_RESERVATION] = "INSERT INTO reservations (id, member_id, product_id, store_id, quantity, "
                      "status, created_at, expires_at, staff_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  [INS_NOTE] = "INSERT INTO notes (id, member_id, staff_id, text, at) VALUES (?1, ?2, ?3, ?4, ?5)",
  [INS_TAG] = "INSERT OR IGNORE INTO member_tags (member_id, tag) VALUES (?1, ?2)",
  [INS_BALANCE] = "UPDATE members SET points = points + ?1 WHERE rid = ?2",
};

struct _AisleDemoBulk
{
  AisleStore    *store;            /* borrowed */
  sqlite3       *db;               /* borrowed from store */
  sqlite3_stmt  *stmts[N_INS];     /* owned */
  GPtrArray     *index_sql;        /* (element-type utf8): CREATE INDEX statements to rerun */
  char          *member_id;        /* the member last inserted, owned */
  gint64         member_rid;
  gint64         member_points;    /* its ledger entries' sum, not yet in its balance */
};

static gboolean
exec (AisleDemoBulk  *bulk,
      const char     *sql,
      const char     *what,
      GError        **error)
{
  int rc = sqlite3_exec (bulk->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      aisle_store_set_sqlite_error (bulk->store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Runs a bound INSERT and resets it for the next row. */
static gboolean
run (AisleDemoBulk  *bulk,
     Insert          which,
     const char     *what,
     GError        **error)
{
  sqlite3_stmt *stmt = bulk->stmts[which];
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (bulk->store, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

/* Moves the last member's cached balance by its ledger entries: one update by rowid of a row
 * still in cache, where the typed API updated the balance once per entry by id. */
static gboolean
flush_points (AisleDemoBulk  *bulk,
              GError        **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_BALANCE];

  if (bulk->member_points == 0)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, bulk->member_points);
  sqlite3_bind_int64 (stmt, 2, bulk->member_rid);
  bulk->member_points = 0;
  return run (bulk, INS_BALANCE, "updating a points balance", error);
}

void
_aisle_demo_bulk_free (AisleDemoBulk *bulk)
{
  if (bulk == NULL)
    return;
  for (guint i = 0; i < N_INS; i++)
    sqlite3_finalize (bulk->stmts[i]);
  g_clear_pointer (&bulk->index_sql, g_ptr_array_unref);
  g_free (bulk->member_id);
  g_free (bulk);
}

/* Drops the secondary indexes of BULK_TABLES, remembering their SQL. DDL is transactional:
 * if the load fails, the caller's rollback brings them back. */
static gboolean
drop_indexes (AisleDemoBulk  *bulk,
              GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (bulk->db,
                           "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                           "AND sql IS NOT NULL AND tbl_name IN (" BULK_TABLES ") "
                           "ORDER BY rootpage", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
        g_ptr_array_add (bulk->index_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (bulk->store, rc, "listing indexes", error);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) names->pdata[i]);
      gboolean ok = exec (bulk, sql, "dropping an index for the bulk load", error);

      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/**
 * _aisle_demo_bulk_begin:
 * @store: a store inside a transaction
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the loader, or %NULL with @error set
 */
AisleDemoBulk *
_aisle_demo_bulk_begin (AisleStore  *store,
                        GError     **error)
{
  g_autoptr(AisleDemoBulk) bulk = g_new0 (AisleDemoBulk, 1);
  int rc;

  g_assert (aisle_store_get_transaction_depth (store) > 0);

  bulk->store = store;
  bulk->db = aisle_store_get_sqlite (store);
  bulk->index_sql = g_ptr_array_new_with_free_func (g_free);

  if (!drop_indexes (bulk, error) ||
      !exec (bulk, "CREATE TEMP TABLE demo_name_tokens (token TEXT NOT NULL, "
                   "last_activity_at INTEGER NOT NULL, member_rid INTEGER NOT NULL)",
             "creating the token staging table", error))
    return NULL;

  for (guint i = 0; i < N_INS; i++)
    {
      rc = sqlite3_prepare_v3 (bulk->db, insert_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &bulk->stmts[i], NULL);
      if (rc != SQLITE_OK)
        {
          aisle_store_set_sqlite_error (store, rc, "preparing the bulk load", error);
          return NULL;
        }
    }
  return g_steal_pointer (&bulk);
}

/**
 * _aisle_demo_bulk_finish:
 * @bulk: the loader
 * @error: return location for a #GError
 *
 * Moves the staged name tokens into their table in key order and recreates the dropped
 * indexes.
 *
 * Returns: %TRUE on success
 */
gboolean
_aisle_demo_bulk_finish (AisleDemoBulk  *bulk,
                         GError        **error)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  if (!flush_points (bulk, error))
    return FALSE;
  if (!exec (bulk, "INSERT OR IGNORE INTO member_name_tokens (token, last_activity_at, "
                   "member_rid) SELECT token, last_activity_at, member_rid "
                   "FROM temp.demo_name_tokens ORDER BY token, last_activity_at DESC, member_rid",
             "filling the name index", error) ||
      !exec (bulk, "DROP TABLE temp.demo_name_tokens", "dropping the token staging table", error))
    return FALSE;

  g_debug ("name index: %.1f s", g_timer_elapsed (timer, NULL));
  for (guint i = 0; i < bulk->index_sql->len; i++)
    {
      g_timer_start (timer);
      if (!exec (bulk, bulk->index_sql->pdata[i], "recreating an index", error))
        return FALSE;
      g_debug ("%s: %.1f s", (const char *) bulk->index_sql->pdata[i], g_timer_elapsed (timer, NULL));
    }

  /* The typed API's lookups would have left planner statistics behind (PRAGMA optimize on
   * close); a sampled ANALYZE gives every index its statistics for the first searches. */
  return exec (bulk, "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA analysis_limit = 0",
               "analysing the load", error);
}

/* As aisle_store_upsert_product() writes a new product: its row, its barcodes by their
 * normal form (one row per key), its search tokens. */
gboolean
_aisle_demo_bulk_product (AisleDemoBulk       *bulk,
                          const AisleProduct  *p,
                          GError             **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = bulk->stmts[INS_PRODUCT];
  gint64 rid;

  aisle_sqlite_bind_text (stmt, 1, p->id);
  aisle_sqlite_bind_text (stmt, 2, p->name);
  aisle_sqlite_bind_text (stmt, 3, p->brand);
  aisle_sqlite_bind_text (stmt, 4, p->category);
  sqlite3_bind_int64 (stmt, 5, p->price);
  sqlite3_bind_int64 (stmt, 6, p->popularity);
  if (!run (bulk, INS_PRODUCT, "saving a product", error))
    return FALSE;
  rid = sqlite3_last_insert_rowid (bulk->db);

  stmt = bulk->stmts[INS_BARCODE];
  for (guint i = 0; p->barcodes != NULL && p->barcodes[i] != NULL; i++)
    {
      char *key = _aisle_barcode_key (p->barcodes[i]);

      if (key == NULL || !g_hash_table_add (keys, key))
        continue;
      aisle_sqlite_bind_text (stmt, 1, key);
      aisle_sqlite_bind_text (stmt, 2, p->id);
      if (!run (bulk, INS_BARCODE, "saving a barcode", error))
        return FALSE;
    }

  _aisle_product_tokens_add (tokens, seen, p->name);
  _aisle_product_tokens_add (tokens, seen, p->brand);
  _aisle_product_tokens_add (tokens, seen, p->category);
  stmt = bulk->stmts[INS_PRODUCT_TOKEN];
  for (guint i = 0; i < tokens->len; i++)
    {
      aisle_sqlite_bind_text (stmt, 1, tokens->pdata[i]);
      sqlite3_bind_int64 (stmt, 2, p->popularity);
      sqlite3_bind_int64 (stmt, 3, rid);
      if (!run (bulk, INS_PRODUCT_TOKEN, "indexing a product", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_aisle_demo_bulk_stock (AisleDemoBulk     *bulk,
                        const AisleStock  *st,
                        GError           **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_STOCK];

  aisle_sqlite_bind_text (stmt, 1, st->product_id);
  aisle_sqlite_bind_text (stmt, 2, st->location_id);
  sqlite3_bind_int64 (stmt, 3, st->on_hand);
  sqlite3_bind_int64 (stmt, 4, st->reserved);
  sqlite3_bind_int64 (stmt, 5, st->updated_at);
  return run (bulk, INS_STOCK, "setting stock", error);
}

gboolean
_aisle_demo_bulk_member (AisleDemoBulk      *bulk,
                         const AisleMember  *m,
                         GError            **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_MEMBER];
  g_autofree char *phone = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  gint64 rid;

  if (!flush_points (bulk, error))
    return FALSE;

  /* As aisle_store_upsert_member() stores it. */
  phone = aisle_phone_normalize (m->phone);
  if (phone == NULL && m->phone != NULL && *m->phone != '\0')
    phone = g_strstrip (g_strdup (m->phone));

  aisle_sqlite_bind_text (stmt, 1, m->id);
  aisle_sqlite_bind_text (stmt, 2, m->number != NULL && *m->number != '\0' ? m->number : NULL);
  aisle_sqlite_bind_text (stmt, 3, m->name);
  aisle_sqlite_bind_text (stmt, 4, phone);
  sqlite3_bind_int (stmt, 5, m->birth_month);
  aisle_sqlite_bind_text (stmt, 6, m->tier != NULL ? m->tier : "basic");
  sqlite3_bind_int64 (stmt, 7, m->points);
  aisle_sqlite_bind_text (stmt, 8, m->home_branch_id);
  sqlite3_bind_int64 (stmt, 9, m->enrolled_at);
  sqlite3_bind_int64 (stmt, 10, m->last_activity_at);
  if (!run (bulk, INS_MEMBER, "saving a member", error))
    return FALSE;
  rid = sqlite3_last_insert_rowid (bulk->db);
  g_free (bulk->member_id);
  bulk->member_id = g_strdup (m->id);
  bulk->member_rid = rid;

  tokens = aisle_name_tokens (m->name);
  stmt = bulk->stmts[INS_TOKEN];
  for (guint i = 0; i < tokens->len; i++)
    {
      aisle_sqlite_bind_text (stmt, 1, tokens->pdata[i]);
      sqlite3_bind_int64 (stmt, 2, m->last_activity_at);
      sqlite3_bind_int64 (stmt, 3, rid);
      if (!run (bulk, INS_TOKEN, "staging a name token", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_aisle_demo_bulk_consent (AisleDemoBulk       *bulk,
                          const AisleConsent  *c,
                          GError             **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_CONSENT];

  aisle_sqlite_bind_text (stmt, 1, c->member_id);
  aisle_sqlite_bind_text (stmt, 2, c->policy_version);
  aisle_sqlite_bind_text (stmt, 3, c->text_hash);
  sqlite3_bind_int (stmt, 4, c->privacy ? 1 : 0);
  sqlite3_bind_int (stmt, 5, c->marketing ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, c->at);
  aisle_sqlite_bind_text (stmt, 7, c->channel);
  aisle_sqlite_bind_text (stmt, 8, c->device_id);
  return run (bulk, INS_CONSENT, "recording consent", error);
}

gboolean
_aisle_demo_bulk_binding (AisleDemoBulk       *bulk,
                          const AisleBinding  *b,
                          GError             **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_BINDING];

  aisle_sqlite_bind_text (stmt, 1, b->id);
  aisle_sqlite_bind_text (stmt, 2, b->member_id);
  aisle_sqlite_bind_text (stmt, 3, b->staff_id);
  aisle_sqlite_bind_text (stmt, 4, b->branch_id);
  sqlite3_bind_int64 (stmt, 5, b->since);
  sqlite3_bind_int64 (stmt, 6, b->until);
  aisle_sqlite_bind_text (stmt, 7, b->source != NULL ? b->source : "card_scan");
  return run (bulk, INS_BINDING, "creating a binding", error);
}

gboolean
_aisle_demo_bulk_order (AisleDemoBulk     *bulk,
                        const AisleOrder  *o,
                        GError           **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_ORDER];
  g_autofree char *items = _aisle_order_items_to_json (o);

  aisle_sqlite_bind_text (stmt, 1, o->id);
  aisle_sqlite_bind_text (stmt, 2, o->member_id);
  aisle_sqlite_bind_text (stmt, 3, aisle_channel_to_string (o->channel));
  aisle_sqlite_bind_text (stmt, 4, aisle_fulfilment_to_string (o->fulfilment));
  aisle_sqlite_bind_text (stmt, 5, aisle_order_status_to_string (o->status));
  aisle_sqlite_bind_text (stmt, 6, o->tracking);
  aisle_sqlite_bind_text (stmt, 7, o->branch_id);
  sqlite3_bind_int64 (stmt, 8, o->total);
  sqlite3_bind_int64 (stmt, 9, o->placed_at);
  aisle_sqlite_bind_text (stmt, 10, o->credited_staff_id);
  aisle_sqlite_bind_text (stmt, 11, o->credited_branch_id);
  aisle_sqlite_bind_text (stmt, 12, o->credit_reason);
  aisle_sqlite_bind_text (stmt, 13, items);
  return run (bulk, INS_ORDER, "saving an order", error);
}

/* The ledger row; the member's balance moves once, after its last entry (flush_points()). */
gboolean
_aisle_demo_bulk_points (AisleDemoBulk           *bulk,
                         const AislePointsEntry  *e,
                         GError                 **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_POINTS];

  aisle_sqlite_bind_text (stmt, 1, e->id);
  aisle_sqlite_bind_text (stmt, 2, e->member_id);
  sqlite3_bind_int64 (stmt, 3, e->delta);
  aisle_sqlite_bind_text (stmt, 4, e->reason);
  sqlite3_bind_int64 (stmt, 5, e->at);
  if (!run (bulk, INS_POINTS, "recording points", error))
    return FALSE;
  if (g_strcmp0 (e->member_id, bulk->member_id) != 0)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "points for %s outside its member's load", e->member_id);
      return FALSE;
    }
  bulk->member_points += e->delta;
  return TRUE;
}

gboolean
_aisle_demo_bulk_coupon (AisleDemoBulk      *bulk,
                         const AisleCoupon  *c,
                         GError            **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_COUPON];

  aisle_sqlite_bind_text (stmt, 1, c->code);
  aisle_sqlite_bind_text (stmt, 2, c->member_id);
  aisle_sqlite_bind_text (stmt, 3, c->title);
  sqlite3_bind_int64 (stmt, 4, c->value);
  sqlite3_bind_int64 (stmt, 5, c->valid_from);
  sqlite3_bind_int64 (stmt, 6, c->valid_until);
  sqlite3_bind_int64 (stmt, 7, c->redeemed_at);
  aisle_sqlite_bind_text (stmt, 8, c->redeemed_branch_id);
  return run (bulk, INS_COUPON, "saving a coupon", error);
}

gboolean
_aisle_demo_bulk_invoice (AisleDemoBulk       *bulk,
                          const AisleInvoice  *inv,
                          GError             **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_INVOICE];

  aisle_sqlite_bind_text (stmt, 1, inv->number);
  aisle_sqlite_bind_text (stmt, 2, inv->date);
  aisle_sqlite_bind_text (stmt, 3, inv->random_code);
  aisle_sqlite_bind_text (stmt, 4, inv->seller_id);
  sqlite3_bind_int64 (stmt, 5, inv->total);
  aisle_sqlite_bind_text (stmt, 6, inv->member_id);
  sqlite3_bind_int64 (stmt, 7, inv->points);
  sqlite3_bind_int64 (stmt, 8, inv->registered_at);
  return run (bulk, INS_INVOICE, "saving an invoice", error);
}

gboolean
_aisle_demo_bulk_reservation (AisleDemoBulk           *bulk,
                              const AisleReservation  *r,
                              GError                 **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_RESERVATION];

  aisle_sqlite_bind_text (stmt, 1, r->id);
  aisle_sqlite_bind_text (stmt, 2, r->member_id);
  aisle_sqlite_bind_text (stmt, 3, r->product_id);
  aisle_sqlite_bind_text (stmt, 4, r->branch_id);
  sqlite3_bind_int64 (stmt, 5, r->quantity);
  aisle_sqlite_bind_text (stmt, 6, aisle_reservation_status_to_string (r->status));
  sqlite3_bind_int64 (stmt, 7, r->created_at);
  sqlite3_bind_int64 (stmt, 8, r->expires_at);
  aisle_sqlite_bind_text (stmt, 9, r->staff_id);
  return run (bulk, INS_RESERVATION, "saving a reservation", error);
}

gboolean
_aisle_demo_bulk_note (AisleDemoBulk    *bulk,
                       const AisleNote  *n,
                       GError          **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_NOTE];

  aisle_sqlite_bind_text (stmt, 1, n->id);
  aisle_sqlite_bind_text (stmt, 2, n->member_id);
  aisle_sqlite_bind_text (stmt, 3, n->staff_id);
  aisle_sqlite_bind_text (stmt, 4, n->text);
  sqlite3_bind_int64 (stmt, 5, n->at);
  return run (bulk, INS_NOTE, "adding a note", error);
}

gboolean
_aisle_demo_bulk_tags (AisleDemoBulk       *bulk,
                       const char          *member_id,
                       const char * const  *tags,
                       GError             **error)
{
  sqlite3_stmt *stmt = bulk->stmts[INS_TAG];

  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (*tags[i] == '\0')
        continue;
      aisle_sqlite_bind_text (stmt, 1, member_id);
      aisle_sqlite_bind_text (stmt, 2, tags[i]);
      if (!run (bulk, INS_TAG, "tagging a member", error))
        return FALSE;
    }
  return TRUE;
}

/* --- connection settings for the load ------------------------------------------------------ */

static char *
pragma_value (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/**
 * _aisle_demo_bulk_tune:
 * @store: a store opened with %AISLE_STORE_OPEN_BULK, outside any transaction
 * @saved: (inout): state to restore; start with %NULL
 *
 * With @saved pointing to %NULL, switches the connection to load settings: the rollback
 * journal in memory instead of the WAL (the load is written once, not once to the WAL and
 * again by the checkpoint; a crash leaves a file to delete and rebuild, which is what BULK
 * means), temporary tables and sorts in memory, a 2 GiB page cache so that the random inserts
 * into the UUID keys stay in memory. Called again, restores WAL and the old settings. Does
 * nothing for a store opened without BULK (the hub's live database).
 */
void
_aisle_demo_bulk_tune (AisleStore  *store,
                       char       **saved)
{
  sqlite3 *db = aisle_store_get_sqlite (store);
  g_autofree char *mode = NULL;

  if ((store->flags & AISLE_STORE_OPEN_BULK) == 0 || aisle_store_get_transaction_depth (store) > 0)
    return;

  if (*saved == NULL)
    {
      *saved = pragma_value (db, "PRAGMA cache_size");
      if (*saved == NULL)
        return;
      mode = pragma_value (db, "PRAGMA journal_mode = MEMORY");
      if (g_strcmp0 (mode, "memory") != 0)
        g_debug ("bulk load keeps journal_mode %s", mode);
      sqlite3_exec (db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
      sqlite3_exec (db, "PRAGMA cache_size = -2097152", NULL, NULL, NULL);
      /* Every reference the generator writes points at a row it wrote just before (the
       * fixture of tests/test-core-store.c loads with the checks on and proves it); checking
       * each one would cost a random probe of the parent key per row, millions of them. */
      sqlite3_exec (db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
      /* Sorts (CREATE INDEX, the staged rows) may use a second core. */
      sqlite3_exec (db, "PRAGMA threads = 2", NULL, NULL, NULL);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %d", atoi (*saved));

      sqlite3_exec (db, sql, NULL, NULL, NULL);
      sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
      sqlite3_exec (db, "PRAGMA threads = 0", NULL, NULL, NULL);
      sqlite3_exec (db, "PRAGMA temp_store = DEFAULT", NULL, NULL, NULL);
      mode = pragma_value (db, "PRAGMA journal_mode = WAL");
      if (g_strcmp0 (mode, "wal") != 0)
        g_warning ("%s: journal_mode is %s after the bulk load, not WAL",
                   aisle_store_get_path (store), mode);
      g_clear_pointer (saved, g_free);
    }
}

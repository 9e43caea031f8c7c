/* aisle-store-sync.c: the cache side of sync: apply pull pages, attention, export.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here runs on the thread that owns the store (the AisleWorker in the app).
 *
 * Pulled rows overwrite the cache's rows (the hub is the source of truth); after each page the
 * mutations still in the outbox are applied again on top (the rebase, with the optimistic
 * appliers, is in aisle-store-sync-local.c), so a pending change never disappears from the
 * screen between pages.
 *
 * Pulled rows are written with SQLite's JSON functions straight from the wire object: the keys
 * are those of aisle_protocol_*_to_json() and the hub's tables have the cache's shape. Members
 * and products go through the typed API, which keeps the search index up to date.
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"
#include "aisle-sync-private.h"

void
aisle_sync_attention_free (AisleSyncAttention *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->args_json);
  g_free (self->staff_id);
  g_free (self->code);
  g_free (self->message);
  g_free (self->detail_json);
  g_free (self->member_id);
  g_free (self->member_number);
  g_free (self->member_name);
  g_free (self);
}

/* --- pulled rows ---------------------------------------------------------------------------- */

typedef struct
{
  const char *entity;
  const char *put;      /* ?1 is the row's JSON */
  const char *del;      /* ?1 is the entity id */
} EntitySql;

#define J(k) "json_extract(?1, '$." k "')"

static const EntitySql entity_sql[] = {
  { "store", "INSERT OR REPLACE INTO stores (id, name, address, phone, latitude, longitude) "
             "VALUES (" J ("id") ", " J ("name") ", " J ("address") ", " J ("phone") ", "
             J ("latitude") ", " J ("longitude") ")",
    "DELETE FROM stores WHERE id = ?1" },
  { "device_key", "INSERT OR REPLACE INTO device_keys (device_id, store_id, public_key, revoked) "
                  "VALUES (" J ("device_id") ", " J ("store_id") ", " J ("public_key") ", "
                  J ("revoked") ")",
    "DELETE FROM device_keys WHERE device_id = ?1" },
  { "staff", "INSERT OR REPLACE INTO staff (id, store_id, name, role, pin_hash, active) "
             "VALUES (" J ("id") ", " J ("store_id") ", " J ("name") ", " J ("role") ", "
             J ("pin_hash") ", " J ("active") ")",
    "DELETE FROM staff WHERE id = ?1" },
  { "stock", "INSERT OR REPLACE INTO stock (product_id, location_id, on_hand, reserved, "
             "updated_at) VALUES (" J ("product_id") ", " J ("location_id") ", " J ("on_hand")
             ", " J ("reserved") ", " J ("updated_at") ")",
    "DELETE FROM stock WHERE product_id || '@' || location_id = ?1" },
  { "consent", "INSERT OR REPLACE INTO member_consents (seq, member_id, policy_version, "
               "text_hash, privacy, marketing, at, channel, device_id) VALUES (" J ("seq") ", "
               J ("member_id") ", " J ("policy_version") ", " J ("text_hash") ", " J ("privacy")
               ", " J ("marketing") ", " J ("at") ", " J ("channel") ", " J ("device_id") ")",
    "DELETE FROM member_consents WHERE seq = CAST(?1 AS INTEGER)" },
  { "binding", "INSERT OR REPLACE INTO bindings (id, member_id, staff_id, store_id, since, "
               "until, source) VALUES (" J ("id") ", " J ("member_id") ", " J ("staff_id") ", "
               J ("store_id") ", " J ("since") ", " J ("until") ", " J ("source") ")",
    "DELETE FROM bindings WHERE id = ?1" },
  /* The items stay the wire's JSON array (data/sql/009-order-items.sql). */
  { "order", "INSERT OR REPLACE INTO orders (id, member_id, channel, fulfilment, status, "
             "tracking, store_id, total, placed_at, credited_staff_id, credited_store_id, "
             "credit_reason, items) VALUES (" J ("id") ", " J ("member_id") ", " J ("channel")
             ", " J ("fulfilment") ", " J ("status") ", " J ("tracking") ", " J ("store_id")
             ", " J ("total") ", " J ("placed_at") ", " J ("credited_staff_id") ", "
             J ("credited_store_id") ", " J ("credit_reason") ", coalesce(json_extract(?1, "
             "'$.items'), '[]'))",
    "DELETE FROM orders WHERE id = ?1" },
  { "points", "INSERT OR REPLACE INTO points_ledger (id, member_id, delta, reason, at) VALUES ("
              J ("id") ", " J ("member_id") ", " J ("delta") ", " J ("reason") ", " J ("at") ")",
    "DELETE FROM points_ledger WHERE id = ?1" },
  { "coupon", "INSERT OR REPLACE INTO coupons (code, member_id, title, value, valid_from, "
              "valid_until, redeemed_at, redeemed_store_id) VALUES (" J ("code") ", "
              J ("member_id") ", " J ("title") ", " J ("value") ", " J ("valid_from") ", "
              J ("valid_until") ", " J ("redeemed_at") ", " J ("redeemed_store_id") ")",
    "DELETE FROM coupons WHERE code = ?1" },
  { "invoice", "INSERT OR REPLACE INTO invoices (number, date, random_code, seller_id, total, "
               "member_id, points, registered_at) VALUES (" J ("number") ", " J ("date") ", "
               J ("random_code") ", " J ("seller_id") ", " J ("total") ", " J ("member_id")
               ", " J ("points") ", " J ("registered_at") ")",
    "DELETE FROM invoices WHERE number = ?1" },
  { "reservation", "INSERT OR REPLACE INTO reservations (id, member_id, product_id, store_id, "
                   "quantity, status, created_at, expires_at, staff_id) VALUES (" J ("id") ", "
                   J ("member_id") ", " J ("product_id") ", " J ("store_id") ", "
                   J ("quantity") ", " J ("status") ", " J ("created_at") ", " J ("expires_at")
                   ", " J ("staff_id") ")",
    "DELETE FROM reservations WHERE id = ?1" },
  { "note", "INSERT OR REPLACE INTO notes (id, member_id, staff_id, text, at) VALUES (" J ("id")
            ", " J ("member_id") ", " J ("staff_id") ", " J ("text") ", " J ("at") ")",
    "DELETE FROM notes WHERE id = ?1" },
};

static gboolean
run_sql (AisleStore  *store,
         const char  *sql,
         const char  *text,
         const char  *what,
         GError     **error)
{
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, text);
  return _aisle_store_step_done (store, stmt, what, error);
}

static gboolean
delete_member (AisleStore  *store,
               const char  *id,
               gboolean     only_unnumbered,
               GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  g_autofree char *name = NULL;
  gint64 rid, activity;

  stmt = _aisle_store_prepare (store, "SELECT rid, name, last_activity_at, number FROM members "
                                      "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      (only_unnumbered && sqlite3_column_type (stmt, 3) != SQLITE_NULL))
    return TRUE;
  rid = sqlite3_column_int64 (stmt, 0);
  name = _aisle_column_dup (stmt, 1);
  activity = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  if (!_aisle_store_index_member (store, rid, name, activity, NULL, 0, error))
    return FALSE;
  return run_sql (store, "DELETE FROM members WHERE id = ?1", id, "deleting a member", error);
}

/* Reads the strings of one JSON array member of @json ("barcodes", "tags"). */
static gboolean
read_string_list (AisleStore  *store,
                  const char  *json,
                  const char  *path,
                  GPtrArray   *out,
                  GError     **error)
{
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store, "SELECT value FROM json_each(?1, ?2) "
                                                        "WHERE type = 'text'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, json);
  _aisle_bind_text (stmt, 2, path);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, _aisle_column_dup (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (store, rc, "reading a pulled list", error);
      return FALSE;
    }
  return TRUE;
}

/* Members and products go through the typed API, which keeps the search index and barcodes up
 * to date; their fields are read from the wire text by SQLite, without a JSON tree. */
static gboolean
put_member (AisleStore  *store,
            const char  *json,
            GError     **error)
{
  g_autoptr(AisleMember) m = aisle_member_new ();
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store,
                                                 "SELECT " J ("id") ", " J ("number") ", "
                                                 J ("name") ", " J ("phone") ", "
                                                 J ("birth_month") ", " J ("tier") ", "
                                                 J ("points") ", " J ("home_store_id") ", "
                                                 J ("enrolled_at") ", " J ("last_activity_at"),
                                                 error);

  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, json);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _aisle_store_set_error (store, sqlite3_errcode (aisle_store_get_sqlite (store)),
                              "reading a pulled member", error);
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_TEXT || sqlite3_column_type (stmt, 2) != SQLITE_TEXT)
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "a pulled member lacks its id or name");
      return FALSE;
    }
  m->id = _aisle_column_dup (stmt, 0);
  m->number = _aisle_column_dup (stmt, 1);
  m->name = _aisle_column_dup (stmt, 2);
  m->phone = _aisle_column_dup (stmt, 3);
  m->birth_month = (int) CLAMP (sqlite3_column_int64 (stmt, 4), 0, 12);
  m->tier = _aisle_column_dup (stmt, 5);
  m->points = sqlite3_column_int64 (stmt, 6);
  m->home_branch_id = _aisle_column_dup (stmt, 7);
  m->enrolled_at = sqlite3_column_int64 (stmt, 8);
  m->last_activity_at = sqlite3_column_int64 (stmt, 9);
  sqlite3_reset (stmt);
  return aisle_store_upsert_member (store, m, error);
}

static gboolean
put_product (AisleStore  *store,
             const char  *json,
             GError     **error)
{
  g_autoptr(AisleProduct) p = aisle_product_new ();
  g_autoptr(GPtrArray) barcodes = g_ptr_array_new_with_free_func (g_free);
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store,
                                                 "SELECT " J ("id") ", " J ("name") ", "
                                                 J ("brand") ", " J ("category") ", "
                                                 J ("price") ", " J ("popularity"), error);

  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, json);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _aisle_store_set_error (store, sqlite3_errcode (aisle_store_get_sqlite (store)),
                              "reading a pulled product", error);
      return FALSE;
    }
  p->id = _aisle_column_dup (stmt, 0);
  p->name = _aisle_column_dup (stmt, 1);
  p->brand = _aisle_column_dup (stmt, 2);
  p->category = _aisle_column_dup (stmt, 3);
  p->price = sqlite3_column_int64 (stmt, 4);
  p->popularity = sqlite3_column_int64 (stmt, 5);
  sqlite3_reset (stmt);
  if (!read_string_list (store, json, "$.barcodes", barcodes, error))
    return FALSE;
  g_ptr_array_set_free_func (barcodes, NULL);
  g_ptr_array_add (barcodes, NULL);
  p->barcodes = (char **) g_ptr_array_free (g_steal_pointer (&barcodes), FALSE);
  return aisle_store_upsert_product (store, p, error);
}

static gboolean
put_member_tags (AisleStore  *store,
                 const char  *json,
                 GError     **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *member_id = NULL;
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store, "SELECT " J ("member_id"), error);

  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, json);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    member_id = _aisle_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (member_id == NULL)
    return TRUE;
  if (!read_string_list (store, json, "$.tags", tags, error))
    return FALSE;
  g_ptr_array_add (tags, NULL);
  return aisle_store_set_member_tags (store, member_id, (const char * const *) tags->pdata, error);
}

static gboolean
apply_change (AisleStore   *store,
              AisleChange  *change,
              GError      **error)
{
  g_autofree char *owned = NULL;
  const char *json = change->data_json;
  gboolean put = g_strcmp0 (change->op, AISLE_CHANGE_PUT) == 0;

  if (put && change->data == NULL && change->data_json == NULL)
    return TRUE;
  if (put && json == NULL)
    json = owned = aisle_protocol_to_string (change->data);
  if (strcmp (change->entity, "member") == 0)
    return put ? put_member (store, json, error)
               : delete_member (store, change->entity_id, FALSE, error);
  if (put && strcmp (change->entity, "product") == 0)
    return put_product (store, json, error);
  if (put && strcmp (change->entity, "member_tags") == 0)
    return put_member_tags (store, json, error);
  if (strcmp (change->entity, "setting") == 0)
    return _aisle_sync_put_setting (store, change->entity_id, put ? json : NULL, error);
  if (!put && strcmp (change->entity, "product") == 0)
    return run_sql (store, "DELETE FROM products WHERE id = ?1", change->entity_id,
                    "deleting a product", error);

  for (guint i = 0; i < G_N_ELEMENTS (entity_sql); i++)
    {
      if (strcmp (entity_sql[i].entity, change->entity) != 0)
        continue;
      if (!put)
        return run_sql (store, entity_sql[i].del, change->entity_id, "deleting a row", error);
      return run_sql (store, entity_sql[i].put, json, "writing a pulled row", error);
    }
  /* An entity this version does not know: a newer hub. Skipping it is safe; it is not ours. */
  g_debug ("pull: skipping unknown entity %s", change->entity);
  return TRUE;
}

static gboolean
record_result (AisleStore                *store,
               const AisleMutationResult *r,
               GError                   **error)
{
  g_autoptr(JsonNode) detail = NULL;
  g_autoptr(GPtrArray) entry = NULL;
  const AisleMutation *m = NULL;
  g_auto(AisleStmt) stmt = NULL;

  entry = aisle_store_outbox_list (store, r->id - 1, 1, error);
  if (entry == NULL)
    return FALSE;
  if (entry->len == 1 && ((AisleMutation *) entry->pdata[0])->id == r->id)
    m = entry->pdata[0];

  /* An enrolment of a known phone made our id an alias of the existing member: the optimistic
   * row would be a second copy of that person. The hub's member arrives by pull. */
  if (r->detail_json != NULL && m != NULL && strcmp (r->name, "member.enrol") == 0 &&
      (detail = aisle_protocol_parse (r->detail_json, -1, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (detail))
    {
      g_autoptr(JsonNode) args = aisle_protocol_parse (m->args_json, -1, NULL);
      const char *real = _aisle_sync_arg_str (json_node_get_object (detail), "member_id");
      const char *ours = args != NULL && JSON_NODE_HOLDS_OBJECT (args)
                         ? _aisle_sync_arg_str (json_node_get_object (args), "member_id") : NULL;

      if (real != NULL && ours != NULL && strcmp (real, ours) != 0 &&
          !delete_member (store, ours, TRUE, error))
        return FALSE;
    }
  /* A binding the hub kept (the member was already bound to that associate): ours never
   * existed there. Undo it, and record the result as already dismissed so that no rebase
   * applies it again while it waits in the outbox for the pull's last page. */
  if (g_strcmp0 (r->status, AISLE_RESULT_REJECTED) != 0 && m != NULL &&
      strcmp (m->name, "binding.create") == 0 && r->detail_json != NULL)
    {
      g_autoptr(JsonNode) d = aisle_protocol_parse (r->detail_json, -1, NULL);
      g_autoptr(JsonNode) args = aisle_protocol_parse (m->args_json, -1, NULL);
      const char *kept = d != NULL && JSON_NODE_HOLDS_OBJECT (d)
                         ? _aisle_sync_arg_str (json_node_get_object (d), "binding_id") : NULL;
      const char *ours = args != NULL && JSON_NODE_HOLDS_OBJECT (args)
                         ? _aisle_sync_arg_str (json_node_get_object (args), "binding_id") : NULL;

      if (kept == NULL || ours == NULL || strcmp (kept, ours) == 0)
        return TRUE;
      if (!_aisle_sync_undo_local (store, m, kept, NULL, error))
        return FALSE;
      stmt = _aisle_store_prepare (store,
                                   "INSERT OR IGNORE INTO sync_attention (mutation_id, name, "
                                   "args_json, staff_id, code, message, detail_json, at, dismissed) "
                                   "VALUES (?1, ?2, ?3, ?4, 'superseded', NULL, ?5, ?6, 1)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, r->id);
      _aisle_bind_text (stmt, 2, r->name);
      _aisle_bind_text (stmt, 3, m->args_json);
      _aisle_bind_text (stmt, 4, m->staff_id);
      _aisle_bind_text (stmt, 5, r->detail_json);
      sqlite3_bind_int64 (stmt, 6, r->at != 0 ? r->at : g_get_real_time () / G_USEC_PER_SEC);
      return _aisle_store_step_done (store, stmt, "recording a superseded binding", error);
    }
  if (g_strcmp0 (r->status, AISLE_RESULT_REJECTED) != 0)
    return TRUE;

  if (m != NULL && strcmp (m->name, "member.enrol") == 0)
    {
      g_autoptr(JsonNode) args = aisle_protocol_parse (m->args_json, -1, NULL);
      const char *ours = args != NULL && JSON_NODE_HOLDS_OBJECT (args)
                         ? _aisle_sync_arg_str (json_node_get_object (args), "member_id") : NULL;

      if (ours != NULL && !delete_member (store, ours, TRUE, error))
        return FALSE;
    }
  if (m != NULL && !_aisle_sync_undo_local (store, m, NULL, r->code, error))
    return FALSE;
  stmt = _aisle_store_prepare (store,
                               "INSERT OR IGNORE INTO sync_attention (mutation_id, name, "
                               "args_json, staff_id, code, message, detail_json, at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->id);
  _aisle_bind_text (stmt, 2, r->name);
  _aisle_bind_text (stmt, 3, m != NULL ? m->args_json : NULL);
  _aisle_bind_text (stmt, 4, m != NULL ? m->staff_id : NULL);
  _aisle_bind_text (stmt, 5, r->code);
  _aisle_bind_text (stmt, 6, r->message);
  _aisle_bind_text (stmt, 7, r->detail_json);
  sqlite3_bind_int64 (stmt, 8, r->at != 0 ? r->at : g_get_real_time () / G_USEC_PER_SEC);
  return _aisle_store_step_done (store, stmt, "recording a rejected mutation", error);
}

static gboolean
set_int_state (AisleStore  *store,
               const char  *key,
               gint64       value,
               GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return aisle_store_set_sync_state (store, key, text, error);
}

static gboolean
write_page (AisleStore         *store,
            AislePullResponse  *page,
            GError            **error)
{
  for (guint i = 0; i < page->changes->len; i++)
    if (!apply_change (store, g_ptr_array_index (page->changes, i), error))
      return FALSE;
  for (guint i = 0; i < page->results->len; i++)
    if (!record_result (store, g_ptr_array_index (page->results, i), error))
      return FALSE;
  return set_int_state (store, AISLE_SYNC_KEY_CURSOR, page->cursor, error) &&
         set_int_state (store, AISLE_SYNC_KEY_LAST_MUTATION_ID, page->last_mutation_id, error) &&
         (page->more || page->last_mutation_id <= 0 ||
          aisle_store_outbox_delete_through (store, page->last_mutation_id, error));
}

/**
 * aisle_sync_cache_apply_pages:
 * @store: the device cache
 * @pages: (element-type AislePullResponse): consecutive pull pages, in order
 * @out_applied: (out) (optional): how many changes they held
 * @error: return location for a #GError
 *
 * In ONE transaction: writes the pages' rows, records their rejected mutations for staff,
 * stores the cursor and last_mutation_id of the last page, and, if it is the last of the pull
 * (`more` false), drops the outbox through last_mutation_id; then re-applies the mutations
 * still queued (rebase). A crash at any point leaves either all of these pages or none of
 * them, so pulling again from the stored cursor is always right. Grouping pages saves a commit
 * (and rewriting the same index pages to the WAL) per page during an initial sync.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_sync_cache_apply_pages (AisleStore  *store,
                              GPtrArray   *pages,
                              guint       *out_applied,
                              GError     **error)
{
  guint applied = 0, changes = 0;
  gboolean last, catching_up;

  g_return_val_if_fail (AISLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (pages != NULL && pages->len > 0, FALSE);

  for (guint i = 0; i < pages->len; i++)
    changes += ((AislePullResponse *) g_ptr_array_index (pages, i))->changes->len;
  last = !((AislePullResponse *) g_ptr_array_index (pages, pages->len - 1))->more;
  /* A page touches up to a few thousand index pages; with SQLite's default 2 MiB page cache
   * they spill to the WAL mid-transaction and are written again at commit. While a device
   * catches up (large groups: an initial sync), its indexes outgrow even 32 MiB and every
   * insert reads pages back through the kernel: 128 MiB until the pull's last page.
   * Also while catching up, the WAL is checkpointed every 256 MiB instead of after every
   * group (each group is more than SQLite's 1,000-page default): an index page rewritten by
   * many groups is copied into the file once per checkpoint, not once per group (0.84x the
   * time for the 100,000-member scope, 0.94x for 1,000,000; docs/benchmarks.md). The WAL is
   * cut back to 64 MiB once checkpointed. */
  catching_up = changes >= 5000 && !last;
  if (!_aisle_store_exec (store, catching_up ? "PRAGMA cache_size = -131072"
                                             : "PRAGMA cache_size = -32768", error) ||
      !_aisle_store_exec (store, catching_up ? "PRAGMA wal_autocheckpoint = 65536"
                                             : "PRAGMA wal_autocheckpoint = 1000", error) ||
      !_aisle_store_exec (store, "PRAGMA journal_size_limit = 67108864", error) ||
      !aisle_store_begin (store, error))
    return FALSE;
  /* Within a page a child row may come before its parent (the hub sends each entity's latest
   * state only); the check runs at commit instead. */
  if (!_aisle_store_exec (store, "PRAGMA defer_foreign_keys = ON", error))
    goto fail;
  for (guint i = 0; i < pages->len; i++)
    {
      AislePullResponse *page = g_ptr_array_index (pages, i);

      if (!write_page (store, page, error))
        goto fail;
      applied += page->changes->len;
    }
  if (!aisle_sync_cache_rebase (store, error) || !aisle_store_commit (store, error))
    goto fail;
  if (out_applied != NULL)
    *out_applied = applied;
  return TRUE;

fail:
  aisle_store_rollback (store);
  return FALSE;
}

/**
 * aisle_sync_cache_apply_page:
 * @store: the device cache
 * @page: one pull page
 * @out_applied: (out) (optional): how many changes the page held
 * @error: return location for a #GError
 *
 * aisle_sync_cache_apply_pages() for one page.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_sync_cache_apply_page (AisleStore         *store,
                             AislePullResponse  *page,
                             guint              *out_applied,
                             GError            **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (page != NULL, FALSE);
  g_ptr_array_add (one, page);
  return aisle_sync_cache_apply_pages (store, one, out_applied, error);
}

/**
 * aisle_sync_cache_renumber_outbox:
 * @store: the device cache
 * @last_mutation_id: the hub's last_mutation_id for this device
 * @error: return location for a #GError
 *
 * After a 409 out_of_order that a fresh pull did not cure (the hub's database is older than
 * our outbox, e.g. restored from a backup), renumbers the queued mutations to follow the hub's
 * last_mutation_id. None of them was applied by the hub as it is now (their ids are all above
 * its last_mutation_id), so each is still applied exactly once.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_sync_cache_renumber_outbox (AisleStore  *store,
                                  gint64       last_mutation_id,
                                  GError     **error)
{
  g_autofree char *sql = NULL;
  gint64 first, shift;

  if (!aisle_store_begin (store, error))
    return FALSE;
  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (store, "SELECT min(id) FROM outbox", error);

    if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
      {
        aisle_store_rollback (store);
        return stmt == NULL ? FALSE : TRUE;
      }
    first = sqlite3_column_int64 (stmt, 0);
  }
  shift = first - last_mutation_id - 1;
  if (first == 0 || shift <= 0)
    {
      aisle_store_rollback (store);
      return TRUE;
    }
  /* Outbox ids are contiguous (rows leave only from the front), so shifting every queued id
   * down by the same amount keeps their order; going through negative ids avoids a collision
   * midway. */
  sql = g_strdup_printf ("UPDATE outbox SET id = -(id - %" G_GINT64_FORMAT "); "
                         "UPDATE outbox SET id = -id; "
                         "UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM outbox) "
                         "WHERE name = 'outbox'", shift);
  if (sqlite3_exec (aisle_store_get_sqlite (store), sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      aisle_store_set_sqlite_error (store, sqlite3_errcode (aisle_store_get_sqlite (store)),
                                    "renumbering the outbox", error);
      aisle_store_rollback (store);
      return FALSE;
    }
  return aisle_store_commit (store, error);
}

/* --- attention, export, online lookup -------------------------------------------------------- */

/* The member a refused mutation is about: the hub's detail names the real one (an alias
 * resolved), else the mutation's own member_id. Number and name from the cache, if there. */
static gboolean
find_member (AisleStore          *store,
             AisleSyncAttention  *a,
             GError             **error)
{
  g_auto(AisleStmt) stmt = NULL;

  for (guint i = 0; i < 2 && a->member_id == NULL; i++)
    {
      const char *text = i == 0 ? a->detail_json : a->args_json;
      g_autoptr(JsonNode) node = text != NULL ? aisle_protocol_parse (text, -1, NULL) : NULL;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        a->member_id = g_strdup (_aisle_sync_arg_str (json_node_get_object (node), "member_id"));
    }
  if (a->member_id == NULL)
    return TRUE;
  stmt = _aisle_store_prepare (store, "SELECT number, name FROM members WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, a->member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      a->member_number = _aisle_column_dup (stmt, 0);
      a->member_name = _aisle_column_dup (stmt, 1);
    }
  return TRUE;
}

GPtrArray *
aisle_sync_cache_list_attention (AisleStore  *store,
                                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_sync_attention_free);
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  stmt = _aisle_store_prepare (store, "SELECT mutation_id, name, args_json, staff_id, code, "
                                      "message, detail_json, at FROM sync_attention "
                                      "WHERE dismissed = 0 ORDER BY mutation_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AisleSyncAttention *a = g_new0 (AisleSyncAttention, 1);

      a->mutation_id = sqlite3_column_int64 (stmt, 0);
      a->name = _aisle_column_dup (stmt, 1);
      a->args_json = _aisle_column_dup (stmt, 2);
      a->staff_id = _aisle_column_dup (stmt, 3);
      a->code = _aisle_column_dup (stmt, 4);
      a->message = _aisle_column_dup (stmt, 5);
      a->detail_json = _aisle_column_dup (stmt, 6);
      a->at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (list, a);
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (store, rc, "listing rejected mutations", error);
      return NULL;
    }
  for (guint i = 0; i < list->len; i++)
    {
      AisleSyncAttention *a = g_ptr_array_index (list, i);

      if (!find_member (store, a, error))
        return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
aisle_sync_cache_dismiss_attention (AisleStore  *store,
                                    gint64       mutation_id,
                                    GError     **error)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, mutation_id);

  return run_sql (store, "UPDATE sync_attention SET dismissed = 1 WHERE mutation_id = "
                         "CAST(?1 AS INTEGER)", id, "dismissing", error);
}

/**
 * aisle_sync_cache_export_outbox:
 * @store: the device cache
 * @error: return location for a #GError
 *
 * The unsent mutations as the JSON of a push request (docs/api.md), for a revoked device's
 * staff to hand to IT.
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set
 */
char *
aisle_sync_cache_export_outbox (AisleStore  *store,
                                GError     **error)
{
  g_autoptr(GPtrArray) all = aisle_store_outbox_list (store, 0, G_MAXINT, error);

  if (all == NULL)
    return NULL;
  return aisle_protocol_push_request_to_string (all);
}

gboolean
aisle_sync_cache_cache_members (AisleStore  *store,
                                GPtrArray   *members,
                                GError     **error)
{
  if (!aisle_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    if (!aisle_store_upsert_member (store, g_ptr_array_index (members, i), error))
      {
        aisle_store_rollback (store);
        return FALSE;
      }
  return aisle_store_commit (store, error);
}

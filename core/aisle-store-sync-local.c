/* aisle-store-sync-local.c: the optimistic side of sync: a mutation written to the cache and
 * the outbox at once, and re-applied on top of every pulled page (rebase).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here runs on the thread that owns the store (the AisleWorker in the app).
 *
 * Each applier mirrors one of the hub's rules (hub/aisle-hub-rules-*.c) with the same argument
 * names (docs/api.md). They are idempotent, because a rebase applies a queued mutation again
 * after each pulled page, and best-effort: what the cache cannot check (a coupon it has never
 * seen, a member outside its scope) leaves the cache as it is and the hub decides. Only a
 * failure to write (disk full, I/O) fails the mutation.
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"
#include "aisle-sync-private.h"

static char *
get_store_id (AisleStore *store)
{
  return aisle_store_get_sync_state (store, AISLE_SYNC_KEY_STORE_ID, NULL);
}

const char *
_aisle_sync_arg_str (JsonObject *args,
                     const char *name)
{
  JsonNode *node = json_object_get_member (args, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
_aisle_sync_arg_int (JsonObject *args,
                     const char *name)
{
  JsonNode *node = json_object_get_member (args, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static gboolean
apply_enrol (AisleStore  *store,
             JsonObject  *args,
             gint64       at,
             GError     **error)
{
  g_autoptr(AisleMember) m = aisle_member_new ();
  g_autoptr(AisleMember) known = NULL;
  const char *id = _aisle_sync_arg_str (args, "member_id");

  if (id == NULL || _aisle_sync_arg_str (args, "name") == NULL)
    return TRUE;
  known = aisle_store_get_member (store, id, NULL);
  if (known != NULL)
    return TRUE;
  m->id = g_strdup (id);
  m->name = g_strdup (_aisle_sync_arg_str (args, "name"));
  m->phone = g_strdup (_aisle_sync_arg_str (args, "phone"));
  m->birth_month = (int) CLAMP (_aisle_sync_arg_int (args, "birth_month"), 0, 12);
  m->tier = g_strdup ("basic");
  m->home_branch_id = get_store_id (store);
  m->enrolled_at = at;
  m->last_activity_at = at;
  return aisle_store_upsert_member (store, m, error);
}

static gboolean
apply_binding (AisleStore  *store,
               JsonObject  *args,
               const char  *staff_id,
               gint64       at,
               GError     **error)
{
  g_autoptr(AisleBinding) b = aisle_binding_new ();
  g_autoptr(AisleBinding) active = NULL;
  const char *id = _aisle_sync_arg_str (args, "binding_id");
  const char *member_id = _aisle_sync_arg_str (args, "member_id");
  const char *associate = _aisle_sync_arg_str (args, "associate_id");

  if (id == NULL || member_id == NULL)
    return TRUE;
  active = aisle_store_get_active_binding (store, member_id, NULL);
  if (active != NULL && g_strcmp0 (active->id, id) == 0)
    return TRUE;
  if (active != NULL && !aisle_store_end_binding (store, active->id, at, error))
    return FALSE;
  b->id = g_strdup (id);
  b->member_id = g_strdup (member_id);
  b->staff_id = g_strdup (associate != NULL ? associate : staff_id);
  b->branch_id = get_store_id (store);
  b->since = at;
  b->source = g_strdup (_aisle_sync_arg_str (args, "source") != NULL ? _aisle_sync_arg_str (args, "source") : "tablet");
  if (b->staff_id == NULL || b->branch_id == NULL)
    return TRUE;
  return aisle_store_create_binding (store, b, error);
}

static gboolean
apply_invoice (AisleStore  *store,
               JsonObject  *args,
               gint64       at,
               GError     **error)
{
  g_autoptr(AisleInvoice) i = aisle_invoice_new ();
  g_autoptr(AisleInvoice) known = NULL;
  const char *number = _aisle_sync_arg_str (args, "number");

  if (number == NULL)
    return TRUE;
  known = aisle_store_get_invoice (store, number, NULL);
  if (known != NULL)
    return TRUE;
  i->number = g_strdup (number);
  i->date = g_strdup (_aisle_sync_arg_str (args, "date"));
  i->random_code = g_strdup (_aisle_sync_arg_str (args, "random_code"));
  i->seller_id = g_strdup (_aisle_sync_arg_str (args, "seller_id"));
  i->total = _aisle_sync_arg_int (args, "total");
  i->member_id = g_strdup (_aisle_sync_arg_str (args, "member_id"));
  i->registered_at = at;
  if (i->date == NULL || i->random_code == NULL || i->seller_id == NULL)
    return TRUE;
  return aisle_store_upsert_invoice (store, i, error);
}

static gboolean
apply_note (AisleStore  *store,
            JsonObject  *args,
            const char  *staff_id,
            gint64       at,
            GError     **error)
{
  g_autoptr(AisleNote) n = aisle_note_new ();

  n->id = g_strdup (_aisle_sync_arg_str (args, "note_id"));
  n->member_id = g_strdup (_aisle_sync_arg_str (args, "member_id"));
  n->text = g_strdup (_aisle_sync_arg_str (args, "text"));
  n->staff_id = g_strdup (staff_id);
  n->at = at;
  if (n->id == NULL || n->member_id == NULL || n->text == NULL)
    return TRUE;
  return aisle_store_add_note (store, n, error);
}

/* AUTOINCREMENT remembers the largest seq ever used; keep the optimistic rows' out of it so
 * that nothing else numbered by it lands among them. */
static gboolean
drop_optimistic_sequence (AisleStore  *store,
                          GError     **error)
{
  return _aisle_store_exec (store,
                            "UPDATE sqlite_sequence SET seq = (SELECT coalesce(max(seq), 0) "
                            "FROM member_consents WHERE seq <= " G_STRINGIFY (AISLE_SYNC_OPTIMISTIC_SEQ_SQL)
                            ") WHERE name = 'member_consents'", error);
}
static gboolean
apply_tags (AisleStore  *store,
            JsonObject  *args,
            GError     **error)
{
  JsonNode *node = json_object_get_member (args, "tags");
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  const char *member_id = _aisle_sync_arg_str (args, "member_id");
  JsonArray *list;

  if (member_id == NULL || node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  list = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *tag = json_array_get_element (list, i);

      /* The hub refuses the whole list for one bad tag; so does the cache. */
      if (!JSON_NODE_HOLDS_VALUE (tag) || json_node_get_value_type (tag) != G_TYPE_STRING ||
          *json_node_get_string (tag) == '\0')
        return TRUE;
      g_ptr_array_add (tags, (gpointer) json_node_get_string (tag));
    }
  g_ptr_array_add (tags, NULL);
  return aisle_store_set_member_tags (store, member_id, (const char * const *) tags->pdata, error);
}

/* Moves @delta units into (or out of) a location's reserved count, kept within 0..on_hand:
 * the cache may not know the latest stock, and the hub has the last word. */
static gboolean
move_reserved (AisleStore  *store,
               const char  *product_id,
               const char  *location_id,
               gint64       delta,
               gint64       at,
               GError     **error)
{
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store,
                                                 "UPDATE stock SET reserved = max(0, min(on_hand, "
                                                 "reserved + ?3)), updated_at = ?4 "
                                                 "WHERE product_id = ?1 AND location_id = ?2",
                                                 error);

  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, product_id);
  _aisle_bind_text (stmt, 2, location_id);
  sqlite3_bind_int64 (stmt, 3, delta);
  sqlite3_bind_int64 (stmt, 4, at);
  return _aisle_store_step_done (store, stmt, "reserving stock", error);
}

static gboolean
apply_reserve (AisleStore  *store,
               JsonObject  *args,
               const char  *staff_id,
               gint64       at,
               GError     **error)
{
  g_autoptr(AisleReservation) r = aisle_reservation_new ();
  g_autoptr(AisleReservation) known = NULL;
  const char *id = _aisle_sync_arg_str (args, "reservation_id");
  gint64 quantity = _aisle_sync_arg_int (args, "quantity");
  gint64 expires = _aisle_sync_arg_int (args, "expires_at");

  if (id == NULL || quantity < 1 || quantity > 1000)
    return TRUE;
  /* Applied once: a rebase finds its own reservation and leaves the stock alone. */
  known = aisle_store_get_reservation (store, id, NULL);
  if (known != NULL)
    return TRUE;
  r->id = g_strdup (id);
  r->member_id = g_strdup (_aisle_sync_arg_str (args, "member_id"));
  r->product_id = g_strdup (_aisle_sync_arg_str (args, "product_id"));
  r->branch_id = g_strdup (_aisle_sync_arg_str (args, "store_id"));
  r->quantity = quantity;
  r->status = AISLE_RESERVATION_OPEN;
  r->created_at = at;
  r->expires_at = expires != 0 ? expires : at + 3 * 86400;
  r->staff_id = g_strdup (staff_id);
  if (r->member_id == NULL || r->product_id == NULL || r->branch_id == NULL)
    return TRUE;
  return aisle_store_upsert_reservation (store, r, error) &&
         move_reserved (store, r->product_id, r->branch_id, quantity, at, error);
}

static gboolean
apply_unreserve (AisleStore  *store,
                 JsonObject  *args,
                 gint64       at,
                 GError     **error)
{
  g_autoptr(AisleReservation) r = NULL;
  const char *id = _aisle_sync_arg_str (args, "reservation_id");

  if (id == NULL)
    return TRUE;
  r = aisle_store_get_reservation (store, id, NULL);
  if (r == NULL || r->status != AISLE_RESERVATION_OPEN)
    return TRUE;
  r->status = AISLE_RESERVATION_CANCELLED;
  return aisle_store_upsert_reservation (store, r, error) &&
         move_reserved (store, r->product_id, r->branch_id, -r->quantity, at, error);
}

/* The consent ledger is append-only and its seq comes from the hub. A withdrawal made here
 * gets a seq above AISLE_SYNC_OPTIMISTIC_SEQ, so it reads as the member's latest consent at
 * once; every rebase drops those rows first and applies the still-queued withdrawals again,
 * so once the hub's own row has arrived the optimistic one is gone. */
static gboolean
apply_withdraw (AisleStore  *store,
                JsonObject  *args,
                gint64       at,
                GError     **error)
{
  g_autoptr(AisleConsent) latest = NULL;
  g_auto(AisleStmt) stmt = NULL;
  const char *member_id = _aisle_sync_arg_str (args, "member_id");
  const char *channel = _aisle_sync_arg_str (args, "channel");
  JsonNode *only = json_object_get_member (args, "marketing_only");
  gboolean marketing_only = TRUE;
  gboolean privacy;

  if (member_id == NULL)
    return TRUE;
  if (only != NULL && JSON_NODE_HOLDS_VALUE (only) &&
      json_node_get_value_type (only) == G_TYPE_BOOLEAN)
    marketing_only = json_node_get_boolean (only);
  latest = aisle_store_get_latest_consent (store, member_id, NULL);
  if (latest == NULL)
    return TRUE;
  privacy = marketing_only ? latest->privacy : FALSE;
  if (!latest->marketing && latest->privacy == privacy)
    return TRUE;

  stmt = _aisle_store_prepare (store,
                               "INSERT INTO member_consents (seq, member_id, policy_version, "
                               "text_hash, privacy, marketing, at, channel, device_id) "
                               "SELECT max(?1, coalesce(max(seq), 0)) + 1, ?2, ?3, ?4, ?5, 0, "
                               "?6, ?7, NULL FROM member_consents", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, AISLE_SYNC_OPTIMISTIC_SEQ);
  _aisle_bind_text (stmt, 2, member_id);
  _aisle_bind_text (stmt, 3, latest->policy_version);
  _aisle_bind_text (stmt, 4, latest->text_hash);
  sqlite3_bind_int (stmt, 5, privacy ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, at);
  _aisle_bind_text (stmt, 7, channel != NULL ? channel : "tablet");
  return _aisle_store_step_done (store, stmt, "withdrawing consent", error) &&
         drop_optimistic_sequence (store, error);
}

/* --- what an optimistic write replaced (outbox.undo_json, 010-outbox-undo.sql) ----------- */

/* A member's tags as the cache has them (?1 the member): a JSON array, sorted and without
 * duplicates, like a mutation's "tags" put through json_each() below, so two lists compare
 * as text. */
#define CURRENT_TAGS_SQL \
  "(SELECT json_group_array(tag) FROM (SELECT tag FROM member_tags WHERE member_id = ?1 " \
  "ORDER BY tag))"

/* Runs @sql with ?1 = @a, ?2 = @b (text, nullable) and ?3 = @n. */
static gboolean
exec_sql (AisleStore  *store,
          const char  *sql,
          const char  *a,
          const char  *b,
          gint64       n,
          const char  *what,
          GError     **error)
{
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, a);
  _aisle_bind_text (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, n);
  return _aisle_store_step_done (store, stmt, what, error);
}

/* Records in outbox row @id (?3) what its mutation is about to replace. */
static gboolean
set_undo (AisleStore  *store,
          gint64       id,
          const char  *sql,
          const char  *a,
          const char  *b,
          GError     **error)
{
  return exec_sql (store, sql, a, b, id, "remembering what a change replaced", error);
}

/* Before apply_local() writes mutation @id for the first time: what it is about to replace. */
static gboolean
remember_undo (AisleStore  *store,
               gint64       id,
               const char  *name,
               const char  *args_json,
               GError     **error)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (args_json, -1, NULL);
  JsonObject *args;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  args = json_node_get_object (root);
  if (strcmp (name, "tag.set") == 0 && _aisle_sync_arg_str (args, "member_id") != NULL)
    return set_undo (store, id, "UPDATE outbox SET undo_json = " CURRENT_TAGS_SQL " WHERE id = ?3",
                     _aisle_sync_arg_str (args, "member_id"), NULL, error);
  if (strcmp (name, "reservation.cancel") == 0 && _aisle_sync_arg_str (args, "reservation_id") != NULL)
    return set_undo (store, id, "UPDATE outbox SET undo_json = (SELECT json_object('status', status) "
                                "FROM reservations WHERE id = ?1 AND status = 'open') WHERE id = ?3",
                     _aisle_sync_arg_str (args, "reservation_id"), NULL, error);
  return TRUE;
}

/* During a rebase, for the first tag.set of a member still queued: if the member's tags are
 * not those the last queued tag.set for them wrote, a pulled row (another device's tag.set)
 * replaced them since, and that is what a refusal of this one must go back to. */
static gboolean
refresh_tags_undo (AisleStore           *store,
                   const AisleMutation  *m,
                   GHashTable           *seen,
                   GError              **error)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (m->args_json, -1, NULL);
  const char *member_id;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (member_id = _aisle_sync_arg_str (json_node_get_object (root), "member_id")) == NULL ||
      !g_hash_table_add (seen, g_strdup (member_id)))
    return TRUE;
  return set_undo (store, m->id,
                   "UPDATE outbox SET undo_json = " CURRENT_TAGS_SQL " WHERE id = ?3 AND "
                   CURRENT_TAGS_SQL " IS NOT (SELECT (SELECT json_group_array(value) FROM "
                   "(SELECT DISTINCT value FROM json_each(o.args_json, '$.tags') ORDER BY value)) "
                   "FROM outbox o WHERE o.name = 'tag.set' AND "
                   "json_extract(o.args_json, '$.member_id') = ?1 AND o.id NOT IN "
                   "(SELECT mutation_id FROM sync_attention) ORDER BY o.id DESC LIMIT 1)",
                   member_id, NULL, error);
}

/* Puts back the tags @m replaced (tag.set). If a later tag.set of the same member is still
 * queued, the tags @m replaced are what that one replaced as far as the hub knows: it inherits
 * them and the cache keeps showing it. Otherwise the tags go back, unless a pulled row
 * replaced ours (the member's tags are no longer @m's): the hub's then stand. */
static gboolean
undo_tags (AisleStore           *store,
           const AisleMutation  *m,
           const char           *member_id,
           GError              **error)
{
  g_autoptr(JsonNode) args = NULL;
  g_autofree char *undo = NULL;   /* the tag.set that puts them back */
  g_auto(AisleStmt) stmt = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
  gint64 later = 0;
  int rc;

  stmt = _aisle_store_prepare (store,
                               "SELECT (SELECT id FROM outbox WHERE id > o.id AND name = 'tag.set' "
                               "AND json_extract(args_json, '$.member_id') = ?1 AND id NOT IN "
                               "(SELECT mutation_id FROM sync_attention) ORDER BY id LIMIT 1), "
                               "CASE WHEN " CURRENT_TAGS_SQL " = (SELECT json_group_array(value) "
                               "FROM (SELECT DISTINCT value FROM json_each(o.args_json, '$.tags') "
                               "ORDER BY value)) AND o.undo_json IS NOT NULL THEN "
                               "json_object('member_id', ?1, 'tags', json(o.undo_json)) END "
                               "FROM outbox o WHERE o.id = CAST(?2 AS INTEGER)", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, member_id);
  _aisle_bind_text (stmt, 2, id_text);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _aisle_store_set_error (store, rc, "reading a refused change", error);
      return FALSE;
    }
  if (rc == SQLITE_ROW)
    {
      later = sqlite3_column_int64 (stmt, 0);
      undo = _aisle_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (later > 0)
    return set_undo (store, later, "UPDATE outbox SET undo_json = (SELECT undo_json FROM outbox "
                                   "WHERE id = CAST(?1 AS INTEGER)) WHERE id = ?3",
                     id_text, NULL, error);
  if (undo == NULL || (args = aisle_protocol_parse (undo, -1, NULL)) == NULL)
    return TRUE;
  return apply_tags (store, json_node_get_object (args), error);
}

/* Opens again a reservation whose cancellation the hub refused, and holds its units again.
 * Not when the hub refused it because its reservation is no longer open (conflict): the hub's
 * row (cancelled elsewhere, fulfilled, expired) is then the truth and comes by pull. */
static gboolean
undo_unreserve (AisleStore           *store,
                const AisleMutation  *m,
                const char           *id,
                const char           *code,
                GError              **error)
{
  g_autoptr(AisleReservation) r = NULL;
  g_autofree char *undo = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, m->id);
  g_auto(AisleStmt) stmt = NULL;

  if (g_strcmp0 (code, "conflict") == 0)
    return TRUE;
  stmt = _aisle_store_prepare (store, "SELECT json_extract(undo_json, '$.status') FROM outbox "
                                      "WHERE id = CAST(?1 AS INTEGER)", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, id_text);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    undo = _aisle_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (g_strcmp0 (undo, "open") != 0)
    return TRUE;
  r = aisle_store_get_reservation (store, id, NULL);
  if (r == NULL || r->status != AISLE_RESERVATION_CANCELLED)
    return TRUE;
  r->status = AISLE_RESERVATION_OPEN;
  return aisle_store_upsert_reservation (store, r, error) &&
         move_reserved (store, r->product_id, r->branch_id, r->quantity, m->created_at, error);
}

/* --- hub settings (entity "setting", data/sql/hub/008-settings.sql) ------------------------ */

/* The settings a device keeps, in sync_state under the hub's own key; any other key a newer
 * hub sends is ignored, so a setting can never overwrite the device's token or cursor. */
static const char * const device_settings[] = {
  "own_seller_ids", "invoice_max_age_days", "binding_lock_days",
  "earn_per_point.store", "earn_per_point.online", "earn_per_point.app",
  "earn_per_point.invoice", "tier_silver_spend", "tier_gold_spend", "tier_window_days",
  NULL
};

/**
 * _aisle_sync_put_setting:
 * @store: the device cache, in the pull's transaction
 * @key: the setting's key (the change's entity id)
 * @data_json: (nullable): the pulled `{key, value}`, or %NULL for a delete
 * @error: return location for a #GError
 *
 * Applies a pulled hub setting: its value goes to sync_state under @key (so
 * aisle_store_check_invoice() reads "own_seller_ids" from there); a deleted setting is
 * removed. Keys a device does not use are skipped.
 *
 * Returns: %TRUE on success
 */
gboolean
_aisle_sync_put_setting (AisleStore  *store,
                         const char  *key,
                         const char  *data_json,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  const char *value = NULL;

  if (key == NULL || !g_strv_contains (device_settings, key))
    return TRUE;
  if (data_json != NULL)
    {
      root = aisle_protocol_parse (data_json, -1, NULL);
      if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
          g_strcmp0 (_aisle_sync_arg_str (json_node_get_object (root), "key"), key) != 0 ||
          (value = _aisle_sync_arg_str (json_node_get_object (root), "value")) == NULL)
        return TRUE;
    }
  return aisle_store_set_sync_state (store, key, value, error);
}

/* A failure that says "the cache cannot do this" (the hub will decide), as opposed to "the
 * cache cannot be written" (disk full, I/O), which must fail the mutation. */
static gboolean
is_tolerated (const GError *error)
{
  return error->domain == AISLE_STORE_ERROR &&
         (error->code == AISLE_STORE_ERROR_NOT_FOUND ||
          error->code == AISLE_STORE_ERROR_CONSTRAINT ||
          error->code == AISLE_STORE_ERROR_INVALID);
}

static gboolean
apply_local (AisleStore  *store,
             const char  *name,
             const char  *args_json,
             const char  *staff_id,
             gint64       at,
             GError     **error)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (args_json, -1, NULL);
  g_autoptr(GError) local_error = NULL;
  JsonObject *args;
  gboolean ok = TRUE;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  args = json_node_get_object (root);
  if (!aisle_store_begin (store, error))
    return FALSE;
  if (strcmp (name, "member.enrol") == 0)
    ok = apply_enrol (store, args, at, &local_error);
  else if (strcmp (name, "binding.create") == 0)
    ok = apply_binding (store, args, staff_id, at, &local_error);
  else if (strcmp (name, "coupon.redeem") == 0 && _aisle_sync_arg_str (args, "code") != NULL)
    {
      g_autofree char *branch = get_store_id (store);

      ok = aisle_store_redeem_coupon (store, _aisle_sync_arg_str (args, "code"), branch, at, &local_error);
    }
  else if (strcmp (name, "invoice.register") == 0)
    ok = apply_invoice (store, args, at, &local_error);
  else if (strcmp (name, "note.add") == 0)
    ok = apply_note (store, args, staff_id, at, &local_error);
  else if (strcmp (name, "tag.set") == 0)
    ok = apply_tags (store, args, &local_error);
  else if (strcmp (name, "reservation.create") == 0)
    ok = apply_reserve (store, args, staff_id, at, &local_error);
  else if (strcmp (name, "reservation.cancel") == 0)
    ok = apply_unreserve (store, args, at, &local_error);
  else if (strcmp (name, "consent.withdraw") == 0)
    ok = apply_withdraw (store, args, at, &local_error);

  if (ok && aisle_store_commit (store, &local_error))
    return TRUE;
  aisle_store_rollback (store);
  if (local_error != NULL && !is_tolerated (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_debug ("%s: not applied locally: %s", name, local_error != NULL ? local_error->message : "");
  return TRUE;
}

/* Runs one undo statement: ?1 and ?2 are text arguments, ?3 the mutation's time. */
static gboolean
undo_sql (AisleStore  *store,
          const char  *sql,
          const char  *a,
          const char  *b,
          gint64       at,
          GError     **error)
{
  return exec_sql (store, sql, a, b, at, "undoing a refused change", error);
}

/* The optimistic reservation goes, with its units if it still holds them; one that a queued
 * reservation.cancel already closed goes too, so that the cancel's refusal finds nothing to
 * open again. */
static gboolean
undo_reserve (AisleStore  *store,
              const char  *id,
              gint64       at,
              GError     **error)
{
  g_autoptr(AisleReservation) r = aisle_store_get_reservation (store, id, NULL);

  if (r == NULL || r->created_at != at ||
      (r->status != AISLE_RESERVATION_OPEN && r->status != AISLE_RESERVATION_CANCELLED))
    return TRUE;
  return undo_sql (store, "DELETE FROM reservations WHERE id = ?1", id, NULL, 0, error) &&
         (r->status != AISLE_RESERVATION_OPEN ||
          move_reserved (store, r->product_id, r->branch_id, -r->quantity, r->created_at, error));
}

/* The optimistic binding goes, and the binding it ended (at the mutation's time, by
 * apply_binding) is active again, unless the pulled rows made another one active since. */
static gboolean
undo_binding (AisleStore  *store,
              const char  *id,
              const char  *member_id,
              gint64       at,
              GError     **error)
{
  return undo_sql (store, "DELETE FROM bindings WHERE id = ?1", id, NULL, 0, error) &&
         undo_sql (store, "UPDATE bindings SET until = 0 WHERE id = (SELECT id FROM bindings "
                          "WHERE member_id = ?2 AND until = ?3 AND id <> ?1 "
                          "ORDER BY since DESC LIMIT 1) AND NOT EXISTS (SELECT 1 FROM bindings "
                          "WHERE member_id = ?2 AND until = 0)", id, member_id, at, error);
}

/**
 * _aisle_sync_undo_local:
 * @store: the device cache, in the transaction that writes the page saying so
 * @m: the mutation the hub refused, or confirmed without doing what the cache did
 * @hub_binding_id: (nullable): for a confirmed binding.create, the binding the hub kept
 * @code: (nullable): the hub's refusal code ("conflict", "forbidden", ...)
 * @error: return location for a #GError
 *
 * Removes what apply_local() wrote for @m that no pulled row will correct, because the hub
 * made no such row: the cache then shows the hub's state plus the mutations still queued.
 * Each statement matches the optimistic row by what apply_local() wrote (the mutation's own
 * id, or its time), so a row the hub sent under the same key (an invoice someone else
 * registered first, a coupon used elsewhere) is left as the hub has it. Optimistic consent
 * withdrawals need nothing here: every rebase drops them and re-applies only the queued ones.
 * An enrolment's member is removed by the caller (it also handles the hub's alias).
 * tag.set and reservation.cancel replace what they change; the outbox row keeps what they
 * replaced (undo_json), which goes back (undo_tags(), undo_unreserve()).
 *
 * Returns: %TRUE on success
 */
gboolean
_aisle_sync_undo_local (AisleStore           *store,
                        const AisleMutation  *m,
                        const char           *hub_binding_id,
                        const char           *code,
                        GError              **error)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (m->args_json, -1, NULL);
  g_autofree char *branch = NULL;
  JsonObject *args;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return TRUE;
  args = json_node_get_object (root);

  if (strcmp (m->name, "binding.create") == 0)
    {
      const char *id = _aisle_sync_arg_str (args, "binding_id");

      if (id == NULL || g_strcmp0 (id, hub_binding_id) == 0)
        return TRUE;
      return undo_binding (store, id, _aisle_sync_arg_str (args, "member_id"), m->created_at, error);
    }
  if (hub_binding_id != NULL)
    return TRUE;
  if (strcmp (m->name, "reservation.create") == 0 && _aisle_sync_arg_str (args, "reservation_id") != NULL)
    return undo_reserve (store, _aisle_sync_arg_str (args, "reservation_id"), m->created_at, error);
  if (strcmp (m->name, "invoice.register") == 0)
    /* The cache never credits points; the hub's row carries them. */
    return undo_sql (store, "DELETE FROM invoices WHERE number = ?1 AND member_id IS ?2 AND "
                            "registered_at = ?3 AND points = 0",
                     _aisle_sync_arg_str (args, "number"), _aisle_sync_arg_str (args, "member_id"),
                     m->created_at, error);
  if (strcmp (m->name, "coupon.redeem") == 0)
    {
      branch = get_store_id (store);
      return undo_sql (store, "UPDATE coupons SET redeemed_at = 0, redeemed_store_id = NULL "
                              "WHERE code = ?1 AND redeemed_at = ?3 AND redeemed_store_id IS ?2",
                       _aisle_sync_arg_str (args, "code"), branch, m->created_at, error);
    }
  if (strcmp (m->name, "tag.set") == 0 && _aisle_sync_arg_str (args, "member_id") != NULL)
    return undo_tags (store, m, _aisle_sync_arg_str (args, "member_id"), error);
  if (strcmp (m->name, "reservation.cancel") == 0 && _aisle_sync_arg_str (args, "reservation_id") != NULL)
    return undo_unreserve (store, m, _aisle_sync_arg_str (args, "reservation_id"), code, error);
  if (strcmp (m->name, "note.add") == 0)
    return undo_sql (store, "DELETE FROM notes WHERE id = ?1 AND at = ?3",
                     _aisle_sync_arg_str (args, "note_id"), NULL, m->created_at, error);
  return TRUE;
}

/* A mutation the hub refused is recorded in sync_attention (in the same transaction as the
 * page that said so), and so is a binding the hub answered with the one it had (dismissed at
 * once); it stays in the outbox until the last page, but must not be re-applied. */
static gboolean
is_refused (AisleStore  *store,
            gint64       id,
            gboolean    *out_refused,
            GError     **error)
{
  g_auto(AisleStmt) stmt = _aisle_store_prepare (store, "SELECT 1 FROM sync_attention "
                                                        "WHERE mutation_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _aisle_store_set_error (store, rc, "reading refused mutations", error);
      return FALSE;
    }
  *out_refused = rc == SQLITE_ROW;
  return TRUE;
}

/**
 * aisle_sync_cache_mutate:
 * @store: the device cache
 * @name: the mutation's name ("member.enrol", ...)
 * @args_json: its arguments, a JSON object
 * @staff_id: (nullable): the signed-in staff member
 * @created_at: Unix time
 * @error: return location for a #GError
 *
 * Applies the mutation to the cache (optimistic) and appends it to the outbox in one
 * transaction, committed with synchronous=FULL so that an acknowledged mutation survives a
 * power cut (the WAL is fsynced on that commit; other commits keep synchronous=NORMAL).
 *
 * Returns: the mutation's id, or 0 with @error set
 */
gint64
aisle_sync_cache_mutate (AisleStore  *store,
                         const char  *name,
                         const char  *args_json,
                         const char  *staff_id,
                         gint64       created_at,
                         GError     **error)
{
  gboolean outermost;
  gint64 id;

  g_return_val_if_fail (AISLE_IS_STORE (store), 0);
  g_return_val_if_fail (name != NULL && args_json != NULL, 0);

  /* synchronous can only change outside a transaction; inside a caller's transaction the
   * caller's commit decides. */
  outermost = aisle_store_get_transaction_depth (store) == 0;
  if (outermost)
    aisle_store_set_durable (store, TRUE);
  if (!aisle_store_begin (store, error))
    id = 0;
  else if ((id = aisle_store_outbox_append (store, name, args_json, staff_id, created_at, error)) == 0 ||
           !remember_undo (store, id, name, args_json, error) ||
           !apply_local (store, name, args_json, staff_id, created_at, error) ||
           !aisle_store_commit (store, error))
    {
      aisle_store_rollback (store);
      id = 0;
    }
  if (outermost)
    aisle_store_set_durable (store, FALSE);
  return id;
}

/**
 * aisle_sync_cache_rebase:
 * @store: the device cache
 * @error: return location for a #GError
 *
 * Applies every mutation still in the outbox again, in order, on top of the pulled state,
 * except those the hub refused (their outbox rows go with the last page of the pull).
 * Optimistic rows that cannot be matched to the hub's (consent withdrawals) are dropped first.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_sync_cache_rebase (AisleStore  *store,
                         GError     **error)
{
  g_autoptr(GHashTable) tagged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 after = 0;

  if (!_aisle_store_exec (store, "DELETE FROM member_consents WHERE seq > "
                                 G_STRINGIFY (AISLE_SYNC_OPTIMISTIC_SEQ_SQL), error) ||
      !drop_optimistic_sequence (store, error))
    return FALSE;
  for (;;)
    {
      g_autoptr(GPtrArray) batch = aisle_store_outbox_list (store, after, 500, error);

      if (batch == NULL)
        return FALSE;
      if (batch->len == 0)
        return TRUE;
      for (guint i = 0; i < batch->len; i++)
        {
          const AisleMutation *m = g_ptr_array_index (batch, i);
          gboolean refused = FALSE;

          if (!is_refused (store, m->id, &refused, error) ||
              (!refused && strcmp (m->name, "tag.set") == 0 &&
               !refresh_tags_undo (store, m, tagged, error)) ||
              (!refused && !apply_local (store, m->name, m->args_json, m->staff_id,
                                         m->created_at, error)))
            return FALSE;
          after = m->id;
        }
    }
}

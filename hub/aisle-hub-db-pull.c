/* aisle-hub-db-pull.c: the SQLite backend's reads: pull pages, member lookup, metrics.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <string.h>

#include "aisle-hub-sqlite-private.h"

AislePullResponse *_aisle_hub_sqlite_pull (AisleHubDb *db, const AisleHubDevice *device,
                                           gint64 cursor, guint limit, GError **error);
char *_aisle_hub_sqlite_lookup_members (AisleHubDb *db, const AisleHubDevice *device,
                                        const char *phone, const char *number,
                                        const char *query, guint limit, GError **error);
char *_aisle_hub_sqlite_channel_secret (AisleHubDb *db, const char *channel, GError **error);
char *_aisle_hub_sqlite_device_metrics (AisleHubDb *db, GError **error);

/* Entity JSON is built by SQLite's json_object() in one step per row. The keys are exactly
 * those of aisle_protocol_*_to_json() (tests/test-hub-sync.c checks a member against it). */
#define MEMBER_JSON \
  "json_object('id', id, 'number', number, 'name', name, 'phone', phone, " \
  "'birth_month', birth_month, 'tier', tier, 'points', points, 'home_store_id', home_store_id, " \
  "'enrolled_at', enrolled_at, 'last_activity_at', last_activity_at)"

static const struct
{
  const char *entity;
  const char *sql;     /* ?1 is the id (for stock: ?1 product, ?2 location) */
} entity_sql[] = {
  { "store", "SELECT json_object('id', id, 'name', name, 'address', address, 'phone', phone, "
             "'latitude', latitude, 'longitude', longitude) FROM stores WHERE id = ?1" },
  { "staff", "SELECT json_object('id', id, 'store_id', store_id, 'name', name, 'role', role, "
             "'pin_hash', pin_hash, 'active', json(CASE active WHEN 1 THEN 'true' ELSE 'false' END)) "
             "FROM staff WHERE id = ?1" },
  { "product", "SELECT json_object('id', id, 'name', name, 'brand', brand, 'category', category, "
               "'price', price, 'barcodes', json((SELECT json_group_array(barcode) FROM "
               "product_barcodes WHERE product_id = p.id)), 'popularity', popularity) "
               "FROM products p WHERE id = ?1" },
  { "stock", "SELECT json_object('product_id', product_id, 'location_id', location_id, "
             "'on_hand', on_hand, 'reserved', reserved, 'updated_at', updated_at) FROM stock "
             "WHERE product_id = ?1 AND location_id = ?2" },
  { "member", "SELECT " MEMBER_JSON " FROM members WHERE id = ?1" },
  { "consent", "SELECT json_object('seq', seq, 'member_id', member_id, 'policy_version', "
               "policy_version, 'text_hash', text_hash, 'privacy', json(CASE privacy WHEN 1 THEN "
               "'true' ELSE 'false' END), 'marketing', json(CASE marketing WHEN 1 THEN 'true' "
               "ELSE 'false' END), 'at', at, 'channel', channel, 'device_id', device_id) "
               "FROM member_consents WHERE seq = CAST(?1 AS INTEGER)" },
  { "binding", "SELECT json_object('id', id, 'member_id', member_id, 'staff_id', staff_id, "
               "'store_id', store_id, 'since', since, 'until', until, 'source', source) "
               "FROM bindings WHERE id = ?1" },
  { "order", "SELECT json_object('id', id, 'member_id', member_id, 'channel', channel, "
             "'fulfilment', fulfilment, 'status', status, 'tracking', tracking, 'store_id', "
             "store_id, 'total', total, 'placed_at', placed_at, 'credited_staff_id', "
             "credited_staff_id, 'credited_store_id', credited_store_id, 'credit_reason', "
             "credit_reason, 'items', json(items)) FROM orders o WHERE id = ?1" },
  { "points", "SELECT json_object('id', id, 'member_id', member_id, 'delta', delta, 'reason', "
              "reason, 'at', at) FROM points_ledger WHERE id = ?1" },
  { "coupon", "SELECT json_object('code', code, 'member_id', member_id, 'title', title, 'value', "
              "value, 'valid_from', valid_from, 'valid_until', valid_until, 'redeemed_at', "
              "redeemed_at, 'redeemed_store_id', redeemed_store_id) FROM coupons WHERE code = ?1" },
  { "invoice", "SELECT json_object('number', number, 'date', date, 'random_code', random_code, "
               "'seller_id', seller_id, 'total', total, 'member_id', member_id, 'points', points, "
               "'registered_at', registered_at) FROM invoices WHERE number = ?1" },
  { "reservation", "SELECT json_object('id', id, 'member_id', member_id, 'product_id', "
                   "product_id, 'store_id', store_id, 'quantity', quantity, 'status', status, "
                   "'created_at', created_at, 'expires_at', expires_at, 'staff_id', staff_id) "
                   "FROM reservations WHERE id = ?1" },
  { "note", "SELECT json_object('id', id, 'member_id', member_id, 'staff_id', staff_id, 'text', "
            "text, 'at', at) FROM notes WHERE id = ?1" },
  { "device_key", "SELECT json_object('device_id', id, 'store_id', store_id, 'public_key', "
                  "public_key, 'revoked', json(CASE revoked WHEN 1 THEN 'true' ELSE 'false' END)) "
                  "FROM devices WHERE id = ?1 AND public_key IS NOT NULL" },
  { "member_tags", "SELECT json_object('member_id', ?1, 'tags', json((SELECT "
                   "json_group_array(tag) FROM (SELECT tag FROM member_tags WHERE member_id = ?1 "
                   "ORDER BY tag))))" },
  /* Only the keys data/sql/hub/008-settings.sql logs. */
  { "setting", "SELECT json_object('key', key, 'value', value) FROM hub_settings WHERE key = ?1" },
};

static const char *
find_entity_sql (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_sql); i++)
    if (strcmp (entity_sql[i].entity, entity) == 0)
      return entity_sql[i].sql;
  return NULL;
}

/* Fills @change's data from the entity's current row; a missing row becomes a delete. */
static gboolean
load_entity (AisleHubSqlite *self,
             AisleChange    *change,
             GError        **error)
{
  const char *sql = find_entity_sql (change->entity);
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  if (sql == NULL)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED, "change log names unknown entity %s",
                   change->entity);
      return FALSE;
    }
  stmt = aisle_store_prepare_cached (self->store, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (strcmp (change->entity, "stock") == 0)
    {
      const char *at = strchr (change->entity_id, '@');
      g_autofree char *product = g_strndup (change->entity_id,
                                            at != NULL ? (gsize) (at - change->entity_id) : 0);

      sqlite3_bind_text (stmt, 1, product, -1, SQLITE_TRANSIENT);
      aisle_sqlite_bind_text (stmt, 2, at != NULL ? at + 1 : "");
    }
  else
    aisle_sqlite_bind_text (stmt, 1, change->entity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      change->op = g_strdup (AISLE_CHANGE_PUT);
      change->data_json = aisle_hub_column_dup (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      change->op = g_strdup (AISLE_CHANGE_DELETE);
      return TRUE;
    }
  aisle_store_set_sqlite_error (self->store, rc, "reading a changed entity", error);
  return FALSE;
}

static gboolean
load_result (AisleHubSqlite       *self,
             const AisleHubDevice *device,
             const char           *mutation_id,
             GPtrArray            *results,
             GError              **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "SELECT mutation_id, name, status, code, message, "
                                                 "detail_json, at FROM mutation_results WHERE "
                                                 "device_id = ?1 AND mutation_id = CAST(?2 AS INTEGER)",
                                                 error);
  AisleMutationResult *r;

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, device->id);
  aisle_sqlite_bind_text (stmt, 2, mutation_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  r = aisle_mutation_result_new ();
  r->id = sqlite3_column_int64 (stmt, 0);
  r->name = aisle_hub_column_dup (stmt, 1);
  r->status = aisle_hub_column_dup (stmt, 2);
  r->code = aisle_hub_column_dup (stmt, 3);
  r->message = aisle_hub_column_dup (stmt, 4);
  r->detail_json = aisle_hub_column_dup (stmt, 5);
  r->at = sqlite3_column_int64 (stmt, 6);
  g_ptr_array_add (results, r);
  return TRUE;
}

/* The locations whose stock @store_id's devices get: the store, the online warehouse and the
 * nearest stores of the chain within nearby_store_km, at most nearby_store_max of them.
 * Computed once per store into store_nearby (emptied by a trigger when stores change). */
static gboolean
ensure_nearby (AisleHubSqlite *self,
               const char     *store_id,
               GError        **error)
{
  g_autoptr(AisleBranch) home = NULL;
  g_autoptr(GPtrArray) near = NULL;
  gint64 max_km, max_count;
  guint added = 0;

  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                         "SELECT 1 FROM store_nearby WHERE store_id = ?1",
                                                         error);
    if (stmt == NULL)
      return FALSE;
    aisle_sqlite_bind_text (stmt, 1, store_id);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      return TRUE;
  }
  max_km = aisle_hub_sqlite_get_setting_int (self, "nearby_store_km", 15);
  max_count = aisle_hub_sqlite_get_setting_int (self, "nearby_store_max", 5);
  home = aisle_store_get_branch (self->store, store_id, NULL);
  near = home != NULL ? aisle_store_list_branches_near (self->store, home->latitude, home->longitude,
                                                        error)
                      : g_ptr_array_new ();
  if (near == NULL)
    return FALSE;
  for (guint i = 0; i <= near->len; i++)
    {
      const char *location = NULL;
      g_auto(AisleStmt) ins = NULL;

      if (i == near->len)
        location = AISLE_LOCATION_ONLINE;
      else
        {
          const AisleBranch *b = g_ptr_array_index (near, i);

          if (strcmp (b->id, store_id) != 0)
            {
              if (added >= max_count ||
                  aisle_distance_km (home->latitude, home->longitude, b->latitude, b->longitude) > max_km)
                continue;
              added++;
            }
          location = b->id;
        }
      ins = aisle_store_prepare_cached (self->store,
                                        "INSERT OR IGNORE INTO store_nearby (store_id, location_id) "
                                        "VALUES (?1, ?2)", error);
      if (ins == NULL)
        return FALSE;
      aisle_sqlite_bind_text (ins, 1, store_id);
      aisle_sqlite_bind_text (ins, 2, location);
      if (!aisle_hub_step (self, ins, error))
        return FALSE;
    }
  {
    g_auto(AisleStmt) ins = aisle_store_prepare_cached (self->store,
                                                        "INSERT OR IGNORE INTO store_nearby (store_id, "
                                                        "location_id) VALUES (?1, ?1)", error);
    if (ins == NULL)
      return FALSE;
    aisle_sqlite_bind_text (ins, 1, store_id);
    return aisle_hub_step (self, ins, error);
  }
}

/* "remaining" in a pull page: the changes in the device's scope after the page. Counting them
 * reads the rest of the change log (about 0.15 s per million rows here), so it is done once
 * per run of pages: the next page that continues from this one subtracts its own rows. Rows
 * logged meanwhile are not counted until the device's next run; the figure is for a progress
 * bar. Keyed by device id; only the DB worker touches it, the lock is for clarity. */
typedef struct
{
  gint64 cursor;
  gint64 remaining;
} RemainingRun;

static GMutex remaining_lock;
static GHashTable *remaining_runs;   /* device id -> RemainingRun */

#define SCOPE_WHERE \
  "(device_id IS NULL OR device_id = ?3) AND CASE WHEN location_id IS NULL " \
  "THEN store_id IS NULL OR store_id = ?2 ELSE location_id IN (SELECT location_id FROM " \
  "store_nearby WHERE store_id = ?2) END"

static gboolean
count_remaining (AisleHubSqlite       *self,
                 const AisleHubDevice *device,
                 gint64                after,
                 gint64               *out,
                 GError              **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                       "SELECT count(*) FROM change_log "
                                                       "WHERE seq > ?1 AND " SCOPE_WHERE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  aisle_sqlite_bind_text (stmt, 2, device->store_id);
  aisle_sqlite_bind_text (stmt, 3, device->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      aisle_store_set_sqlite_error (self->store, sqlite3_errcode (self->db),
                                    "counting the change log", error);
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
set_remaining (AisleHubSqlite       *self,
               const AisleHubDevice *device,
               gint64                cursor,
               guint                 page_rows,
               AislePullResponse    *response,
               GError              **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&remaining_lock);
  RemainingRun *run;

  if (remaining_runs == NULL)
    remaining_runs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!response->more)
    {
      g_hash_table_remove (remaining_runs, device->id);
      response->remaining = 0;
      return TRUE;
    }
  run = g_hash_table_lookup (remaining_runs, device->id);
  if (run != NULL && run->cursor == cursor)
    response->remaining = MAX (run->remaining - (gint64) page_rows, 1);
  else if (!count_remaining (self, device, response->cursor, &response->remaining, error))
    return FALSE;
  if (run == NULL)
    {
      run = g_new0 (RemainingRun, 1);
      g_hash_table_insert (remaining_runs, g_strdup (device->id), run);
    }
  run->cursor = response->cursor;
  run->remaining = response->remaining;
  return TRUE;
}

static gboolean
pull_page (AisleHubSqlite       *self,
           const AisleHubDevice *device,
           gint64                cursor,
           guint                 limit,
           AislePullResponse    *response,
           GError              **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_change_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 max_seq = cursor;
  int rc;

  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                   "SELECT last_mutation_id, "
                                                   "(SELECT coalesce (max (seq), 0) FROM change_log) "
                                                   "FROM devices WHERE id = ?1", error);
    if (stmt == NULL)
      return FALSE;
    aisle_sqlite_bind_text (stmt, 1, device->id);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_UNAUTHORIZED, "unknown device");
        return FALSE;
      }
    response->last_mutation_id = sqlite3_column_int64 (stmt, 0);
    max_seq = sqlite3_column_int64 (stmt, 1);
  }

  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                   "SELECT seq, entity, entity_id FROM change_log "
                                                   "WHERE seq > ?1 AND " SCOPE_WHERE " "
                                                   "ORDER BY seq LIMIT ?4", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, cursor);
    aisle_sqlite_bind_text (stmt, 2, device->store_id);
    aisle_sqlite_bind_text (stmt, 3, device->id);
    sqlite3_bind_int (stmt, 4, (int) limit);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        AisleChange *c = aisle_change_new ();

        c->seq = sqlite3_column_int64 (stmt, 0);
        c->entity = aisle_hub_column_dup (stmt, 1);
        c->entity_id = aisle_hub_column_dup (stmt, 2);
        g_ptr_array_add (rows, c);
      }
    if (rc != SQLITE_DONE)
      {
        aisle_store_set_sqlite_error (self->store, rc, "reading the change log", error);
        return FALSE;
      }
  }

  /* A full page ends at its last row; a short one has seen everything up to the end of the
   * log (rows of other stores included), so the cursor jumps there and the next pull is empty. */
  if (rows->len == limit && limit > 0)
    {
      response->cursor = ((AisleChange *) g_ptr_array_index (rows, rows->len - 1))->seq;
      response->more = response->cursor < max_seq;
    }
  else
    {
      response->cursor = MAX (cursor, max_seq);
      response->more = FALSE;
    }

  if (!set_remaining (self, device, cursor, rows->len, response, error))
    return FALSE;

  /* Within a page only the latest state of an entity matters: keep its last occurrence. */
  for (guint i = rows->len; i > 0; i--)
    {
      AisleChange *c = g_ptr_array_index (rows, i - 1);
      char *key = g_strconcat (c->entity, "\n", c->entity_id, NULL);

      if (!g_hash_table_add (seen, key))
        g_ptr_array_remove_index (rows, i - 1);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      AisleChange *c = g_ptr_array_index (rows, i);

      if (strcmp (c->entity, "result") == 0)
        {
          if (!load_result (self, device, c->entity_id, response->results, error))
            return FALSE;
          continue;
        }
      if (!load_entity (self, c, error))
        return FALSE;
      /* move it to the response; aisle_change_free (NULL) is a no-op */
      rows->pdata[i] = NULL;
      g_ptr_array_add (response->changes, c);
    }
  return TRUE;
}

AislePullResponse *
_aisle_hub_sqlite_pull (AisleHubDb            *db,
                        const AisleHubDevice  *device,
                        gint64                 cursor,
                        guint                  limit,
                        GError               **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autoptr(AislePullResponse) response = aisle_pull_response_new ();
  gboolean ok;

  if (!ensure_nearby (self, device->store_id, error))
    return NULL;
  /* One read transaction, so the page, its cursor and last_mutation_id are one snapshot. */
  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      aisle_store_set_sqlite_error (self->store, sqlite3_errcode (self->db), "starting a pull", error);
      return NULL;
    }
  ok = pull_page (self, device, cursor, limit, response, error);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;
  return g_steal_pointer (&response);
}

char *
_aisle_hub_sqlite_lookup_members (AisleHubDb            *db,
                                  const AisleHubDevice  *device,
                                  const char  *phone,
                                  const char  *number,
                                  const char  *query,
                                  guint        limit,
                                  GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (phone != NULL)
    {
      g_autofree char *normal = aisle_phone_normalize (phone);
      AisleMember *m;

      if (normal == NULL)
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "not a Taiwan mobile number");
          return NULL;
        }
      members = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_member_free);
      m = aisle_store_get_member_by_phone (self->store, normal, NULL);
      if (m != NULL)
        g_ptr_array_add (members, m);
    }
  else if (number != NULL)
    {
      AisleMember *m;

      members = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_member_free);
      m = aisle_store_get_member_by_number (self->store, number, NULL);
      if (m != NULL)
        g_ptr_array_add (members, m);
    }
  else
    {
      members = aisle_store_search_members (self->store, query, limit, error);
      if (members == NULL)
        return NULL;
    }

  /* Looked up here: the member enters this store's scope (DESIGN.md, Data flow 1). */
  if (members->len > 0)
    {
      if (!aisle_store_begin (self->store, error))
        return NULL;
      for (guint i = 0; i < members->len && i < limit; i++)
        {
          const AisleMember *m = g_ptr_array_index (members, i);
          g_auto(AisleStmt) ins = aisle_store_prepare_cached (self->store,
                                                              "INSERT OR IGNORE INTO member_scope "
                                                              "(member_id, store_id, reason) VALUES "
                                                              "(?1, ?2, 'lookup')", error);

          if (ins == NULL)
            {
              aisle_store_rollback (self->store);
              return NULL;
            }
          aisle_sqlite_bind_text (ins, 1, m->id);
          aisle_sqlite_bind_text (ins, 2, device->store_id);
          if (!aisle_hub_step (self, ins, error))
            {
              aisle_store_rollback (self->store);
              return NULL;
            }
        }
      if (!aisle_store_commit (self->store, error))
        {
          aisle_store_rollback (self->store);
          return NULL;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < members->len && i < limit; i++)
    json_builder_add_value (builder, aisle_protocol_member_to_json (g_ptr_array_index (members, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return aisle_protocol_to_string (root);
}

char *
_aisle_hub_sqlite_channel_secret (AisleHubDb  *db,
                                  const char  *channel,
                                  GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "SELECT secret FROM channels WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  aisle_sqlite_bind_text (stmt, 1, channel);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return aisle_hub_column_dup (stmt, 0);
  g_set_error (error, AISLE_ERROR, AISLE_ERROR_UNAUTHORIZED, "unknown channel");
  return NULL;
}

char *
_aisle_hub_sqlite_device_metrics (AisleHubDb  *db,
                                  GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autoptr(GPtrArray) devices = aisle_hub_sqlite_list_devices (self, error);
  GString *out;

  if (devices == NULL)
    return NULL;
  out = g_string_new ("# HELP aisle_hub_device_last_seen_seconds Unix time a device last called.\n"
                      "# TYPE aisle_hub_device_last_seen_seconds gauge\n");
  for (guint i = 0; i < devices->len; i++)
    {
      const AisleHubDevice *d = g_ptr_array_index (devices, i);

      if (d->revoked)
        continue;
      g_string_append_printf (out, "aisle_hub_device_last_seen_seconds{device=\"%s\",store=\"%s\","
                              "mode=\"%s\"} %" G_GINT64_FORMAT "\n", d->id, d->store_id, d->mode,
                              d->last_seen);
    }
  g_string_append (out, "# HELP aisle_hub_device_last_mutation_id Last mutation id applied per device.\n"
                        "# TYPE aisle_hub_device_last_mutation_id gauge\n");
  for (guint i = 0; i < devices->len; i++)
    {
      const AisleHubDevice *d = g_ptr_array_index (devices, i);

      if (!d->revoked)
        g_string_append_printf (out, "aisle_hub_device_last_mutation_id{device=\"%s\"} %"
                                G_GINT64_FORMAT "\n", d->id, d->last_mutation_id);
    }
  return g_string_free (out, FALSE);
}

/* aisle-store.c: the AisleStore object, errors, the statement cache, transactions, the outbox
 * and the sync state. Opening and migrating live in aisle-store-open.c, the typed record API
 * in aisle-store-<area>.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "aisle-store-private.h"

G_DEFINE_FINAL_TYPE (AisleStore, aisle_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (aisle-store-error-quark, aisle_store_error)

/* Also called by aisle_store_open() before it moves a corrupt file aside. */
void
_aisle_store_close (AisleStore *self)
{
  if (self->db == NULL)
    return;

  if (self->txn_depth > 0)
    {
      g_warning ("closing %s with a transaction open: rolling it back", self->path);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->txn_depth = 0;
    }
  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* SQLite's advice for long-lived connections: refresh planner statistics on close. */
  if ((self->flags & AISLE_STORE_OPEN_READONLY) == 0)
    sqlite3_exec (self->db, "PRAGMA optimize", NULL, NULL, NULL);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
}

static void
aisle_store_finalize (GObject *object)
{
  AisleStore *self = AISLE_STORE (object);

  _aisle_store_close (self);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (aisle_store_parent_class)->finalize (object);
}

static void
aisle_store_class_init (AisleStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = aisle_store_finalize;
}

static void
aisle_store_init (AisleStore *self)
{
}

/* --- errors and statements ----------------------------------------------------------------- */

AisleStoreError
_aisle_store_error_code (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return AISLE_STORE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return AISLE_STORE_ERROR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return AISLE_STORE_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return AISLE_STORE_ERROR_CORRUPT;
    default:
      return AISLE_STORE_ERROR_FAILED;
    }
}

void
_aisle_store_set_error (AisleStore  *self,
                        int          rc,
                        const char  *what,
                        GError     **error)
{
  const char *msg = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  g_set_error (error, AISLE_STORE_ERROR, _aisle_store_error_code (rc), "%s: %s", what, msg);
}

sqlite3_stmt *
_aisle_store_prepare (AisleStore  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _aisle_store_set_error (self, rc, "preparing a statement", error);
      g_debug ("failed SQL: %s", sql);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
_aisle_store_exec (AisleStore  *self,
                   const char  *sql,
                   GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _aisle_store_set_error (self, rc, "executing SQL", error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_aisle_store_step_done (AisleStore   *self,
                        sqlite3_stmt *stmt,
                        const char   *what,
                        GError      **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, what, error);
      return FALSE;
    }
  return TRUE;
}

void
_aisle_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
_aisle_column_dup (sqlite3_stmt *stmt,
                   int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gboolean
_aisle_require_id (const char  *id,
                   const char  *what,
                   GError     **error)
{
  if (id == NULL || *id == '\0')
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID, "%s is empty", what);
      return FALSE;
    }
  return TRUE;
}

/* --- transactions -------------------------------------------------------------------------- */

/**
 * aisle_store_begin:
 * @self: an #AisleStore
 * @error: return location for a #GError
 *
 * Starts a transaction, or a savepoint inside the open one. Pair with aisle_store_commit()
 * or aisle_store_rollback(). The outer transaction takes the write lock at once (BEGIN
 * IMMEDIATE) so that it cannot fail with BUSY half-way.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_begin (AisleStore  *self,
                   GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);

  if (self->txn_depth == 0)
    sql = g_strdup ((self->flags & AISLE_STORE_OPEN_READONLY) != 0 ? "BEGIN" : "BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT s%u", self->txn_depth + 1);
  if (!_aisle_store_exec (self, sql, error))
    return FALSE;
  self->txn_depth++;
  return TRUE;
}

gboolean
aisle_store_commit (AisleStore  *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->txn_depth > 0, FALSE);

  if (self->txn_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE s%u", self->txn_depth);
  /* On failure the transaction stays open: the caller rolls it back. */
  if (!_aisle_store_exec (self, sql, error))
    return FALSE;
  self->txn_depth--;
  return TRUE;
}

void
aisle_store_rollback (AisleStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (AISLE_IS_STORE (self));
  g_return_if_fail (self->txn_depth > 0);

  if (self->txn_depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO s%u; RELEASE s%u", self->txn_depth, self->txn_depth);
  /* SQLite may already have rolled back on its own (SQLITE_FULL, IOERR): nothing to report. */
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("rollback: %s", sqlite3_errmsg (self->db));
  self->txn_depth--;
}

guint
aisle_store_get_transaction_depth (AisleStore *self)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), 0);
  return self->txn_depth;
}

/* --- outbox -------------------------------------------------------------------------------- */

/**
 * aisle_store_outbox_append:
 * @self: an #AisleStore
 * @name: the mutation name, e.g. "member.enrol"
 * @args_json: its arguments, a JSON object
 * @staff_id: (nullable): who did it; %NULL for kiosk self-service
 * @created_at: Unix time
 * @error: return location for a #GError
 *
 * Appends a mutation. Call it inside the transaction that applies the mutation to the cache
 * so that both happen or neither does.
 *
 * Returns: the new mutation id (> 0, never reused), or 0 with @error set
 */
gint64
aisle_store_outbox_append (AisleStore  *self,
                           const char  *name,
                           const char  *args_json,
                           const char  *staff_id,
                           gint64       created_at,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (args_json != NULL, 0);

  /* Refuse garbage here, not at push time when the user who typed it has gone. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, args_json, -1, &local_error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "mutation %s: arguments are not a JSON object", name);
      return 0;
    }

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO outbox (name, args_json, staff_id, created_at) "
                               "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return 0;
  _aisle_bind_text (stmt, 1, name);
  _aisle_bind_text (stmt, 2, args_json);
  _aisle_bind_text (stmt, 3, staff_id);
  sqlite3_bind_int64 (stmt, 4, created_at);
  if (!_aisle_store_step_done (self, stmt, "appending to the outbox", error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * aisle_store_outbox_list:
 * @self: an #AisleStore
 * @after_id: list mutations with an id above this (0 for all)
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleMutation): the mutations in id order
 */
GPtrArray *
aisle_store_outbox_list (AisleStore  *self,
                         gint64       after_id,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT id, name, args_json, staff_id, created_at FROM outbox "
                               "WHERE id > ?1 ORDER BY id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, limit);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_mutation_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AisleMutation *m = aisle_mutation_new ();

      m->id = sqlite3_column_int64 (stmt, 0);
      m->name = _aisle_column_dup (stmt, 1);
      m->args_json = _aisle_column_dup (stmt, 2);
      m->staff_id = _aisle_column_dup (stmt, 3);
      m->created_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, m);
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing the outbox", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * aisle_store_outbox_count:
 * @self: an #AisleStore
 * @error: return location for a #GError
 *
 * Returns: the number of mutations waiting, or -1 with @error set
 */
gint64
aisle_store_outbox_count (AisleStore  *self,
                          GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), -1);

  stmt = _aisle_store_prepare (self, "SELECT count(*) FROM outbox", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _aisle_store_set_error (self, rc, "counting the outbox", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * aisle_store_outbox_delete_through:
 * @self: an #AisleStore
 * @id: the hub's last_mutation_id: every mutation up to and including it is dropped
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_outbox_delete_through (AisleStore  *self,
                                   gint64       id,
                                   GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);

  stmt = _aisle_store_prepare (self, "DELETE FROM outbox WHERE id <= ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _aisle_store_step_done (self, stmt, "trimming the outbox", error);
}

/* --- sync state ---------------------------------------------------------------------------- */

/**
 * aisle_store_get_sync_state:
 * @self: an #AisleStore
 * @key: e.g. "cursor", "device_id"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if unset (@error not set) or on
 *   failure (@error set)
 */
char *
aisle_store_get_sync_state (AisleStore  *self,
                            const char  *key,
                            GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _aisle_store_prepare (self, "SELECT value FROM sync_state WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _aisle_column_dup (stmt, 0);
  if (rc != SQLITE_DONE)
    _aisle_store_set_error (self, rc, "reading the sync state", error);
  return NULL;
}

/**
 * aisle_store_set_sync_state:
 * @self: an #AisleStore
 * @key: the key
 * @value: (nullable): the value; %NULL removes the key
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_set_sync_state (AisleStore  *self,
                            const char  *key,
                            const char  *value,
                            GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = _aisle_store_prepare (self, "DELETE FROM sync_state WHERE key = ?1", error);
  else
    stmt = _aisle_store_prepare (self,
                                 "INSERT INTO sync_state (key, value) VALUES (?1, ?2) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, key);
  if (value != NULL)
    _aisle_bind_text (stmt, 2, value);
  return _aisle_store_step_done (self, stmt, "writing the sync state", error);
}

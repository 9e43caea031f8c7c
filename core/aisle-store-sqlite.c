/* aisle-store-sqlite.c: the connection accessor of aisle-store-sqlite.h (core and hub only).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include "aisle-store-private.h"
#include "aisle-store-sqlite.h"

/**
 * aisle_store_get_sqlite:
 * @self: an #AisleStore
 *
 * For core and hub code that runs its own SQL inside the store's transactions (begin and end
 * them with aisle_store_begin() and aisle_store_commit() so that nesting stays right). Never
 * close the connection, change its pragmas or use it from another thread. The app must not
 * call this: it uses the typed API.
 *
 * Returns: (transfer none): the store's connection, valid until the store is finalized
 */
sqlite3 *
aisle_store_get_sqlite (AisleStore *self)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  return self->db;
}

/**
 * aisle_store_prepare_cached:
 * @self: an #AisleStore
 * @sql: a string literal (or anything that outlives the store): it keys the cache
 * @error: return location for a #GError
 *
 * Prepares @sql once per connection and returns it reset, with no bindings. Borrow it for one
 * use with `g_auto(AisleStmt)`; never finalize it.
 *
 * Returns: (transfer none): the statement, or %NULL with @error set
 */
sqlite3_stmt *
aisle_store_prepare_cached (AisleStore  *self,
                            const char  *sql,
                            GError     **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  return _aisle_store_prepare (self, sql, error);
}

/**
 * aisle_store_step_done:
 * @self: an #AisleStore
 * @stmt: a statement of @self's connection that returns no rows
 * @what: what it does, for the error message ("recording a device")
 * @error: return location for a #GError
 *
 * Runs @stmt to completion.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_step_done (AisleStore    *self,
                       sqlite3_stmt  *stmt,
                       const char    *what,
                       GError       **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (stmt != NULL, FALSE);
  return _aisle_store_step_done (self, stmt, what, error);
}

/**
 * aisle_store_set_sqlite_error:
 * @self: an #AisleStore
 * @rc: the SQLite result code
 * @what: what failed
 * @error: return location for a #GError
 *
 * Sets @error in %AISLE_STORE_ERROR with the code matching @rc (busy, full, constraint...)
 * and the connection's message.
 */
void
aisle_store_set_sqlite_error (AisleStore  *self,
                              int          rc,
                              const char  *what,
                              GError     **error)
{
  g_return_if_fail (AISLE_IS_STORE (self));
  _aisle_store_set_error (self, rc, what, error);
}

/**
 * aisle_sqlite_bind_text:
 * @stmt: a statement
 * @index: the parameter, from 1
 * @text: (nullable): the value, copied; %NULL binds SQL NULL
 */
void
aisle_sqlite_bind_text (sqlite3_stmt *stmt,
                        int           index,
                        const char   *text)
{
  _aisle_bind_text (stmt, index, text);
}

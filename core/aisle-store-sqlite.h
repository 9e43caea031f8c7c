/* aisle-store-sqlite.h: the store's SQLite connection, for core and hub code only.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Some code beside the typed API runs its own SQL on the store's connection, inside the store's
 * transactions: the hub's tables and rules (data/sql/hub/), core's bulk loaders. This header
 * gives it the connection and the statement cache, and nothing else of the store's internals.
 *
 * The app must never include it: app code goes through the typed API of aisle-store.h (DESIGN.md:
 * no SQL outside core/ and hub/). Everything here follows the store's threading rule: use it
 * only from the thread that owns the store.
 */

#pragma once

#include <sqlite3.h>

#include "aisle-store.h"

G_BEGIN_DECLS

/* A cached statement borrowed for one use; g_auto() resets it (releasing its read snapshot,
 * which would otherwise stop WAL checkpoints) and clears its bindings. */
typedef sqlite3_stmt *AisleStmt;

static inline void
_aisle_stmt_release (sqlite3_stmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (AisleStmt, _aisle_stmt_release, NULL)

sqlite3      *aisle_store_get_sqlite       (AisleStore   *self);
sqlite3_stmt *aisle_store_prepare_cached   (AisleStore   *self,
                                            const char   *sql,
                                            GError      **error);
gboolean      aisle_store_step_done        (AisleStore   *self,
                                            sqlite3_stmt *stmt,
                                            const char   *what,
                                            GError      **error);
void          aisle_store_set_sqlite_error (AisleStore   *self,
                                            int           rc,
                                            const char   *what,
                                            GError      **error);
void          aisle_sqlite_bind_text       (sqlite3_stmt *stmt,
                                            int           index,
                                            const char   *text);

G_END_DECLS

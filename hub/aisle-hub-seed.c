/* aisle-hub-seed.c: `aisle-hub admin seed-demo`: core's demo dataset in a hub.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub's triggers log every row written and send a member's history to each store that
 * enters its scope, with lookups by member. Core's bulk loader defers the member-owned tables'
 * indexes until the end, so those lookups would scan whole tables per row. The seed therefore
 * runs with the triggers dropped and logs the result set by set (data/sql/hub/seed-log.sql).
 * The dropped triggers' SQL is kept in hub_meta first, so a seed killed half-way has them
 * restored the next time the hub opens the file (aisle_hub_sqlite_restore_triggers()).
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include "aisle-demo.h"
#include "aisle-hub-reports-private.h"
#include "aisle-hub-sqlite-private.h"

#define SAVED_KEY "seed_saved_triggers"

static gboolean
set_saved (AisleHubSqlite *hub,
           const char     *sql,
           GError        **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                       sql != NULL ? "INSERT OR REPLACE INTO hub_meta "
                                                                     "(key, value) VALUES ('" SAVED_KEY
                                                                     "', ?1)"
                                                                   : "DELETE FROM hub_meta WHERE key = '"
                                                                     SAVED_KEY "'", error);
  if (stmt == NULL)
    return FALSE;
  if (sql != NULL)
    aisle_sqlite_bind_text (stmt, 1, sql);
  return aisle_hub_step (hub, stmt, error);
}

/* Recreates triggers a seed dropped; a no-op unless a seed was interrupted. */
gboolean
aisle_hub_sqlite_restore_triggers (AisleHubSqlite  *hub,
                                   gboolean         warn,
                                   GError         **error)
{
  g_autofree char *saved = NULL;

  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                         "SELECT value FROM hub_meta WHERE key = '"
                                                         SAVED_KEY "'", error);
    if (stmt == NULL)
      return FALSE;
    if (sqlite3_step (stmt) == SQLITE_ROW)
      saved = aisle_hub_column_dup (stmt, 0);
  }
  if (saved == NULL)
    return TRUE;
  if (warn)
    g_warning ("%s: a demo seed was interrupted: its data is incomplete and not all of it "
               "reaches devices; seed a fresh file", aisle_store_get_path (hub->store));
  if (!aisle_store_begin (hub->store, error))
    return FALSE;
  if (!aisle_hub_exec (hub, saved, error) || !set_saved (hub, NULL, error) ||
      !aisle_store_commit (hub->store, error))
    {
      aisle_store_rollback (hub->store);
      return FALSE;
    }
  return TRUE;
}

static gboolean
drop_triggers (AisleHubSqlite  *hub,
               GError         **error)
{
  GString *create = g_string_new (NULL);
  GString *drop = g_string_new (NULL);
  gboolean ok = FALSE;
  int rc;

  if (!aisle_store_begin (hub->store, error))
    goto out;
  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                         "SELECT name, sql FROM sqlite_schema "
                                                         "WHERE type = 'trigger'", error);
    if (stmt == NULL)
      goto fail;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        char *quoted = sqlite3_mprintf ("DROP TRIGGER \"%w\";\n", sqlite3_column_text (stmt, 0));

        g_string_append (drop, quoted);
        sqlite3_free (quoted);
        g_string_append_printf (create, "%s;\n", sqlite3_column_text (stmt, 1));
      }
    if (rc != SQLITE_DONE)
      {
        aisle_store_set_sqlite_error (hub->store, rc, "listing triggers", error);
        goto fail;
      }
  }
  if (!set_saved (hub, create->str, error) || !aisle_hub_exec (hub, drop->str, error) ||
      !aisle_store_commit (hub->store, error))
    goto fail;
  ok = TRUE;
  goto out;

fail:
  aisle_store_rollback (hub->store);
out:
  g_string_free (create, TRUE);
  g_string_free (drop, TRUE);
  return ok;
}

gboolean
aisle_hub_seed_demo (AisleHubSqlite          *hub,
                     const AisleDemoOptions  *options,
                     AisleDemoStats          *stats,
                     GError                 **error)
{
  g_autoptr(GBytes) log_sql = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) seed_error = NULL;
  gboolean seeded;

  log_sql = g_resources_lookup_data ("/org/aisleretail/Aisle/hub/seed-log.sql",
                                     G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (log_sql == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (log_sql, NULL), g_bytes_get_size (log_sql));
  if (!drop_triggers (hub, error))
    return FALSE;
  seeded = aisle_demo_generate (hub->store, options, stats, &seed_error);
  /* The triggers come back whatever happened; the log only for a complete seed. */
  if (!aisle_store_begin (hub->store, error))
    return FALSE;
  /* The generated tiers are not the rule's: settle them before the log is written, so that
   * the serving hub's first sweep moves nobody and the log holds each member once. */
  if ((seeded && (!aisle_hub_retier_all (hub, g_get_real_time () / G_USEC_PER_SEC, NULL, error) ||
                  !aisle_hub_exec (hub, sql, error) || !aisle_hub_reports_after_seed (hub, error))) ||
      !aisle_store_commit (hub->store, error))
    {
      aisle_store_rollback (hub->store);
      return FALSE;
    }
  if (!aisle_hub_sqlite_restore_triggers (hub, FALSE, error))
    return FALSE;
  if (!seeded)
    {
      g_propagate_error (error, g_steal_pointer (&seed_error));
      return FALSE;
    }
  return TRUE;
}

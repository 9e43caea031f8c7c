/* aisle-store-reports.c: the cache of the last store report per store, for the manager's
 * dashboard to show offline with its "as of" time.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include "aisle-store-private.h"
#include "aisle-store-reports.h"

void
aisle_cached_report_free (AisleCachedReport *report)
{
  if (report == NULL)
    return;
  g_free (report->store_id);
  g_free (report->json);
  g_free (report);
}

/**
 * aisle_store_save_report:
 * @self: an #AisleStore
 * @report: the report to keep, replacing the store's previous one
 * @error: return location for a #GError
 *
 * Returns: %TRUE when saved
 */
gboolean
aisle_store_save_report (AisleStore               *self,
                         const AisleCachedReport  *report,
                         GError                  **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (report->store_id != NULL && report->json != NULL, FALSE);

  stmt = _aisle_store_prepare (self,
                               "INSERT OR REPLACE INTO report_cache "
                               "(store_id, period_from, period_to, json, as_of) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, report->store_id);
  sqlite3_bind_int64 (stmt, 2, report->from);
  sqlite3_bind_int64 (stmt, 3, report->to);
  _aisle_bind_text (stmt, 4, report->json);
  sqlite3_bind_int64 (stmt, 5, report->as_of);
  return _aisle_store_step_done (self, stmt, "saving a report", error);
}

/**
 * aisle_store_load_report:
 * @self: an #AisleStore
 * @store_id: the store whose report to read
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the last report saved for @store_id, or %NULL (NOT_FOUND if none)
 */
AisleCachedReport *
aisle_store_load_report (AisleStore  *self,
                         const char  *store_id,
                         GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  AisleCachedReport *report;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (store_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT period_from, period_to, json, as_of FROM report_cache "
                               "WHERE store_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, store_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND,
                     "no report saved for store %s", store_id);
      else
        _aisle_store_set_error (self, rc, "reading a report", error);
      return NULL;
    }
  report = g_new0 (AisleCachedReport, 1);
  report->store_id = g_strdup (store_id);
  report->from = sqlite3_column_int64 (stmt, 0);
  report->to = sqlite3_column_int64 (stmt, 1);
  report->json = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  report->as_of = sqlite3_column_int64 (stmt, 3);
  return report;
}

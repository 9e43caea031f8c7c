/* aisle-hub-reports-upkeep.c: what the store report needs recorded as members arrive.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Orders need nothing: the report's indexes (data/sql/hub/005-reports.sql) are kept by SQLite
 * on every write path. Who enrolled a member is not in the members table, so the member.enrol
 * rule names them here, and a demo seed (which runs without triggers) fills the table after.
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include "aisle-hub-reports-private.h"

gboolean
aisle_hub_reports_note_enrolment (AisleHubSqlite  *hub,
                                  const char      *member_id,
                                  const char      *staff_id,
                                  GError         **error)
{
  g_auto(AisleStmt) stmt = NULL;

  if (staff_id == NULL)
    return TRUE;
  stmt = aisle_store_prepare_cached (hub->store,
                                     "UPDATE member_enrolments SET staff_id = ?2 "
                                     "WHERE member_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, member_id);
  aisle_sqlite_bind_text (stmt, 2, staff_id);
  return aisle_hub_step (hub, stmt, error);
}

/* The demo's members enrolled on a tablet were signed up by one of their home store's
 * associates (picked by member row, so the same seed gives the same figures); kiosk and
 * phone sign-ups were self-service. */
gboolean
aisle_hub_reports_after_seed (AisleHubSqlite  *hub,
                              GError         **error)
{
  return aisle_hub_exec (hub,
                         "INSERT OR IGNORE INTO member_enrolments (member_id, store_id, at) "
                         "  SELECT id, home_store_id, enrolled_at FROM members "
                         "   WHERE home_store_id IS NOT NULL;"
                         "CREATE TEMP TABLE seed_associates AS "
                         "  SELECT store_id, id AS staff_id, "
                         "         row_number () OVER (PARTITION BY store_id ORDER BY id) - 1 AS n, "
                         "         count (*) OVER (PARTITION BY store_id) AS count "
                         "    FROM staff WHERE role = 'associate' AND active = 1;"
                         "UPDATE member_enrolments AS e SET staff_id = a.staff_id "
                         "  FROM members m, seed_associates a "
                         " WHERE m.id = e.member_id AND a.store_id = e.store_id "
                         "   AND a.n = m.rid % a.count AND e.staff_id IS NULL "
                         "   AND (SELECT channel FROM member_consents c WHERE c.member_id = m.id "
                         "         ORDER BY seq LIMIT 1) = 'tablet';"
                         "DROP TABLE seed_associates;", error);
}

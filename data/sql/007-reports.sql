-- 007-reports.sql: the last store report a manager saw, per store, for showing offline.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- The report is the hub's JSON answer (docs/api.md, GET /v1/reports/store) as it came, with
-- the period asked for and when it was fetched ("as of"); core/aisle-store-reports.c.

CREATE TABLE report_cache (
  store_id     TEXT PRIMARY KEY NOT NULL,
  period_from  INTEGER NOT NULL,
  period_to    INTEGER NOT NULL,
  json         TEXT NOT NULL,
  as_of        INTEGER NOT NULL
) WITHOUT ROWID;

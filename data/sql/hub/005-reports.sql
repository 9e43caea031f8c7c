-- 005-reports.sql: what the store report (GET /v1/reports/store, hub/aisle-hub-reports*.c)
-- reads, kept current by SQLite itself as orders and members arrive by any path (the ingest
-- webhook, imports, pushes, the demo seed).
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A report walks, side by side in member order, the store's till orders, the online and app
-- orders credited to it and its bindings: three partial covering indexes, so each walk reads
-- only its own rows and never the tables, and each member's orders arrive together in time
-- order. No summary table can drift from the orders it summarises, and every figure can be
-- traced back to the orders behind it (the drill-down).

INSERT OR IGNORE INTO hub_settings (key, value) VALUES
  -- day, week (from Monday) and month boundaries of the report, an IANA zone name
  ('report_time_zone', 'Asia/Taipei'),
  -- member segments by recency: active (or new) within 90 days of the period's end,
  -- sleeping within 180, lost within 365; older buyers are out of the segments
  ('segment_active_days', '90'),
  ('segment_sleeping_days', '180'),
  ('segment_lost_days', '365');

CREATE INDEX orders_report_by_store
  ON orders (store_id, member_id, placed_at, status, total, credited_staff_id)
  WHERE channel = 'store';
CREATE INDEX orders_report_by_credit
  ON orders (credited_store_id, member_id, placed_at, channel, status, total, credited_staff_id)
  WHERE channel <> 'store';

-- Who enrolled each member, where and when: the member.enrol rule names the staff member
-- (aisle_hub_reports_note_enrolment()); self-service enrolments (kiosk, phone) have none.
CREATE TABLE member_enrolments (
  member_id  TEXT PRIMARY KEY NOT NULL,
  store_id   TEXT NOT NULL,
  staff_id   TEXT,
  at         INTEGER NOT NULL
) WITHOUT ROWID;
-- covering: a year of a store's enrolments is read without visiting the table
CREATE INDEX member_enrolments_by_store ON member_enrolments (store_id, at, staff_id, member_id);

CREATE TRIGGER report_enrolments_ins AFTER INSERT ON members WHEN NEW.home_store_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO member_enrolments (member_id, store_id, at)
    VALUES (NEW.id, NEW.home_store_id, NEW.enrolled_at); END;

-- Members a hub already holds: enrolled at their home store, by nobody known.
INSERT OR IGNORE INTO member_enrolments (member_id, store_id, at)
  SELECT id, home_store_id, enrolled_at FROM members WHERE home_store_id IS NOT NULL;

-- Bindings made at a store, in member order, for the same walk.
CREATE INDEX bindings_report_by_store ON bindings (store_id, member_id, since, until, staff_id);

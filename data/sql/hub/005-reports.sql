-- 005-reports.sql: what the store report (GET /v1/reports/store, hub/aisle-hub-reports*.c)
-- reads, kept current by SQLite itself as orders and members arrive by any path (the ingest
-- webhook, imports, pushes, the demo seed).
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A 12-month report for one store walks two covering indexes: the orders rung up in the store
-- and the online/app orders credited to it, each as one range per channel in time order, with
-- every column the report adds up. No summary table can drift from the orders it summarises,
-- and every figure can be traced back to the orders behind it (the drill-down).

INSERT OR IGNORE INTO hub_settings (key, value) VALUES
  -- day, week (from Monday) and month boundaries of the report, an IANA zone name
  ('report_time_zone', 'Asia/Taipei'),
  -- member segments by recency: active (or new) within 90 days of the period's end,
  -- sleeping within 180, lost within 365; older buyers are out of the segments
  ('segment_active_days', '90'),
  ('segment_sleeping_days', '180'),
  ('segment_lost_days', '365');

CREATE INDEX orders_report_by_store
  ON orders (store_id, channel, placed_at, status, total, member_id, credited_staff_id);
CREATE INDEX orders_report_by_credit
  ON orders (credited_store_id, channel, placed_at, status, total, member_id, credited_staff_id);

-- Who enrolled each member, where and when: the member.enrol rule names the staff member
-- (aisle_hub_reports_note_enrolment()); self-service enrolments (kiosk, phone) have none.
CREATE TABLE member_enrolments (
  member_id  TEXT PRIMARY KEY NOT NULL,
  store_id   TEXT NOT NULL,
  staff_id   TEXT,
  at         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX member_enrolments_by_store ON member_enrolments (store_id, at);

CREATE TRIGGER report_enrolments_ins AFTER INSERT ON members WHEN NEW.home_store_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO member_enrolments (member_id, store_id, at)
    VALUES (NEW.id, NEW.home_store_id, NEW.enrolled_at); END;

-- Members a hub already holds: enrolled at their home store, by nobody known.
INSERT OR IGNORE INTO member_enrolments (member_id, store_id, at)
  SELECT id, home_store_id, enrolled_at FROM members WHERE home_store_id IS NOT NULL;

-- Bound customers per associate at the period's end.
CREATE INDEX bindings_report_by_store ON bindings (store_id, staff_id, since, until, member_id);

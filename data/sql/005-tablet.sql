-- 005-tablet.sql: the staff tablet's own bookkeeping (issue 6). Local to the device: neither
-- table is pulled or pushed.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later

-- Offline sign-in: wrong PINs in a row per staff member on this device, and until when the
-- staff member is locked out (5 wrong PINs lock for 5 minutes; core/aisle-store-staff.c).
CREATE TABLE staff_signin (
  staff_id      TEXT PRIMARY KEY NOT NULL,
  failures      INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked_until  INTEGER NOT NULL DEFAULT 0,
  last_at       INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Who revealed a member's full phone number on this device, and when. Append-only: an audit
-- trail is never edited or trimmed by the app.
CREATE TABLE phone_reveals (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id  TEXT NOT NULL,
  staff_id   TEXT NOT NULL,
  at         INTEGER NOT NULL
);
CREATE INDEX phone_reveals_by_member ON phone_reveals (member_id, at);
CREATE TRIGGER phone_reveals_no_update BEFORE UPDATE ON phone_reveals
BEGIN
  SELECT RAISE (ABORT, 'the phone reveal log is append-only');
END;
CREATE TRIGGER phone_reveals_no_delete BEFORE DELETE ON phone_reveals
BEGIN
  SELECT RAISE (ABORT, 'the phone reveal log is append-only');
END;

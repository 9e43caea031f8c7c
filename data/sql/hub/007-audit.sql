-- 007-audit.sql: who saw a member's full phone number, from every tablet (the mutation
-- audit.phone_reveal, hub/aisle-hub-rules-audit.c). Devices keep their own log too
-- (data/sql/005-tablet.sql, `phone_reveals`, which the hub file also has, unused); this one is
-- the chain's, for privacy requests and audits. Append-only: nothing in the hub edits it.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE phone_reveal_audit (
  seq          INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id    TEXT NOT NULL,
  staff_id     TEXT NOT NULL,
  store_id     TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  at           INTEGER NOT NULL,   -- when it was shown, by the device's clock
  received_at  INTEGER NOT NULL    -- when the hub applied it
);
CREATE INDEX phone_reveal_audit_by_member ON phone_reveal_audit (member_id, at);
CREATE TRIGGER phone_reveal_audit_no_update BEFORE UPDATE ON phone_reveal_audit
BEGIN
  SELECT RAISE (ABORT, 'the phone reveal audit is append-only');
END;
CREATE TRIGGER phone_reveal_audit_no_delete BEFORE DELETE ON phone_reveal_audit
BEGIN
  SELECT RAISE (ABORT, 'the phone reveal audit is append-only');
END;

-- 009-compact.sql: what the change log's compaction (hub/aisle-hub-upkeep.c) needs.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A row is superseded by a later row for the same entity that reaches the same devices (same
-- store_id, device_id and location_id). This index finds that later row (and, for members and
-- products, the first one) with one seek: its columns are the whole key, and SQLite appends the
-- rowid (seq), so the rows of one entity in one scope sit together in seq order.
-- Consents, points entries, invoices and notes are only ever inserted (no trigger logs an
-- update of them, and a store's scope takes each member once): their rows are never
-- superseded, so they stay out of the index (a third of a demo hub's log; a note.add push then
-- costs nothing more). The compaction's statement names the same list, as a partial index
-- needs; were one of them ever logged twice, it would only stay uncompacted.
CREATE INDEX change_log_entity ON change_log (entity, entity_id, store_id, device_id, location_id)
  WHERE entity NOT IN ('consent', 'points', 'invoice', 'note');

-- Where the upkeep's pass through the log has got to (seq; 0: no pass under way) and when the
-- last pass ended (Unix seconds). Kept in the file, so that a restart resumes a long pass.
INSERT OR IGNORE INTO hub_meta (key, value) VALUES ('compact_from', '0'), ('compact_pass_at', '0');

-- 010-outbox-undo.sql: what an optimistic write replaced, so that a mutation the hub refuses
-- can be undone on the device (core/aisle-store-sync-local.c, _aisle_sync_undo_local).
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Kept beside the mutation, never sent: the hub refuses unknown arguments. For tag.set it is
-- the member's tags before (a JSON array, sorted); for reservation.cancel the reservation's
-- status before ({"status":"open"}). NULL for every other mutation, and for those queued
-- before this migration (their refusal leaves the cache as it was before 010).

ALTER TABLE outbox ADD COLUMN undo_json TEXT;

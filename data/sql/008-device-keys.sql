-- 008-device-keys.sql: the other devices' signing keys, pulled from the hub (entity
-- "device_key"), which core/aisle-device-keys.c adds to the key ring that verifies member cards
-- and links. A revoked device's key stays, marked, so its tokens are refused as revoked rather
-- than as unknown.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE device_keys (
  device_id   TEXT PRIMARY KEY NOT NULL,
  store_id    TEXT,
  public_key  TEXT NOT NULL,
  revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) WITHOUT ROWID;

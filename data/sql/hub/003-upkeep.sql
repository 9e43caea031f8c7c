-- 003-upkeep.sql: membership tiers from 12-month spend, and a revocation counter.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- A member's tier follows the total of their orders (not cancelled or refunded) placed in the
-- last tier_window_days: basic below tier_silver_spend, silver from it, gold from
-- tier_gold_spend (minor units: NT$10,000 = 1000000). hub/aisle-hub-upkeep.c re-derives it when
-- an order arrives or changes, and hourly for members above basic whose spend may have lapsed.

INSERT OR IGNORE INTO hub_settings (key, value) VALUES
  ('tier_silver_spend', '1000000'),
  ('tier_gold_spend', '5000000'),
  ('tier_window_days', '365');

-- Bumped by every revocation (aisle-hub admin devices revoke, in another process): the serving
-- hub answers empty pulls from a cache of authenticated devices and drops it when this moves.
INSERT OR IGNORE INTO hub_meta (key, value) VALUES ('revocations', '0');
CREATE TRIGGER devices_revoked AFTER UPDATE OF revoked ON devices WHEN NEW.revoked <> OLD.revoked BEGIN
  UPDATE hub_meta SET value = CAST (value AS INTEGER) + 1 WHERE key = 'revocations'; END;

-- 008-settings.sql: the hub settings devices need reach them through the pull, as `setting`
-- entities ({key, value}), so that a change made with `aisle-hub admin setting set` (in
-- another process too) reaches every device with its next sync.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Only these keys go out (the device keeps the same list and ignores any other):
--   own_seller_ids, invoice_max_age_days  the tablet's e-invoice checks
--   binding_lock_days                      the tablet's binding check
--   earn_per_point.*                       points earned per channel, to show staff
--   tier_silver_spend, tier_gold_spend, tier_window_days   how tiers are derived
-- Not next_member_number (it moves with every enrolment), nor pairing, scope or report
-- settings, which only the hub uses.

CREATE TRIGGER log_settings_ins AFTER INSERT ON hub_settings
WHEN NEW.key IN ('own_seller_ids', 'invoice_max_age_days', 'binding_lock_days',
                 'earn_per_point.store', 'earn_per_point.online', 'earn_per_point.app',
                 'earn_per_point.invoice', 'tier_silver_spend', 'tier_gold_spend',
                 'tier_window_days') BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('setting', NEW.key); END;
CREATE TRIGGER log_settings_upd AFTER UPDATE ON hub_settings
WHEN NEW.value IS NOT OLD.value AND
     NEW.key IN ('own_seller_ids', 'invoice_max_age_days', 'binding_lock_days',
                 'earn_per_point.store', 'earn_per_point.online', 'earn_per_point.app',
                 'earn_per_point.invoice', 'tier_silver_spend', 'tier_gold_spend',
                 'tier_window_days') BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('setting', NEW.key); END;
CREATE TRIGGER log_settings_del AFTER DELETE ON hub_settings
WHEN OLD.key IN ('own_seller_ids', 'invoice_max_age_days', 'binding_lock_days',
                 'earn_per_point.store', 'earn_per_point.online', 'earn_per_point.app',
                 'earn_per_point.invoice', 'tier_silver_spend', 'tier_gold_spend',
                 'tier_window_days') BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('setting', OLD.key); END;

-- The values as they are now, for devices paired before this migration and after it.
INSERT INTO change_log (entity, entity_id)
  SELECT 'setting', key FROM hub_settings
  WHERE key IN ('own_seller_ids', 'invoice_max_age_days', 'binding_lock_days',
                'earn_per_point.store', 'earn_per_point.online', 'earn_per_point.app',
                'earn_per_point.invoice', 'tier_silver_spend', 'tier_gold_spend',
                'tier_window_days')
  ORDER BY key;

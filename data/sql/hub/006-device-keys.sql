-- 006-device-keys.sql: every paired device's signing key reaches every device through the
-- pull, so a member card a kiosk signed offline verifies on a tablet of any store, and a
-- revoked device's cards stop verifying everywhere with the next sync.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Only the columns that matter to the key ring log a change: devices is also written on every
-- push (last_mutation_id, last_seen), which must not flood the change log.

CREATE TRIGGER log_device_keys_ins AFTER INSERT ON devices
WHEN NEW.public_key IS NOT NULL BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('device_key', NEW.id); END;
CREATE TRIGGER log_device_keys_upd AFTER UPDATE OF public_key, revoked ON devices
WHEN NEW.public_key IS NOT NULL BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('device_key', NEW.id); END;

-- Devices paired before this migration.
INSERT INTO change_log (entity, entity_id)
  SELECT 'device_key', id FROM devices WHERE public_key IS NOT NULL ORDER BY paired_at;

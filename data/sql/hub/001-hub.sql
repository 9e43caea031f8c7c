-- 001-hub.sql: the hub's own tables, on top of the device cache schema (data/sql/*.sql).
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by hub/aisle-hub-db-sqlite.c in one transaction after core's AisleStore has migrated
-- the shared entity tables; the hub's version is kept in hub_meta ('schema'), apart from
-- PRAGMA user_version, which belongs to the cache schema.

CREATE TABLE hub_settings (
  key    TEXT PRIMARY KEY NOT NULL,
  value  TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO hub_settings (key, value) VALUES
  ('binding_lock_days', '90'),
  -- minor units of spend per point earned, per channel (NT$100 = 10000 minor units)
  ('earn_per_point.store', '10000'),
  ('earn_per_point.online', '10000'),
  ('earn_per_point.app', '10000'),
  ('earn_per_point.invoice', '10000'),
  -- comma-separated 統一編號 of the retailer's own sellers; the demo retailer's is 24549210
  ('own_seller_ids', '24549210'),
  ('invoice_max_age_days', '60'),
  ('pairing_code_ttl_seconds', '900'),
  ('next_member_number', '0');

-- A device is a client group (DESIGN.md, Sync protocol). Only a hash of its token is kept.
CREATE TABLE devices (
  id                TEXT PRIMARY KEY NOT NULL,
  name              TEXT NOT NULL DEFAULT '',
  store_id          TEXT NOT NULL,
  mode              TEXT NOT NULL CHECK (mode IN ('kiosk', 'tablet')),
  token_hash        TEXT NOT NULL UNIQUE,
  public_key        TEXT,
  revoked           INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  last_mutation_id  INTEGER NOT NULL DEFAULT 0,
  paired_at         INTEGER NOT NULL,
  last_seen         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE pairing_codes (
  code_hash   TEXT PRIMARY KEY NOT NULL,
  store_id    TEXT NOT NULL,
  mode        TEXT NOT NULL CHECK (mode IN ('kiosk', 'tablet')),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER NOT NULL DEFAULT 0,
  device_id   TEXT
) WITHOUT ROWID;

-- Results worth telling the device about: rejections and notable outcomes ("existing").
CREATE TABLE mutation_results (
  device_id    TEXT NOT NULL,
  mutation_id  INTEGER NOT NULL,
  name         TEXT NOT NULL,
  status       TEXT NOT NULL,
  code         TEXT,
  message      TEXT,
  detail_json  TEXT,
  at           INTEGER NOT NULL,
  PRIMARY KEY (device_id, mutation_id)
) WITHOUT ROWID;

-- A member enrolled on a device whose phone the hub already knew: the device's UUID for it.
CREATE TABLE member_aliases (
  alias_id   TEXT PRIMARY KEY NOT NULL,
  member_id  TEXT NOT NULL,
  device_id  TEXT,
  at         INTEGER NOT NULL
) WITHOUT ROWID;

-- Online channels posting orders to /v1/ingest/orders, each with its HMAC secret.
CREATE TABLE channels (
  id      TEXT PRIMARY KEY NOT NULL,
  secret  TEXT NOT NULL
) WITHOUT ROWID;

-- Referral codes in shop links: the associate credited for an order carrying one.
CREATE TABLE referral_codes (
  code      TEXT PRIMARY KEY NOT NULL,
  staff_id  TEXT NOT NULL
) WITHOUT ROWID;

-- Coupon redemptions, one row per coupon: the primary key is what makes "exactly one wins".
CREATE TABLE coupon_redemptions (
  code       TEXT PRIMARY KEY NOT NULL,
  member_id  TEXT,
  store_id   TEXT,
  staff_id   TEXT,
  device_id  TEXT,
  at         INTEGER NOT NULL
) WITHOUT ROWID;

-- The change log devices pull. store_id NULL: every device; device_id set: that device only.
CREATE TABLE change_log (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  store_id   TEXT,
  device_id  TEXT,
  op         TEXT NOT NULL DEFAULT 'put'
);

-- Triggers log every write to the shared tables, whoever made it: mutations, imports, the demo
-- seed and the ingest webhook all reach devices the same way.
CREATE TRIGGER log_stores_ins AFTER INSERT ON stores BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('store', NEW.id); END;
CREATE TRIGGER log_stores_upd AFTER UPDATE ON stores BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('store', NEW.id); END;

CREATE TRIGGER log_staff_ins AFTER INSERT ON staff BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('staff', NEW.id, NEW.store_id); END;
CREATE TRIGGER log_staff_upd AFTER UPDATE ON staff BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('staff', NEW.id, NEW.store_id); END;

CREATE TRIGGER log_products_ins AFTER INSERT ON products BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('product', NEW.id); END;
CREATE TRIGGER log_products_upd AFTER UPDATE ON products BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('product', NEW.id); END;

-- Stock of every location goes to every device: tablets show nearby stores and the warehouse.
CREATE TRIGGER log_stock_ins AFTER INSERT ON stock BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('stock', NEW.product_id || '@' || NEW.location_id); END;
CREATE TRIGGER log_stock_upd AFTER UPDATE ON stock BEGIN
  INSERT INTO change_log (entity, entity_id) VALUES ('stock', NEW.product_id || '@' || NEW.location_id); END;

CREATE TRIGGER log_members_ins AFTER INSERT ON members BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('member', NEW.id, NEW.home_store_id); END;
CREATE TRIGGER log_members_upd AFTER UPDATE ON members BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('member', NEW.id, NEW.home_store_id); END;

CREATE TRIGGER log_consents_ins AFTER INSERT ON member_consents BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('consent', NEW.seq, (SELECT home_store_id FROM members WHERE id = NEW.member_id)); END;

-- A binding matters to the associate's store and to the member's home store.
CREATE TRIGGER log_bindings_ins AFTER INSERT ON bindings BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('binding', NEW.id, NEW.store_id);
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'binding', NEW.id, home_store_id FROM members
     WHERE id = NEW.member_id AND home_store_id IS NOT NEW.store_id; END;
CREATE TRIGGER log_bindings_upd AFTER UPDATE ON bindings BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('binding', NEW.id, NEW.store_id);
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'binding', NEW.id, home_store_id FROM members
     WHERE id = NEW.member_id AND home_store_id IS NOT NEW.store_id; END;

CREATE TRIGGER log_orders_ins AFTER INSERT ON orders BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('order', NEW.id, coalesce ((SELECT home_store_id FROM members WHERE id = NEW.member_id),
                                       NEW.store_id)); END;
CREATE TRIGGER log_orders_upd AFTER UPDATE ON orders BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('order', NEW.id, coalesce ((SELECT home_store_id FROM members WHERE id = NEW.member_id),
                                       NEW.store_id)); END;

CREATE TRIGGER log_points_ins AFTER INSERT ON points_ledger BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('points', NEW.id, (SELECT home_store_id FROM members WHERE id = NEW.member_id)); END;

CREATE TRIGGER log_coupons_ins AFTER INSERT ON coupons BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('coupon', NEW.code, (SELECT home_store_id FROM members WHERE id = NEW.member_id)); END;
CREATE TRIGGER log_coupons_upd AFTER UPDATE ON coupons BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('coupon', NEW.code, (SELECT home_store_id FROM members WHERE id = NEW.member_id)); END;

CREATE TRIGGER log_invoices_ins AFTER INSERT ON invoices BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('invoice', NEW.number, (SELECT home_store_id FROM members WHERE id = NEW.member_id)); END;

CREATE TRIGGER log_reservations_ins AFTER INSERT ON reservations BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('reservation', NEW.id, NEW.store_id); END;
CREATE TRIGGER log_reservations_upd AFTER UPDATE ON reservations BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('reservation', NEW.id, NEW.store_id); END;

CREATE TRIGGER log_notes_ins AFTER INSERT ON notes BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('note', NEW.id, (SELECT home_store_id FROM members WHERE id = NEW.member_id)); END;

CREATE TRIGGER log_tags_ins AFTER INSERT ON member_tags BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('member_tags', NEW.member_id, (SELECT home_store_id FROM members WHERE id = NEW.member_id)); END;
CREATE TRIGGER log_tags_del AFTER DELETE ON member_tags BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    VALUES ('member_tags', OLD.member_id, (SELECT home_store_id FROM members WHERE id = OLD.member_id)); END;

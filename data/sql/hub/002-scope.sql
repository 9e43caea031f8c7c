-- 002-scope.sql: which stores' devices hold a member, and which stock a store's devices hold.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- DESIGN.md, Data flow 1: a device caches the members in its store's scope (enrolled, bound, or
-- bought there, or looked up there), their orders, points, coupons and reservations, and stock
-- for its store, nearby stores and the online warehouse. 001 sent a member's rows to its home
-- store only, and every stock row to every device.

-- A member is in a store's scope from the first reason on; rows are never removed (a device
-- that has a member keeps getting its updates).
CREATE TABLE member_scope (
  member_id  TEXT NOT NULL,
  store_id   TEXT NOT NULL,
  reason     TEXT NOT NULL CHECK (reason IN ('home', 'bound', 'bought', 'credited', 'reserved',
                                             'lookup')),
  PRIMARY KEY (member_id, store_id)
) WITHOUT ROWID;

-- The locations whose stock a store's devices get: itself, 'online' and its nearby stores.
-- Filled by hub/aisle-hub-db-pull.c on demand; emptied whenever a store is added or moved.
CREATE TABLE store_nearby (
  store_id     TEXT NOT NULL,
  location_id  TEXT NOT NULL,
  PRIMARY KEY (store_id, location_id)
) WITHOUT ROWID;

-- Stock rows name their location instead of a store, so that pulls can filter by the above.
ALTER TABLE change_log ADD COLUMN location_id TEXT;

INSERT OR IGNORE INTO hub_settings (key, value) VALUES
  ('nearby_store_km', '15'),
  ('nearby_store_max', '5');

-- Entering a store's scope sends the member and everything that hangs off it to that store.
CREATE TRIGGER scope_enter AFTER INSERT ON member_scope BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('member', NEW.member_id, NEW.store_id);
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'consent', seq, NEW.store_id FROM member_consents WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'binding', id, NEW.store_id FROM bindings WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'order', id, NEW.store_id FROM orders WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'points', id, NEW.store_id FROM points_ledger WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'coupon', code, NEW.store_id FROM coupons WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'invoice', number, NEW.store_id FROM invoices WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'reservation', id, NEW.store_id FROM reservations WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'note', id, NEW.store_id FROM notes WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'member_tags', NEW.member_id, NEW.store_id
     WHERE EXISTS (SELECT 1 FROM member_tags WHERE member_id = NEW.member_id); END;

DROP TRIGGER log_stock_ins;
DROP TRIGGER log_stock_upd;
CREATE TRIGGER log_stock_ins AFTER INSERT ON stock BEGIN
  INSERT INTO change_log (entity, entity_id, location_id)
    VALUES ('stock', NEW.product_id || '@' || NEW.location_id, NEW.location_id); END;
CREATE TRIGGER log_stock_upd AFTER UPDATE ON stock BEGIN
  INSERT INTO change_log (entity, entity_id, location_id)
    VALUES ('stock', NEW.product_id || '@' || NEW.location_id, NEW.location_id); END;

CREATE TRIGGER nearby_stores_ins AFTER INSERT ON stores BEGIN DELETE FROM store_nearby; END;
CREATE TRIGGER nearby_stores_upd AFTER UPDATE OF latitude, longitude ON stores BEGIN
  DELETE FROM store_nearby; END;

-- Member rows: to every store in the member's scope; a (new) home store enters the scope.
DROP TRIGGER log_members_ins;
DROP TRIGGER log_members_upd;
CREATE TRIGGER log_members_ins AFTER INSERT ON members BEGIN
  INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
    SELECT NEW.id, NEW.home_store_id, 'home' WHERE NEW.home_store_id IS NOT NULL; END;
CREATE TRIGGER log_members_upd AFTER UPDATE ON members BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'member', NEW.id, store_id FROM member_scope WHERE member_id = NEW.id;
  INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
    SELECT NEW.id, NEW.home_store_id, 'home' WHERE NEW.home_store_id IS NOT NULL; END;

DROP TRIGGER log_consents_ins;
CREATE TRIGGER log_consents_ins AFTER INSERT ON member_consents BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'consent', NEW.seq, store_id FROM member_scope WHERE member_id = NEW.member_id; END;

-- A binding goes to the member's scope, and the associate's store enters it.
DROP TRIGGER log_bindings_ins;
DROP TRIGGER log_bindings_upd;
CREATE TRIGGER log_bindings_ins AFTER INSERT ON bindings BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'binding', NEW.id, store_id FROM member_scope WHERE member_id = NEW.member_id;
  INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
    VALUES (NEW.member_id, NEW.store_id, 'bound'); END;
CREATE TRIGGER log_bindings_upd AFTER UPDATE ON bindings BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'binding', NEW.id, store_id FROM member_scope WHERE member_id = NEW.member_id;
  INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
    VALUES (NEW.member_id, NEW.store_id, 'bound'); END;

-- An order goes to its member's scope; the store it was bought in (or credited to) enters it.
-- An anonymous order goes to its store only (before: to every device).
DROP TRIGGER log_orders_ins;
DROP TRIGGER log_orders_upd;
CREATE TRIGGER log_orders_ins AFTER INSERT ON orders BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'order', NEW.id, store_id FROM member_scope WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'order', NEW.id, NEW.store_id WHERE NEW.member_id IS NULL AND NEW.store_id IS NOT NULL;
  INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
    SELECT NEW.member_id, NEW.store_id, 'bought'
     WHERE NEW.member_id IS NOT NULL AND NEW.store_id IS NOT NULL;
  INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
    SELECT NEW.member_id, NEW.credited_store_id, 'credited'
     WHERE NEW.member_id IS NOT NULL AND NEW.credited_store_id IS NOT NULL; END;
CREATE TRIGGER log_orders_upd AFTER UPDATE ON orders BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'order', NEW.id, store_id FROM member_scope WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'order', NEW.id, NEW.store_id WHERE NEW.member_id IS NULL AND NEW.store_id IS NOT NULL; END;

DROP TRIGGER log_points_ins;
CREATE TRIGGER log_points_ins AFTER INSERT ON points_ledger BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'points', NEW.id, store_id FROM member_scope WHERE member_id = NEW.member_id; END;

-- A coupon without a member is for everyone: every device gets it, as before.
DROP TRIGGER log_coupons_ins;
DROP TRIGGER log_coupons_upd;
CREATE TRIGGER log_coupons_ins AFTER INSERT ON coupons BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'coupon', NEW.code, store_id FROM member_scope WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id) SELECT 'coupon', NEW.code WHERE NEW.member_id IS NULL; END;
CREATE TRIGGER log_coupons_upd AFTER UPDATE ON coupons BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'coupon', NEW.code, store_id FROM member_scope WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id) SELECT 'coupon', NEW.code WHERE NEW.member_id IS NULL; END;

-- An invoice without a member goes everywhere, so that any device knows it is taken.
DROP TRIGGER log_invoices_ins;
CREATE TRIGGER log_invoices_ins AFTER INSERT ON invoices BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'invoice', NEW.number, store_id FROM member_scope WHERE member_id = NEW.member_id;
  INSERT INTO change_log (entity, entity_id) SELECT 'invoice', NEW.number WHERE NEW.member_id IS NULL; END;

-- A reservation goes to the store holding the stock and to the member's scope, which that
-- store enters (its staff hand the item over).
DROP TRIGGER log_reservations_ins;
DROP TRIGGER log_reservations_upd;
CREATE TRIGGER log_reservations_ins AFTER INSERT ON reservations BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('reservation', NEW.id, NEW.store_id);
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'reservation', NEW.id, store_id FROM member_scope
     WHERE member_id = NEW.member_id AND store_id IS NOT NEW.store_id;
  INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
    SELECT NEW.member_id, NEW.store_id, 'reserved' WHERE NEW.member_id IS NOT NULL; END;
CREATE TRIGGER log_reservations_upd AFTER UPDATE ON reservations BEGIN
  INSERT INTO change_log (entity, entity_id, store_id) VALUES ('reservation', NEW.id, NEW.store_id);
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'reservation', NEW.id, store_id FROM member_scope
     WHERE member_id = NEW.member_id AND store_id IS NOT NEW.store_id; END;

DROP TRIGGER log_notes_ins;
CREATE TRIGGER log_notes_ins AFTER INSERT ON notes BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'note', NEW.id, store_id FROM member_scope WHERE member_id = NEW.member_id; END;

DROP TRIGGER log_tags_ins;
DROP TRIGGER log_tags_del;
CREATE TRIGGER log_tags_ins AFTER INSERT ON member_tags BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'member_tags', NEW.member_id, store_id FROM member_scope WHERE member_id = NEW.member_id; END;
CREATE TRIGGER log_tags_del AFTER DELETE ON member_tags BEGIN
  INSERT INTO change_log (entity, entity_id, store_id)
    SELECT 'member_tags', OLD.member_id, store_id FROM member_scope WHERE member_id = OLD.member_id; END;

-- Scopes of the members a hub already holds; entering them re-sends what those stores lacked.
INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
  SELECT id, home_store_id, 'home' FROM members WHERE home_store_id IS NOT NULL;
INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
  SELECT member_id, store_id, 'bound' FROM bindings;
INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
  SELECT member_id, store_id, 'bought' FROM orders WHERE member_id IS NOT NULL AND store_id IS NOT NULL;
INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
  SELECT member_id, credited_store_id, 'credited' FROM orders
   WHERE member_id IS NOT NULL AND credited_store_id IS NOT NULL;
INSERT OR IGNORE INTO member_scope (member_id, store_id, reason)
  SELECT member_id, store_id, 'reserved' FROM reservations WHERE member_id IS NOT NULL;

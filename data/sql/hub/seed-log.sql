-- seed-log.sql: the change log and member scopes of a freshly seeded demo hub, set by set.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Not a migration: hub/aisle-hub-seed.c runs core's demo generator with the hub's triggers
-- dropped (its bulk loader defers the indexes the triggers' lookups need, which made them
-- scan whole tables per row), then recreates them and runs this once. The result is what the
-- triggers (001-hub.sql, 002-scope.sql) would have logged for rows that did not exist before.

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

INSERT INTO change_log (entity, entity_id) SELECT 'store', id FROM stores;
INSERT INTO change_log (entity, entity_id, store_id) SELECT 'staff', id, store_id FROM staff;
INSERT INTO change_log (entity, entity_id) SELECT 'product', id FROM products;
INSERT INTO change_log (entity, entity_id, location_id)
  SELECT 'stock', product_id || '@' || location_id, location_id FROM stock;

INSERT INTO change_log (entity, entity_id, store_id) SELECT 'member', member_id, store_id FROM member_scope;
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'consent', c.seq, s.store_id FROM member_consents c JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'binding', b.id, s.store_id FROM bindings b JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'order', o.id, s.store_id FROM orders o JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'order', id, store_id FROM orders WHERE member_id IS NULL AND store_id IS NOT NULL;
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'points', p.id, s.store_id FROM points_ledger p JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'coupon', c.code, s.store_id FROM coupons c JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id) SELECT 'coupon', code FROM coupons WHERE member_id IS NULL;
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'invoice', i.number, s.store_id FROM invoices i JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id) SELECT 'invoice', number FROM invoices WHERE member_id IS NULL;
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'reservation', r.id, s.store_id FROM reservations r JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'reservation', r.id, r.store_id FROM reservations r
   WHERE NOT EXISTS (SELECT 1 FROM member_scope s WHERE s.member_id = r.member_id AND s.store_id = r.store_id);
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'note', n.id, s.store_id FROM notes n JOIN member_scope s USING (member_id);
INSERT INTO change_log (entity, entity_id, store_id)
  SELECT 'member_tags', t.member_id, s.store_id
    FROM (SELECT DISTINCT member_id FROM member_tags) t JOIN member_scope s USING (member_id);

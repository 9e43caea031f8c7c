-- 009-order-items.sql: an order's items in the order row, and no indexes the device never reads.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Items are only ever read and written with their order, whole (the wire's order entity carries
-- them as the array "items"), so they are kept as that JSON array in orders.items:
-- [{"product_id": …, "name": …, "quantity": …, "unit_price": …}, …] in line order. A separate
-- order_items table keyed by the order's random UUID cost an initial sync 1.16 million random
-- B-tree inserts and a DELETE per order for the 1,000,000-member scope (docs/benchmarks.md).
-- The rows of order_items are moved into the new column, then the table is dropped, by the C
-- step of this migration (_aisle_store_migrate_order_items in core/aisle-store-orders.c), which
-- keeps triggers on orders (the hub's change log) from taking the move for an edit.
--
-- orders_by_store, orders_by_credited_store and orders_by_credited_staff served reports by
-- store and associate; those come from the hub, which has its own covering indexes for them
-- (data/sql/hub/005-reports.sql), and no query on a device or the hub uses these three.

ALTER TABLE orders ADD COLUMN items TEXT NOT NULL DEFAULT '[]';

DROP INDEX orders_by_store;
DROP INDEX orders_by_credited_store;
DROP INDEX orders_by_credited_staff;

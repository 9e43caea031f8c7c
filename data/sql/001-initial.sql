-- 001-initial.sql: the device cache schema, version 1.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied by core/aisle-store.c in one transaction, which then sets PRAGMA user_version.
-- Conventions: ids are TEXT (UUIDs for device-created entities), times are Unix seconds,
-- money is in minor units. Columns named *_store_id hold a retail store's id (AisleBranch);
-- they carry no foreign key because a device caches only nearby stores, while members,
-- orders and bindings may name any store in the chain.

CREATE TABLE stores (
  id         TEXT PRIMARY KEY NOT NULL,
  name       TEXT NOT NULL,
  address    TEXT,
  phone      TEXT,
  latitude   REAL NOT NULL,
  longitude  REAL NOT NULL
);

CREATE TABLE staff (
  id         TEXT PRIMARY KEY NOT NULL,
  store_id   TEXT NOT NULL,
  name       TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('associate', 'manager')),
  pin_hash   TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX staff_by_store ON staff (store_id, name);

-- rid gives the search index (002) a compact integer key; id is the UUID the world uses.
CREATE TABLE members (
  rid               INTEGER PRIMARY KEY,
  id                TEXT NOT NULL UNIQUE,
  number            TEXT UNIQUE,
  name              TEXT NOT NULL,
  phone             TEXT,
  birth_month       INTEGER NOT NULL DEFAULT 0 CHECK (birth_month BETWEEN 0 AND 12),
  tier              TEXT NOT NULL DEFAULT 'basic',
  points            INTEGER NOT NULL DEFAULT 0,
  home_store_id     TEXT,
  enrolled_at       INTEGER NOT NULL DEFAULT 0,
  last_activity_at  INTEGER NOT NULL DEFAULT 0
);
-- The hub owns phone uniqueness; a cache may briefly hold two members with one number while
-- a change is being pulled, so this index is not UNIQUE.
CREATE INDEX members_by_phone ON members (phone, last_activity_at DESC);

-- Append-only: a consent is never edited, a new one supersedes it.
CREATE TABLE member_consents (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id       TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  policy_version  TEXT NOT NULL,
  text_hash       TEXT NOT NULL,
  privacy         INTEGER NOT NULL CHECK (privacy IN (0, 1)),
  marketing       INTEGER NOT NULL CHECK (marketing IN (0, 1)),
  at              INTEGER NOT NULL,
  channel         TEXT NOT NULL,
  device_id       TEXT
);
CREATE INDEX member_consents_by_member ON member_consents (member_id, seq DESC);
CREATE TRIGGER member_consents_append_only BEFORE UPDATE ON member_consents
BEGIN
  SELECT RAISE (ABORT, 'the consent ledger is append-only');
END;

-- History of associate bindings (專員綁定); until = 0 while active.
CREATE TABLE bindings (
  id         TEXT PRIMARY KEY NOT NULL,
  member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  staff_id   TEXT NOT NULL,
  store_id   TEXT NOT NULL,
  since      INTEGER NOT NULL,
  until      INTEGER NOT NULL DEFAULT 0,
  source     TEXT NOT NULL
);
CREATE UNIQUE INDEX bindings_one_active ON bindings (member_id) WHERE until = 0;
CREATE INDEX bindings_by_member ON bindings (member_id, since DESC);
CREATE INDEX bindings_by_staff ON bindings (staff_id, since DESC);

CREATE TABLE products (
  rid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  brand       TEXT,
  category    TEXT,
  price       INTEGER NOT NULL DEFAULT 0,
  popularity  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE product_barcodes (
  barcode     TEXT PRIMARY KEY NOT NULL,
  product_id  TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX product_barcodes_by_product ON product_barcodes (product_id);

-- location_id is a store id or 'online' (the web warehouse).
CREATE TABLE stock (
  product_id   TEXT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  location_id  TEXT NOT NULL,
  on_hand      INTEGER NOT NULL DEFAULT 0,
  reserved     INTEGER NOT NULL DEFAULT 0,
  updated_at   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, location_id)
) WITHOUT ROWID;

CREATE TABLE orders (
  id                 TEXT PRIMARY KEY NOT NULL,
  member_id          TEXT REFERENCES members (id) ON DELETE SET NULL,
  channel            TEXT NOT NULL CHECK (channel IN ('store', 'online', 'app')),
  fulfilment         TEXT NOT NULL CHECK (fulfilment IN ('in_store', 'delivery', 'pickup')),
  status             TEXT NOT NULL CHECK (status IN ('placed', 'paid', 'shipped', 'delivered',
                                                     'completed', 'cancelled', 'refunded')),
  tracking           TEXT,
  store_id           TEXT,
  total              INTEGER NOT NULL DEFAULT 0,
  placed_at          INTEGER NOT NULL,
  credited_staff_id  TEXT,
  credited_store_id  TEXT,
  credit_reason      TEXT
);
CREATE INDEX orders_by_member ON orders (member_id, placed_at DESC);
-- Store performance and attribution reports (分潤) scan by store or associate and time.
CREATE INDEX orders_by_store ON orders (store_id, placed_at);
CREATE INDEX orders_by_credited_store ON orders (credited_store_id, placed_at);
CREATE INDEX orders_by_credited_staff ON orders (credited_staff_id, placed_at);

CREATE TABLE order_items (
  order_id    TEXT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line        INTEGER NOT NULL,
  product_id  TEXT NOT NULL,
  name        TEXT NOT NULL,
  quantity    REAL NOT NULL,
  unit_price  INTEGER NOT NULL,
  PRIMARY KEY (order_id, line)
) WITHOUT ROWID;

CREATE TABLE points_ledger (
  id         TEXT PRIMARY KEY NOT NULL,
  member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  delta      INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  at         INTEGER NOT NULL
);
-- delta is in the index so that the balance is summed from the index alone.
CREATE INDEX points_ledger_by_member ON points_ledger (member_id, at, delta);

CREATE TABLE coupons (
  code                TEXT PRIMARY KEY NOT NULL,
  member_id           TEXT REFERENCES members (id) ON DELETE CASCADE,
  title               TEXT NOT NULL,
  value               INTEGER NOT NULL DEFAULT 0,
  valid_from          INTEGER NOT NULL DEFAULT 0,
  valid_until         INTEGER NOT NULL DEFAULT 0,
  redeemed_at         INTEGER NOT NULL DEFAULT 0,
  redeemed_store_id   TEXT
);
CREATE INDEX coupons_by_member ON coupons (member_id, valid_until DESC);

CREATE TABLE invoices (
  number         TEXT PRIMARY KEY NOT NULL,
  date           TEXT NOT NULL,
  random_code    TEXT NOT NULL,
  seller_id      TEXT NOT NULL,
  total          INTEGER NOT NULL DEFAULT 0,
  member_id      TEXT REFERENCES members (id) ON DELETE SET NULL,
  points         INTEGER NOT NULL DEFAULT 0,
  registered_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX invoices_by_member ON invoices (member_id, registered_at DESC);

CREATE TABLE reservations (
  id          TEXT PRIMARY KEY NOT NULL,
  member_id   TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  product_id  TEXT NOT NULL,
  store_id    TEXT NOT NULL,
  quantity    INTEGER NOT NULL CHECK (quantity > 0),
  status      TEXT NOT NULL CHECK (status IN ('open', 'fulfilled', 'cancelled', 'expired')),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL DEFAULT 0,
  staff_id    TEXT
);
CREATE INDEX reservations_by_member ON reservations (member_id, status, created_at DESC);

CREATE TABLE notes (
  id         TEXT PRIMARY KEY NOT NULL,
  member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  staff_id   TEXT,
  text       TEXT NOT NULL,
  at         INTEGER NOT NULL
);
CREATE INDEX notes_by_member ON notes (member_id, at DESC);

CREATE TABLE member_tags (
  member_id  TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  tag        TEXT NOT NULL,
  PRIMARY KEY (member_id, tag)
) WITHOUT ROWID;
CREATE INDEX member_tags_by_tag ON member_tags (tag, member_id);

-- AUTOINCREMENT, not a plain rowid: mutation ids must never be reused once the outbox has been
-- emptied, or the hub would skip a new mutation as already applied (DESIGN.md, Sync protocol).
CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL,
  args_json   TEXT NOT NULL,
  staff_id    TEXT,
  created_at  INTEGER NOT NULL
);

CREATE TABLE sync_state (
  key    TEXT PRIMARY KEY NOT NULL,
  value  TEXT
) WITHOUT ROWID;

-- 002-search.sql: the search indexes for Taiwanese names, phone suffixes and products.
--
-- Copyright 2026 The Aisle authors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- FTS5's unicode61 tokenizer does not split CJK and the trigram tokenizer needs three or more
-- characters, while staff search by a one-character surname (王) or a two-character given name
-- (小明). So the cache keeps its own token tables, filled by core/aisle-store-search.c:
-- every member name yields its surname (compound ones such as 歐陽 too), its given name, each
-- prefix of the full name and the full name. The key (token, last_activity_at DESC, rid) lets
-- a query walk the index newest first and stop at its LIMIT, without sorting the match set.
-- The C code fills these tables for existing rows after this file runs (the backfill hook).

CREATE TABLE member_name_tokens (
  token             TEXT NOT NULL,
  last_activity_at  INTEGER NOT NULL,
  member_rid        INTEGER NOT NULL,
  PRIMARY KEY (token, last_activity_at DESC, member_rid)
) WITHOUT ROWID;

-- Phone suffix search (the last 3 or 4 digits), newest first, from the index alone.
CREATE INDEX members_by_phone_last4 ON members (substr (phone, -4), last_activity_at DESC);
CREATE INDEX members_by_phone_last3 ON members (substr (phone, -3), last_activity_at DESC);

CREATE TABLE product_tokens (
  token        TEXT NOT NULL,
  popularity   INTEGER NOT NULL,
  product_rid  INTEGER NOT NULL,
  PRIMARY KEY (token, popularity DESC, product_rid)
) WITHOUT ROWID;
CREATE INDEX product_tokens_by_product ON product_tokens (product_rid);

/* aisle-store-search.c: keeping the token indexes in step, and the searches for members and
 * products. The tokenisers live in aisle-store-tokens.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not FTS5: its unicode61 tokenizer treats a run of CJK as one token and its trigram
 * tokenizer cannot answer one- or two-character queries, yet staff type 王 or 小明. A plain
 * table of (token, activity, rid) with that primary key answers "token = ? ORDER BY activity
 * DESC LIMIT n" by walking n index entries, however many members share the surname 陳 (about
 * one in nine Taiwanese). See data/sql/002-search.sql.
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"

/* A walk over product token matches that fail the other terms stops here, so a query with a
 * common first word cannot scan the catalogue. */
#define PRODUCT_SCAN_CAP 2000

const char * const _aisle_store_search_sql[] = {
#define SQL_MEMBER_BY_NUMBER 0
  "SELECT " AISLE_MEMBER_COLUMNS " FROM members WHERE number = ?1",
#define SQL_MEMBER_BY_PHONE 1
  "SELECT " AISLE_MEMBER_COLUMNS " FROM members WHERE phone = ?1 "
  "ORDER BY last_activity_at DESC LIMIT ?2",
#define SQL_MEMBER_BY_LAST4 2
  "SELECT " AISLE_MEMBER_COLUMNS " FROM members WHERE substr (phone, -4) = ?1 "
  "ORDER BY last_activity_at DESC LIMIT ?2",
#define SQL_MEMBER_BY_LAST3 3
  "SELECT " AISLE_MEMBER_COLUMNS " FROM members WHERE substr (phone, -3) = ?1 "
  "ORDER BY last_activity_at DESC LIMIT ?2",
#define SQL_MEMBER_BY_TOKEN 4
  "SELECT m.id, m.number, m.name, m.phone, m.birth_month, m.tier, m.points, m.home_store_id, "
  "m.enrolled_at, m.last_activity_at FROM member_name_tokens AS t "
  "JOIN members AS m ON m.rid = t.member_rid WHERE t.token = ?1 "
  "ORDER BY t.last_activity_at DESC, t.member_rid LIMIT ?2",
#define SQL_PRODUCT_BY_TOKEN 5
  "SELECT p.id, p.name, p.brand, p.category, p.price, p.popularity, "
  "p.name || ' ' || ifnull (p.brand, '') || ' ' || ifnull (p.category, '') "
  "FROM product_tokens AS t JOIN products AS p ON p.rid = t.product_rid WHERE t.token = ?1 "
  "ORDER BY t.popularity DESC, t.product_rid LIMIT ?2",
};
const guint _aisle_store_n_search_sql = G_N_ELEMENTS (_aisle_store_search_sql);

/* --- index maintenance --------------------------------------------------------------------- */

gboolean
_aisle_store_index_member (AisleStore  *self,
                           gint64       rid,
                           const char  *old_name,
                           gint64       old_activity,
                           const char  *new_name,
                           gint64       new_activity,
                           GError     **error)
{
  if (old_name != NULL && g_strcmp0 (old_name, new_name) == 0 && old_activity == new_activity)
    return TRUE;

  if (old_name != NULL)
    {
      g_autoptr(GPtrArray) old_tokens = aisle_name_tokens (old_name);

      /* Deleting by the full primary key needs no extra index on member_rid. */
      for (guint i = 0; i < old_tokens->len; i++)
        {
          g_auto(AisleStmt) stmt = NULL;

          stmt = _aisle_store_prepare (self,
                                       "DELETE FROM member_name_tokens WHERE token = ?1 "
                                       "AND last_activity_at = ?2 AND member_rid = ?3", error);
          if (stmt == NULL)
            return FALSE;
          _aisle_bind_text (stmt, 1, g_ptr_array_index (old_tokens, i));
          sqlite3_bind_int64 (stmt, 2, old_activity);
          sqlite3_bind_int64 (stmt, 3, rid);
          if (!_aisle_store_step_done (self, stmt, "updating the name index", error))
            return FALSE;
        }
    }

  if (new_name != NULL)
    {
      g_autoptr(GPtrArray) new_tokens = aisle_name_tokens (new_name);

      for (guint i = 0; i < new_tokens->len; i++)
        {
          g_auto(AisleStmt) stmt = NULL;

          stmt = _aisle_store_prepare (self,
                                       "INSERT OR IGNORE INTO member_name_tokens "
                                       "(token, last_activity_at, member_rid) "
                                       "VALUES (?1, ?2, ?3)", error);
          if (stmt == NULL)
            return FALSE;
          _aisle_bind_text (stmt, 1, g_ptr_array_index (new_tokens, i));
          sqlite3_bind_int64 (stmt, 2, new_activity);
          sqlite3_bind_int64 (stmt, 3, rid);
          if (!_aisle_store_step_done (self, stmt, "updating the name index", error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
_aisle_store_index_product (AisleStore  *self,
                            gint64       rid,
                            const char  *name,
                            const char  *brand,
                            const char  *category,
                            gint64       popularity,
                            GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_auto(AisleStmt) del = NULL;

  del = _aisle_store_prepare (self, "DELETE FROM product_tokens WHERE product_rid = ?1", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, rid);
  if (!_aisle_store_step_done (self, del, "updating the product index", error))
    return FALSE;

  _aisle_product_tokens_add (tokens, seen, name);
  _aisle_product_tokens_add (tokens, seen, brand);
  _aisle_product_tokens_add (tokens, seen, category);
  for (guint i = 0; i < tokens->len; i++)
    {
      g_auto(AisleStmt) stmt = NULL;

      stmt = _aisle_store_prepare (self,
                                   "INSERT OR IGNORE INTO product_tokens "
                                   "(token, popularity, product_rid) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      _aisle_bind_text (stmt, 1, g_ptr_array_index (tokens, i));
      sqlite3_bind_int64 (stmt, 2, popularity);
      sqlite3_bind_int64 (stmt, 3, rid);
      if (!_aisle_store_step_done (self, stmt, "updating the product index", error))
        return FALSE;
    }
  return TRUE;
}

/* Migration 2's hook: index the rows a version-1 cache already holds. */
gboolean
_aisle_store_backfill_search (AisleStore  *self,
                              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Not from the statement cache: the index helpers below use cached statements meanwhile. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT rid, name, last_activity_at FROM members",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!_aisle_store_index_member (self, sqlite3_column_int64 (stmt, 0), NULL, 0,
                                      (const char *) sqlite3_column_text (stmt, 1),
                                      sqlite3_column_int64 (stmt, 2), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "indexing members", error);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT rid, name, brand, category, popularity FROM products",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!_aisle_store_index_product (self, sqlite3_column_int64 (stmt, 0),
                                       (const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 3),
                                       sqlite3_column_int64 (stmt, 4), error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "indexing products", error);
      return FALSE;
    }
  return TRUE;
}

/* --- member search ------------------------------------------------------------------------- */

/* Digits with the separators people type in phone numbers; NULL if anything else is there. */
static char *
digits_only (const char *query)
{
  g_autofree char *folded = g_utf8_normalize (query, -1, G_NORMALIZE_NFKC);
  GString *out;

  if (folded == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
      else if (strchr (" -+().\t", *p) == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/**
 * aisle_member_query_classify:
 * @query: what staff typed
 *
 * Returns: how aisle_store_search_members() reads @query: a full phone number in any common
 *   format, the last 3 or 4 digits of one, another number (a member number), or a name
 */
AisleMemberQueryKind
aisle_member_query_classify (const char *query)
{
  g_autofree char *digits = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (query != NULL, AISLE_MEMBER_QUERY_NONE);

  stripped = g_strstrip (g_strdup (query));
  if (*stripped == '\0')
    return AISLE_MEMBER_QUERY_NONE;
  digits = digits_only (stripped);
  if (digits == NULL)
    return AISLE_MEMBER_QUERY_NAME;
  phone = aisle_phone_normalize (stripped);
  if (phone != NULL)
    return AISLE_MEMBER_QUERY_PHONE;
  if (strlen (digits) == 3 || strlen (digits) == 4)
    return AISLE_MEMBER_QUERY_PHONE_SUFFIX;
  return AISLE_MEMBER_QUERY_NUMBER;
}

AisleMember *
_aisle_store_member_from_row (sqlite3_stmt *stmt)
{
  AisleMember *m = aisle_member_new ();

  m->id = _aisle_column_dup (stmt, 0);
  m->number = _aisle_column_dup (stmt, 1);
  m->name = _aisle_column_dup (stmt, 2);
  m->phone = _aisle_column_dup (stmt, 3);
  m->birth_month = sqlite3_column_int (stmt, 4);
  m->tier = _aisle_column_dup (stmt, 5);
  m->points = sqlite3_column_int64 (stmt, 6);
  m->home_branch_id = _aisle_column_dup (stmt, 7);
  m->enrolled_at = sqlite3_column_int64 (stmt, 8);
  m->last_activity_at = sqlite3_column_int64 (stmt, 9);
  return m;
}

/* Appends the rows of one search path to @results, skipping members already there. */
static gboolean
collect_members (AisleStore  *self,
                 guint        which,
                 const char  *key,
                 guint        limit,
                 GPtrArray   *results,
                 GHashTable  *seen,
                 GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc = SQLITE_DONE;

  if (results->len >= limit)
    return TRUE;
  stmt = _aisle_store_prepare (self, _aisle_store_search_sql[which], error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, key);
  if (which != SQL_MEMBER_BY_NUMBER)
    sqlite3_bind_int64 (stmt, 2, limit);
  while (results->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, g_strdup (id));
      g_ptr_array_add (results, _aisle_store_member_from_row (stmt));
    }
  if (results->len < limit && rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "searching members", error);
      return FALSE;
    }
  return TRUE;
}

/**
 * aisle_store_search_members:
 * @self: an #AisleStore
 * @query: a phone number (full in any format, or its last 3 or 4 digits), a member number, or
 *   a name (surname 王 or 歐陽, given name 小明, a prefix 王小, or the full name)
 * @limit: the most results to return (the UI shows a screenful)
 * @error: return location for a #GError
 *
 * An exact member-number match comes first, then matches by phone or name, most recently
 * active first. Each path walks an index in activity order and stops at @limit.
 *
 * Returns: (transfer container) (element-type AisleMember): the matches, possibly none
 */
GPtrArray *
aisle_store_search_members (AisleStore  *self,
                            const char  *query,
                            guint        limit,
                            GError     **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_member_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* NFKC: CJK input methods often type full-width digits (０９１２...). */
  stripped = g_utf8_normalize (query, -1, G_NORMALIZE_NFKC);
  if (stripped == NULL || limit == 0)
    return g_steal_pointer (&results);
  g_strstrip (stripped);
  if (*stripped == '\0')
    return g_steal_pointer (&results);

  /* Member numbers are printed upper-case; staff type them any way. */
  upper = g_utf8_strup (stripped, -1);
  if (!collect_members (self, SQL_MEMBER_BY_NUMBER, upper, limit, results, seen, error))
    return NULL;

  switch (aisle_member_query_classify (stripped))
    {
    case AISLE_MEMBER_QUERY_PHONE:
      key = aisle_phone_normalize (stripped);
      if (!collect_members (self, SQL_MEMBER_BY_PHONE, key, limit, results, seen, error))
        return NULL;
      break;

    case AISLE_MEMBER_QUERY_PHONE_SUFFIX:
      key = digits_only (stripped);
      if (!collect_members (self, strlen (key) == 4 ? SQL_MEMBER_BY_LAST4 : SQL_MEMBER_BY_LAST3,
                            key, limit, results, seen, error))
        return NULL;
      break;

    case AISLE_MEMBER_QUERY_NAME:
      key = _aisle_name_query_key (stripped);
      if (key != NULL &&
          !collect_members (self, SQL_MEMBER_BY_TOKEN, key, limit, results, seen, error))
        return NULL;
      break;

    case AISLE_MEMBER_QUERY_NUMBER:
    case AISLE_MEMBER_QUERY_NONE:
    default:
      break;
    }

  return g_steal_pointer (&results);
}

/* --- product search ------------------------------------------------------------------------ */

static gboolean
looks_like_barcode (const char *text)
{
  size_t len = strlen (text);

  if (len != 8 && len != 12 && len != 13 && len != 14)
    return FALSE;
  for (size_t i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/**
 * aisle_store_search_products:
 * @self: an #AisleStore
 * @query: a barcode (EAN-13, EAN-8, UPC-A), a SKU, or words of a product's name, brand or
 *   category (綠茶, 統一, "kikkoman soy")
 * @limit: the most results to return
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleProduct): the matches, best sellers first
 */
GPtrArray *
aisle_store_search_products (AisleStore  *self,
                             const char  *query,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *sku_match = NULL;
  g_auto(AisleStmt) stmt = NULL;
  const char *driver = NULL;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_product_free);
  stripped = g_strstrip (g_strdup (query));
  if (*stripped == '\0' || limit == 0 || !g_utf8_validate (stripped, -1, NULL))
    return g_steal_pointer (&results);

  if (looks_like_barcode (stripped))
    {
      g_autoptr(GError) local_error = NULL;
      AisleProduct *product = aisle_store_get_product_by_barcode (self, stripped, &local_error);

      if (product != NULL)
        {
          g_ptr_array_add (results, product);
          return g_steal_pointer (&results);
        }
      if (!g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  else
    {
      AisleProduct *product = aisle_store_get_product (self, stripped, NULL);

      if (product != NULL)
        {
          sku_match = g_strdup (product->id);
          g_ptr_array_add (results, product);
        }
    }

  terms = _aisle_product_query_terms (stripped);
  if (terms->len == 0)
    return g_steal_pointer (&results);
  /* The longest term is likely the rarest: walk its index entries, check the others. */
  for (guint i = 0; i < terms->len; i++)
    if (driver == NULL || strlen (g_ptr_array_index (terms, i)) > strlen (driver))
      driver = g_ptr_array_index (terms, i);

  stmt = _aisle_store_prepare (self, _aisle_store_search_sql[SQL_PRODUCT_BY_TOKEN], error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, driver);
  sqlite3_bind_int64 (stmt, 2, terms->len == 1 ? limit : PRODUCT_SCAN_CAP);
  while (results->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *text = _aisle_fold ((const char *) sqlite3_column_text (stmt, 6));
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      AisleProduct *product;
      gboolean all = TRUE;

      for (guint i = 0; i < terms->len && all; i++)
        all = text != NULL && strstr (text, g_ptr_array_index (terms, i)) != NULL;
      if (!all || g_strcmp0 (sku_match, id) == 0)
        continue;

      product = aisle_product_new ();
      product->id = g_strdup (id);
      product->name = _aisle_column_dup (stmt, 1);
      product->brand = _aisle_column_dup (stmt, 2);
      product->category = _aisle_column_dup (stmt, 3);
      product->price = sqlite3_column_int64 (stmt, 4);
      product->popularity = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (results, product);
    }
  if (results->len < limit && rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "searching products", error);
      return NULL;
    }

  /* Callers show barcodes too; fetch them for the few results only. */
  for (guint i = 0; i < results->len; i++)
    {
      AisleProduct *product = g_ptr_array_index (results, i);

      if (product->barcodes == NULL)
        {
          g_autoptr(AisleProduct) full = aisle_store_get_product (self, product->id, error);

          if (full == NULL)
            return NULL;
          product->barcodes = g_steal_pointer (&full->barcodes);
        }
    }
  return g_steal_pointer (&results);
}

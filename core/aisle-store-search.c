/* aisle-store-search.c: the token indexes and searches for members and products.
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

/* The longest prefix indexed for Latin words in product names and brands. */
#define MAX_PREFIX_CHARS 12

/* Taiwanese compound surnames (複姓), including the joined ones such as 張簡 and 范姜. */
static const char * const compound_surnames[] = {
  "歐陽", "司馬", "諸葛", "上官", "司徒", "東方", "夏侯", "皇甫", "尉遲", "公孫", "慕容",
  "長孫", "宇文", "令狐", "軒轅", "端木", "西門", "張簡", "范姜", "周黃", "張廖", "簡張",
  "鍾離", "澹臺", "呼延", "南宮", "左丘", "万俟", "聞人", "濮陽", "單于",
};

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

/* --- tokenising ---------------------------------------------------------------------------- */

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_han (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* NFKC folds full-width letters and digits (common from CJK input methods) to ASCII, and
 * casefolding makes Latin matching case-insensitive. */
static char *
fold (const char *text)
{
  g_autofree char *nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return nfkc != NULL ? g_utf8_casefold (nfkc, -1) : NULL;
}

static char *
without_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x00B7 && c != 0x30FB)   /* middle dots in names */
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
add_token (GPtrArray  *tokens,
           GHashTable *seen,
           const char *token,
           gssize      len)
{
  char *copy;

  if (len == 0 || token[0] == '\0')
    return;
  copy = len < 0 ? g_strdup (token) : g_strndup (token, len);
  if (g_hash_table_contains (seen, copy))
    {
      g_free (copy);
      return;
    }
  g_hash_table_add (seen, copy);
  g_ptr_array_add (tokens, g_strdup (copy));
}

/**
 * aisle_name_surname:
 * @name: a person's name
 *
 * The surname of a Chinese name: the first character, or the first two for a compound surname
 * (歐陽, 司馬, 張簡 ...) when the name is long enough to have a given name after it.
 *
 * Returns: (transfer full) (nullable): the surname, or %NULL for a name without Han characters
 */
char *
aisle_name_surname (const char *name)
{
  g_autofree char *compact = NULL;
  glong len;

  g_return_val_if_fail (name != NULL, NULL);

  if (!has_han (name))
    return NULL;
  compact = without_spaces (name);
  len = g_utf8_strlen (compact, -1);
  if (len < 2)
    return NULL;
  if (len >= 3)
    for (guint i = 0; i < G_N_ELEMENTS (compound_surnames); i++)
      if (g_str_has_prefix (compact, compound_surnames[i]))
        return g_strdup (compound_surnames[i]);
  return g_strndup (compact, g_utf8_next_char (compact) - compact);
}

/**
 * aisle_name_tokens:
 * @name: a person's name
 *
 * The search tokens of a name: for a Chinese name its surname, its given name, every prefix
 * of the full name (so typing 王, 王小, 王小明 narrows step by step) and the full name; for a
 * Latin name each word, case-folded.
 *
 * Returns: (transfer container) (element-type utf8): the distinct tokens
 */
GPtrArray *
aisle_name_tokens (const char *name)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  folded = fold (name);
  if (folded == NULL)
    return g_steal_pointer (&tokens);   /* invalid UTF-8: not searchable by name */

  if (has_han (folded))
    {
      g_autofree char *compact = without_spaces (folded);
      g_autofree char *surname = aisle_name_surname (compact);
      const char *p;

      if (surname != NULL)
        {
          add_token (tokens, seen, surname, -1);
          add_token (tokens, seen, compact + strlen (surname), -1);
        }
      for (p = g_utf8_next_char (compact); ; p = g_utf8_next_char (p))
        {
          add_token (tokens, seen, compact, p - compact);
          if (*p == '\0')
            break;
        }
    }

  words = g_strsplit_set (folded, " \t\n-.,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (!has_han (words[i]))
      add_token (tokens, seen, words[i], -1);

  return g_steal_pointer (&tokens);
}

/* Product text: words split at spaces and punctuation; Han runs give every character and every
 * pair of characters (so 綠茶 finds 無糖綠茶), Latin words their prefixes (so "kik" finds
 * "Kikkoman"). */
static void
product_tokens_add (GPtrArray  *tokens,
                    GHashTable *seen,
                    const char *text)
{
  g_autofree char *folded = NULL;
  const char *p;

  if (text == NULL || (folded = fold (text)) == NULL)
    return;

  p = folded;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;

      if (is_han (c))
        {
          while (*p != '\0' && is_han (g_utf8_get_char (p)))
            {
              const char *next = g_utf8_next_char (p);

              add_token (tokens, seen, p, next - p);
              if (*next != '\0' && is_han (g_utf8_get_char (next)))
                add_token (tokens, seen, p, g_utf8_next_char (next) - p);
              p = next;
            }
          add_token (tokens, seen, start, p - start);
        }
      else if (g_unichar_isalnum (c))
        {
          guint n = 0;

          while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)) &&
                 !is_han (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              if (++n <= MAX_PREFIX_CHARS)
                add_token (tokens, seen, start, p - start);
            }
          if (n > MAX_PREFIX_CHARS)
            add_token (tokens, seen, start, p - start);
        }
      else
        p = g_utf8_next_char (p);
    }
}

/* The terms a product query must all match, in the same token space as product_tokens_add(). */
static GPtrArray *
product_query_terms (const char *query)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = fold (query);
  const char *p;

  if (folded == NULL)
    return g_steal_pointer (&terms);

  p = folded;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;

      if (is_han (c))
        {
          glong n = 0;

          while (*p != '\0' && is_han (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              n++;
            }
          if (n <= 2)
            add_token (terms, seen, start, p - start);
          else
            for (const char *q = start; g_utf8_next_char (q) < p; q = g_utf8_next_char (q))
              add_token (terms, seen, q, g_utf8_next_char (g_utf8_next_char (q)) - q);
        }
      else if (g_unichar_isalnum (c))
        {
          guint n = 0;
          const char *cut = NULL;

          while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)) &&
                 !is_han (g_utf8_get_char (p)))
            {
              p = g_utf8_next_char (p);
              if (++n == MAX_PREFIX_CHARS)
                cut = p;
            }
          /* A query word longer than the indexed prefixes matches on its indexed prefix (the
           * whole word is also indexed, so an exact long word still matches). */
          add_token (terms, seen, start, (cut != NULL ? cut : p) - start);
        }
      else
        p = g_utf8_next_char (p);
    }
  return g_steal_pointer (&terms);
}

/* The one token a name query is looked up by: a Han query without its spaces (王 小明 is
 * 王小明), a Latin query's first word, case-folded. NULL if there is nothing to look up. */
char *
_aisle_name_query_key (const char *query)
{
  g_autofree char *folded = fold (query);
  g_auto(GStrv) words = NULL;

  if (folded == NULL)
    return NULL;
  if (has_han (folded))
    return without_spaces (folded);
  words = g_strsplit_set (folded, " \t\n-.,", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      return g_strdup (words[i]);
  return NULL;
}

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

  product_tokens_add (tokens, seen, name);
  product_tokens_add (tokens, seen, brand);
  product_tokens_add (tokens, seen, category);
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

  terms = product_query_terms (stripped);
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
      g_autofree char *text = fold ((const char *) sqlite3_column_text (stmt, 6));
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

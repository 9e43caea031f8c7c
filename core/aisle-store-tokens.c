/* aisle-store-tokens.c: the tokenisers behind the search indexes: Chinese and Latin names,
 * product names and brands, and the queries typed against them.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See aisle-store-search.c for why the cache keeps its own token tables instead of FTS5.
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"

/* The longest prefix indexed for Latin words in product names and brands. */
#define MAX_PREFIX_CHARS 12

/* Taiwanese compound surnames (複姓), including the joined ones such as 張簡 and 范姜. */
static const char * const compound_surnames[] = {
  "歐陽", "司馬", "諸葛", "上官", "司徒", "東方", "夏侯", "皇甫", "尉遲", "公孫", "慕容",
  "長孫", "宇文", "令狐", "軒轅", "端木", "西門", "張簡", "范姜", "周黃", "張廖", "簡張",
  "鍾離", "澹臺", "呼延", "南宮", "左丘", "万俟", "聞人", "濮陽", "單于",
};

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
char *
_aisle_fold (const char *text)
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

  folded = _aisle_fold (name);
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
void
_aisle_product_tokens_add (GPtrArray  *tokens,
                           GHashTable *seen,
                           const char *text)
{
  g_autofree char *folded = NULL;
  const char *p;

  if (text == NULL || (folded = _aisle_fold (text)) == NULL)
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
GPtrArray *
_aisle_product_query_terms (const char *query)
{
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = _aisle_fold (query);
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
  g_autofree char *folded = _aisle_fold (query);
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

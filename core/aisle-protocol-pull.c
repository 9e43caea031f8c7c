/* aisle-protocol-pull.c: reading a pull page without building a JSON tree.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A device's initial sync reads a few hundred thousand changes. Building a json-glib tree of
 * each page, copying every entity and serialising it again for SQLite cost more than writing
 * the rows (see docs/benchmarks.md). This reader walks the page's text once: the envelope's
 * numbers are read in place, and each change's "data" is handed on as its exact JSON text
 * (AisleChange.data_json), which the cache writes with SQLite's JSON functions.
 *
 * It accepts any JSON text (whitespace, key order, escapes), and refuses what is not JSON with
 * AISLE_ERROR_INVALID: the text must be UTF-8, every read is bounded by the buffer, escapes
 * are checked where they are skipped too, and nesting is limited.
 */

#define G_LOG_DOMAIN "aisle-protocol"

#include "config.h"

#include <string.h>

#include "aisle-protocol.h"

#define MAX_DEPTH 64

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static void
skip_ws (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
expect (Scan *s,
        char  ch)
{
  skip_ws (s);
  if (s->p >= s->end || *s->p != ch)
    return FALSE;
  s->p++;
  return TRUE;
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      value = value * 16 + d;
    }
  return value;
}

/* Moves past a string whose opening quote is at s->p; says whether it has escapes. */
static gboolean
skip_string (Scan     *s,
             gboolean *out_escaped)
{
  gboolean escaped = FALSE;

  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  for (s->p++; s->p < s->end; s->p++)
    {
      if (*s->p == '"')
        {
          s->p++;
          if (out_escaped != NULL)
            *out_escaped = escaped;
          return TRUE;
        }
      if ((guchar) *s->p < 0x20)
        return FALSE;
      if (*s->p == '\\')
        {
          escaped = TRUE;
          if (++s->p >= s->end || strchr ("\"\\/bfnrtu", *s->p) == NULL)
            return FALSE;
          if (*s->p == 'u' && (s->end - s->p < 5 || hex4 (s->p + 1) < 0))
            return FALSE;
        }
    }
  return FALSE;
}

/* The string at s->p, unescaped; NULL if it is not a valid JSON string. */
static char *
read_string (Scan *s)
{
  const char *start = s->p + 1;
  gboolean escaped = FALSE;
  const char *stop;
  GString *out;

  skip_ws (s);
  start = s->p + 1;
  if (!skip_string (s, &escaped))
    return NULL;
  stop = s->p - 1;
  if (!escaped)
    return g_strndup (start, stop - start);   /* the whole text was checked to be UTF-8 */
  out = g_string_sized_new (stop - start);
  for (const char *q = start; q < stop; q++)
    {
      gunichar ch;

      if (*q != '\\')
        {
          g_string_append_c (out, *q);
          continue;
        }
      q++;
      switch (*q)
        {
        case '"': case '\\': case '/': g_string_append_c (out, *q); continue;
        case 'b': g_string_append_c (out, '\b'); continue;
        case 'f': g_string_append_c (out, '\f'); continue;
        case 'n': g_string_append_c (out, '\n'); continue;
        case 'r': g_string_append_c (out, '\r'); continue;
        case 't': g_string_append_c (out, '\t'); continue;
        case 'u': break;
        default: goto fail;
        }
      if (stop - q < 5 || (int) (ch = hex4 (q + 1)) < 0)
        goto fail;
      q += 4;
      if (ch >= 0xd800 && ch < 0xdc00)
        {
          int low;

          if (stop - q < 7 || q[1] != '\\' || q[2] != 'u' || (low = hex4 (q + 3)) < 0xdc00 ||
              low >= 0xe000)
            goto fail;
          ch = 0x10000 + ((ch - 0xd800) << 10) + (low - 0xdc00);
          q += 6;
        }
      else if (ch >= 0xdc00 && ch < 0xe000)
        goto fail;
      g_string_append_unichar (out, ch);
    }
  if (!g_utf8_validate (out->str, out->len, NULL))
    goto fail;
  return g_string_free (out, FALSE);

fail:
  g_string_free (out, TRUE);
  return NULL;
}

static gboolean skip_value (Scan *s, int depth);

static gboolean
skip_container (Scan *s,
                int   depth)
{
  char close = *s->p == '{' ? '}' : ']';
  gboolean object = close == '}';

  if (depth >= MAX_DEPTH)
    return FALSE;
  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      if (object)
        {
          skip_ws (s);
          if (!skip_string (s, NULL) || !expect (s, ':'))
            return FALSE;
        }
      if (!skip_value (s, depth + 1))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == close)
        {
          s->p++;
          return TRUE;
        }
      if (*s->p != ',')
        return FALSE;
      s->p++;
    }
}

static gboolean
skip_literal (Scan       *s,
              const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (s->end - s->p) < n || memcmp (s->p, word, n) != 0)
    return FALSE;
  s->p += n;
  return TRUE;
}

static gboolean
skip_number (Scan *s)
{
  const char *start = s->p;

  if (s->p < s->end && *s->p == '-')
    s->p++;
  while (s->p < s->end && (g_ascii_isdigit (*s->p) || *s->p == '.' || *s->p == 'e' ||
                           *s->p == 'E' || *s->p == '+' || *s->p == '-'))
    s->p++;
  return s->p > start && g_ascii_isdigit (s->p[-1]);
}

static gboolean
skip_value (Scan *s,
            int   depth)
{
  skip_ws (s);
  if (s->p >= s->end)
    return FALSE;
  switch (*s->p)
    {
    case '{':
    case '[':
      return skip_container (s, depth);
    case '"':
      return skip_string (s, NULL);
    case 't':
      return skip_literal (s, "true");
    case 'f':
      return skip_literal (s, "false");
    case 'n':
      return skip_literal (s, "null");
    default:
      return skip_number (s);
    }
}

static gboolean
read_int (Scan   *s,
          gint64 *out)
{
  const char *start;
  g_autofree char *text = NULL;

  skip_ws (s);
  start = s->p;
  if (!skip_number (s))
    return FALSE;
  text = g_strndup (start, s->p - start);
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, out, NULL);
}

static gboolean
read_bool (Scan     *s,
           gboolean *out)
{
  skip_ws (s);
  if (skip_literal (s, "true"))
    *out = TRUE;
  else if (skip_literal (s, "false"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* Calls @member for each key of the object at s->p, positioned at the value; @member reads
 * the value or returns with s->p unchanged to have it skipped. */
typedef gboolean (*MemberFunc) (Scan       *s,
                                const char *key,
                                gpointer    data);

static gboolean
walk_object (Scan       *s,
             MemberFunc  member,
             gpointer    data)
{
  if (!expect (s, '{'))
    return FALSE;
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      g_autofree char *key = read_string (s);
      const char *before;

      if (key == NULL || !expect (s, ':'))
        return FALSE;
      skip_ws (s);
      before = s->p;
      if (!member (s, key, data))
        return FALSE;
      if (s->p == before && !skip_value (s, 1))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == '}')
        {
          s->p++;
          return TRUE;
        }
      if (*s->p != ',')
        return FALSE;
      s->p++;
    }
}

static gboolean
change_member (Scan       *s,
               const char *key,
               gpointer    data)
{
  AisleChange *c = data;

  if (strcmp (key, "seq") == 0)
    return read_int (s, &c->seq);
  if (strcmp (key, "entity") == 0 && c->entity == NULL)
    return (c->entity = read_string (s)) != NULL;
  if (strcmp (key, "id") == 0 && c->entity_id == NULL)
    return (c->entity_id = read_string (s)) != NULL;
  if (strcmp (key, "op") == 0 && c->op == NULL)
    return (c->op = read_string (s)) != NULL;
  if (strcmp (key, "data") == 0 && c->data_json == NULL)
    {
      const char *start = s->p;

      if (!skip_value (s, 2))
        return FALSE;
      if (*start == '{')
        c->data_json = g_strndup (start, s->p - start);
      return TRUE;
    }
  return TRUE;
}

typedef struct
{
  AislePullResponse *response;
  gboolean           have_cursor, have_more, have_lmid, have_changes;
  gboolean           envelope_only;
  GError            *error;
} PageScan;

static gboolean
page_member (Scan       *s,
             const char *key,
             gpointer    data)
{
  PageScan *ps = data;
  AislePullResponse *r = ps->response;

  if (strcmp (key, "cursor") == 0)
    return (ps->have_cursor = read_int (s, &r->cursor));
  if (strcmp (key, "more") == 0)
    return (ps->have_more = read_bool (s, &r->more));
  if (strcmp (key, "last_mutation_id") == 0)
    return (ps->have_lmid = read_int (s, &r->last_mutation_id));
  if (strcmp (key, "remaining") == 0)
    return read_int (s, &r->remaining);
  if (strcmp (key, "changes") == 0 && !ps->envelope_only)
    {
      ps->have_changes = TRUE;
      if (!expect (s, '['))
        return FALSE;
      skip_ws (s);
      if (s->p < s->end && *s->p == ']')
        {
          s->p++;
          return TRUE;
        }
      for (;;)
        {
          g_autoptr(AisleChange) c = aisle_change_new ();

          if (!walk_object (s, change_member, c))
            return FALSE;
          if (c->entity == NULL || c->entity_id == NULL || c->op == NULL)
            {
              g_set_error (&ps->error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "change %u lacks its entity, id or op", r->changes->len + 1);
              return FALSE;
            }
          g_ptr_array_add (r->changes, g_steal_pointer (&c));
          skip_ws (s);
          if (s->p < s->end && *s->p == ']')
            {
              s->p++;
              return TRUE;
            }
          if (!expect (s, ','))
            return FALSE;
        }
    }
  if (strcmp (key, "results") == 0 && !ps->envelope_only)
    {
      /* Results are few (a device's own rejected or confirmed mutations): the tree reader. */
      const char *start = s->p;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonArray *list;

      if (!skip_value (s, 1))
        return FALSE;
      if (!json_parser_load_from_data (parser, start, s->p - start, NULL) ||
          !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
        return FALSE;
      list = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          AisleMutationResult *result;

          result = aisle_protocol_result_from_json (json_array_get_element (list, i), &ps->error);
          if (result == NULL)
            return FALSE;
          g_ptr_array_add (r->results, result);
        }
      return TRUE;
    }
  return TRUE;
}

static AislePullResponse *
scan_page (const char  *data,
           gssize       length,
           gboolean     envelope_only,
           GError     **error)
{
  g_autoptr(AislePullResponse) response = aisle_pull_response_new ();
  PageScan ps = { response, FALSE, FALSE, FALSE, FALSE, envelope_only, NULL };
  Scan s;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID, "the body is empty");
      return NULL;
    }
  s.p = data;
  s.end = data + (length < 0 ? (gssize) strlen (data) : length);
  if (!g_utf8_validate (data, s.end - data, NULL))
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID, "the body is not UTF-8");
      return NULL;
    }
  if (!walk_object (&s, page_member, &ps) || (skip_ws (&s), s.p != s.end))
    {
      if (ps.error != NULL)
        g_propagate_error (error, ps.error);
      else
        g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "malformed JSON at byte %"
                     G_GSIZE_FORMAT, (gsize) (s.p - data));
      return NULL;
    }
  if (!ps.have_cursor || !ps.have_more || !ps.have_lmid || (!envelope_only && !ps.have_changes))
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "a pull page needs \"cursor\", \"more\", \"last_mutation_id\" and "
                           "\"changes\"");
      return NULL;
    }
  return g_steal_pointer (&response);
}

/**
 * aisle_protocol_pull_response_read:
 * @data: a pull response's body
 * @length: its length, or -1 if nul-terminated
 * @error: return location for a #GError
 *
 * Like aisle_protocol_pull_response_parse(), but each change carries its entity as JSON text
 * (data_json) instead of a tree (data is %NULL); about ten times cheaper on a full page.
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
AislePullResponse *
aisle_protocol_pull_response_read (const char  *data,
                                   gssize       length,
                                   GError     **error)
{
  return scan_page (data, length, FALSE, error);
}

/**
 * aisle_protocol_pull_response_peek:
 * @data: a pull response's body
 * @length: its length, or -1 if nul-terminated
 * @out_cursor: (out): the page's cursor
 * @out_more: (out): whether more pages follow
 * @error: return location for a #GError
 *
 * Reads only the envelope (checking that the whole body is JSON), so that the next page can be
 * asked for while this one is being written.
 *
 * Returns: %TRUE if the body is a pull page
 */
gboolean
aisle_protocol_pull_response_peek (const char  *data,
                                   gssize       length,
                                   gint64      *out_cursor,
                                   gboolean    *out_more,
                                   GError     **error)
{
  g_autoptr(AislePullResponse) page = scan_page (data, length, TRUE, error);

  if (page == NULL)
    return FALSE;
  *out_cursor = page->cursor;
  *out_more = page->more;
  return TRUE;
}

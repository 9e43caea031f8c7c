/* aisle-hub-import.c: `aisle-hub admin import products|stock|orders FILE`.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file is imported in ONE transaction: the first bad line stops the import with an error
 * naming that line, and nothing of the file is kept. Rows identical to what the hub already
 * holds are skipped, so re-importing a file changes nothing and adds nothing to the change log.
 * The formats are documented in docs/operations.md ("Imports").
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aisle-hub-sqlite-private.h"

typedef struct
{
  AisleHubSqlite *hub;
  const char     *path;
  guint           line_no;
  GHashTable     *columns;     /* column name -> index + 1 */
  GPtrArray      *fields;      /* the current row's fields */
  gsize           total_bytes;
  gsize           done_bytes;
  gboolean        progress;
  guint           imported;
  guint           unchanged;
} Import;

/* Splits one CSV line (RFC 4180 quoting, no line breaks inside fields) into @fields. */
static gboolean
split_csv (const char  *line,
           GPtrArray   *fields,
           GError     **error)
{
  GString *field = g_string_new (NULL);
  const char *p = line;

  g_ptr_array_set_size (fields, 0);
  for (;;)
    {
      g_string_truncate (field, 0);
      if (*p == '"')
        {
          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_string_free (field, TRUE);
                  g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                                       "unterminated quoted field");
                  return FALSE;
                }
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, '"'), p += 2;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p++);
            }
          if (*p != ',' && *p != '\0')
            {
              g_string_free (field, TRUE);
              g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                                   "text after a closing quote");
              return FALSE;
            }
        }
      else
        {
          while (*p != ',' && *p != '\0')
            g_string_append_c (field, *p++);
          g_strstrip (field->str);
          field->len = strlen (field->str);
        }
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      if (*p == '\0')
        break;
      p++;   /* the comma */
    }
  g_string_free (field, TRUE);
  return TRUE;
}

static const char *
column (Import     *import,
        const char *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (import->columns, name));

  if (index == 0 || index > import->fields->len)
    return NULL;
  return g_ptr_array_index (import->fields, index - 1);
}

static gboolean
read_header (Import              *import,
             const char          *line,
             const char * const  *required,
             const char * const  *optional,
             GError             **error)
{
  if (!split_csv (line, import->fields, error))
    return FALSE;
  for (guint i = 0; i < import->fields->len; i++)
    {
      const char *name = g_ptr_array_index (import->fields, i);

      if (!g_strv_contains (required, name) && !g_strv_contains (optional, name))
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "unknown column \"%s\"", name);
          return FALSE;
        }
      if (!g_hash_table_insert (import->columns, g_strdup (name), GUINT_TO_POINTER (i + 1)))
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "column \"%s\" appears twice", name);
          return FALSE;
        }
    }
  for (guint i = 0; required[i] != NULL; i++)
    if (!g_hash_table_contains (import->columns, required[i]))
      {
        g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "the header lacks column \"%s\"",
                     required[i]);
        return FALSE;
      }
  return TRUE;
}

/* "129", "129.5" or "129.50" NT$ to minor units. */
static gboolean
parse_money (const char  *text,
             gint64      *out,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ".", 2);
  guint64 whole = 0, cents = 0;
  gsize frac_len = parts[0] != NULL && parts[1] != NULL ? strlen (parts[1]) : 0;

  if (parts[0] == NULL || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXINT64 / 1000,
                                                       &whole, NULL) ||
      (parts[1] != NULL && (frac_len < 1 || frac_len > 2 ||
                            !g_ascii_string_to_unsigned (parts[1], 10, 0, 99, &cents, NULL))))
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                   "price \"%s\" is not an amount like 129 or 129.50", text != NULL ? text : "");
      return FALSE;
    }
  if (frac_len == 1)
    cents *= 10;
  *out = (gint64) (whole * 100 + cents);
  return TRUE;
}

/* GTIN-8, UPC-A (12) or EAN-13 with a correct check digit. */
static gboolean
barcode_is_valid (const char *code)
{
  gsize n = strlen (code);
  guint sum = 0;

  if (n != 8 && n != 12 && n != 13)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (code[i]))
        return FALSE;
      /* weights 3,1,3,... from the digit left of the check digit */
      if (i < n - 1)
        sum += (guint) (code[i] - '0') * (((n - 1 - i) % 2 == 1) ? 3 : 1);
    }
  return (10 - sum % 10) % 10 == (guint) (code[n - 1] - '0');
}

static gboolean
strv_equal (GStrv a,
            GStrv b)
{
  guint n = a != NULL ? g_strv_length (a) : 0;

  if (n != (b != NULL ? g_strv_length (b) : 0))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

static gboolean
import_product_row (Import  *import,
                    GError **error)
{
  g_autoptr(AisleProduct) p = aisle_product_new ();
  g_autoptr(AisleProduct) existing = NULL;
  const char *barcodes = column (import, "barcodes");
  const char *popularity = column (import, "popularity");

  p->id = g_strdup (column (import, "id"));
  p->name = g_strdup (column (import, "name"));
  p->brand = g_strdup (column (import, "brand"));
  p->category = g_strdup (column (import, "category"));
  if (p->id == NULL || *p->id == '\0' || p->name == NULL || *p->name == '\0')
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID, "id and name are required");
      return FALSE;
    }
  if (!parse_money (column (import, "price"), &p->price, error))
    return FALSE;
  if (barcodes != NULL && *barcodes != '\0')
    {
      p->barcodes = g_strsplit (barcodes, "|", -1);
      for (guint i = 0; p->barcodes[i] != NULL; i++)
        {
          g_strstrip (p->barcodes[i]);
          if (!barcode_is_valid (p->barcodes[i]))
            {
              g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "barcode \"%s\" is not a valid EAN-13, EAN-8 or UPC-A", p->barcodes[i]);
              return FALSE;
            }
        }
    }
  else
    p->barcodes = g_new0 (char *, 1);
  if (popularity != NULL && *popularity != '\0' &&
      !g_ascii_string_to_signed (popularity, 10, 0, G_MAXINT64, &p->popularity, error))
    return FALSE;

  existing = aisle_store_get_product (import->hub->store, p->id, NULL);
  if (existing != NULL && g_strcmp0 (existing->name, p->name) == 0 &&
      g_strcmp0 (existing->brand, p->brand) == 0 &&
      g_strcmp0 (existing->category, p->category) == 0 && existing->price == p->price &&
      strv_equal (existing->barcodes, p->barcodes) &&
      (popularity == NULL || existing->popularity == p->popularity))
    {
      import->unchanged++;
      return TRUE;
    }
  if (existing != NULL && popularity == NULL)
    p->popularity = existing->popularity;
  if (!aisle_store_upsert_product (import->hub->store, p, error))
    return FALSE;
  import->imported++;
  return TRUE;
}

static gboolean
import_stock_row (Import  *import,
                  GError **error)
{
  g_autoptr(AisleStock) s = aisle_stock_new ();
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(AisleProduct) product = NULL;
  const char *product_id = column (import, "product_id");
  const char *location_id = column (import, "location_id");

  if (product_id == NULL || *product_id == '\0' || location_id == NULL || *location_id == '\0')
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "product_id and location_id are required");
      return FALSE;
    }
  if (!g_ascii_string_to_signed (column (import, "on_hand") != NULL ? column (import, "on_hand") : "",
                                 10, 0, G_MAXINT32, &s->on_hand, NULL))
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                   "on_hand \"%s\" is not a whole number of 0 or more",
                   column (import, "on_hand") != NULL ? column (import, "on_hand") : "");
      return FALSE;
    }
  product = aisle_store_get_product (import->hub->store, product_id, NULL);
  if (product == NULL)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "unknown product \"%s\"", product_id);
      return FALSE;
    }
  if (strcmp (location_id, AISLE_LOCATION_ONLINE) != 0)
    {
      g_autoptr(AisleBranch) branch = aisle_store_get_branch (import->hub->store, location_id, NULL);

      if (branch == NULL)
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                       "unknown location \"%s\" (a store id or \"online\")", location_id);
          return FALSE;
        }
    }
  s->product_id = g_strdup (product_id);
  s->location_id = g_strdup (location_id);
  s->updated_at = g_get_real_time () / G_USEC_PER_SEC;

  current = aisle_store_list_stock (import->hub->store, product_id, NULL);
  for (guint i = 0; current != NULL && i < current->len; i++)
    {
      const AisleStock *c = g_ptr_array_index (current, i);

      if (g_strcmp0 (c->location_id, location_id) != 0)
        continue;
      if (c->on_hand == s->on_hand)
        {
          import->unchanged++;
          return TRUE;
        }
      /* Reservations are the hub's to keep: an import sets what is on the shelf. */
      s->reserved = c->reserved;
    }
  if (!aisle_store_set_stock (import->hub->store, s, error))
    return FALSE;
  import->imported++;
  return TRUE;
}

static gboolean
import_order_line (Import      *import,
                   const char  *line,
                   GError     **error)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (line, -1, error);
  g_autofree char *result = NULL;
  AisleHubIngest ingest = { "import", NULL, g_get_real_time () / G_USEC_PER_SEC };

  if (root == NULL)
    return FALSE;
  ingest.order = json_node_get_object (root);
  result = aisle_hub_sqlite_ingest_order (import->hub, &ingest, error);
  if (result == NULL)
    return FALSE;
  import->imported++;
  return TRUE;
}

static void
show_progress (Import *import,
               gboolean done)
{
  guint percent, filled;
  char bar[41];

  if (!import->progress)
    return;
  percent = import->total_bytes > 0 ? (guint) (import->done_bytes * 100 / import->total_bytes) : 100;
  if (done)
    percent = 100;
  filled = percent * 40 / 100;
  memset (bar, '#', filled);
  memset (bar + filled, '-', 40 - filled);
  bar[40] = '\0';
  fprintf (stderr, "\r[%s] %3u%%  line %u", bar, percent, import->line_no);
  if (done)
    fputc ('\n', stderr);
}

/* Imports @path of @kind ("products", "stock" or "orders") in one transaction. */
gboolean
aisle_hub_import_file (AisleHubSqlite  *hub,
                       const char      *kind,
                       const char      *path,
                       guint           *out_imported,
                       guint           *out_unchanged,
                       GError         **error)
{
  static const char * const product_required[] = { "id", "name", "price", NULL };
  static const char * const product_optional[] = { "brand", "category", "barcodes", "popularity", NULL };
  static const char * const stock_required[] = { "product_id", "location_id", "on_hand", NULL };
  static const char * const none[] = { NULL };
  Import import = { hub, path, 0, NULL, NULL, 0, 0, FALSE, 0, 0 };
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean csv = strcmp (kind, "products") == 0 || strcmp (kind, "stock") == 0;
  gboolean header_done = FALSE;
  gboolean ok = TRUE;

  if (!csv && strcmp (kind, "orders") != 0)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                   "import products|stock FILE.csv, or import orders FILE.jsonl");
      return FALSE;
    }
  raw = g_file_read (file, NULL, error);
  if (raw == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (raw, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL)
    import.total_bytes = (gsize) g_file_info_get_size (info);
  in = g_data_input_stream_new (G_INPUT_STREAM (raw));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  import.progress = isatty (STDERR_FILENO);
  import.columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.fields = g_ptr_array_new_with_free_func (g_free);

  if (!aisle_store_begin (hub->store, error))
    {
      ok = FALSE;
      goto out;
    }
  for (;;)
    {
      gsize length = 0;
      g_autofree char *line = g_data_input_stream_read_line (in, &length, NULL, &local_error);

      if (line == NULL)
        break;
      import.line_no++;
      import.done_bytes += length + 1;
      if (import.line_no % 512 == 0)
        show_progress (&import, FALSE);
      if (!g_utf8_validate (line, (gssize) length, NULL))
        {
          g_set_error_literal (&local_error, AISLE_ERROR, AISLE_ERROR_INVALID, "not UTF-8 text");
          break;
        }
      /* A spreadsheet's byte-order mark on the first line */
      if (import.line_no == 1 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        memmove (line, line + 3, length - 2);
      if (*g_strchug (line) == '\0' || (!csv && line[0] == '#'))
        continue;
      if (csv && !header_done)
        {
          header_done = TRUE;
          if (!read_header (&import, line,
                            strcmp (kind, "products") == 0 ? product_required : stock_required,
                            strcmp (kind, "products") == 0 ? product_optional : none,
                            &local_error))
            break;
          continue;
        }
      if (csv)
        {
          if (!split_csv (line, import.fields, &local_error))
            break;
          if (import.fields->len != g_hash_table_size (import.columns))
            {
              g_set_error (&local_error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "%u fields where the header has %u", import.fields->len,
                           g_hash_table_size (import.columns));
              break;
            }
          if (!(strcmp (kind, "products") == 0 ? import_product_row (&import, &local_error)
                                                : import_stock_row (&import, &local_error)))
            break;
        }
      else if (!import_order_line (&import, line, &local_error))
        break;
    }
  if (local_error == NULL && csv && !header_done)
    g_set_error_literal (&local_error, AISLE_ERROR, AISLE_ERROR_INVALID,
                         "the file is empty: a header line is needed");
  if (local_error != NULL)
    {
      aisle_store_rollback (hub->store);
      if (import.progress)
        fputc ('\n', stderr);
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "%s:%u: %s (nothing was imported)",
                   path, import.line_no, local_error->message);
      ok = FALSE;
      goto out;
    }
  if (!aisle_store_commit (hub->store, error))
    {
      aisle_store_rollback (hub->store);
      ok = FALSE;
      goto out;
    }
  show_progress (&import, TRUE);
  if (out_imported != NULL)
    *out_imported = import.imported;
  if (out_unchanged != NULL)
    *out_unchanged = import.unchanged;

out:
  g_hash_table_unref (import.columns);
  g_ptr_array_unref (import.fields);
  return ok;
}

/* bench-store.c: cache build time and size, and search latency at scale.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-store [--cache PATH] [--members N] [--products N] [--queries N]
 *
 * Builds the demo cache (unless PATH already holds one), then times member search by phone
 * suffix (4 and 3 digits), surname, given name and full name, and product lookup by barcode,
 * each over --queries keys drawn at random from the data, and prints p50/p99/max as a
 * Markdown table for docs/benchmarks.md. Not a test: nothing here asserts a time.
 */

#define G_LOG_DOMAIN "bench-store"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "aisle-demo.h"
#include "aisle-store.h"

#define SEARCH_LIMIT 20   /* a screenful of results, as the tablet shows */

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

typedef enum
{
  KIND_LAST4,
  KIND_LAST3,
  KIND_SURNAME,
  KIND_GIVEN,
  KIND_FULL,
  KIND_BARCODE,
  N_KINDS,
} Kind;

static const char * const kind_names[N_KINDS] = {
  "member by phone suffix (4 digits)",
  "member by phone suffix (3 digits)",
  "member by surname",
  "member by given name",
  "member by full name",
  "product by barcode",
};

static GPtrArray *
sample (const char *path,
        const char *sql,
        guint       n,
        GRand      *rand)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (all, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  for (guint i = 0; i < n && all->len > 0; i++)
    g_ptr_array_add (picked, g_strdup (g_ptr_array_index (all, g_rand_int_range (rand, 0, (gint32) all->len))));
  g_ptr_array_unref (all);
  return picked;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) phones = NULL;
  g_autoptr(GPtrArray) barcodes = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *tmpdir = NULL;
  int members = 1000000, products = 20000, queries = 3000;
  double build_seconds = -1;
  GStatBuf st;
  const GOptionEntry entries[] = {
    { "cache", 'c', 0, G_OPTION_ARG_FILENAME, &cache, "Use (or build) this cache file", "PATH" },
    { "members", 'm', 0, G_OPTION_ARG_INT, &members, "Members to generate (default 1000000)", "N" },
    { "products", 'p', 0, G_OPTION_ARG_INT, &products, "Products to generate (default 20000)", "N" },
    { "queries", 'q', 0, G_OPTION_ARG_INT, &queries, "Queries per kind (default 3000)", "N" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- benchmark the device cache");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || members <= 0 || products <= 0 ||
      queries <= 0)
    {
      g_printerr ("bench-store: %s\n", error != NULL ? error->message : "bad arguments");
      return 2;
    }
  if (cache == NULL)
    {
      tmpdir = g_dir_make_tmp ("aisle-bench-XXXXXX", &error);
      g_assert_no_error (error);
      cache = g_build_filename (tmpdir, "cache.db", NULL);
    }

  if (!g_file_test (cache, G_FILE_TEST_EXISTS))
    {
      AisleDemoOptions options;
      AisleDemoStats stats;

      g_printerr ("bench-store: building %s with %d members and %d products...\n", cache,
                  members, products);
      store = aisle_store_open (cache, AISLE_STORE_OPEN_BULK, &error);
      g_assert_no_error (error);
      aisle_demo_options_init (&options);
      options.n_members = (guint) members;
      options.n_products = (guint) products;
      if (!aisle_demo_generate (store, &options, &stats, &error) ||
          !aisle_store_checkpoint (store, &error))
        g_error ("%s", error->message);
      g_clear_object (&store);
      build_seconds = stats.seconds;
    }

  store = aisle_store_open (cache, AISLE_STORE_OPEN_READONLY, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (g_stat (cache, &st) != 0)
    st.st_size = 0;

  names = sample (cache, "SELECT name FROM members", (guint) queries, rand);
  phones = sample (cache, "SELECT phone FROM members", (guint) queries, rand);
  barcodes = sample (cache, "SELECT barcode FROM product_barcodes", (guint) queries, rand);

  g_print ("| lookup | queries | p50 (ms) | p99 (ms) | max (ms) | mean results |\n");
  g_print ("|---|---:|---:|---:|---:|---:|\n");
  for (Kind kind = 0; kind < N_KINDS; kind++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      guint64 results = 0;

      for (guint i = 0; i < (guint) queries; i++)
        {
          const char *name = g_ptr_array_index (names, i);
          const char *phone = g_ptr_array_index (phones, i);
          g_autofree char *surname = aisle_name_surname (name);
          g_autofree char *key = NULL;
          g_autoptr(GPtrArray) found = NULL;
          double t0, dt;

          switch (kind)
            {
            case KIND_LAST4: key = g_strdup (phone + 6); break;
            case KIND_LAST3: key = g_strdup (phone + 7); break;
            case KIND_SURNAME: key = g_strdup (surname != NULL ? surname : name); break;
            case KIND_GIVEN: key = g_strdup (surname != NULL ? name + strlen (surname) : name); break;
            case KIND_FULL: key = g_strdup (name); break;
            case KIND_BARCODE: key = g_strdup (g_ptr_array_index (barcodes, i)); break;
            case N_KINDS:
            default: g_assert_not_reached ();
            }

          t0 = now_ms ();
          if (kind == KIND_BARCODE)
            {
              AisleProduct *p = aisle_store_get_product_by_barcode (store, key, &error);

              found = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_product_free);
              if (p != NULL)
                g_ptr_array_add (found, p);
            }
          else
            found = aisle_store_search_members (store, key, SEARCH_LIMIT, &error);
          dt = now_ms () - t0;
          g_assert_no_error (error);
          if (found->len == 0)
            g_error ("no result for %s '%s' drawn from the data", kind_names[kind], key);
          results += found->len;
          g_array_append_val (times, dt);
        }
      g_array_sort (times, compare_double);
      g_print ("| %s | %d | %.3f | %.3f | %.3f | %.1f |\n", kind_names[kind], queries,
               g_array_index (times, double, times->len / 2),
               g_array_index (times, double, (guint) (times->len * 0.99)),
               g_array_index (times, double, times->len - 1),
               (double) results / queries);
    }

  g_print ("\ncache: %s, %.1f MB", cache, st.st_size / 1e6);
  if (build_seconds >= 0)
    g_print (", built in %.1f s", build_seconds);
  g_print ("; %" G_GINT64_FORMAT " members\n", aisle_store_count_members (store, NULL));

  g_clear_object (&store);
  if (tmpdir != NULL)
    {
      g_autofree char *wal = g_strconcat (cache, "-wal", NULL);
      g_autofree char *shm = g_strconcat (cache, "-shm", NULL);

      g_unlink (cache);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmpdir);
    }
  return 0;
}

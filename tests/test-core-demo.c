/* test-core-demo.c: the cache worker (priority, cancellation, results on the main context) and
 * the demo generator (determinism, content, consistency).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-demo"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "aisle-demo.h"
#include "aisle-store.h"
#include "aisle-store-sqlite.h"
#include "aisle-test.h"
#include "aisle-test-store.h"
#include "aisle-worker.h"

/* --- worker -------------------------------------------------------------------------------- */

typedef struct
{
  GMutex    lock;
  GCond     cond;
  gboolean  released;
  GString  *order;
  GThread  *main_thread;
  guint     pending;
} WorkerState;

static gpointer
blocking_job (AisleStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  WorkerState *state = data;

  g_mutex_lock (&state->lock);
  while (!state->released)
    g_cond_wait (&state->cond, &state->lock);
  g_mutex_unlock (&state->lock);
  return g_strdup ("block");
}

typedef struct
{
  WorkerState *state;
  char         name;
} Tagged;

static gpointer
tagged_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Tagged *t = data;

  /* Runs on the worker thread: record the order jobs ran in. */
  g_assert_true (g_thread_self () != t->state->main_thread);
  g_string_append_c (t->state->order, t->name);
  return g_strdup_printf ("%c", t->name);
}

static void
job_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  WorkerState *state = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = aisle_worker_run_finish (AISLE_WORKER (source), result, &error);

  /* Delivered on the main context of the thread that queued the job. */
  g_assert_true (g_thread_self () == state->main_thread);
  if (value == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  state->pending--;
}

static void
test_worker_priority_cancel (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(AisleWorker) worker = aisle_worker_new (f->store);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  WorkerState state = { 0 };
  Tagged jobs[] = { { &state, 'L' }, { &state, 'H' }, { &state, 'D' }, { &state, 'X' },
                    { &state, 'h' } };
  int prio[] = { G_PRIORITY_LOW, G_PRIORITY_HIGH, G_PRIORITY_DEFAULT, G_PRIORITY_HIGH,
                 G_PRIORITY_HIGH };

  g_mutex_init (&state.lock);
  g_cond_init (&state.cond);
  state.order = g_string_new (NULL);
  state.main_thread = g_thread_self ();

  /* Hold the worker so that the next jobs queue up, then release it. */
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, blocking_job, &state, NULL, g_free, NULL,
                          job_done, &state);
  state.pending++;
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      aisle_worker_run_async (worker, prio[i], tagged_job, &jobs[i], NULL, g_free,
                              jobs[i].name == 'X' ? cancellable : NULL, job_done, &state);
      state.pending++;
    }
  g_cancellable_cancel (cancellable);   /* X never runs */
  g_mutex_lock (&state.lock);
  state.released = TRUE;
  g_cond_signal (&state.cond);
  g_mutex_unlock (&state.lock);

  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  /* High first (in queue order), then default, then low; the cancelled job was skipped. */
  g_assert_cmpstr (state.order->str, ==, "HhDL");

  g_string_free (state.order, TRUE);
  g_mutex_clear (&state.lock);
  g_cond_clear (&state.cond);
}

static void
search_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = aisle_worker_search_members_finish (AISLE_WORKER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_worker_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AisleWorker) worker = NULL;
  g_autoptr(GPtrArray) results = NULL;

  add_member (f->store, "m-1", "王小明", "0912345678", 1);
  worker = aisle_worker_new (f->store);
  g_assert_true (aisle_worker_get_store_unlocked (worker) == f->store);
  aisle_worker_search_members_async (worker, "王", 10, NULL, search_done, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (results->len, ==, 1);
  /* Disposing the worker joins its thread; the store outlives it here. */
  g_clear_object (&worker);
  g_assert_cmpint (aisle_store_count_members (f->store, NULL), ==, 1);
}

/* --- demo data ----------------------------------------------------------------------------- */

static char *
checksum_query (const char *path,
                const char *sql)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const char *text = (const char *) sqlite3_column_text (stmt, i);
        g_checksum_update (sum, (const guchar *) (text != NULL ? text : "\x01"), -1);
        g_checksum_update (sum, (const guchar *) "|", 1);
      }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  result = g_strdup (g_checksum_get_string (sum));
  return result;
}

static const char * const determinism_queries[] = {
  "SELECT id, number, name, phone, tier, enrolled_at, last_activity_at, points FROM members ORDER BY rid",
  "SELECT * FROM orders ORDER BY id",
  "SELECT barcode, product_id FROM product_barcodes ORDER BY barcode",
  "SELECT id, store_id, name, role, active FROM staff ORDER BY id",   /* not pin_hash: salted */
  "SELECT * FROM bindings ORDER BY id",
  "SELECT * FROM coupons ORDER BY code",
};

static void
test_demo_deterministic (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path2 = g_build_filename (f->dir, "again.db", NULL);
  g_autofree char *path3 = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr(AisleStore) again = NULL;
  g_autoptr(AisleStore) other = NULL;
  AisleDemoStats s1, s2, s3;

  fill_demo (f->store, 500, 42, &s1);
  again = aisle_store_open (path2, AISLE_STORE_OPEN_BULK, NULL);
  fill_demo (again, 500, 42, &s2);
  other = aisle_store_open (path3, AISLE_STORE_OPEN_BULK, NULL);
  fill_demo (other, 500, 43, &s3);
  g_clear_object (&f->store);
  g_clear_object (&again);
  g_clear_object (&other);

  g_assert_cmpuint (s1.members, ==, 500);
  g_assert_cmpuint (s1.stores, ==, AISLE_DEMO_N_STORES);
  g_assert_cmpuint (s1.staff, ==, AISLE_DEMO_N_STAFF);
  g_assert_cmpuint (s1.stock, ==, 300 * (AISLE_DEMO_N_STORES + 1));
  g_assert_cmpuint (s1.orders, >, 500);
  g_assert_cmpuint (s1.orders, ==, s2.orders);
  g_assert_cmpuint (s1.order_items, ==, s2.order_items);
  g_assert_cmpuint (s1.points, ==, s2.points);
  g_assert_cmpuint (s1.coupons, ==, s2.coupons);
  g_assert_cmpuint (s1.bindings, ==, s2.bindings);

  for (guint i = 0; i < G_N_ELEMENTS (determinism_queries); i++)
    {
      g_autofree char *a = checksum_query (f->path, determinism_queries[i]);
      g_autofree char *b = checksum_query (path2, determinism_queries[i]);
      g_autofree char *c = checksum_query (path3, determinism_queries[i]);

      g_assert_cmpstr (a, ==, b);
      if (i != 4)   /* staff ids and roles do not depend on the seed */
        g_assert_cmpstr (a, !=, c);
    }
}

static void
test_demo_content (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  fill_demo (f->store, 300, 3, NULL);

  /* Every barcode is a valid Taiwanese (471) EAN-13. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT barcode FROM product_barcodes", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_true (aisle_ean13_is_valid (code));
      g_assert_true (g_str_has_prefix (code, "471"));
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, >=, 300);
  /* Mobile numbers are unique and well formed. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(DISTINCT phone), min(phone GLOB '09[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]') FROM members",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 300);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  sqlite3_finalize (stmt);
  /* All three channels and the attribution are present. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(DISTINCT channel), count(credited_store_id) = count(*) FROM orders",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpint (aisle_ean13_check_digit ("471008841234"), ==, '8');
  g_assert_true (aisle_ean13_is_valid ("4006381333931"));
  g_assert_false (aisle_ean13_is_valid ("4006381333932"));

  /* The documented demo PIN verifies against a stored hash. */
  staff = aisle_store_list_staff (f->store, "TPE01", FALSE, &error);
  g_assert_cmpuint (staff->len, ==, AISLE_DEMO_N_STAFF / AISLE_DEMO_N_STORES);
  g_assert_cmpint (crypto_pwhash_str_verify (((AisleStaff *) staff->pdata[0])->pin_hash,
                                             AISLE_DEMO_PIN, strlen (AISLE_DEMO_PIN)), ==, 0);
}

/* The bulk loader writes what the typed API would: cached balances equal the ledger, the
 * name index holds exactly each member's tokens, and every index of a fresh cache exists. */
static void
test_demo_consistent (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autoptr(AisleStore) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *fresh_indexes = NULL;
  sqlite3 *db = aisle_store_get_sqlite (f->store);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  fill_demo (f->store, 400, 11, NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*), sum (m.points = ifnull ((SELECT sum (delta) "
                                       "FROM points_ledger WHERE member_id = m.id), 0)), "
                                       "sum (m.points > 0) FROM members AS m",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 400);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 400);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), >, 100);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rid, name, last_activity_at FROM members",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) tokens = aisle_name_tokens ((const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *t = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT token FROM member_name_tokens "
                                           "WHERE member_rid = ?1 AND last_activity_at = ?2",
                                           -1, &t, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (t, 1, sqlite3_column_int64 (stmt, 0));
      sqlite3_bind_int64 (t, 2, sqlite3_column_int64 (stmt, 2));
      while (sqlite3_step (t) == SQLITE_ROW)
        g_ptr_array_add (stored, g_strdup ((const char *) sqlite3_column_text (t, 0)));
      sqlite3_finalize (t);
      g_assert_cmpuint (stored->len, ==, tokens->len);
      for (guint i = 0; i < tokens->len; i++)
        g_assert_true (g_ptr_array_find_with_equal_func (stored, tokens->pdata[i], g_str_equal,
                                                         NULL));
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 400);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM member_name_tokens WHERE "
                                       "member_rid NOT IN (SELECT rid FROM members)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  fresh = aisle_store_open (fresh_path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  indexes = checksum_query (f->path, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' "
                                     "ORDER BY name");
  fresh_indexes = checksum_query (fresh_path, "SELECT name, sql FROM sqlite_schema WHERE "
                                              "type = 'index' ORDER BY name");
  g_assert_cmpstr (indexes, ==, fresh_indexes);
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/aisle/core/worker/priority-cancel", test_worker_priority_cancel);
  ADD ("/aisle/core/worker/search", test_worker_search);
  ADD ("/aisle/core/store/demo/deterministic", test_demo_deterministic);
  ADD ("/aisle/core/store/demo/content", test_demo_content);
  ADD ("/aisle/core/store/demo/consistent", test_demo_consistent);

#undef ADD
  return g_test_run ();
}

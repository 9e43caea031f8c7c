/* test-sync-exactly-once.c: two devices, SIGKILL at random points, every mutation applied once.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two device processes (tests/test-sync-device.c) of the same store make N mutations each
 * (enrolments, bindings, coupon redemptions, invoice registrations) against the real hub, while
 * this test kills them with SIGKILL at random moments, mostly mid-push or mid-pull since they
 * sync after every burst, and restarts them. At the end the hub applied each mutation exactly
 * once and both caches hold exactly the hub's state.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <signal.h>

#include "aisle-test.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

/* Per device: 500 each, 1,000 in all (a few seconds normally, under a minute with ASan). */
#define N_PER_DEVICE 500
#define N_KILLS      30

static char *
query_text (const char *db,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (db, AISLE_STORE_OPEN_READONLY, &error);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (aisle_store_get_sqlite (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value != NULL ? value : g_strdup ("");
}

static GSubprocess *
spawn (const char *cache,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) g_getenv ("AISLE_SYNC_DEVICE"));
  g_ptr_array_add (args, (gpointer) cache);
  va_start (ap, cache);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  proc = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  return proc;
}

static void
wait_ok (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

static const char *dumps[] = {
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT id || ',' || "
  "coalesce(number, '') || ',' || name || ',' || coalesce(phone, '') || ',' || points AS x "
  "FROM members WHERE phone LIKE '09%' ORDER BY id)",
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT id || ',' || "
  "member_id || ',' || staff_id || ',' || until AS x FROM bindings ORDER BY id)",
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT code || ',' || "
  "redeemed_at || ',' || coalesce(redeemed_store_id, '') AS x FROM coupons WHERE code LIKE 'T%' "
  "ORDER BY code)",
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT number || ',' || "
  "coalesce(member_id, '') || ',' || points AS x FROM invoices ORDER BY number)",
};

static void
test_exactly_once (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cache1 = g_build_filename (f->dir, "dev1.db", NULL);
  g_autofree char *cache2 = g_build_filename (f->dir, "dev2.db", NULL);
  const char *cache[2] = { cache1, cache2 };
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->port);
  g_autofree char *n = g_strdup_printf ("%d", N_PER_DEVICE);
  g_autoptr(GError) error = NULL;
  guint kills = 0;

  /* The coupons the devices redeem. */
  {
    g_autoptr(AisleStore) hub = aisle_store_open (f->db, AISLE_STORE_OPEN_NONE, &error);

    g_assert_no_error (error);
    for (guint dev = 1; dev <= 2; dev++)
      for (gint64 i = 3; i <= N_PER_DEVICE; i += 4)
        {
          g_autoptr(AisleCoupon) c = aisle_coupon_new ();

          c->code = coupon_code (dev, i);
          c->title = g_strdup ("NT$50 off");
          c->value = 5000;
          g_assert_true (aisle_store_upsert_coupon (hub, c, &error));
        }
  }
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *code = admin (f, NULL, "pair-code", "TPE01", "tablet", NULL);
      g_autoptr(GSubprocess) proc = spawn (cache[k], "pair", url, g_strstrip (code), NULL);

      wait_ok (proc);
    }

  while (kills < N_KILLS)
    {
      g_autoptr(GSubprocess) p1 = spawn (cache[0], "work", "1", n, NULL);
      g_autoptr(GSubprocess) p2 = spawn (cache[1], "work", "2", n, NULL);
      guint which = (guint) g_random_int_range (0, 3);

      g_usleep ((gulong) g_random_int_range (10000, 200000));
      if (which != 1)
        g_subprocess_force_exit (p1);
      if (which != 0)
        g_subprocess_force_exit (p2);
      g_subprocess_wait (p1, NULL, NULL);
      g_subprocess_wait (p2, NULL, NULL);
      kills++;
      if (g_subprocess_get_if_exited (p1) && g_subprocess_get_if_exited (p2))
        break;   /* both finished before the kill */
    }
  g_test_message ("killed device processes %u times", kills);
  {
    g_autoptr(GSubprocess) p1 = spawn (cache[0], "work", "1", n, NULL);
    g_autoptr(GSubprocess) p2 = spawn (cache[1], "work", "2", n, NULL);

    wait_ok (p1);
    wait_ok (p2);
  }
  /* One more pull each, so both see the other's last mutations. */
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(GSubprocess) proc = spawn (cache[k], "work", k == 0 ? "1" : "2", n, NULL);

      wait_ok (proc);
    }

  /* The hub applied each mutation once: ids 1..N per device, every one "applied". */
  {
    g_autofree char *lmids = query_text (f->db, "SELECT group_concat(last_mutation_id) FROM "
                                                "(SELECT last_mutation_id FROM devices "
                                                "WHERE last_mutation_id > 0)");
    g_autofree char *expect = g_strdup_printf ("%d,%d", N_PER_DEVICE, N_PER_DEVICE);
    g_autofree char *results = query_text (f->db, "SELECT count(*) FROM mutation_results "
                                                  "WHERE status != 'applied'");
    g_autofree char *counts = query_text (f->db, "SELECT (SELECT count(*) FROM bindings) || '/' || "
                                                 "(SELECT count(*) FROM coupons WHERE code LIKE 'T%' "
                                                 "AND redeemed_at > 0) || '/' || "
                                                 "(SELECT count(*) FROM invoices)");
    g_autofree char *expect_counts = g_strdup_printf ("%d/%d/%d", N_PER_DEVICE / 2,
                                                      N_PER_DEVICE / 2, N_PER_DEVICE / 2);
    g_autofree char *members = query_text (f->db, "SELECT count(*) FROM members WHERE phone LIKE '09%'");
    g_autofree char *expect_members = g_strdup_printf ("%d", N_PER_DEVICE / 2);
    g_autofree char *points = query_text (f->db, "SELECT count(*) FROM points_ledger "
                                                 "WHERE reason LIKE 'invoice:%'");

    g_assert_cmpstr (lmids, ==, expect);
    g_assert_cmpstr (results, ==, "0");
    g_assert_cmpstr (counts, ==, expect_counts);
    g_assert_cmpstr (members, ==, expect_members);
    g_assert_cmpstr (points, ==, expect_members);
  }
  /* Both caches hold exactly the hub's state for these entities. */
  for (guint i = 0; i < G_N_ELEMENTS (dumps); i++)
    {
      g_autofree char *hub = query_text (f->db, dumps[i]);

      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *dev = query_text (cache[k], dumps[i]);

          g_assert_cmpstr (dev, ==, hub);
        }
    }
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *outbox = query_text (cache[k], "SELECT count(*) FROM outbox");

      g_assert_cmpstr (outbox, ==, "0");
    }
}

/* A number from a device's cache while another process writes it; -1 if it cannot be read yet
 * (the file is being created). */
static gint64
peek_int (const char *db,
          const char *sql)
{
  g_autoptr(AisleStore) store = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (!g_file_test (db, G_FILE_TEST_EXISTS) ||
      (store = aisle_store_open (db, AISLE_STORE_OPEN_READONLY, NULL)) == NULL)
    return -1;
  if (sqlite3_prepare_v2 (aisle_store_get_sqlite (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

#define CURSOR_SQL "SELECT coalesce((SELECT CAST(value AS INTEGER) FROM sync_state " \
                   "WHERE key = 'cursor'), 0)"
#define PAIRED_SQL "SELECT count(*) FROM sync_state WHERE key = 'token'"

/* Every table a pull writes, as text: equal text, equal rows (no loss, no duplicate). */
static const char *scope_dumps[] = {
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT id || ',' || "
  "coalesce(number, '') || ',' || name || ',' || points || ',' || tier AS x FROM members ORDER BY id)",
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT seq || ',' || "
  "member_id || ',' || marketing AS x FROM member_consents ORDER BY seq)",
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT id || ',' || "
  "until AS x FROM bindings ORDER BY id)",
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT id || ',' || status "
  "|| ',' || json_array_length(items) AS x FROM orders o ORDER BY id)",
  "SELECT count(*) || ':' || sum(delta) FROM points_ledger",
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT code || ',' || "
  "coalesce(redeemed_at, '') AS x FROM coupons ORDER BY code)",
  "SELECT count(*) FROM invoices",
  "SELECT count(*) || ':' || sum(on_hand) || ':' || sum(reserved) FROM stock",
  "SELECT count(*) || ':' || sum(price) FROM products",
  "SELECT count(*) FROM product_barcodes",
  "SELECT count(*) FROM notes",
  "SELECT count(*) FROM member_tags",
  "SELECT count(*) FROM reservations",
  "SELECT count(*) FROM staff",
  "SELECT count(*) FROM stores",
  /* The name search index, kept with the member rows in the same transactions. */
  "SELECT count(*) || ':' || coalesce(group_concat(x, '|'), '') FROM (SELECT m.id || ',' || "
  "t.token || ',' || t.last_activity_at AS x FROM member_name_tokens t JOIN members m "
  "ON m.rid = t.member_rid ORDER BY 1)",
  CURSOR_SQL,
};

static gboolean
wait_cursor_moves (GSubprocess *proc,
                   const char  *cache,
                   gint64       from)
{
  for (guint i = 0; i < 6000; i++)
    {
      gint64 now = peek_int (cache, CURSOR_SQL);

      if (now > from)
        return TRUE;
      if (g_subprocess_get_identifier (proc) == NULL)
        return FALSE;   /* it has exited */
      g_usleep (10000);
    }
  return FALSE;
}

/* An initial sync killed with SIGKILL again and again, mid-fetch, mid-write or between
 * grouped pages, resumes from the cursor committed with its rows and ends with exactly the
 * rows of a device that was never interrupted. */
static void
test_initial_sync_killed (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *crashed = g_build_filename (f->dir, "crashed.db", NULL);
  g_autofree char *clean = g_build_filename (f->dir, "clean.db", NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->port);
  guint mid_sync = 0;

  /* The clean device. */
  {
    g_autofree char *code = admin (f, NULL, "pair-code", "TPE01", "tablet", NULL);
    g_autoptr(GSubprocess) proc = spawn (clean, "pair", url, g_strstrip (code), NULL);

    wait_ok (proc);
  }

  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      gint64 before = peek_int (crashed, CURSOR_SQL);

      if (peek_int (crashed, PAIRED_SQL) != 1)
        {
          g_autofree char *code = admin (f, NULL, "pair-code", "TPE01", "tablet", NULL);

          proc = spawn (crashed, "pair", url, g_strstrip (code), NULL);
        }
      else
        proc = spawn (crashed, "sync", NULL);
      /* Odd rounds: as soon as a group of pages is committed; even ones: at a random moment. */
      if (round % 2 == 1)
        wait_cursor_moves (proc, crashed, MAX (before, 0));
      else
        g_usleep ((gulong) g_random_int_range (20000, 400000));
      g_subprocess_force_exit (proc);
      g_subprocess_wait (proc, NULL, NULL);
      {
        gint64 after = peek_int (crashed, CURSOR_SQL);
        gint64 end = peek_int (clean, CURSOR_SQL);

        g_test_message ("round %u: cursor %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT " of %"
                        G_GINT64_FORMAT, round, before, after, end);
        if (after > 0 && after < end)
          mid_sync++;
        if (after >= end)
          break;
      }
    }
  {
    g_autoptr(GSubprocess) proc = spawn (crashed, "sync", NULL);
    g_autoptr(GSubprocess) again = NULL;

    wait_ok (proc);
    /* The hub's upkeep may have changed members meanwhile (tiers): the clean device catches
     * up too, so that both show the hub as it is now. */
    again = spawn (clean, "sync", NULL);
    wait_ok (again);
  }
  /* The test is only worth something if some kill landed inside the initial sync. */
  g_assert_cmpuint (mid_sync, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (scope_dumps); i++)
    {
      g_autofree char *want = query_text (clean, scope_dumps[i]);
      g_autofree char *got = query_text (crashed, scope_dumps[i]);

      if (g_strcmp0 (got, want) != 0)
        {
          g_auto(GStrv) a = g_strsplit (got, "|", -1);
          g_auto(GStrv) b = g_strsplit (want, "|", -1);
          guint k = 0;

          while (a[k] != NULL && b[k] != NULL && g_str_equal (a[k], b[k]))
            k++;
          g_error ("%s: after a crash \"%.200s\", never interrupted \"%.200s\"", scope_dumps[i],
                   a[k] != NULL ? a[k] : "(end)", b[k] != NULL ? b[k] : "(end)");
        }
    }
  g_assert_cmpint (peek_int (crashed, "SELECT count(*) FROM members"), >, 1000);
}

/* A hub with the demo data (seed-demo wants an empty hub, so not the common setup). */
static void
setup_demo (Fixture       *f,
            gconstpointer  data)
{
  f->dir = aisle_test_mkdtemp ();
  f->db = g_build_filename (f->dir, "hub.db", NULL);
  g_free (admin (f, NULL, "seed-demo", "6000", "500", NULL));
  f->session = soup_session_new ();
  start_hub (f);
}

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_add ("/aisle/sync/exactly-once", Fixture, NULL, setup, test_exactly_once, teardown);
  g_test_add ("/aisle/sync/initial-sync-killed", Fixture, NULL, setup_demo,
              test_initial_sync_killed, teardown);
  return g_test_run ();
}

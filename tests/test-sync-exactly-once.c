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

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_add ("/aisle/sync/exactly-once", Fixture, NULL, setup, test_exactly_once, teardown);
  return g_test_run ();
}

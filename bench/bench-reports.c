/* bench-reports.c: how long the hub takes to add up a store report (issue 8).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-reports --db HUB.db [--store TPE01] [--months 12] [--runs 30] [--to UNIX]
 *
 * Opens a hub file (seeded with `aisle-hub admin seed-demo 1000000`) the way `aisle-hub serve`
 * does and times aisle_hub_sqlite_store_report() for one store over the last N whole months
 * in Asia/Taipei, plus a few drill-downs: the work the DB worker does per request, without
 * HTTP and the PIN check (bench/bench-reports.sh measures those end to end). The first run is
 * reported apart (cold page cache); median and p99 are over the rest.
 */

#define G_LOG_DOMAIN "bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aisle-hub-reports-private.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint i = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (i, sorted->len - 1));
}

/* CPU time of this thread, ms: what the hub's DB worker spends, whatever else the (shared,
 * 2-core) machine is doing; wall time is reported beside it. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
time_query (AisleHubSqlite            *hub,
            const AisleHubReportQuery *query,
            guint                      runs,
            const char                *what)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  double first = 0;
  gsize size = 0;

  for (guint i = 0; i < runs + 1; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autofree char *json = aisle_hub_sqlite_store_report (hub, query, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      double cpu_used = cpu_ms () - cpu_start;

      if (json == NULL)
        g_error ("%s: %s", what, error->message);
      size = strlen (json);
      if (i == 0)
        first = ms;
      else
        {
          g_array_append_val (times, ms);
          g_array_append_val (cpu, cpu_used);
        }
    }
  g_array_sort (times, compare_doubles);
  g_array_sort (cpu, compare_doubles);
  printf ("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %u | %zu |\n", what, first, percentile (times, 0.5),
          percentile (times, 0.99), percentile (cpu, 0.5), percentile (cpu, 0.99), runs, size);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *store = g_strdup ("TPE01");
  int months = 12, runs = 30;
  gint64 to_arg = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The hub file", "FILE" },
    { "store", 0, 0, G_OPTION_ARG_STRING, &store, "The store (TPE01)", "ID" },
    { "months", 0, 0, G_OPTION_ARG_INT, &months, "Whole months before --to (12)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Timed runs after the first (30)", "N" },
    { "to", 0, 0, G_OPTION_ARG_INT64, &to_arg, "End of the period (default: the demo's today)", "UNIX" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Taipei");
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *figure = NULL;
  AisleHubSqlite *hub;
  AisleHubReportQuery query = { 0, };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db == NULL)
    {
      g_printerr ("bench-reports --db HUB.db [--store ID] [--months N] [--runs N]\n");
      return 2;
    }
  hub = aisle_hub_sqlite_open (db, &error);
  if (hub == NULL)
    g_error ("%s: %s", db, error->message);
  if (g_getenv ("BENCH_MMAP") != NULL)
    sqlite3_exec (hub->db, "PRAGMA mmap_size = 4294967296", NULL, NULL, NULL);
  /* the demo's "today" is 1 November 2026: the period is the whole months before it */
  if (to_arg != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (to_arg);

      end = g_date_time_to_timezone (utc, tz);
    }
  else
    end = g_date_time_new (tz, 2026, 11, 1, 0, 0, 0);
  start = g_date_time_add_months (end, -months);

  query.store_id = store;
  query.from = g_date_time_to_unix (start);
  query.to = g_date_time_to_unix (end);
  query.bucket = AISLE_HUB_REPORT_BUCKET_AUTO;
  query.limit = 1000;
  query.now = query.to;
  printf ("store %s, %d months from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT "\n\n", store, months,
          query.from, query.to);
  printf ("| query | first run ms | median ms | p99 ms | CPU median ms | CPU p99 ms | runs | JSON bytes |\n");
  printf ("|---|---|---|---|---|---|---|---|\n");
  time_query (hub, &query, (guint) runs, "report (monthly)");
  query.bucket = AISLE_HUB_REPORT_BUCKET_DAY;
  time_query (hub, &query, (guint) runs, "report (daily buckets)");
  query.bucket = AISLE_HUB_REPORT_BUCKET_AUTO;
  query.figure = "sales/store";
  time_query (hub, &query, (guint) MAX (runs / 3, 1), "drill-down sales/store (first 1000)");
  query.figure = "segment/active";
  time_query (hub, &query, (guint) MAX (runs / 3, 1), "drill-down segment/active (first 1000)");
  aisle_hub_db_close ((AisleHubDb *) hub);
  return 0;
}

/* bench-sync.c: initial sync, a delta of 1,000 changes, and a push of 1,000 mutations.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sync HUB_URL CODE_A CODE_B DIR [initial-only]
 *
 * Device A (a tablet) pairs and runs its initial sync of the store's scope from the hub: rows
 * received, seconds, rows/s. Device B (paired and synced first) queues 1,000 enrolments and
 * pushes them in one sync cycle (which also pulls their confirmation): seconds. Device A then
 * syncs again and pulls that delta. With "initial-only", it stops after device A's initial sync
 * (device B's own initial sync takes as long again at 1,000,000 members). Run by
 * bench/bench-sync.sh against the demo hub; figures go to docs/benchmarks.md.
 */

#define G_LOG_DOMAIN "bench"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "aisle-sync.h"

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static AisleSyncClient *
open_device (const char  *path,
             SoupSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
  g_autoptr(AisleWorker) worker = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  AisleSyncClient *client;

  if (store == NULL)
    g_error ("%s: %s", path, error->message);
  worker = aisle_worker_new (store);
  client = aisle_sync_client_new (worker, session);
  aisle_sync_client_set_timeout (client, 120);
  aisle_sync_client_load_async (client, NULL, done_cb, &result);
  if (!aisle_sync_client_load_finish (client, wait_for (&result), &error))
    g_error ("%s", error->message);
  return client;
}

static void
pair (AisleSyncClient *client,
      const char      *url,
      const char      *code)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  aisle_sync_client_pair_async (client, url, code, "bench", NULL, done_cb, &result);
  if (!aisle_sync_client_pair_finish (client, wait_for (&result), &error))
    g_error ("pairing: %s", error->message);
}

/* What the UI waits for during a sync: a member search sent to the device's worker every
 * 100 ms (one at a time, as the search page does), from submission to its answer. */
typedef struct
{
  AisleWorker *worker;
  gboolean     outstanding;
  gint64       sent;
  gint64       worst;
  guint        count;
} Probe;

static void
probe_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Probe *probe = user_data;
  g_autoptr(GPtrArray) found = aisle_worker_search_members_finish (AISLE_WORKER (source), result, NULL);

  probe->worst = MAX (probe->worst, g_get_monotonic_time () - probe->sent);
  probe->count++;
  probe->outstanding = FALSE;
}

static gboolean
probe_tick_cb (gpointer user_data)
{
  Probe *probe = user_data;

  if (!probe->outstanding)
    {
      probe->outstanding = TRUE;
      probe->sent = g_get_monotonic_time ();
      aisle_worker_search_members_async (probe->worker, "陳", 20, NULL, probe_done_cb, probe);
    }
  return G_SOURCE_CONTINUE;
}

static double
timed_sync (AisleSyncClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  aisle_sync_client_sync_async (client, NULL, done_cb, &result);
  if (!aisle_sync_client_sync_finish (client, wait_for (&result), &error))
    g_error ("sync: %s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(AisleSyncClient) a = NULL;
  g_autoptr(AisleSyncClient) b = NULL;
  g_autofree char *path_a = NULL;
  g_autofree char *path_b = NULL;
  Probe probe = { 0 };
  guint64 rows, before;
  double seconds;
  guint tick;
  gint64 start;

  setlocale (LC_ALL, "");
  /* Each figure as soon as it is known (the output usually goes to a file). */
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc != 5 && !(argc == 6 && strcmp (argv[5], "initial-only") == 0))
    {
      g_printerr ("usage: %s HUB_URL CODE_A CODE_B DIR [initial-only]\n", argv[0]);
      return 2;
    }
  session = soup_session_new ();
  path_a = g_build_filename (argv[4], "bench-a.db", NULL);
  path_b = g_build_filename (argv[4], "bench-b.db", NULL);
  a = open_device (path_a, session);
  b = open_device (path_b, session);

  pair (a, argv[1], argv[2]);
  probe.worker = aisle_sync_client_get_worker (a);
  tick = g_timeout_add (100, probe_tick_cb, &probe);
  seconds = timed_sync (a);
  g_source_remove (tick);
  while (probe.outstanding)
    g_main_context_iteration (NULL, TRUE);
  rows = aisle_sync_client_get_rows_received (a);
  printf ("initial sync: %" G_GUINT64_FORMAT " rows in %.2f s = %.0f rows/s\n", rows, seconds,
          rows / seconds);
  printf ("a member search during it waited at most %.2f s (%u searches)\n", probe.worst / 1e6,
          probe.count);
  if (argc == 6)
    return 0;

  pair (b, argv[1], argv[3]);
  timed_sync (b);
  before = aisle_sync_client_get_rows_received (b);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *args = g_strdup_printf ("{\"member_id\":\"00000000-0000-4000-8b00-%012u\","
                                               "\"name\":\"測試 %u\",\"phone\":\"0987%06u\","
                                               "\"consent\":{\"policy_version\":\"2026-01\","
                                               "\"text_hash\":\"ab\",\"privacy\":true,"
                                               "\"marketing\":false}}", i, i, i);

      aisle_sync_client_mutate_async (b, "member.enrol", args, NULL, NULL, done_cb, &result);
      if (aisle_sync_client_mutate_finish (b, wait_for (&result), &error) == 0)
        g_error ("mutate: %s", error->message);
    }
  printf ("queue 1000 mutations (each fsynced): %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  /* One cycle: the push, then the pull that confirms it (B's own 1,000 members come back). */
  seconds = timed_sync (b);
  printf ("push 1000 queued mutations and pull their confirmation: %.2f s (%" G_GUINT64_FORMAT
          " rows pulled)\n", seconds, aisle_sync_client_get_rows_received (b) - before);

  before = aisle_sync_client_get_rows_received (a);
  seconds = timed_sync (a);
  printf ("delta of 1000 enrolments: %" G_GUINT64_FORMAT " rows in %.2f s\n",
          aisle_sync_client_get_rows_received (a) - before, seconds);
  return 0;
}

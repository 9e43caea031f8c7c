/* test-sync-device.c: a device process for the sync tests, which kill it with SIGKILL.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   test-sync-device CACHE pair HUB_URL CODE
 *   test-sync-device CACHE sync
 *   test-sync-device CACHE work DEV N
 *
 * "work" makes device DEV's mutations 1..N (tests/test-sync-common.c) in random bursts, syncing
 * after each burst. Where it starts is the outbox's highest id ever, which is committed with
 * the mutation itself: a process killed at any point resumes exactly after the last mutation it
 * made durable, never repeating or skipping one. It exits 0 once all N are confirmed by a pull.
 * "sync" runs one sync cycle (an interrupted initial sync resumes from the stored cursor).
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "test-sync-common.h"

static gint64
made (Device *d)
{
  return device_query_int (d, "SELECT coalesce((SELECT seq FROM sqlite_sequence "
                              "WHERE name = 'outbox'), 0)");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GError) error = NULL;
  Device *d;
  guint dev;
  gint64 n;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  if (argc < 3)
    {
      g_printerr ("usage: %s CACHE pair URL CODE | CACHE sync | CACHE work DEV N\n", argv[0]);
      return 2;
    }
  session = soup_session_new ();
  d = device_open (argv[1], session);
  if ((g_str_equal (argv[2], "pair") && argc == 5) || (g_str_equal (argv[2], "sync") && argc == 3))
    {
      gboolean pair = g_str_equal (argv[2], "pair");
      gboolean ok;

      /* An initial sync's first pages are large (and slow under ASan on a loaded machine). */
      aisle_sync_client_set_timeout (d->client, 120);
      ok = (!pair || device_pair (d, argv[3], argv[4], &error)) && device_sync (d, &error);
      if (!ok)
        g_printerr ("%s: %s\n", argv[2], error->message);
      device_close (d);
      return ok ? 0 : 1;
    }
  if (!g_str_equal (argv[2], "work") || argc != 5)
    return 2;
  dev = (guint) atoi (argv[3]);
  n = g_ascii_strtoll (argv[4], NULL, 10);
  for (gint64 i = made (d); i < n;)
    {
      guint burst = (guint) g_random_int_range (1, 26);

      for (guint k = 0; k < burst && i < n; k++)
        {
          const char *name;
          g_autofree char *args = make_mutation (dev, ++i, &name);

          if (device_mutate (d, name, args, "S0001", &error) != i)
            g_error ("mutation %" G_GINT64_FORMAT ": %s", i, error ? error->message : "wrong id");
        }
      if (!device_sync (d, &error))
        {
          g_printerr ("sync: %s\n", error->message);
          g_clear_error (&error);
        }
    }
  for (guint tries = 0; tries < 100; tries++)
    {
      if (device_sync (d, &error) && aisle_sync_client_get_pending (d->client) == 0)
        {
          device_close (d);
          return 0;
        }
      if (error != NULL)
        g_printerr ("sync: %s\n", error->message);
      g_clear_error (&error);
      g_usleep (100000);
    }
  return 1;
}

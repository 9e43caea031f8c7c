/* aisle-sync-cli.c: `aisle-sync`, pair a device cache with a hub and sync it from a shell.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   aisle-sync --cache FILE pair HUB_URL CODE [NAME]   pair, then the initial sync
 *   aisle-sync --cache FILE sync                        one push + pull cycle
 *   aisle-sync --cache FILE status                      pairing and queue; exit 1 if unpaired
 *
 * For IT and for `./run demo`, which pairs its tablet and kiosk caches before opening them;
 * the app does the same through its pairing page.
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include <locale.h>
#include <stdio.h>

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

static gboolean
run_sync (AisleSyncClient  *client,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  aisle_sync_client_sync_async (client, NULL, done_cb, &result);
  ok = aisle_sync_client_sync_finish (client, wait_for (&result), error);
  if (ok)
    printf ("synced: %" G_GUINT64_FORMAT " rows in %.1f s, %u pending, %u need attention\n",
            aisle_sync_client_get_rows_received (client),
            (g_get_monotonic_time () - start) / 1e6, aisle_sync_client_get_pending (client),
            aisle_sync_client_get_attention (client));
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("pair HUB_URL CODE [NAME] | sync | status");
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  g_autoptr(AisleWorker) worker = NULL;
  g_autoptr(AisleSyncClient) client = NULL;
  g_autoptr(GAsyncResult) loaded = NULL;
  g_autofree char *cache = NULL;
  GOptionEntry entries[] = {
    { "cache", 'c', 0, G_OPTION_ARG_FILENAME, &cache, "The device cache file", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || cache == NULL || argc < 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: aisle-sync --cache FILE pair|sync|status");
      return 2;
    }
  store = aisle_store_open (cache, AISLE_STORE_OPEN_NONE, &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", cache, error->message);
      return 1;
    }
  worker = aisle_worker_new (store);
  client = aisle_sync_client_new (worker, NULL);
  aisle_sync_client_load_async (client, NULL, done_cb, &loaded);
  if (!aisle_sync_client_load_finish (client, wait_for (&loaded), &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_str_equal (argv[1], "pair") && (argc == 4 || argc == 5))
    {
      g_autoptr(GAsyncResult) result = NULL;

      aisle_sync_client_pair_async (client, argv[2], argv[3], argc == 5 ? argv[4] : NULL, NULL,
                                    done_cb, &result);
      if (!aisle_sync_client_pair_finish (client, wait_for (&result), &error))
        {
          g_printerr ("pairing failed: %s\n", error->message);
          return 1;
        }
      printf ("paired as device %s of store %s (%s)\n", aisle_sync_client_get_device_id (client),
              aisle_sync_client_get_store_id (client), aisle_sync_client_get_mode (client));
      if (!run_sync (client, &error))
        {
          g_printerr ("initial sync failed: %s\n", error->message);
          return 1;
        }
      return 0;
    }
  if (g_str_equal (argv[1], "sync") && argc == 2)
    {
      if (!run_sync (client, &error))
        {
          g_printerr ("sync failed: %s\n", error->message);
          return 1;
        }
      return 0;
    }
  if (g_str_equal (argv[1], "status") && argc == 2)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!aisle_sync_client_get_paired (client))
        {
          printf ("not paired\n");
          return 1;
        }
      printf ("paired with %s as device %s of store %s (%s); %u pending\n",
              aisle_sync_client_get_hub_url (client), aisle_sync_client_get_device_id (client),
              aisle_sync_client_get_store_id (client), aisle_sync_client_get_mode (client),
              aisle_sync_client_get_pending (client));
      return aisle_sync_client_get_state (client) == AISLE_SYNC_STATE_REVOKED ? 3 : 0;
    }
  g_printerr ("usage: aisle-sync --cache FILE pair HUB_URL CODE [NAME] | sync | status\n");
  return 2;
}

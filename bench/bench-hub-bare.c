/* bench-hub-bare.c: a bare SoupServer answering a fixed small JSON, the hub bench's yardstick.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench/bench-hub.sh measures the hub and this server with the same load in the same run and
 * reports the hub as a ratio of it: what libsoup itself costs on this machine is not ours.
 *   bench-hub-bare [PORT]    prints "listening on port N"
 */

#define G_LOG_DOMAIN "bench-hub"

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>

static const char body[] = "{\"cursor\":1,\"more\":false,\"last_mutation_id\":0,\"changes\":[],"
                           "\"results\":[]}";

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    sizeof body - 1);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupServer) server = soup_server_new ("server-header", "bench-hub-bare", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, argc > 1 ? atoi (argv[1]) : 0);
  GSList *uris;

  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  if (!soup_server_listen (server, address, 0, &error))
    {
      fprintf (stderr, "bench-hub-bare: %s\n", error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  printf ("listening on port %d\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (loop);
  return 0;
}

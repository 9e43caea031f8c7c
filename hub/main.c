/* main.c: `aisle-hub serve ...` and `aisle-hub admin ...`.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "aisle-hub-server.h"

int aisle_hub_admin_main (int argc, char **argv);

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  AisleHubServer *server;
  GMainLoop      *loop;
} Shutdown;

/* SIGTERM/SIGINT: stop taking requests, let those in flight finish, then exit. */
static gboolean
on_signal (gpointer data)
{
  Shutdown *shutdown = data;

  g_message ("shutting down: finishing requests in flight");
  aisle_hub_server_shutdown (shutdown->server, quit_loop, shutdown->loop);
  return G_SOURCE_REMOVE;
}

static int
serve_main (int    argc,
            char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  gboolean insecure = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The hub database (created if missing)", "PATH" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Address and port (default 127.0.0.1:8420)", "ADDR:PORT" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_path, "TLS certificate (PEM)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, "TLS private key (PEM)", "FILE" },
    { "allow-insecure-remote", 0, 0, G_OPTION_ARG_NONE, &insecure,
      "Serve plain HTTP on a non-loopback address (behind a TLS proxy only)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— serve the Aisle hub");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  AisleHubServer *server;
  AisleHubDb *db;
  Shutdown shutdown;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL)
    {
      fprintf (stderr, "aisle-hub serve: %s\n", error != NULL ? error->message : "--db is required");
      return 2;
    }
  if ((cert_path == NULL) != (key_path == NULL))
    {
      fprintf (stderr, "aisle-hub serve: give both --tls-cert and --tls-key\n");
      return 2;
    }
  if (cert_path != NULL)
    {
      certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
      if (certificate == NULL)
        {
          fprintf (stderr, "aisle-hub serve: %s\n", error->message);
          return 1;
        }
    }

  db = aisle_hub_db_sqlite_open (db_path, &error);
  if (db == NULL)
    {
      fprintf (stderr, "aisle-hub serve: %s\n", error->message);
      return 1;
    }
  server = aisle_hub_server_new (db);
  if (!aisle_hub_server_listen (server, listen != NULL ? listen : "127.0.0.1:8420", certificate,
                                insecure, &error))
    {
      fprintf (stderr, "aisle-hub serve: %s\n", error->message);
      aisle_hub_server_free (server);
      return 1;
    }
  loop = g_main_loop_new (NULL, FALSE);
  shutdown.server = server;
  shutdown.loop = loop;
  g_unix_signal_add (SIGTERM, on_signal, &shutdown);
  g_unix_signal_add (SIGINT, on_signal, &shutdown);
  /* Tests and scripts read this line to learn the port when they asked for port 0; a SIGTERM
   * from then on must already shut down gracefully. */
  printf ("listening on port %u\n", aisle_hub_server_get_port (server));
  fflush (stdout);
  g_main_loop_run (loop);
  aisle_hub_server_free (server);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  signal (SIGPIPE, SIG_IGN);
  if (argc >= 2 && strcmp (argv[1], "serve") == 0)
    return serve_main (argc - 1, argv + 1);
  if (argc >= 2 && strcmp (argv[1], "admin") == 0)
    return aisle_hub_admin_main (argc - 1, argv + 1);
  fprintf (stderr, "Usage: aisle-hub serve --db PATH [--listen ADDR:PORT] [--tls-cert F --tls-key F]\n"
                   "       aisle-hub admin --db PATH COMMAND ...   (aisle-hub admin --help)\n");
  return 2;
}

/* aisle-hub-admin.c: `aisle-hub admin --db PATH <command>`, the retailer IT's tool.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "aisle-demo.h"
#include "aisle-hub-sqlite-private.h"

int aisle_hub_admin_main (int argc, char **argv);
/* aisle-hub-upkeep.c */
gboolean aisle_hub_compact_all (AisleHubSqlite *self, guint64 *out_removed, guint64 *out_left,
                                GArray *step_us, GError **error);

static const char usage[] =
  "Usage: aisle-hub admin --db PATH COMMAND [ARGS]\n"
  "\n"
  "Commands:\n"
  "  store add ID NAME LATITUDE LONGITUDE     add or update a store\n"
  "  staff add ID STORE NAME associate|manager  add staff; the PIN is read from stdin\n"
  "  pair-code STORE kiosk|tablet             print a one-time pairing code and its QR\n"
  "  devices list                             list paired devices\n"
  "  devices revoke DEVICE_ID                 revoke a device's token\n"
  "  channel add ID                           add an online channel; the HMAC secret is read\n"
  "                                           from stdin\n"
  "  referral add CODE STAFF_ID               a referral code credited to an associate\n"
  "  setting set KEY VALUE                    change a hub setting (see docs/operations.md)\n"
  "  import products FILE.csv                 import products (id,name,price,...)\n"
  "  import stock FILE.csv                    import stock (product_id,location_id,on_hand)\n"
  "  import orders FILE.jsonl                 import online orders, one JSON object a line\n"
  "  seed-demo [MEMBERS [PRODUCTS]]           load core's demo dataset into an empty hub\n"
  "                                           (default 100000 members, 20000 products)\n"
  "  tiers                                    re-tier every member now by the tier settings\n"
  "                                           (the serving hub re-checks them hourly)\n"
  "  compact                                  delete the change log's superseded rows now\n"
  "                                           (the serving hub does it hourly, in steps)\n"
  "  backup DEST                              online backup to DEST (SQLite backup API)\n";

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
print_qr (const char *text)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

  if (qr == NULL)
    return;
  /* Two rows per line with half blocks, with a quiet zone, so it scans from a terminal. */
  for (int y = -2; y < qr->width + 2; y += 2)
    {
      for (int x = -2; x < qr->width + 2; x++)
        {
          gboolean top = y >= 0 && y < qr->width && x >= 0 && x < qr->width &&
                         (qr->data[y * qr->width + x] & 1);
          gboolean bottom = y + 1 >= 0 && y + 1 < qr->width && x >= 0 && x < qr->width &&
                            (qr->data[(y + 1) * qr->width + x] & 1);

          /* dark modules print as spaces on a light background: invert for dark terminals */
          fputs (top && bottom ? " " : top ? "\u2584" : bottom ? "\u2580" : "\u2588", stdout);
        }
      fputc ('\n', stdout);
    }
  QRcode_free (qr);
}

static char *
read_secret_line (const char *prompt)
{
  char buffer[512];
  char *nl;

  if (isatty (STDIN_FILENO))
    fprintf (stderr, "%s", prompt);
  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  nl = strchr (buffer, '\n');
  if (nl != NULL)
    *nl = '\0';
  return g_strdup (buffer);
}

static void
demo_progress (const char *phase,
               guint64     done,
               guint64     total,
               gpointer    user_data)
{
  if (isatty (STDERR_FILENO))
    fprintf (stderr, "\r%-12s %3u%%", phase, total > 0 ? (guint) (done * 100 / total) : 100);
}

static gboolean
run (AisleHubSqlite  *hub,
     const char      *path,
     int              argc,
     char           **argv,
     GError         **error)
{
  const char *cmd = argc > 0 ? argv[0] : "";
  const char *sub = argc > 1 ? argv[1] : "";

  if (strcmp (cmd, "store") == 0 && strcmp (sub, "add") == 0 && argc == 6)
    {
      g_autoptr(AisleBranch) b = aisle_branch_new ();

      b->id = g_strdup (argv[2]);
      b->name = g_strdup (argv[3]);
      b->latitude = g_ascii_strtod (argv[4], NULL);
      b->longitude = g_ascii_strtod (argv[5], NULL);
      return aisle_store_upsert_branch (hub->store, b, error);
    }
  if (strcmp (cmd, "staff") == 0 && strcmp (sub, "add") == 0 && argc == 6)
    {
      g_autoptr(AisleStaff) s = aisle_staff_new ();
      g_autofree char *pin = read_secret_line ("PIN: ");
      char hash[crypto_pwhash_STRBYTES];
      g_autoptr(AisleBranch) branch = aisle_store_get_branch (hub->store, argv[3], error);

      if (branch == NULL)
        return FALSE;
      if (pin == NULL || strlen (pin) < 4 || !aisle_staff_role_from_string (argv[5], &s->role))
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                       "give a role (associate or manager) and a PIN of 4+ digits on stdin");
          return FALSE;
        }
      if (crypto_pwhash_str (hash, pin, strlen (pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED, "out of memory hashing the PIN");
          return FALSE;
        }
      sodium_memzero (pin, strlen (pin));
      s->id = g_strdup (argv[2]);
      s->branch_id = g_strdup (argv[3]);
      s->name = g_strdup (argv[4]);
      s->pin_hash = g_strdup (hash);
      s->active = TRUE;
      return aisle_store_upsert_staff (hub->store, s, error);
    }
  if (strcmp (cmd, "pair-code") == 0 && argc == 3)
    {
      g_autofree char *code = aisle_hub_sqlite_create_pairing_code (hub, argv[1], argv[2],
                                                                    g_get_real_time () / G_USEC_PER_SEC,
                                                                    error);
      if (code == NULL)
        return FALSE;
      printf ("%s\n", code);
      if (isatty (STDOUT_FILENO))
        print_qr (code);
      return TRUE;
    }
  if (strcmp (cmd, "devices") == 0 && strcmp (sub, "list") == 0)
    {
      g_autoptr(GPtrArray) devices = aisle_hub_sqlite_list_devices (hub, error);

      if (devices == NULL)
        return FALSE;
      printf ("%-36s  %-8s  %-6s  %-7s  %10s  %s\n", "DEVICE", "STORE", "MODE", "STATE",
              "LAST_MUT", "LAST_SEEN");
      for (guint i = 0; i < devices->len; i++)
        {
          const AisleHubDevice *d = g_ptr_array_index (devices, i);
          g_autoptr(GDateTime) seen = g_date_time_new_from_unix_utc (d->last_seen);
          g_autofree char *seen_text = g_date_time_format_iso8601 (seen);

          printf ("%-36s  %-8s  %-6s  %-7s  %10" G_GINT64_FORMAT "  %s\n", d->id, d->store_id,
                  d->mode, d->revoked ? "revoked" : "active", d->last_mutation_id, seen_text);
        }
      return TRUE;
    }
  if (strcmp (cmd, "devices") == 0 && strcmp (sub, "revoke") == 0 && argc == 3)
    return aisle_hub_sqlite_revoke_device (hub, argv[2], error);
  if (strcmp (cmd, "channel") == 0 && strcmp (sub, "add") == 0 && argc == 3)
    {
      g_autofree char *secret = read_secret_line ("HMAC secret: ");
      g_auto(AisleStmt) stmt = NULL;

      if (secret == NULL || strlen (secret) < 16)
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                       "give a secret of 16+ characters on stdin");
          return FALSE;
        }
      stmt = aisle_store_prepare_cached (hub->store, "INSERT OR REPLACE INTO channels (id, secret) "
                                   "VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      aisle_sqlite_bind_text (stmt, 1, argv[2]);
      aisle_sqlite_bind_text (stmt, 2, secret);
      return aisle_hub_step (hub, stmt, error);
    }
  if (strcmp (cmd, "referral") == 0 && strcmp (sub, "add") == 0 && argc == 4)
    {
      g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                     "INSERT OR REPLACE INTO referral_codes (code, "
                                                     "staff_id) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      aisle_sqlite_bind_text (stmt, 1, argv[2]);
      aisle_sqlite_bind_text (stmt, 2, argv[3]);
      return aisle_hub_step (hub, stmt, error);
    }
  if (strcmp (cmd, "setting") == 0 && strcmp (sub, "set") == 0 && argc == 4)
    return aisle_hub_sqlite_set_setting (hub, argv[2], argv[3], error);
  if (strcmp (cmd, "import") == 0 && argc == 3)
    {
      guint imported = 0, unchanged = 0;

      if (!aisle_hub_import_file (hub, argv[1], argv[2], &imported, &unchanged, error))
        return FALSE;
      printf ("imported %u %s from %s (%u unchanged)\n", imported, argv[1], argv[2], unchanged);
      return TRUE;
    }
  if (strcmp (cmd, "seed-demo") == 0)
    {
      AisleDemoOptions options;
      AisleDemoStats stats = { 0 };

      aisle_demo_options_init (&options);
      if (argc > 1)
        options.n_members = (guint) g_ascii_strtoull (argv[1], NULL, 10);
      if (argc > 2)
        options.n_products = (guint) g_ascii_strtoull (argv[2], NULL, 10);
      options.progress = demo_progress;
      if (!aisle_hub_seed_demo (hub, &options, &stats, error))
        return FALSE;
      if (isatty (STDERR_FILENO))
        fputc ('\n', stderr);
      printf ("seeded %" G_GUINT64_FORMAT " members, %" G_GUINT64_FORMAT " products, %"
              G_GUINT64_FORMAT " orders in %.1f s\n", stats.members, stats.products, stats.orders,
              stats.seconds);
      return TRUE;
    }
  if (strcmp (cmd, "tiers") == 0 && argc == 1)
    {
      guint changed = 0;

      if (!aisle_hub_retier_all (hub, g_get_real_time () / G_USEC_PER_SEC, &changed, error))
        return FALSE;
      printf ("re-tiered %u members\n", changed);
      return TRUE;
    }
  if (strcmp (cmd, "compact") == 0 && argc == 1)
    {
      g_autoptr(GArray) step_us = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint64 removed = 0, left = 0;

      if (!aisle_hub_compact_all (hub, &removed, &left, step_us, error))
        return FALSE;
      g_array_sort (step_us, compare_gint64);
      printf ("removed %" G_GUINT64_FORMAT " superseded rows of the change log, %"
              G_GUINT64_FORMAT " left (%u steps: p50 %.1f ms, max %.1f ms)\n", removed, left,
              step_us->len, g_array_index (step_us, gint64, step_us->len / 2) / 1000.0,
              g_array_index (step_us, gint64, step_us->len - 1) / 1000.0);
      return TRUE;
    }
  if (strcmp (cmd, "backup") == 0 && argc == 2)
    {
      sqlite3 *dest = NULL;
      sqlite3_backup *backup;
      int rc;

      rc = sqlite3_open_v2 (argv[1], &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
      if (rc == SQLITE_OK)
        {
          backup = sqlite3_backup_init (dest, "main", hub->db, "main");
          if (backup != NULL)
            {
              /* Copy in steps so the serving hub's writers are never locked out for long. */
              do
                {
                  rc = sqlite3_backup_step (backup, 1024);
                  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    g_usleep (10000);
                }
              while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
              sqlite3_backup_finish (backup);
            }
          rc = sqlite3_errcode (dest);
        }
      if (rc != SQLITE_OK && rc != SQLITE_DONE)
        g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED, "backup to %s failed: %s", argv[1],
                     dest != NULL ? sqlite3_errmsg (dest) : "cannot open");
      sqlite3_close (dest);
      return rc == SQLITE_OK || rc == SQLITE_DONE;
    }

  g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "unknown command\n\n%s", usage);
  return FALSE;
}

int
aisle_hub_admin_main (int    argc,
                      char **argv)
{
  g_autofree char *db_path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The hub database", "PATH" },
    { NULL }
  };
  AisleHubSqlite *hub;
  gboolean ok;

  context = g_option_context_new ("COMMAND — administer an Aisle hub");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, usage);
  g_option_context_set_strict_posix (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL || argc < 2)
    {
      fprintf (stderr, "%s\n%s", error != NULL ? error->message : "--db and a command are needed",
               usage);
      return 2;
    }
  hub = aisle_hub_sqlite_open (db_path, &error);
  if (hub == NULL)
    {
      fprintf (stderr, "aisle-hub admin: %s\n", error->message);
      return 1;
    }
  ok = run (hub, db_path, argc - 1, argv + 1, &error);
  aisle_hub_db_close (&hub->parent);
  if (!ok)
    {
      fprintf (stderr, "aisle-hub admin: %s\n", error->message);
      return 1;
    }
  return 0;
}

/* aisle-demo-cli.c: `aisle-demo`, builds a demo cache file.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-demo"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "aisle-demo.h"

static void
print_progress (const char *phase,
                guint64     done,
                guint64     total,
                gpointer    user_data)
{
  GTimer *timer = user_data;

  g_printerr ("\r%-10s %10" G_GUINT64_FORMAT " / %-10" G_GUINT64_FORMAT " %6.1f s", phase, done,
              total, g_timer_elapsed (timer, NULL));
  if (done == total)
    g_printerr ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *output = NULL;
  AisleDemoOptions options;
  AisleDemoStats stats;
  gint64 seed = AISLE_DEMO_DEFAULT_SEED;
  int members = 100000;
  int products = 20000;
  GStatBuf st;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The cache file to create", "PATH" },
    { "members", 'm', 0, G_OPTION_ARG_INT, &members, "Number of members (default 100000)", "N" },
    { "products", 'p', 0, G_OPTION_ARG_INT, &products, "Number of products (default 20000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "PRNG seed (default 20260101)", "S" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- build an Aisle demo cache");
  g_option_context_set_summary (context,
    "Generates deterministic Taiwanese retail demo data: 5 stores, 40 staff, products with\n"
    "EAN-13 barcodes and stock, members with a year of orders, points and coupons.\n"
    "The same arguments always give the same data.");
  g_option_context_set_description (context,
    "Demo sign-in: every demo staff member (S0001 to S0040) has the PIN " AISLE_DEMO_PIN ".\n"
    "Managers: S0001 (TPE01), S0009 (NTP01), S0017 (TYN01), S0025 (TXG01), S0033 (KHH01).\n"
    "Member numbers run from 10000001; every member has a unique 09xxxxxxxx mobile number.\n");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("aisle-demo: %s\n", error->message);
      return 2;
    }
  if (output == NULL || members < 0 || products <= 0 || seed < 0)
    {
      g_printerr ("aisle-demo: --output PATH is required; --members >= 0, --products > 0, "
                  "--seed >= 0\n");
      return 2;
    }
  if (g_stat (output, &st) == 0)
    {
      g_autofree char *wal = g_strconcat (output, "-wal", NULL);
      g_autofree char *shm = g_strconcat (output, "-shm", NULL);

      /* A generated file: replace it (./run demo retries into the same .tmp path). */
      g_printerr ("aisle-demo: replacing %s\n", output);
      g_unlink (output);
      g_unlink (wal);
      g_unlink (shm);
    }

  store = aisle_store_open (output, AISLE_STORE_OPEN_BULK, &error);
  if (store == NULL)
    {
      g_printerr ("aisle-demo: %s\n", error->message);
      return 1;
    }

  aisle_demo_options_init (&options);
  options.seed = (guint64) seed;
  options.n_members = (guint) members;
  options.n_products = (guint) products;
  options.progress = print_progress;
  options.progress_data = timer;
  if (!aisle_demo_generate (store, &options, &stats, &error))
    {
      g_printerr ("\naisle-demo: %s\n", error->message);
      return 1;
    }
  if (!aisle_store_checkpoint (store, &error))
    {
      g_printerr ("aisle-demo: %s\n", error->message);
      return 1;
    }
  g_clear_object (&store);

  if (g_stat (output, &st) != 0)
    st.st_size = 0;
  g_printerr ("aisle-demo: wrote %s in %.1f s (generate %.1f s), %.1f MB\n"
              "  %" G_GUINT64_FORMAT " stores, %" G_GUINT64_FORMAT " staff, %" G_GUINT64_FORMAT
              " products (%" G_GUINT64_FORMAT " barcodes, %" G_GUINT64_FORMAT " stock rows)\n"
              "  %" G_GUINT64_FORMAT " members, %" G_GUINT64_FORMAT " consents, %" G_GUINT64_FORMAT
              " bindings, %" G_GUINT64_FORMAT " orders (%" G_GUINT64_FORMAT " items)\n"
              "  %" G_GUINT64_FORMAT " points entries, %" G_GUINT64_FORMAT " coupons, %"
              G_GUINT64_FORMAT " invoices, %" G_GUINT64_FORMAT " reservations, %" G_GUINT64_FORMAT
              " notes, %" G_GUINT64_FORMAT " tags\n",
              output, g_timer_elapsed (timer, NULL), stats.seconds, st.st_size / 1e6,
              stats.stores, stats.staff, stats.products, stats.barcodes, stats.stock,
              stats.members, stats.consents, stats.bindings, stats.orders, stats.order_items,
              stats.points, stats.coupons, stats.invoices, stats.reservations, stats.notes,
              stats.tags);
  return 0;
}

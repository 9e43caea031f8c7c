/* test-sync-settings.c: the hub settings devices need reach them by pull (entity "setting",
 * data/sql/hub/008-settings.sql), and the tablet's own checks use them.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real hub on loopback, changed by `aisle-hub admin setting set` in another process while
 * it serves, and a tablet with its own cache file.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include "aisle-store-profile.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

#define MEMBER "00000000-0000-4000-8778-000000000001"

typedef struct
{
  Fixture  hub;
  Device  *dev;
} SettingsFixture;

static void
settings_setup (SettingsFixture *f,
                gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL, *url = NULL;
  g_autofree char *code = NULL;

  setup (&f->hub, data);
  url = g_strdup_printf ("http://127.0.0.1:%u", f->hub.port);
  path = g_build_filename (f->hub.dir, "device.db", NULL);
  code = admin (&f->hub, NULL, "pair-code", "TPE01", "tablet", NULL);
  f->dev = device_open (path, f->hub.session);
  g_assert_true (device_pair (f->dev, url, g_strstrip (code), &error));
  g_assert_no_error (error);
}

static void
settings_teardown (SettingsFixture *f,
                   gconstpointer    data)
{
  device_close (f->dev);
  teardown (&f->hub, data);
}

static void
sync_ok (SettingsFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (device_sync (f->dev, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *seller;
  char       *state;     /* out: sync_state own_seller_ids */
} InvoiceCheck;

/* The tablet's own check of an e-invoice dated today from @seller, as the profile page runs it
 * before queuing invoice.register. */
static gpointer
check_invoice_job (AisleStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  InvoiceCheck *c = data;
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree char *roc = g_strdup_printf ("%03d%02d%02d", g_date_time_get_year (now) - 1911,
                                          g_date_time_get_month (now),
                                          g_date_time_get_day_of_month (now));
  AisleInvoiceCheck check;

  check = aisle_store_check_invoice (store, "ZZ00000001", roc, c->seller, MEMBER,
                                     g_date_time_to_unix (now), error);
  g_clear_pointer (&c->state, g_free);
  c->state = aisle_store_get_sync_state (store, "own_seller_ids", NULL);
  return GINT_TO_POINTER (check + 1);
}

static AisleInvoiceCheck
check_invoice (SettingsFixture *f,
               const char      *seller,
               char           **out_state)
{
  g_autoptr(GError) error = NULL;
  InvoiceCheck c = { seller, NULL };
  gpointer result = device_run (f->dev, check_invoice_job, &c, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  if (out_state != NULL)
    *out_state = c.state;
  else
    g_free (c.state);
  return (AisleInvoiceCheck) (GPOINTER_TO_INT (result) - 1);
}

/* The first sync brings own_seller_ids (the hub's default, the demo retailer's), so the tablet
 * refuses another retailer's invoice itself; a change made with `aisle-hub admin setting set`
 * while the hub serves reaches it with the next pull. Settings only the hub uses stay there. */
static void
test_own_sellers (SettingsFixture *f,
                  gconstpointer    data)
{
  g_autofree char *state = NULL;
  g_autofree char *state2 = NULL;
  g_autoptr(AislePullResponse) all = NULL;

  /* Before any sync the tablet cannot tell: the hub decides. */
  g_assert_cmpint (check_invoice (f, "12345678", NULL), ==, AISLE_INVOICE_OK);

  sync_ok (f);
  g_assert_cmpint (check_invoice (f, "24549210", &state), ==, AISLE_INVOICE_OK);
  g_assert_cmpstr (state, ==, "24549210");
  g_assert_cmpint (check_invoice (f, "12345678", NULL), ==, AISLE_INVOICE_FOREIGN_SELLER);
  g_assert_cmpint (device_query_int (f->dev, "SELECT value FROM sync_state WHERE key = "
                                             "'invoice_max_age_days'"), ==, 60);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM sync_state WHERE key IN "
                                             "('next_member_number', 'pairing_code_ttl_seconds', "
                                             "'nearby_store_km')"), ==, 0);

  /* Changed on the hub by another process, while it serves. */
  g_free (admin (&f->hub, NULL, "setting", "set", "own_seller_ids", "24549210, 12345678", NULL));
  g_free (admin (&f->hub, NULL, "setting", "set", "pairing_code_ttl_seconds", "600", NULL));
  g_free (admin (&f->hub, NULL, "setting", "set", "binding_lock_days", "30", NULL));
  g_assert_cmpint (check_invoice (f, "12345678", NULL), ==, AISLE_INVOICE_FOREIGN_SELLER);
  sync_ok (f);
  g_assert_cmpint (check_invoice (f, "12345678", &state2), ==, AISLE_INVOICE_OK);
  g_assert_cmpstr (state2, ==, "24549210, 12345678");
  g_assert_cmpint (check_invoice (f, "87654321", NULL), ==, AISLE_INVOICE_FOREIGN_SELLER);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM sync_state WHERE key = "
                                             "'pairing_code_ttl_seconds'"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT value FROM sync_state WHERE key = "
                                             "'binding_lock_days'"), ==, 30);

  /* On the wire: {key, value}, for every device; only the listed keys. */
  all = pull_all (&f->hub, f->hub.token);
  g_assert_true (has_change (all, "setting", "own_seller_ids"));
  g_assert_true (has_change (all, "setting", "binding_lock_days"));
  g_assert_false (has_change (all, "setting", "pairing_code_ttl_seconds"));
  g_assert_false (has_change (all, "setting", "next_member_number"));
}

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_add ("/aisle/sync/settings/own-sellers", SettingsFixture, NULL, settings_setup,
              test_own_sellers, settings_teardown);
  return g_test_run ();
}

/* test-hub-admin.c: `aisle-hub admin import`: CSV products and stock, JSONL online orders.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hub"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "aisle-protocol.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static AisleStore *
open_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  AisleStore *store = aisle_store_open (f->db, AISLE_STORE_OPEN_NONE, &error);

  g_assert_no_error (error);
  return store;
}

#define PRODUCTS_HEADER "id,name,brand,category,price,barcodes\n"

static void
test_import_products_bad_line (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(AislePullResponse) before = pull_as (f, f->token, 0);
  g_autoptr(AislePullResponse) after = NULL;
  g_autoptr(AisleStore) store = NULL;
  g_autoptr(AisleProduct) p = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = write_file (f, "bad.csv",
                                      PRODUCTS_HEADER
                                      "P100,\"Green tea, 600 ml\",Oolong Co,Drinks,29.5,4710088410139\n"
                                      "P101,Milk,,Dairy,not-a-price,\n"
                                      "P102,Bread,,Bakery,45,\n");

  g_assert_cmpint (admin_status (f, &err, "import", "products", path, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "bad.csv:3:"));
  g_assert_nonnull (strstr (err, "nothing was imported"));

  /* Line 2 was good, yet nothing of the file was kept, and devices see no change. */
  store = open_store (f);
  p = aisle_store_get_product (store, "P100", NULL);
  g_assert_null (p);
  after = pull_as (f, f->token, before->cursor);
  g_assert_cmpuint (after->changes->len, ==, 0);
  g_assert_cmpint (after->cursor, ==, before->cursor);
}

static void
test_import_products_and_stock (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(AislePullResponse) before = pull_as (f, f->token, 0);
  g_autoptr(AislePullResponse) after = NULL;
  g_autoptr(AislePullResponse) again = NULL;
  g_autoptr(AisleStore) store = NULL;
  g_autoptr(AisleProduct) p = NULL;
  g_autoptr(GPtrArray) stock = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *products = write_file (f, "products.csv",
                                          "\xEF\xBB\xBF" PRODUCTS_HEADER
                                          "P100,\"Green tea, 600 ml\",Oolong Co,Drinks,29.5,4710088410139\n"
                                          "\n"
                                          "P101,\"Milk \"\"fresh\"\"\",,Dairy,65,\n");
  g_autofree char *stock_csv = write_file (f, "stock.csv",
                                           "product_id,location_id,on_hand\n"
                                           "P100,TPE01,12\n"
                                           "P100,online,300\n");
  g_autofree char *bad_stock = write_file (f, "bad-stock.csv",
                                           "product_id,location_id,on_hand\n"
                                           "P100,TPE01,13\n"
                                           "P100,NOWHERE,1\n");

  out = admin (f, NULL, "import", "products", products, NULL);
  g_assert_nonnull (strstr (out, "imported 2 products"));
  g_clear_pointer (&out, g_free);
  out = admin (f, NULL, "import", "stock", stock_csv, NULL);
  g_assert_nonnull (strstr (out, "imported 2 stock"));
  g_clear_pointer (&out, g_free);

  store = open_store (f);
  p = aisle_store_get_product (store, "P100", NULL);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, "Green tea, 600 ml");
  g_assert_cmpint (p->price, ==, 2950);
  g_assert_cmpstr (p->barcodes[0], ==, "4710088410139");
  g_clear_pointer (&p, aisle_product_free);
  p = aisle_store_get_product (store, "P101", NULL);
  g_assert_cmpstr (p->name, ==, "Milk \"fresh\"");
  stock = aisle_store_list_stock (store, "P100", NULL);
  g_assert_cmpuint (stock->len, ==, 2);

  /* In the change log: the tablet pulls both products and its store's stock. */
  after = pull_as (f, f->token, before->cursor);
  g_assert_true (has_change (after, "product", "P100"));
  g_assert_true (has_change (after, "product", "P101"));
  g_assert_true (has_change (after, "stock", "P100@TPE01"));
  g_assert_true (has_change (after, "stock", "P100@online"));

  /* Re-importing the same files changes nothing and logs nothing. */
  out = admin (f, NULL, "import", "products", products, NULL);
  g_assert_nonnull (strstr (out, "imported 0 products"));
  g_clear_pointer (&out, g_free);
  out = admin (f, NULL, "import", "stock", stock_csv, NULL);
  g_assert_nonnull (strstr (out, "imported 0 stock"));
  again = pull_as (f, f->token, after->cursor);
  g_assert_cmpuint (again->changes->len, ==, 0);

  /* A bad location on line 3 keeps line 2's new figure out too. */
  g_assert_cmpint (admin_status (f, &err, "import", "stock", bad_stock, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "bad-stock.csv:3: unknown location"));
  g_clear_pointer (&stock, g_ptr_array_unref);
  stock = aisle_store_list_stock (store, "P100", NULL);
  for (guint i = 0; i < stock->len; i++)
    {
      const AisleStock *s = g_ptr_array_index (stock, i);

      if (strcmp (s->location_id, "TPE01") == 0)
        g_assert_cmpint (s->on_hand, ==, 12);
    }
}

static void
test_import_csv_header (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *path = write_file (f, "h.csv", "id,name,colour\nP1,x,red\n");

  g_assert_cmpint (admin_status (f, &err, "import", "products", path, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "h.csv:1: unknown column \"colour\""));
}

static void
test_import_orders (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(AisleStore) store = NULL;
  g_autoptr(AisleOrder) order = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *bad = write_file (f, "bad.jsonl",
                                     "{\"order_id\":\"A1\",\"status\":\"paid\",\"total\":120000}\n"
                                     "{\"order_id\":\"A2\",\"status\":\"paid\",\"total\":\"lots\"}\n");
  g_autofree char *good = write_file (f, "orders.jsonl",
                                      "# exported 2026-11-01\n"
                                      "{\"order_id\":\"A1\",\"status\":\"paid\",\"total\":120000}\n"
                                      "{\"order_id\":\"A2\",\"status\":\"shipped\",\"total\":5000,"
                                      "\"items\":[{\"product_id\":\"P1\",\"quantity\":1,\"unit_price\":5000}]}\n");

  g_assert_cmpint (admin_status (f, &err, "import", "orders", bad, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "bad.jsonl:2:"));
  store = open_store (f);
  order = aisle_store_get_order (store, "web:A1", NULL);
  g_assert_null (order);

  out = admin (f, NULL, "import", "orders", good, NULL);
  g_assert_nonnull (strstr (out, "imported 2 orders"));
  g_clear_pointer (&out, g_free);
  order = aisle_store_get_order (store, "web:A2", NULL);
  g_assert_nonnull (order);
  g_assert_cmpuint (order->items->len, ==, 1);
  g_clear_pointer (&order, aisle_order_free);

  /* Re-imported: the same two orders, no duplicates. */
  out = admin (f, NULL, "import", "orders", good, NULL);
  g_assert_nonnull (strstr (out, "imported 2 orders"));
  order = aisle_store_get_order (store, "web:A1", NULL);
  g_assert_nonnull (order);
  g_assert_cmpint (order->total, ==, 120000);
}

/* The demo seed logs its rows set by set with the triggers dropped: devices must get what the
 * triggers would have sent, and the triggers must work again afterwards. */
static void
test_seed_demo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AislePullResponse) all = NULL;
  g_autoptr(AislePullResponse) after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *tablet = NULL;
  guint home = 0, other = 0;

  stop_hub (f, SIGTERM);
  out = admin (f, NULL, "seed-demo", "300", "500", NULL);
  g_assert_nonnull (strstr (out, "seeded 300 members"));
  start_hub (f);
  tablet = pair_store (f, "TPE01", "tablet");
  all = pull_all (f, tablet);

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, home_store_id FROM members", -1, &stmt,
                                         NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *id = (const char *) sqlite3_column_text (stmt, 0);
        const char *home_store = (const char *) sqlite3_column_text (stmt, 1);

        if (g_strcmp0 (home_store, "TPE01") == 0)
          {
            home++;
            g_assert_true (has_change (all, "member", id));
          }
        else if (!has_change (all, "member", id))
          other++;
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_cmpuint (home, >, 0);
  g_assert_cmpuint (other, >, 0);
  g_assert_cmpuint (all->changes->len, >, 300);

  /* the triggers are back: a new product reaches the device */
  {
    g_autofree char *path = write_file (f, "p.csv", "id,name,price\nPX1,Tea,30\n");

    g_free (admin (f, NULL, "import", "products", path, NULL));
  }
  after = pull_as (f, tablet, all->cursor);
  g_assert_true (has_change (after, "product", "PX1"));
}

/* Spend drops out of the tier window with no order to say so: the serving hub's upkeep sweeps
 * the members above basic again, in steps of a few thousand (more than one step's worth here),
 * and keeps the tier of those whose spend still counts. */
static gboolean
sweep_done (Fixture *f)
{
  return hub_query_int (f, "SELECT count(*) FROM members WHERE tier = 'gold'") == 1;
}

static void
test_tier_sweep (Fixture       *f,
                 gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4500) "
    "INSERT INTO members (id, name, tier) SELECT printf ('MLAPSE%%05d', i), '林', 'gold' FROM n; "
    "INSERT INTO members (id, name, tier) VALUES ('MKEEP', '王', 'gold'); "
    "INSERT INTO orders (id, member_id, channel, fulfilment, status, store_id, total, placed_at) "
    "VALUES ('OKEEP', 'MKEEP', 'store', 'in_store', 'completed', 'TPE01', 9000000, %" G_GINT64_FORMAT ");",
    now - 86400);
  sqlite3 *db = NULL;
  gint64 deadline;

  stop_hub (f, SIGTERM);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (hub_query_int (f, "SELECT count(*) FROM members WHERE tier = 'gold'"), ==, 4501);

  start_hub (f);
  deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  while (!sweep_done (f) && g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpint (hub_query_int (f, "SELECT count(*) FROM members WHERE tier = 'gold'"), ==, 1);
  g_assert_cmpint (hub_query_int (f, "SELECT tier = 'gold' FROM members WHERE id = 'MKEEP'"), ==, 1);
  g_assert_cmpint (hub_query_int (f, "SELECT count(*) FROM members WHERE id LIKE 'MLAPSE%' "
                                     "AND tier = 'basic'"), ==, 4500);

  /* `admin tiers` re-tiers everyone at once, upwards too (the sweep only looks at members above
   * basic), while the hub serves. */
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO members (id, name) VALUES ('MPROMO', '陳'); "
                         "INSERT INTO orders (id, member_id, channel, fulfilment, status, "
                         "store_id, total, placed_at) VALUES ('OPROMO', 'MPROMO', 'online', "
                         "'delivery', 'delivered', NULL, 1500000, %" G_GINT64_FORMAT ");", now - 86400);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_autofree char *out = admin (f, NULL, "tiers", NULL);

    g_assert_cmpstr (out, ==, "re-tiered 1 members\n");
  }
  g_assert_cmpint (hub_query_int (f, "SELECT tier = 'silver' FROM members WHERE id = 'MPROMO'"), ==, 1);
  g_assert_cmpint (hub_query_int (f, "SELECT tier = 'gold' FROM members WHERE id = 'MKEEP'"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  aisle_test_init (&argc, &argv);
  signal (SIGPIPE, SIG_IGN);
#define ADD(path, func) g_test_add ("/aisle/hub/admin/" path, Fixture, NULL, setup, func, teardown)
  ADD ("import/products-bad-line", test_import_products_bad_line);
  ADD ("import/products-and-stock", test_import_products_and_stock);
  ADD ("import/csv-header", test_import_csv_header);
  ADD ("import/orders", test_import_orders);
  ADD ("seed-demo", test_seed_demo);
  ADD ("tier-sweep", test_tier_sweep);
  return g_test_run ();
}

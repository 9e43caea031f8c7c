/* test-core-orders.c: an order's items kept in its row (schema 9), and the migration that
 * moved them there from order_items.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-core-orders"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "aisle-store.h"
#include "aisle-store-sqlite.h"
#include "aisle-test.h"
#include "aisle-test-store.h"

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_item (AisleOrder *order,
             guint       line,
             const char *product_id,
             const char *name,
             double      quantity,
             gint64      unit_price)
{
  AisleOrderItem *item;

  g_assert_cmpuint (line, <, order->items->len);
  item = g_ptr_array_index (order->items, line);
  g_assert_cmpstr (item->product_id, ==, product_id);
  g_assert_cmpstr (item->name, ==, name);
  g_assert_cmpfloat (item->quantity, ==, quantity);
  g_assert_cmpint (item->unit_price, ==, unit_price);
}

/* A schema-8 cache (the embedded 001-008 files), with orders whose items are in order_items,
 * stored out of line order, and a trigger on orders as the hub has (its change log): opening
 * moves the items into orders.items in line order, drops order_items and the three unused
 * indexes, keeps the trigger, and does not fire it for the move. */
static void
test_migrate_v8 (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const old_files[] = {
    "001-initial.sql", "002-search.sql", "003-barcodes.sql", "004-sync-attention.sql",
    "005-tablet.sql", "007-reports.sql", "008-device-keys.sql",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleOrder) o1 = NULL;
  g_autoptr(AisleOrder) o2 = NULL;
  g_autoptr(AisleOrder) o3 = NULL;
  g_autoptr(AisleOrder) edit = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3 *db = NULL;

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (old_files); i++)
    {
      g_autofree char *path = g_strconcat ("/org/aisleretail/Aisle/store/", old_files[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (aisle_store_get_resource (), path, 0,
                                                        &error);
      g_autofree char *sql = NULL;

      g_assert_no_error (error);
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      exec_sql (db, sql);
    }
  exec_sql (db,
            "INSERT INTO members (id, number, name, last_activity_at) "
            "VALUES ('m-1', '10000001', '王小明', 1);"
            "INSERT INTO orders (id, member_id, channel, fulfilment, status, store_id, total, "
            "placed_at) VALUES ('o-1', 'm-1', 'store', 'in_store', 'completed', 'TPE01', 6500, 10),"
            " ('o-2', 'm-1', 'online', 'delivery', 'shipped', NULL, 900, 20),"
            " ('o-3', NULL, 'store', 'in_store', 'paid', 'TPE01', 0, 30);"
            /* Lines written out of order; o-3 has none. */
            "INSERT INTO order_items VALUES ('o-1', 2, 'P2', '洗碗精 \"檸檬\"', 1.5, 3000);"
            "INSERT INTO order_items VALUES ('o-1', 1, 'P1', '無糖綠茶', 2, 2500);"
            "INSERT INTO order_items VALUES ('o-2', 1, 'P3', 'Tea', 3, 300);"
            "CREATE TABLE order_log (order_id TEXT);"
            "CREATE TRIGGER log_order_upd AFTER UPDATE ON orders BEGIN "
            "INSERT INTO order_log VALUES (NEW.id); END;"
            "PRAGMA user_version = 8;");
  sqlite3_close (db);

  f->store = aisle_store_open (f->path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (aisle_store_get_schema_version (f->store), >=, 9);
  db = aisle_store_get_sqlite (f->store);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                  "('order_items', 'orders_by_store', 'orders_by_credited_store', "
                                  "'orders_by_credited_staff')"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                  "AND name = 'log_order_upd'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_log"), ==, 0);

  o1 = aisle_store_get_order (f->store, "o-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o1->items->len, ==, 2);
  assert_item (o1, 0, "P1", "無糖綠茶", 2, 2500);
  assert_item (o1, 1, "P2", "洗碗精 \"檸檬\"", 1.5, 3000);
  g_assert_cmpint (o1->total, ==, 6500);
  o3 = aisle_store_get_order (f->store, "o-3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o3->items->len, ==, 0);
  list = aisle_store_list_orders_for_member (f->store, "m-1", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  o2 = g_ptr_array_steal_index (list, 0);
  g_assert_cmpstr (o2->id, ==, "o-2");
  g_assert_cmpuint (o2->items->len, ==, 1);
  assert_item (o2, 0, "P3", "Tea", 3, 300);

  /* An edit after the move is an update like any other: the trigger still fires, and the new
   * items replace the old ones. */
  edit = aisle_store_get_order (f->store, "o-1", &error);
  g_assert_no_error (error);
  g_ptr_array_remove_index (edit->items, 0);
  edit->status = AISLE_ORDER_STATUS_REFUNDED;
  g_assert_true (aisle_store_upsert_order (f->store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_log WHERE order_id = 'o-1'"), ==, 1);
  g_clear_pointer (&o1, aisle_order_free);
  o1 = aisle_store_get_order (f->store, "o-1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (o1->status, ==, AISLE_ORDER_STATUS_REFUNDED);
  g_assert_cmpuint (o1->items->len, ==, 1);
  assert_item (o1, 0, "P2", "洗碗精 \"檸檬\"", 1.5, 3000);
}

/* Items written through the typed API come back whole and in order, a NULL name as "" (as
 * order_items stored it), and replacing an order replaces its items. */
static void
test_items_round_trip (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleOrder) o = aisle_order_new ();
  g_autoptr(AisleOrder) got = NULL;
  sqlite3 *db = aisle_store_get_sqlite (f->store);

  o->id = g_strdup ("o-9");
  o->channel = AISLE_CHANNEL_APP;
  o->fulfilment = AISLE_FULFILMENT_PICKUP;
  o->status = AISLE_ORDER_STATUS_PLACED;
  o->branch_id = g_strdup ("TPE01");
  o->placed_at = 5;
  for (guint i = 0; i < 12; i++)
    {
      AisleOrderItem *item = aisle_order_item_new ();

      item->product_id = g_strdup_printf ("P%04u", 12 - i);
      item->name = i == 3 ? NULL : g_strdup_printf ("品項 %u\n\\", i);
      item->quantity = 0.25 * (i + 1);
      item->unit_price = G_GINT64_CONSTANT (1) << (20 + i);
      g_ptr_array_add (o->items, item);
    }
  g_assert_true (aisle_store_upsert_order (f->store, o, &error));
  g_assert_no_error (error);
  got = aisle_store_get_order (f->store, "o-9", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->items->len, ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("P%04u", 12 - i);
      g_autofree char *name = i == 3 ? g_strdup ("") : g_strdup_printf ("品項 %u\n\\", i);

      assert_item (got, i, id, name, 0.25 * (i + 1), G_GINT64_CONSTANT (1) << (20 + i));
    }
  g_assert_cmpint (query_int (db, "SELECT json_array_length(items) FROM orders"), ==, 12);

  g_ptr_array_set_size (o->items, 0);
  g_assert_true (aisle_store_upsert_order (f->store, o, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, aisle_order_free);
  got = aisle_store_get_order (f->store, "o-9", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->items->len, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT json_array_length(items) FROM orders"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add ("/aisle/core/orders/migrate/v8", Fixture, NULL, fixture_setup, test_migrate_v8,
              fixture_teardown);
  g_test_add ("/aisle/core/orders/items-round-trip", Fixture, NULL, fixture_setup,
              test_items_round_trip, fixture_teardown);
  return g_test_run ();
}

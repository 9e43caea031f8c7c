/* test-sync-undo.c: what the hub refuses is undone on the device: tags and reservation
 * cancellations (the outbox keeps what their optimistic write replaced, 010-outbox-undo.sql).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real hub on loopback and devices with their own cache files. A mutation is refused by
 * sending it as a staff id the hub does not have (the device does not check staff, the hub
 * does), or by cancelling a reservation that another tablet cancelled first.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <glib/gstdio.h>

#include "aisle-test.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

#define MEMBER "00000000-0000-4000-8777-000000000001"
#define NOBODY "S0999"   /* no such staff: the hub refuses whatever they send */

typedef struct
{
  Fixture  hub;
  char    *url;
  Device  *dev;
  Device  *other;    /* a second tablet of TPE01 */
} UndoFixture;

static Device *
open_paired (UndoFixture *f,
             const char  *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->hub.dir, file, NULL);
  g_autofree char *code = admin (&f->hub, NULL, "pair-code", "TPE01", "tablet", NULL);
  Device *d = device_open (path, f->hub.session);

  aisle_sync_client_set_timeout (d->client, 2);
  g_assert_true (device_pair (d, f->url, g_strstrip (code), &error));
  g_assert_no_error (error);
  return d;
}

static void
sync_ok (Device *d)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (device_sync (d, &error));
  g_assert_no_error (error);
}

static void
mutate_as (Device     *d,
           const char *staff_id,
           const char *name,
           const char *args)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (device_mutate (d, name, args, staff_id, &error), >, 0);
  g_assert_no_error (error);
}

/* A product with 5 units at TPE01 on the hub, and a member enrolled by the first tablet. */
static void
undo_setup (UndoFixture   *f,
            gconstpointer  data)
{
  g_autofree char *products = NULL, *stock = NULL;

  setup (&f->hub, data);
  f->url = g_strdup_printf ("http://127.0.0.1:%u", f->hub.port);
  products = g_build_filename (f->hub.dir, "products.csv", NULL);
  stock = g_build_filename (f->hub.dir, "stock.csv", NULL);
  g_assert_true (g_file_set_contents (products, "id,name,price\nP1,保溫杯,890\n", -1, NULL));
  g_assert_true (g_file_set_contents (stock, "product_id,location_id,on_hand\nP1,TPE01,5\n", -1, NULL));
  g_free (admin (&f->hub, NULL, "import", "products", products, NULL));
  g_free (admin (&f->hub, NULL, "import", "stock", stock, NULL));

  f->dev = open_paired (f, "device.db");
  f->other = open_paired (f, "other.db");
  mutate_as (f->dev, "S0001", "member.enrol",
             "{\"member_id\":\"" MEMBER "\",\"name\":\"黃志明\",\"phone\":\"0911222333\","
             "\"consent\":{\"policy_version\":\"2026-01\",\"text_hash\":\"ab\",\"privacy\":true,"
             "\"marketing\":false}}");
  sync_ok (f->dev);
  sync_ok (f->other);
}

static void
undo_teardown (UndoFixture   *f,
               gconstpointer  data)
{
  device_close (f->dev);
  device_close (f->other);
  g_free (f->url);
  teardown (&f->hub, data);
}

static gpointer
query_text_job (AisleStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (aisle_store_get_sqlite (store), data, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup (sqlite3_column_text (stmt, 0) != NULL
                     ? (const char *) sqlite3_column_text (stmt, 0) : "");
  sqlite3_finalize (stmt);
  return text != NULL ? text : g_strdup ("");
}

#define TAGS_SQL \
  "SELECT group_concat(tag, ',') FROM (SELECT tag FROM member_tags WHERE member_id = '" \
  MEMBER "' ORDER BY tag)"

/* The member's tags on a device, "a,b" (sorted), "" for none. */
static char *
device_tags (Device *d)
{
  return device_run (d, query_text_job, (gpointer) TAGS_SQL, NULL);
}

#define assert_tags(d, expected) \
  G_STMT_START { \
    g_autofree char *tags_ = device_tags (d); \
    g_assert_cmpstr (tags_, ==, expected); \
  } G_STMT_END

static void
set_tags (Device     *d,
          const char *staff_id,
          const char *tags_json)
{
  g_autofree char *args = g_strdup_printf ("{\"member_id\":\"" MEMBER "\",\"tags\":%s}", tags_json);

  mutate_as (d, staff_id, "tag.set", args);
}

/* A refused tag.set puts the member's tags back as they were; two refused in a row go back to
 * the tags before the first; a refused one after an accepted one leaves the accepted tags; and
 * tags another tablet set meanwhile are what the hub has, so they stay. */
static void
test_tags (UndoFixture   *f,
           gconstpointer  data)
{
  set_tags (f->dev, "S0001", "[\"vip\"]");
  sync_ok (f->dev);
  assert_tags (f->dev, "vip");
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 0);

  /* Refused: shown at once, gone with the pull that says so. */
  set_tags (f->dev, NOBODY, "[\"gold\",\"baby\"]");
  assert_tags (f->dev, "baby,gold");
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 1);
  assert_tags (f->dev, "vip");
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT count(*) FROM member_tags WHERE member_id = '"
                                           MEMBER "' AND tag = 'vip'"), ==, 1);

  /* Two refused in a row: back to the tags before the first, not to the first's. */
  set_tags (f->dev, NOBODY, "[\"a\"]");
  set_tags (f->dev, NOBODY, "[\"b\"]");
  assert_tags (f->dev, "b");
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 3);
  assert_tags (f->dev, "vip");

  /* Accepted, then refused: the accepted tags stay (the hub's row). */
  set_tags (f->dev, "S0001", "[\"c\",\"vip\"]");
  set_tags (f->dev, NOBODY, "[\"d\"]");
  assert_tags (f->dev, "d");
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 4);
  assert_tags (f->dev, "c,vip");

  /* Refused, then accepted: the accepted one shows throughout. */
  set_tags (f->dev, NOBODY, "[\"e\"]");
  set_tags (f->dev, "S0001", "[\"f\"]");
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 5);
  assert_tags (f->dev, "f");

  /* Another tablet changed the tags at the hub before our refused change arrived. */
  sync_ok (f->other);
  set_tags (f->other, "S0002", "[\"g\"]");
  sync_ok (f->other);
  set_tags (f->dev, NOBODY, "[\"h\"]");
  assert_tags (f->dev, "h");
  sync_ok (f->dev);
  assert_tags (f->dev, "g");
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
}

static gpointer
apply_page_job (AisleStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return aisle_sync_cache_apply_page (store, data, NULL, error) ? GINT_TO_POINTER (1) : NULL;
}

/* The hub's own tags for the member reached the device by a pull that came before the one
 * refusing our tag.set (a mutation made between a cycle's push and its pull): the refusal goes
 * back to the hub's tags, not to those the tablet had when the tag.set was made. */
static void
test_tags_pulled_between (UndoFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AislePullResponse) page = NULL;
  g_autofree char *token = NULL;

  set_tags (f->dev, "S0001", "[\"vip\"]");
  sync_ok (f->dev);
  sync_ok (f->other);
  set_tags (f->other, "S0002", "[\"g\"]");
  sync_ok (f->other);

  set_tags (f->dev, NOBODY, "[\"h\"]");
  /* A pull page without a push first, straight from the hub with the device's own token. */
  token = device_run (f->dev, query_text_job,
                      (gpointer) "SELECT value FROM sync_state WHERE key = 'token'", NULL);
  page = pull_as (&f->hub, token, device_query_int (f->dev, "SELECT value FROM sync_state "
                                                            "WHERE key = 'cursor'"));
  g_assert_false (page->more);
  g_assert_true (has_change (page, "member_tags", MEMBER));
  g_assert_nonnull (device_run (f->dev, apply_page_job, page, &error));
  g_assert_no_error (error);
  /* Still ours on top of the hub's until the hub has said no. */
  assert_tags (f->dev, "h");
  /* Reopened, the client pulls on from the page's cursor: the next pull has only the refusal. */
  {
    g_autofree char *path = g_strdup (f->dev->path);

    device_close (f->dev);
    f->dev = device_open (path, f->hub.session);
  }

  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 1);
  assert_tags (f->dev, "g");
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
}

static gint64
reserved (Device *d)
{
  return device_query_int (d, "SELECT reserved FROM stock WHERE product_id = 'P1' AND "
                              "location_id = 'TPE01'");
}

static char *
status (Device *d)
{
  return device_run (d, query_text_job, (gpointer) "SELECT status FROM reservations WHERE id = 'R1'",
                     NULL);
}

#define assert_status(d, expected) \
  G_STMT_START { \
    g_autofree char *status_ = status (d); \
    g_assert_cmpstr (status_, ==, expected); \
  } G_STMT_END

/* A refused cancellation opens the reservation again and holds its units again; one refused
 * because another tablet cancelled it first stays cancelled, as on the hub. */
static void
test_cancel (UndoFixture   *f,
             gconstpointer  data)
{
  mutate_as (f->dev, "S0001", "reservation.create",
             "{\"reservation_id\":\"R1\",\"member_id\":\"" MEMBER "\",\"product_id\":\"P1\","
             "\"store_id\":\"TPE01\",\"quantity\":2}");
  sync_ok (f->dev);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT reserved FROM stock WHERE product_id = 'P1'"), ==, 2);
  assert_status (f->dev, "open");
  g_assert_cmpint (reserved (f->dev), ==, 2);

  /* Refused: the optimistic cancel is undone with the pull. */
  mutate_as (f->dev, NOBODY, "reservation.cancel", "{\"reservation_id\":\"R1\"}");
  assert_status (f->dev, "cancelled");
  g_assert_cmpint (reserved (f->dev), ==, 0);
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 1);
  assert_status (f->dev, "open");
  g_assert_cmpint (reserved (f->dev), ==, 2);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT status = 'open' FROM reservations WHERE id = 'R1'"),
                   ==, 1);

  /* The undone reservation can be cancelled again, for real. */
  mutate_as (f->dev, "S0001", "reservation.cancel", "{\"reservation_id\":\"R1\"}");
  g_assert_cmpint (reserved (f->dev), ==, 0);
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 1);
  assert_status (f->dev, "cancelled");
  g_assert_cmpint (reserved (f->dev), ==, 0);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT reserved FROM stock WHERE product_id = 'P1'"), ==, 0);

  /* Another tablet cancelled R2 first: ours is refused (not open) and the hub's row stands. */
  mutate_as (f->dev, "S0001", "reservation.create",
             "{\"reservation_id\":\"R2\",\"member_id\":\"" MEMBER "\",\"product_id\":\"P1\","
             "\"store_id\":\"TPE01\",\"quantity\":1}");
  sync_ok (f->dev);
  sync_ok (f->other);
  mutate_as (f->other, "S0002", "reservation.cancel", "{\"reservation_id\":\"R2\"}");
  sync_ok (f->other);
  mutate_as (f->dev, "S0001", "reservation.cancel", "{\"reservation_id\":\"R2\"}");
  sync_ok (f->dev);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 2);
  g_assert_cmpint (device_query_int (f->dev, "SELECT status = 'cancelled' FROM reservations "
                                             "WHERE id = 'R2'"), ==, 1);
  g_assert_cmpint (reserved (f->dev), ==, 0);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT reserved FROM stock WHERE product_id = 'P1'"), ==, 0);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func) \
  g_test_add ("/aisle/sync/undo/" path, UndoFixture, NULL, undo_setup, func, undo_teardown)
  ADD ("tags", test_tags);
  ADD ("tags-pulled-between", test_tags_pulled_between);
  ADD ("cancel", test_cancel);
  return g_test_run ();
}

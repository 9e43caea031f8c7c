/* test-sync-client.c: the sync client against the real hub on loopback, with faults.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test runs the built aisle-hub on a temporary SQLite file and a device with its own cache
 * file, talking through a TCP proxy (tests/test-sync-proxy.c) that can fail on demand. No mocks:
 * what the hub applied is read back from its database.
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>

#include "aisle-test.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"
#include "test-sync-proxy.h"

typedef struct
{
  Fixture  hub;
  Proxy   *proxy;
  char    *url;
  Device  *dev;
  char    *cache;
} SyncFixture;

static char *
pair_code (SyncFixture *f,
           const char  *mode)
{
  g_autofree char *out = admin (&f->hub, NULL, "pair-code", "TPE01", mode, NULL);

  return g_strdup (g_strstrip (out));
}

static void
sync_setup (SyncFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  setup (&f->hub, data);
  f->proxy = proxy_new (f->hub.port);
  f->url = g_strdup_printf ("http://127.0.0.1:%u", proxy_get_port (f->proxy));
  f->cache = g_build_filename (f->hub.dir, "device.db", NULL);
  f->dev = device_open (f->cache, f->hub.session);
  aisle_sync_client_set_timeout (f->dev->client, 2);
  code = pair_code (f, "tablet");
  g_assert_true (device_pair (f->dev, f->url, code, &error));
  g_assert_no_error (error);
}

static void
sync_teardown (SyncFixture   *f,
               gconstpointer  data)
{
  device_close (f->dev);
  proxy_free (f->proxy);
  g_free (f->url);
  g_free (f->cache);
  teardown (&f->hub, data);
}

static void
sync_ok (SyncFixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (device_sync (f->dev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (aisle_sync_client_get_state (f->dev->client), ==, AISLE_SYNC_STATE_IDLE);
  g_assert_true (aisle_sync_client_get_online (f->dev->client));
}

static gint64
enrol (SyncFixture *f,
       gint64       i)
{
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  g_autofree char *args = make_mutation (1, i * 4 + 1, &name);
  gint64 id = device_mutate (f->dev, name, args, "S0001", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
hub_members_like (SyncFixture *f)
{
  return hub_query_int (&f->hub, "SELECT count(*) FROM members WHERE phone LIKE '091%'");
}

/* Pairing stores the token privately; the initial sync brings the store's staff and stores. */
static void
test_pair_initial (SyncFixture   *f,
                   gconstpointer  data)
{
  GStatBuf st;

  g_assert_true (aisle_sync_client_get_paired (f->dev->client));
  g_assert_cmpstr (aisle_sync_client_get_store_id (f->dev->client), ==, "TPE01");
  g_assert_cmpstr (aisle_sync_client_get_mode (f->dev->client), ==, "tablet");
  g_assert_cmpint (g_stat (f->cache, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_rows_received (f->dev->client), >, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM staff WHERE store_id = 'TPE01'"),
                   ==, 3);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM stores"), >=, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT value FROM sync_state WHERE key = 'cursor'"),
                   >, 0);
  g_assert_nonnull (aisle_sync_client_get_device_id (f->dev->client));
  /* The device registered its own key at pairing. */
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT count(*) FROM devices WHERE public_key IS NOT NULL"), >=, 1);

  /* A second device (a kiosk) reopened from its cache is still paired. */
  device_close (f->dev);
  f->dev = device_open (f->cache, f->hub.session);
  g_assert_true (aisle_sync_client_get_paired (f->dev->client));
  sync_ok (f);
}

/* Enrolled while the hub is down: applied locally at once, delivered exactly once later. */
static void
test_hub_down (SyncFixture   *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  sync_ok (f);
  stop_hub (&f->hub, SIGTERM);
  enrol (f, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members"), ==, 1);
  g_assert_false (device_sync (f->dev, &error));
  g_assert_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (aisle_sync_client_get_state (f->dev->client), ==, AISLE_SYNC_STATE_OFFLINE);
  g_assert_false (aisle_sync_client_get_online (f->dev->client));
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 1);
  g_assert_nonnull (aisle_sync_client_get_last_error (f->dev->client));
  /* Again, still down: nothing lost, still one pending. */
  g_assert_false (device_sync (f->dev, &error2));
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 1);

  start_hub (&f->hub);
  proxy_set_target (f->proxy, f->hub.port);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
  g_assert_null (aisle_sync_client_get_last_error (f->dev->client));
  g_assert_cmpint (hub_members_like (f), ==, 1);
  /* The hub's member number arrived by pull. */
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members WHERE number IS NOT NULL"),
                   ==, 1);
  sync_ok (f);
  g_assert_cmpint (hub_members_like (f), ==, 1);
}

/* The hub (or what is in front of it) answers 500: a hub error, retried, nothing lost. */
static void
test_hub_500 (SyncFixture   *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  enrol (f, 1);
  proxy_set_mode (f->proxy, PROXY_ERROR_500);
  g_assert_false (device_sync (f->dev, &error));
  g_assert_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB);
  g_assert_cmpint (aisle_sync_client_get_state (f->dev->client), ==, AISLE_SYNC_STATE_HUB_ERROR);
  g_assert_true (aisle_sync_client_get_online (f->dev->client));
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 1);
  proxy_set_mode (f->proxy, PROXY_PASS);
  sync_ok (f);
  g_assert_cmpint (hub_members_like (f), ==, 1);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(char **) user_data = aisle_sync_client_export_outbox_finish (AISLE_SYNC_CLIENT (source),
                                                                 result, NULL);
}

/* A revoked device stops, says so, and keeps its unsent outbox for export. */
static void
test_revoked (SyncFixture   *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *exported = NULL;

  sync_ok (f);
  g_free (admin (&f->hub, NULL, "devices", "revoke", aisle_sync_client_get_device_id (f->dev->client),
                 NULL));
  enrol (f, 1);
  g_assert_false (device_sync (f->dev, &error));
  g_assert_error (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED);
  g_assert_cmpint (aisle_sync_client_get_state (f->dev->client), ==, AISLE_SYNC_STATE_REVOKED);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 1);
  /* Stopped for good: a later sync does not even try. */
  g_assert_false (device_sync (f->dev, &error2));
  g_assert_error (error2, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_REVOKED);
  aisle_sync_client_export_outbox_async (f->dev->client, NULL, export_cb, &exported);
  while (exported == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (exported, "member.enrol"));
  g_assert_nonnull (strstr (exported, "0910000005"));
  g_assert_cmpint (hub_members_like (f), ==, 0);

  /* It stays revoked across a restart. */
  device_close (f->dev);
  f->dev = device_open (f->cache, f->hub.session);
  g_assert_cmpint (aisle_sync_client_get_state (f->dev->client), ==, AISLE_SYNC_STATE_REVOKED);
}

/* The hub is behind the outbox (its database restored from an older backup, say): the device
 * resyncs from the hub's last_mutation_id and every queued mutation is applied once. */
static void
test_out_of_order (SyncFixture   *f,
                   gconstpointer  data)
{
  gint64 id;

  enrol (f, 1);
  sync_ok (f);
  id = enrol (f, 2);
  g_assert_cmpint (id, ==, 2);
  /* Simulate the gap: the outbox believes it already used ids up to 10. */
  device_query_int (f->dev, "UPDATE outbox SET id = 11 WHERE id = 2 RETURNING id");
  device_query_int (f->dev, "UPDATE sqlite_sequence SET seq = 11 WHERE name = 'outbox' RETURNING seq");
  sync_ok (f);
  g_assert_cmpint (hub_members_like (f), ==, 2);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT max(last_mutation_id) FROM devices"), ==, 2);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
  /* Numbering continues after the hub's id. */
  g_assert_cmpint (enrol (f, 3), ==, 3);
  sync_ok (f);
  g_assert_cmpint (hub_members_like (f), ==, 3);
}

static gpointer
limit_pages_job (AisleStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree char *sql = NULL;

  aisle_store_checkpoint (store, NULL);
  sql = GPOINTER_TO_INT (data) ? g_strdup ("PRAGMA max_page_count = 1") /* clamps to the current size */
                               : g_strdup ("PRAGMA max_page_count = 1073741823");
  g_assert_cmpint (sqlite3_exec (aisle_store_get_sqlite (store), sql, NULL, NULL, NULL), ==,
                   SQLITE_OK);
  return GINT_TO_POINTER (1);
}

/* The device's disk is full: a mutation fails with a clear error and a pull cannot be stored;
 * both recover once there is room, with nothing lost. */
static void
test_disk_full (SyncFixture   *f,
                gconstpointer  data)
{
  g_autoptr(Device) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autofree char *other_path = g_build_filename (f->hub.dir, "other.db", NULL);
  g_autofree char *code = pair_code (f, "tablet");
  const char *name;

  sync_ok (f);
  enrol (f, 1);
  /* Another device enrols 50 members, so the next pull has rows to write. */
  other = device_open (other_path, f->hub.session);
  g_assert_true (device_pair (other, f->url, code, &error));
  for (gint64 i = 0; i < 50; i++)
    {
      g_autofree char *args = make_mutation (2, i * 4 + 1, &name);

      g_assert_cmpint (device_mutate (other, name, args, "S0001", &error), >, 0);
    }
  g_assert_true (device_sync (other, &error));
  g_assert_no_error (error);

  device_run (f->dev, limit_pages_job, GINT_TO_POINTER (1), NULL);
  {
    const char *n;
    g_autofree char *args = make_mutation (1, 4 * 7 + 1, &n);
    g_autoptr(GError) full = NULL;
    g_autofree char *big = NULL;

    /* Fill what room the last page had left, then expect the clear error. */
    for (guint i = 0; i < 200 && full == NULL; i++)
      {
        big = g_strdup_printf ("{\"note_id\":\"n%u\",\"member_id\":\"x\",\"text\":\"%0500d\"}", i, 0);
        device_mutate (f->dev, "note.add", big, "S0001", &full);
        g_clear_pointer (&big, g_free);
      }
    g_assert_error (full, AISLE_STORE_ERROR, AISLE_STORE_ERROR_FULL);
    (void) args;
  }
  g_assert_false (device_sync (f->dev, &error2));
  g_assert_error (error2, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_CACHE);
  g_assert_cmpint (aisle_sync_client_get_state (f->dev->client), ==, AISLE_SYNC_STATE_CACHE_ERROR);

  device_run (f->dev, limit_pages_job, GINT_TO_POINTER (0), NULL);
  sync_ok (f);
  g_assert_cmpint (hub_members_like (f), ==, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members WHERE phone LIKE '092%'"),
                   ==, 50);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
}

static void
attention_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GPtrArray **) user_data = aisle_sync_client_list_attention_finish (AISLE_SYNC_CLIENT (source),
                                                                       result, NULL);
}

/* A rejection lands in the attention list with the hub's reason; a duplicate phone makes the
 * device's member an alias and the optimistic copy goes away. */
static void
test_rejected (SyncFixture   *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const AisleSyncAttention *a;

  sync_ok (f);
  g_assert_cmpint (device_mutate (f->dev, "coupon.redeem", "{\"code\":\"NOPE\"}", "S0001", &error), >, 0);
  enrol (f, 1);
  g_assert_cmpint (device_mutate (f->dev, "member.enrol",
                                  "{\"member_id\":\"00000000-0000-4000-8999-000000000001\","
                                  "\"name\":\"同一人\",\"phone\":\"0910000005\",\"consent\":{"
                                  "\"policy_version\":\"2026-01\",\"text_hash\":\"ab\","
                                  "\"privacy\":true,\"marketing\":false}}", NULL, &error), >, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members"), ==, 2);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 1);
  aisle_sync_client_list_attention_async (f->dev->client, NULL, attention_cb, &list);
  while (list == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (list->len, ==, 1);
  a = list->pdata[0];
  g_assert_cmpstr (a->name, ==, "coupon.redeem");
  g_assert_nonnull (a->message);
  g_assert_nonnull (a->code);
  g_assert_nonnull (a->args_json);
  /* The alias is gone; the one member (with its hub number) stays. */
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members"), ==, 1);
  g_assert_cmpint (hub_members_like (f), ==, 1);
  aisle_sync_client_dismiss_attention (f->dev->client, a->mutation_id);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 0);
}

static gpointer
exec_job (AisleStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  if (sqlite3_exec (aisle_store_get_sqlite (store), data, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (aisle_store_get_sqlite (store)));
      return NULL;
    }
  return GINT_TO_POINTER (1);
}

static gpointer
rebase_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  if (!aisle_store_begin (store, error))
    return NULL;
  if (!aisle_sync_cache_rebase (store, error) || !aisle_store_commit (store, error))
    {
      aisle_store_rollback (store);
      return NULL;
    }
  return GINT_TO_POINTER (1);
}

#define OPT_MEMBER "00000000-0000-4000-8999-0000000000aa"

/* Every mutation the tablet and kiosk send shows in the cache at once, survives the rebase of
 * each pulled page without being applied twice, and is replaced by the hub's rows: tags,
 * consent withdrawal, a reservation and its cancellation. A reservation the hub refuses gives
 * its units back. */
static void
test_optimistic (SyncFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sync_ok (f);
  g_assert_cmpint (device_mutate (f->dev, "member.enrol",
                                  "{\"member_id\":\"" OPT_MEMBER "\",\"name\":\"張雅婷\","
                                  "\"phone\":\"0910000077\",\"consent\":{"
                                  "\"policy_version\":\"2026-01\",\"text_hash\":\"ab\","
                                  "\"privacy\":true,\"marketing\":true}}", NULL, &error), >, 0);
  g_assert_no_error (error);
  sync_ok (f);
  g_assert_cmpint (device_query_int (f->dev, "SELECT marketing FROM member_consents WHERE "
                                             "member_id = '" OPT_MEMBER "' ORDER BY seq DESC"), ==, 1);

  /* A product with stock that only the cache knows: the hub will refuse the reservation. */
  g_assert_nonnull (device_run (f->dev, exec_job, (gpointer)
                                "INSERT INTO products (id, name, price) VALUES ('P9', '杯子', 100);"
                                "INSERT INTO stock (product_id, location_id, on_hand, reserved) "
                                "VALUES ('P9', 'TPE01', 5, 0)", &error));
  g_assert_no_error (error);

  g_assert_cmpint (device_mutate (f->dev, "tag.set", "{\"member_id\":\"" OPT_MEMBER "\","
                                  "\"tags\":[\"vip\",\"baby\"]}", "S0001", &error), >, 0);
  g_assert_cmpint (device_mutate (f->dev, "consent.withdraw", "{\"member_id\":\"" OPT_MEMBER "\"}",
                                  NULL, &error), >, 0);
  g_assert_cmpint (device_mutate (f->dev, "reservation.create",
                                  "{\"reservation_id\":\"R1\",\"member_id\":\"" OPT_MEMBER "\","
                                  "\"product_id\":\"P9\",\"store_id\":\"TPE01\",\"quantity\":2}",
                                  "S0001", &error), >, 0);
  g_assert_cmpint (device_mutate (f->dev, "reservation.create",
                                  "{\"reservation_id\":\"R2\",\"member_id\":\"" OPT_MEMBER "\","
                                  "\"product_id\":\"P9\",\"store_id\":\"TPE01\",\"quantity\":1}",
                                  "S0001", &error), >, 0);
  g_assert_cmpint (device_mutate (f->dev, "reservation.cancel", "{\"reservation_id\":\"R2\"}",
                                  "S0001", &error), >, 0);
  g_assert_no_error (error);

  /* At once, before any sync. */
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM member_tags WHERE member_id = '"
                                             OPT_MEMBER "'"), ==, 2);
  g_assert_cmpint (device_query_int (f->dev, "SELECT marketing FROM member_consents WHERE "
                                             "member_id = '" OPT_MEMBER "' ORDER BY seq DESC"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT reserved FROM stock WHERE product_id = 'P9'"),
                   ==, 2);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM reservations WHERE status = "
                                             "'open'"), ==, 1);

  /* Applying the queue again (what each pulled page does) changes nothing. */
  g_assert_nonnull (device_run (f->dev, rebase_job, NULL, &error));
  g_assert_nonnull (device_run (f->dev, rebase_job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (device_query_int (f->dev, "SELECT reserved FROM stock WHERE product_id = 'P9'"),
                   ==, 2);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM member_consents WHERE "
                                             "member_id = '" OPT_MEMBER "'"), ==, 2);
  sync_ok (f);

  /* After the sync: the hub has the tags and the withdrawal, the cache has the hub's rows
   * and no optimistic copy; the refused reservation is gone and its units are back. */
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT count(*) FROM member_tags WHERE member_id = '" OPT_MEMBER "'"),
                   ==, 2);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT marketing FROM member_consents WHERE member_id = '"
                               OPT_MEMBER "' ORDER BY seq DESC"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM member_consents WHERE seq > "
                                             "4503599627370496"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM member_consents WHERE "
                                             "member_id = '" OPT_MEMBER "'"), ==,
                   hub_query_int (&f->hub, "SELECT count(*) FROM member_consents WHERE member_id = '"
                               OPT_MEMBER "'"));
  g_assert_cmpint (device_query_int (f->dev, "SELECT marketing FROM member_consents WHERE "
                                             "member_id = '" OPT_MEMBER "' ORDER BY seq DESC"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM member_tags WHERE member_id = '"
                                             OPT_MEMBER "'"), ==, 2);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM reservations WHERE id = 'R1'"),
                   ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT reserved FROM stock WHERE product_id = 'P9'"),
                   ==, 0);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), >=, 1);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
}

static void
mutate_ok (SyncFixture *f,
           const char  *name,
           const char  *args)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (device_mutate (f->dev, name, args, "S0001", &error), >, 0);
  g_assert_no_error (error);
}

#define UNDO_MEMBER "00000000-0000-4000-8001-000000000001"
#define UNDO_B1 "00000000-0000-4000-8101-000000000002"

/* What the hub refuses leaves no trace in the cache once the pull says so: an invoice from
 * another retailer's till, a coupon the hub does not have, a binding with a bad source (and
 * the binding it ended locally is active again), a binding the hub answered with the one it
 * already had. What it accepts is there exactly once, as the hub has it. */
static void
test_undo_refused (SyncFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *enrol_args = NULL, *bind_args = NULL, *invoice_args = NULL;
  g_autofree char *foreign = NULL;
  const char *name;

  sync_ok (f);
  enrol_args = make_mutation (1, 1, &name);
  mutate_ok (f, name, enrol_args);
  bind_args = make_mutation (1, 2, &name);
  mutate_ok (f, name, bind_args);
  invoice_args = make_mutation (1, 4, &name);
  mutate_ok (f, name, invoice_args);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM invoices WHERE member_id = '"
                                             UNDO_MEMBER "' AND points > 0"), ==, 1);

  /* A coupon only this cache knows; the same invoice as another retailer's. */
  g_assert_nonnull (device_run (f->dev, exec_job, (gpointer)
                                "INSERT INTO coupons (code, member_id, title, value) VALUES "
                                "('LOCAL1', '" UNDO_MEMBER "', '折價券', 100)", &error));
  g_assert_no_error (error);
  foreign = g_strdup (invoice_args);
  memcpy (strstr (foreign, "24549210"), "12345678", 8);
  memcpy (strstr (foreign, "AB1"), "CD1", 3);
  mutate_ok (f, "invoice.register", foreign);
  mutate_ok (f, "coupon.redeem", "{\"code\":\"LOCAL1\",\"member_id\":\"" UNDO_MEMBER "\"}");
  mutate_ok (f, "binding.create", "{\"binding_id\":\"B-BAD\",\"member_id\":\"" UNDO_MEMBER "\","
                                  "\"associate_id\":\"S0002\",\"source\":\"bogus\"}");
  /* Optimistic: all three show at once, and the first binding was ended. */
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM invoices WHERE number LIKE 'CD1%'"),
                   ==, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT redeemed_at > 0 FROM coupons WHERE code = "
                                             "'LOCAL1'"), ==, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM bindings WHERE until = 0 AND "
                                             "id = 'B-BAD'"), ==, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT until FROM bindings WHERE id = '" UNDO_B1 "'"),
                   >, 0);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 3);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM invoices WHERE number LIKE 'CD1%'"),
                   ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT redeemed_at FROM coupons WHERE code = 'LOCAL1'"),
                   ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM bindings WHERE id = 'B-BAD'"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT until FROM bindings WHERE id = '" UNDO_B1 "'"),
                   ==, 0);

  /* The same associate again: the hub keeps its binding and says which. */
  mutate_ok (f, "binding.create", "{\"binding_id\":\"B-AGAIN\",\"member_id\":\"" UNDO_MEMBER "\"}");
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM bindings WHERE id = 'B-AGAIN'"), ==, 1);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_attention (f->dev->client), ==, 3);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM bindings WHERE id = 'B-AGAIN'"), ==, 0);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM bindings WHERE member_id = '"
                                             UNDO_MEMBER "' AND until = 0"), ==, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT until FROM bindings WHERE id = '" UNDO_B1 "'"),
                   ==, 0);
  /* The accepted ones, once each, as on the hub. */
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM invoices"), ==,
                   hub_query_int (&f->hub, "SELECT count(*) FROM invoices WHERE member_id = '" UNDO_MEMBER "'"));
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM invoices"), ==, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM bindings WHERE member_id = '"
                                             UNDO_MEMBER "'"), ==, 1);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
}

static AislePullResponse *
pull_limited (SyncFixture *f,
              const char  *token,
              gint64       cursor)
{
  g_autofree char *path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT "&limit=3",
                                           cursor);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  AislePullResponse *page;

  g_assert_cmpuint (call (&f->hub, NULL, "GET", path, token, NULL, &body), ==, 200);
  page = aisle_protocol_pull_response_read (body, -1, &error);
  g_assert_no_error (error);
  return page;
}

/* Each pull page says how many rows of the device's scope follow it: counted on the first page
 * of a run, then decreased by each page's rows; the same figure a fresh count gives, 0 at the
 * end. The client turns it into rows-total. */
static void
test_remaining (SyncFixture   *f,
                gconstpointer  data)
{
  g_autofree char *other = pair (&f->hub, "tablet");
  g_autoptr(AislePullResponse) first = NULL;
  gint64 cursor, remaining, received = 0;
  guint pages = 1;

  /* Enough rows for several pages of 3. */
  for (gint64 i = 1; i <= 6; i++)
    enrol (f, i);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_rows_total (f->dev->client), ==,
                    aisle_sync_client_get_rows_received (f->dev->client));

  first = pull_limited (f, f->hub.token, 0);
  g_assert_true (first->more);
  g_assert_cmpint (first->remaining, >, 6);
  cursor = first->cursor;
  remaining = first->remaining;
  received = first->changes->len;
  for (;;)
    {
      g_autoptr(AislePullResponse) page = pull_limited (f, f->hub.token, cursor);
      g_autoptr(AislePullResponse) fresh = pull_limited (f, other, cursor);

      pages++;
      received += page->changes->len;
      /* The other device starts its run one page later: its count there is fresh, and from
       * then on both runs agree page by page. */
      g_assert_cmpint (page->remaining, ==, fresh->remaining);
      g_assert_cmpint (page->cursor, ==, fresh->cursor);
      if (!page->more)
        {
          g_assert_cmpint (page->remaining, ==, 0);
          break;
        }
      g_assert_cmpint (page->remaining, ==, remaining - 3);
      remaining = page->remaining;
      cursor = page->cursor;
    }
  g_assert_cmpuint (pages, >=, 3);
  g_assert_cmpint (received, <=, first->remaining + 3);
}

static guint heal_id;

static gboolean
heal_cb (gpointer data)
{
  heal_id = 0;
  proxy_set_mode (data, PROXY_PASS);
  return G_SOURCE_REMOVE;
}

/* Drops, stalls, resets and a cut link while mutations are queued: after the network heals,
 * everything reached the hub exactly once. */
static void
test_network_faults (SyncFixture   *f,
                     gconstpointer  data)
{
  const ProxyMode faults[] = { PROXY_DROP, PROXY_STALL, PROXY_RESET, PROXY_CUT, PROXY_ERROR_500 };
  guint n = 0;

  sync_ok (f);
  for (guint round = 0; round < 10; round++)
    {
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < 5; k++)
        enrol (f, ++n);
      g_test_message ("round %u: fault %d", round, faults[round % G_N_ELEMENTS (faults)]);
      proxy_set_mode (f->proxy, faults[round % G_N_ELEMENTS (faults)]);
      if (round % 2 == 1)
        {
          /* Heal in the middle of the cycle: whatever was in flight may have been applied. */
          heal_id = g_timeout_add (g_random_int_range (1, 300), heal_cb, f->proxy);
          device_sync (f->dev, &error);
          g_clear_handle_id (&heal_id, g_source_remove);
          proxy_set_mode (f->proxy, PROXY_PASS);
        }
      else
        {
          g_assert_false (device_sync (f->dev, &error));
          g_assert_true (error->domain == AISLE_SYNC_ERROR);
          g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), >, 0);
          proxy_set_mode (f->proxy, PROXY_PASS);
        }
    }
  proxy_set_mode (f->proxy, PROXY_PASS);
  sync_ok (f);
  g_assert_cmpuint (aisle_sync_client_get_pending (f->dev->client), ==, 0);
  g_assert_cmpint (hub_members_like (f), ==, n);
  g_assert_cmpint (hub_query_int (&f->hub, "SELECT max(last_mutation_id) FROM devices"), ==, n);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members WHERE number IS NOT NULL"),
                   ==, n);
}

static void
state_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  g_ptr_array_add (user_data, GINT_TO_POINTER (aisle_sync_client_get_state (AISLE_SYNC_CLIENT (object))));
}

/* The scheduler: a mutation triggers a (debounced) sync, a failure backs off and retries,
 * "Sync now" runs at once. */
static void
test_scheduler (SyncFixture   *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) states = g_ptr_array_new ();

  aisle_sync_client_set_debounce_ms (f->dev->client, 50);
  aisle_sync_client_set_period (f->dev->client, 3600);
  g_signal_connect (f->dev->client, "notify::state", G_CALLBACK (state_cb), states);
  aisle_sync_client_start (f->dev->client);
  while (aisle_sync_client_get_last_success (f->dev->client) == 0)
    g_main_context_iteration (NULL, TRUE);
  enrol (f, 1);
  while (hub_members_like (f) < 1 || aisle_sync_client_get_pending (f->dev->client) > 0)
    g_main_context_iteration (NULL, TRUE);

  proxy_set_mode (f->proxy, PROXY_DROP);
  enrol (f, 2);
  while (aisle_sync_client_get_state (f->dev->client) != AISLE_SYNC_STATE_OFFLINE)
    g_main_context_iteration (NULL, TRUE);
  proxy_set_mode (f->proxy, PROXY_PASS);
  aisle_sync_client_sync_now (f->dev->client);
  while (aisle_sync_client_get_pending (f->dev->client) > 0 ||
         aisle_sync_client_get_state (f->dev->client) != AISLE_SYNC_STATE_IDLE)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (hub_members_like (f), ==, 2);
  g_assert_true (g_ptr_array_find (states, GINT_TO_POINTER (AISLE_SYNC_STATE_SYNCING), NULL));
  aisle_sync_client_stop (f->dev->client);
  g_signal_handlers_disconnect_by_data (f->dev->client, states);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(GPtrArray **) user_data = aisle_sync_client_lookup_members_finish (AISLE_SYNC_CLIENT (source),
                                                                       result, &error);
  g_assert_no_error (error);
}

/* Online lookup finds a member the cache does not have, and caches it. */
static void
test_lookup (SyncFixture   *f,
             gconstpointer  data)
{
  g_autoptr(Device) other = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->hub.dir, "other.db", NULL);
  g_autofree char *code = NULL;
  const char *name;
  g_autofree char *args = make_mutation (3, 1, &name);

  /* A member enrolled at TPE02 is outside TPE01's scope. */
  code = admin (&f->hub, NULL, "pair-code", "TPE02", "kiosk", NULL);
  other = device_open (other_path, f->hub.session);
  g_assert_true (device_pair (other, f->url, g_strstrip (code), &error));
  g_assert_cmpint (device_mutate (other, name, args, NULL, &error), >, 0);
  g_assert_true (device_sync (other, &error));
  sync_ok (f);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members WHERE phone = '0930000001'"),
                   ==, 0);
  aisle_sync_client_lookup_members_async (f->dev->client, "0930000001", NULL, lookup_cb, &found);
  while (found == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (device_query_int (f->dev, "SELECT count(*) FROM members WHERE phone = '0930000001'"),
                   ==, 1);
}

int
main (int    argc,
      char **argv)
{
  aisle_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

#define ADD(path, func) \
  g_test_add ("/aisle/sync/client/" path, SyncFixture, NULL, sync_setup, func, sync_teardown)
  ADD ("pair-initial", test_pair_initial);
  ADD ("hub-down", test_hub_down);
  ADD ("hub-500", test_hub_500);
  ADD ("revoked", test_revoked);
  ADD ("out-of-order", test_out_of_order);
  ADD ("disk-full", test_disk_full);
  ADD ("rejected", test_rejected);
  ADD ("optimistic", test_optimistic);
  ADD ("undo-refused", test_undo_refused);
  ADD ("remaining", test_remaining);
  ADD ("network-faults", test_network_faults);
  ADD ("scheduler", test_scheduler);
  ADD ("lookup", test_lookup);
  return g_test_run ();
}

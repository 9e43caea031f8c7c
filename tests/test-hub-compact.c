/* test-hub-compact.c: the change log's compaction (hub/aisle-hub-upkeep.c): superseded rows go,
 * and every device, whatever its cursor, ends with the same state as before.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real hub on loopback; entities change through SQL on the hub's file (the triggers log
 * them as any write does) or through pushes; devices pull over HTTP, and one real device
 * (AisleSyncClient with its own cache file) syncs from scratch after a compaction.
 */

#define G_LOG_DOMAIN "test-hub"

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "aisle-protocol.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

static void
hub_sql (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The fixture's hub, with its upkeep's first pass out of the way: only `admin compact` (or a
 * test that asks for a pass) compacts. */
static void
compact_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *sql = NULL;

  setup (f, data);
  sql = g_strdup_printf ("UPDATE hub_meta SET value = '%" G_GINT64_FORMAT "' "
                         "WHERE key = 'compact_pass_at'", g_get_real_time () / G_USEC_PER_SEC);
  hub_sql (f, sql);
}

static gint64
log_rows (Fixture    *f,
          const char *entity,
          const char *entity_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM change_log WHERE entity = '%s' "
                                          "AND entity_id = '%s'", entity, entity_id);

  return hub_query_int (f, sql);
}

/* `admin compact`; checks that what it says it removed is what went. */
static guint64
compact (Fixture *f)
{
  gint64 before = hub_query_int (f, "SELECT count(*) FROM change_log");
  gint64 max_seq = hub_query_int (f, "SELECT max(seq) FROM change_log");
  g_autofree char *out = admin (f, NULL, "compact", NULL);
  guint64 removed = 0, left = 0;

  g_assert_cmpint (sscanf (out, "removed %" G_GUINT64_FORMAT " superseded rows of the change "
                           "log, %" G_GUINT64_FORMAT " left", &removed, &left), ==, 2);
  g_assert_cmpint (hub_query_int (f, "SELECT count(*) FROM change_log"), ==, (gint64) left);
  g_assert_cmpint ((gint64) (removed + left), ==, before);
  /* The highest row stays: pull cursors are counted from max(seq). */
  g_assert_cmpint (hub_query_int (f, "SELECT max(seq) FROM change_log"), ==, max_seq);
  return removed;
}

static AislePullResponse *
pull_limit (Fixture    *f,
            const char *token,
            gint64      cursor,
            guint       limit)
{
  g_autofree char *path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT "&limit=%u",
                                           cursor, limit);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  AislePullResponse *response;

  g_assert_cmpuint (call (f, NULL, "GET", path, token, NULL, &body), ==, 200);
  response = aisle_protocol_pull_response_parse (body, -1, &error);
  g_assert_no_error (error);
  return response;
}

static guint
count_changes (AislePullResponse *r,
               const char        *entity,
               const char        *entity_id)
{
  guint n = 0;

  for (guint i = 0; i < r->changes->len; i++)
    {
      const AisleChange *c = g_ptr_array_index (r->changes, i);

      n += strcmp (c->entity, entity) == 0 && strcmp (c->entity_id, entity_id) == 0;
    }
  return n;
}

/* The last change of @entity/@entity_id in @r, or NULL. */
static const AisleChange *
last_change (AislePullResponse *r,
             const char        *entity,
             const char        *entity_id)
{
  for (guint i = r->changes->len; i > 0; i--)
    {
      const AisleChange *c = g_ptr_array_index (r->changes, i - 1);

      if (strcmp (c->entity, entity) == 0 && strcmp (c->entity_id, entity_id) == 0)
        return c;
    }
  return NULL;
}

/* A change's data as JSON text, however the parser kept it. */
static char *
change_json (const AisleChange *c)
{
  if (c->data_json != NULL)
    return g_strdup (c->data_json);
  return c->data != NULL ? aisle_protocol_to_string (c->data) : NULL;
}

static gint64
json_int (const AisleChange *c,
          const char        *member)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *o;

  g_assert_nonnull (c);
  g_assert_cmpstr (c->op, ==, AISLE_CHANGE_PUT);
  text = change_json (c);
  o = parse_object (text, &node);
  return json_object_get_int_member (o, member);
}

/* A device's cache as a map "entity\nid" -> data (or "-" once deleted), fed page by page. */
static gint64
apply_pages (Fixture    *f,
             const char *token,
             gint64      cursor,
             guint       limit,
             guint       max_pages,
             GHashTable *state,
             gboolean   *out_more)
{
  gboolean more = TRUE;

  for (guint page = 0; more && page < max_pages; page++)
    {
      g_autoptr(AislePullResponse) r = pull_limit (f, token, cursor, limit);

      for (guint i = 0; i < r->changes->len; i++)
        {
          const AisleChange *c = g_ptr_array_index (r->changes, i);

          g_hash_table_insert (state, g_strconcat (c->entity, "\n", c->entity_id, NULL),
                               strcmp (c->op, AISLE_CHANGE_PUT) == 0 ? change_json (c)
                                                                    : g_strdup ("-"));
        }
      cursor = r->cursor;
      more = r->more;
    }
  if (out_more != NULL)
    *out_more = more;
  return cursor;
}

static GHashTable *
state_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
assert_same_state (GHashTable *a,
                   GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
  g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
}

/* A member changed N times and a stock row changed N times: one row each is left for the stock
 * (the last), two for the member (its first and its last); a new device receives each once,
 * in its latest state. */
static void
test_compact_latest_once (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *tablet = NULL;
  g_autoptr(AislePullResponse) all = NULL;

  enrol_m1 (f);
  hub_sql (f, "INSERT INTO products (id, name, price) VALUES ('PX1', '保溫瓶', 59000);"
              "INSERT INTO stock (product_id, location_id, on_hand) VALUES ('PX1', 'TPE01', 1);");
  for (guint i = 0; i < 12; i++)
    hub_sql (f, "UPDATE members SET points = points + 10 WHERE id = '" M1 "';"
                "UPDATE stock SET on_hand = on_hand + 1 WHERE product_id = 'PX1';");
  g_assert_cmpint (log_rows (f, "member", M1), >=, 13);
  g_assert_cmpint (log_rows (f, "stock", "PX1@TPE01"), ==, 13);

  g_assert_cmpuint (compact (f), >=, 11 + 12);
  g_assert_cmpint (log_rows (f, "member", M1), ==, 2);
  g_assert_cmpint (log_rows (f, "stock", "PX1@TPE01"), ==, 1);
  g_assert_cmpint (log_rows (f, "product", "PX1"), ==, 1);
  /* Nothing left to do: a second pass removes nothing. */
  g_assert_cmpuint (compact (f), ==, 0);

  tablet = pair (f, "tablet");
  all = pull_all (f, tablet);
  g_assert_cmpuint (count_changes (all, "member", M1), ==, 1);
  g_assert_cmpint (json_int (last_change (all, "member", M1), "points"), ==,
                   hub_query_int (f, "SELECT points FROM members WHERE id = '" M1 "'"));
  g_assert_cmpuint (count_changes (all, "stock", "PX1@TPE01"), ==, 1);
  g_assert_cmpint (json_int (last_change (all, "stock", "PX1@TPE01"), "on_hand"), ==, 13);
}

static void
change_round (Fixture *f)
{
  hub_sql (f, "UPDATE stock SET on_hand = on_hand + 1 WHERE product_id LIKE 'PM%' "
              "AND CAST (substr (product_id, 3) AS INTEGER) % 2 = 0;"
              "UPDATE members SET points = points + 5 WHERE id = '" M1 "';"
              "UPDATE products SET price = price + 1 WHERE id IN ('PM03', 'PM07');"
              "UPDATE stock SET on_hand = on_hand + 1 WHERE product_id LIKE 'PM%' "
              "AND CAST (substr (product_id, 3) AS INTEGER) % 2 = 1;");
}

/* A device that pulled a few pages, then more changes came, then the compaction, and then it
 * pulled the rest: it ends with the same cache as a device that pulled everything after the
 * compaction, and as one that pulled it all before; pages of 7 rows, so entities straddle
 * pages. */
static void
test_compact_mid_sync (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *early = NULL, *fresh = NULL, *control = NULL;
  g_autoptr(GHashTable) early_state = state_new ();
  g_autoptr(GHashTable) fresh_state = state_new ();
  g_autoptr(GHashTable) control_state = state_new ();
  gboolean more = FALSE;
  gint64 cursor;

  enrol_m1 (f);
  hub_sql (f, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) "
              "INSERT INTO products (id, name, price) SELECT printf ('PM%02d', i), '襪子', i * 100 FROM n;"
              "INSERT INTO stock (product_id, location_id, on_hand) "
              "SELECT id, 'TPE01', 1 FROM products WHERE id LIKE 'PM%';");
  for (guint round = 0; round < 3; round++)
    change_round (f);
  early = pair (f, "tablet");
  control = pair (f, "tablet");
  fresh = pair (f, "tablet");
  cursor = apply_pages (f, early, 0, 7, 4, early_state, &more);
  g_assert_true (more);
  for (guint round = 0; round < 2; round++)
    change_round (f);
  /* What a device pulls from the log before any compaction. */
  apply_pages (f, control, 0, 7, G_MAXUINT, control_state, NULL);

  g_assert_cmpuint (compact (f), >, 50);

  apply_pages (f, early, cursor, 7, G_MAXUINT, early_state, NULL);
  apply_pages (f, fresh, 0, 7, G_MAXUINT, fresh_state, NULL);
  assert_same_state (control_state, early_state);
  assert_same_state (control_state, fresh_state);
  g_assert_nonnull (g_hash_table_lookup (fresh_state, "stock\nPM20@TPE01"));
  g_assert_nonnull (strstr (g_hash_table_lookup (fresh_state, "stock\nPM20@TPE01"),
                            "\"on_hand\":6"));
}

/* A member who moved home store: the old store's device, which had them, still hears of the
 * move and of what changed after it, though every change since is logged for both stores, one
 * right after the other. */
static void
test_compact_moved_store (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *other = NULL;
  g_autoptr(AislePullResponse) before = NULL;
  g_autoptr(AislePullResponse) after = NULL;
  g_autoptr(AislePullResponse) there = NULL;
  const AisleChange *c;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  enrol_m1 (f);
  before = pull_all (f, f->token);
  g_assert_true (has_change (before, "member", M1));

  hub_sql (f, "UPDATE members SET home_store_id = 'TPE02' WHERE id = '" M1 "';");
  for (guint i = 0; i < 3; i++)
    hub_sql (f, "UPDATE members SET points = points + 7 WHERE id = '" M1 "';");
  compact (f);

  after = pull_as (f, f->token, before->cursor);
  c = last_change (after, "member", M1);
  g_assert_nonnull (c);
  text = change_json (c);
  g_assert_cmpstr (json_object_get_string_member (parse_object (text, &node),
                                                  "home_store_id"), ==, "TPE02");
  g_assert_cmpint (json_int (c, "points"), ==, 21);

  other = pair_store (f, "TPE02", "tablet");
  there = pull_all (f, other);
  g_assert_cmpint (json_int (last_change (there, "member", M1), "points"), ==, 21);
}

/* Deletes: the pull sends an entity's present state whatever the row's op, so a delete
 * supersedes puts (a device that had the entity deletes it) and a put supersedes a delete (a
 * device gets the entity back). Results: a device's row is superseded by its own rows only. */
static void
test_compact_deletes_and_results (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *second = NULL;
  g_autofree char *out = NULL;
  g_autoptr(AislePullResponse) had = NULL;
  g_autoptr(AislePullResponse) after = NULL;
  g_autoptr(AislePullResponse) results1 = NULL;
  g_autoptr(AislePullResponse) results2 = NULL;
  const AisleChange *c;
  static const char rejected[] =
    "{\"mutations\":[{\"id\":1,\"name\":\"binding.create\",\"args\":{\"binding_id\":\"bx\","
    "\"member_id\":\"no-such-member\"},\"staff_id\":\"S0001\"}]}";

  hub_sql (f, "INSERT INTO products (id, name, price) VALUES ('PD1', '雨傘', 39000), "
              "('PD2', '雨衣', 49000);"
              "INSERT INTO stock (product_id, location_id, on_hand) VALUES ('PD1', 'TPE01', 3), "
              "('PD2', 'TPE01', 4);");
  had = pull_all (f, f->token);
  g_assert_true (has_change (had, "stock", "PD1@TPE01"));

  /* PD1's stock goes (logged as a delete, as an operator's tool would), after more puts;
   * PD2's is deleted, then comes back. */
  hub_sql (f, "UPDATE stock SET on_hand = 2 WHERE product_id = 'PD1';"
              "DELETE FROM stock WHERE product_id = 'PD1';"
              "INSERT INTO change_log (entity, entity_id, location_id, op) "
              "VALUES ('stock', 'PD1@TPE01', 'TPE01', 'delete');"
              "DELETE FROM stock WHERE product_id = 'PD2';"
              "INSERT INTO change_log (entity, entity_id, location_id, op) "
              "VALUES ('stock', 'PD2@TPE01', 'TPE01', 'delete');"
              "INSERT INTO stock (product_id, location_id, on_hand) VALUES ('PD2', 'TPE01', 9);");

  /* Two tablets of one store push a rejected mutation with the same id. */
  second = pair (f, "tablet");
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, rejected, &out), ==, 200);
  g_assert_nonnull (strstr (out, "\"rejected\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", second, rejected, &out), ==, 200);
  g_assert_nonnull (strstr (out, "\"rejected\""));
  g_assert_cmpint (log_rows (f, "result", "1"), ==, 2);

  compact (f);
  g_assert_cmpint (log_rows (f, "stock", "PD1@TPE01"), ==, 1);
  g_assert_cmpint (hub_query_int (f, "SELECT op = 'delete' FROM change_log "
                                     "WHERE entity_id = 'PD1@TPE01'"), ==, 1);
  g_assert_cmpint (log_rows (f, "stock", "PD2@TPE01"), ==, 1);
  g_assert_cmpint (log_rows (f, "result", "1"), ==, 2);

  after = pull_as (f, f->token, had->cursor);
  c = last_change (after, "stock", "PD1@TPE01");
  g_assert_nonnull (c);
  g_assert_cmpstr (c->op, ==, AISLE_CHANGE_DELETE);
  g_assert_cmpint (json_int (last_change (after, "stock", "PD2@TPE01"), "on_hand"), ==, 9);

  /* Each tablet gets its own result. */
  results1 = pull_all (f, f->token);
  results2 = pull_all (f, second);
  g_assert_cmpuint (results1->results->len, ==, 1);
  g_assert_cmpuint (results2->results->len, ==, 1);
  g_assert_cmpstr (((AisleMutationResult *) results1->results->pdata[0])->status, ==,
                   AISLE_RESULT_REJECTED);
}

/* A real device's first sync after a compaction. It applies pages in groups, one transaction
 * each with foreign keys checked at commit: the member must not arrive in a later group than
 * its order, which the member's first row (kept) sees to. Over 10,000 rows of other entities
 * lie between them, more than two of the device's pages. */
static void
test_compact_device_first_sync (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", f->port);
  g_autofree char *path = g_build_filename (f->dir, "device.db", NULL);
  g_autofree char *code = NULL;
  g_autoptr(Device) dev = NULL;
  g_autoptr(GError) error = NULL;

  enrol_m1 (f);
  hub_sql (f, "INSERT INTO orders (id, member_id, channel, fulfilment, status, store_id, total, "
              "placed_at) VALUES ('OC1', '" M1 "', 'store', 'in_store', 'completed', 'TPE01', "
              "12000, 1700000000);"
              /* Stores that no longer exist: deletes, cheap for both sides. */
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 11000) "
              "INSERT INTO change_log (entity, entity_id) SELECT 'store', printf ('GONE%05d', i) FROM n;"
              "UPDATE members SET points = points + 30 WHERE id = '" M1 "';");
  compact (f);
  g_assert_cmpint (log_rows (f, "member", M1), ==, 2);

  code = admin (f, NULL, "pair-code", "TPE01", "tablet", NULL);
  dev = device_open (path, f->session);
  g_assert_true (device_pair (dev, url, g_strstrip (code), &error));
  g_assert_no_error (error);
  g_assert_true (device_sync (dev, &error));
  g_assert_no_error (error);
  g_assert_cmpint (device_query_int (dev, "SELECT points FROM members WHERE id = '" M1 "'"), ==,
                   hub_query_int (f, "SELECT points FROM members WHERE id = '" M1 "'"));
  g_assert_cmpint (device_query_int (dev, "SELECT count(*) FROM orders WHERE id = 'OC1' "
                                          "AND member_id = '" M1 "'"), ==, 1);
}

/* The serving hub compacts on its own, in steps (more than one step's rows here), resuming
 * where the last step stopped. */
static void
test_compact_upkeep (Fixture       *f,
                     gconstpointer  data)
{
  gint64 deadline;

  hub_sql (f, "INSERT INTO products (id, name, price) VALUES ('PU1', '毛巾', 19900);"
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000) "
              "INSERT INTO change_log (entity, entity_id) SELECT 'store', printf ('GONE%05d', i) FROM n;"
              "UPDATE products SET price = price + 1 WHERE id = 'PU1';"
              "UPDATE products SET price = price + 1 WHERE id = 'PU1';"
              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000) "
              "INSERT INTO change_log (entity, entity_id) SELECT 'store', printf ('GONE%05d', i) FROM n;"
              "UPDATE products SET price = price + 1 WHERE id = 'PU1';");
  g_assert_cmpint (log_rows (f, "product", "PU1"), ==, 4);
  g_assert_cmpint (log_rows (f, "store", "GONE00001"), ==, 2);
  hub_sql (f, "UPDATE hub_meta SET value = '0' WHERE key = 'compact_pass_at'");

  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (hub_query_int (f, "SELECT value <> '0' FROM hub_meta WHERE key = 'compact_pass_at'") == 0 &&
         g_get_monotonic_time () < deadline)
    g_usleep (G_USEC_PER_SEC / 2);
  g_assert_cmpint (log_rows (f, "product", "PU1"), ==, 2);
  g_assert_cmpint (log_rows (f, "store", "GONE00001"), ==, 1);
  g_assert_cmpint (log_rows (f, "store", "GONE12000"), ==, 1);
  g_assert_cmpint (hub_query_int (f, "SELECT value FROM hub_meta WHERE key = 'compact_from'"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  aisle_test_init (&argc, &argv);
  signal (SIGPIPE, SIG_IGN);
#define ADD(path, func) \
  g_test_add ("/aisle/hub/compact/" path, Fixture, NULL, compact_setup, func, teardown)
  ADD ("latest-once", test_compact_latest_once);
  ADD ("mid-sync", test_compact_mid_sync);
  ADD ("moved-store", test_compact_moved_store);
  ADD ("deletes-and-results", test_compact_deletes_and_results);
  ADD ("device-first-sync", test_compact_device_first_sync);
  ADD ("upkeep", test_compact_upkeep);
  return g_test_run ();
}

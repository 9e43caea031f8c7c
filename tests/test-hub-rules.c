/* test-hub-rules.c: the manager's report auth, tiers from 12-month spend, last-seen times and
 * the empty-pull fast path.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hub"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "aisle-protocol.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"

/* GET /v1/reports/store as @token with the staff headers (either may be NULL). */
static guint
report (Fixture    *f,
        const char *token,
        const char *store,
        const char *staff,
        const char *pin,
        char      **out)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/v1/reports/store?store=%s&from=0&to=1",
                                          f->port, store);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (headers, "Authorization", auth);
    }
  if (staff != NULL)
    soup_message_headers_replace (headers, "X-Aisle-Staff", staff);
  if (pin != NULL)
    soup_message_headers_replace (headers, "X-Aisle-Staff-Pin", pin);
  body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    g_assert_true (aisle_protocol_parse_error_body (g_bytes_get_data (body, NULL),
                                                    (gssize) g_bytes_get_size (body), NULL, NULL));
  if (out != NULL)
    *out = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_message_get_status (msg);
}

static void
test_reports_auth (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *kiosk = pair (f, "kiosk");
  g_autofree char *other = pair_store (f, "TPE02", "tablet");
  g_autofree char *out = NULL;

  g_assert_cmpuint (report (f, NULL, "TPE01", "S0003", "1234", NULL), ==, 401);
  g_assert_cmpuint (report (f, "not-a-token", "TPE01", "S0003", "1234", NULL), ==, 401);
  g_assert_cmpuint (report (f, f->token, "TPE01", NULL, NULL, NULL), ==, 401);
  g_assert_cmpuint (report (f, f->token, "TPE01", "S0003", "9999", NULL), ==, 401);
  g_assert_cmpuint (report (f, f->token, "TPE01", "NOBODY", "1234", NULL), ==, 401);
  /* an associate with the right PIN, a kiosk, another store's device or store */
  g_assert_cmpuint (report (f, f->token, "TPE01", "S0001", "1234", NULL), ==, 403);
  g_assert_cmpuint (report (f, kiosk, "TPE01", "S0003", "1234", NULL), ==, 403);
  g_assert_cmpuint (report (f, other, "TPE01", "S0003", "1234", NULL), ==, 403);
  g_assert_cmpuint (report (f, f->token, "TPE02", "S0003", "1234", NULL), ==, 403);
  /* the manager of TPE01 on its tablet: the report (tests/test-hub-reports.c checks it) */
  g_assert_cmpuint (report (f, f->token, "TPE01", "S0003", "1234", &out), ==, 200);
  g_assert_nonnull (strstr (out, "\"store\":\"TPE01\""));
}

static AisleMember *
member (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (f->db, AISLE_STORE_OPEN_NONE, &error);
  AisleMember *m;

  g_assert_no_error (error);
  m = aisle_store_get_member (store, M1, &error);
  g_assert_no_error (error);
  return m;
}

static void
test_tiers (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *recent = NULL;
  g_autofree char *old = NULL;
  g_autofree char *refund = NULL;
  g_autoptr(AisleMember) m = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_free (admin (f, NULL, "setting", "set", "tier_silver_spend", "100000", NULL));
  g_free (admin (f, NULL, "setting", "set", "tier_gold_spend", "500000", NULL));
  enrol_m1 (f);
  m = member (f);
  g_assert_cmpstr (m->tier, ==, "basic");
  g_clear_pointer (&m, aisle_member_free);

  /* Spend older than 12 months does not count. */
  old = g_strdup_printf ("{\"order_id\":\"T0\",\"status\":\"paid\",\"member_id\":\"" M1 "\","
                         "\"total\":900000,\"placed_at\":%" G_GINT64_FORMAT "}", now - 400 * 86400);
  ingest (f, old);
  m = member (f);
  g_assert_cmpstr (m->tier, ==, "basic");
  g_clear_pointer (&m, aisle_member_free);

  recent = g_strdup_printf ("{\"order_id\":\"T1\",\"status\":\"paid\",\"member_id\":\"" M1 "\","
                            "\"total\":600000,\"placed_at\":%" G_GINT64_FORMAT "}", now - 86400);
  ingest (f, recent);
  m = member (f);
  g_assert_cmpstr (m->tier, ==, "gold");
  g_assert_cmpint (m->points, >, 0);
  g_clear_pointer (&m, aisle_member_free);

  /* A refund takes the spend and the points back; the balance never goes below zero. */
  refund = g_strdup_printf ("{\"order_id\":\"T1\",\"status\":\"refunded\",\"member_id\":\"" M1 "\","
                            "\"total\":600000,\"placed_at\":%" G_GINT64_FORMAT "}", now - 86400);
  ingest (f, refund);
  ingest (f, refund);
  m = member (f);
  g_assert_cmpstr (m->tier, ==, "basic");
  g_assert_cmpint (m->points, >=, 0);
  g_assert_cmpint (m->points, ==, 900000 / 10000);
}

static gint64
pulls_cached (Fixture *f)
{
  g_autofree char *text = metrics (f);
  const char *at = strstr (text, "\naisle_hub_pulls_cached_total ");

  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen ("\naisle_hub_pulls_cached_total "), NULL, 10);
}

/* The value of aisle_hub_device_last_seen_seconds for the only device of @mode. */
static gint64
last_seen (Fixture    *f,
           const char *mode)
{
  g_autofree char *text = metrics (f);
  g_autofree char *needle = g_strdup_printf ("mode=\"%s\"} ", mode);
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen (needle), NULL, 10);
}

static void
test_last_seen (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *kiosk = pair (f, "kiosk");
  g_autoptr(AislePullResponse) first = pull_as (f, kiosk, 0);
  g_autoptr(AislePullResponse) empty = NULL;
  gint64 paired = last_seen (f, "kiosk");
  gint64 before;

  /* Seconds resolution: let the clock move on, then call with an empty pull, which the
   * fast path answers without the database. */
  g_usleep (1100 * 1000);
  before = g_get_real_time () / G_USEC_PER_SEC;
  empty = pull_as (f, kiosk, first->cursor);
  g_assert_cmpuint (empty->changes->len, ==, 0);
  g_assert_cmpint (pulls_cached (f), ==, 1);
  g_assert_cmpint (last_seen (f, "kiosk"), >=, before);
  g_assert_cmpint (last_seen (f, "kiosk"), >, paired);

  /* and it is written to the database (on shutdown at the latest) */
  stop_hub (f, SIGTERM);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AisleStore) store = aisle_store_open (f->db, AISLE_STORE_OPEN_NONE, &error);
    g_autofree char *out = admin (f, NULL, "devices", "list", NULL);
    g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (before);
    g_autofree char *iso = g_date_time_format_iso8601 (t);
    g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; lines[i] != NULL; i++)
      if (strstr (lines[i], "kiosk") != NULL)
        found = g_strcmp0 (strrchr (lines[i], ' ') + 1, iso) >= 0;
    g_assert_true (found);
  }
  start_hub (f);
}

static void
test_fast_path (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(AislePullResponse) all = pull_all (f, f->token);
  g_autoptr(AislePullResponse) empty = NULL;
  g_autoptr(AislePullResponse) after = NULL;
  g_autoptr(AislePullResponse) again = NULL;
  g_autofree char *out = NULL;
  g_autofree char *list = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *id = NULL;

  /* Cached and at the end: empty, with the cursor kept. */
  empty = pull_as (f, f->token, all->cursor);
  g_assert_cmpuint (empty->changes->len, ==, 0);
  g_assert_cmpint (empty->cursor, ==, all->cursor);
  g_assert_cmpint (empty->last_mutation_id, ==, 0);
  g_assert_cmpint (pulls_cached (f), ==, 1);

  /* A push moves last_mutation_id and the log: the next pull must see both. */
  enrol_m1 (f);
  after = pull_as (f, f->token, all->cursor);
  g_assert_true (has_change (after, "member", M1));
  g_assert_cmpint (after->last_mutation_id, ==, 1);
  g_clear_pointer (&empty, aisle_pull_response_free);
  empty = pull_as (f, f->token, after->cursor);
  g_assert_cmpuint (empty->changes->len, ==, 0);
  g_assert_cmpint (empty->last_mutation_id, ==, 1);
  g_assert_cmpint (pulls_cached (f), ==, 2);

  /* Another process's write (an import) is seen by the very next pull. */
  path = g_build_filename (f->dir, "p.csv", NULL);
  g_assert_true (g_file_set_contents (path, "id,name,price\nP9,Tea,30\n", -1, NULL));
  g_free (admin (f, NULL, "import", "products", path, NULL));
  again = pull_as (f, f->token, after->cursor);
  g_assert_true (has_change (again, "product", "P9"));

  /* A revocation by aisle-hub admin takes effect at once, even for an empty pull. */
  list = admin (f, NULL, "devices", "list", NULL);
  lines = g_strsplit (list, "\n", -1);
  id = g_strndup (lines[1], 36);
  g_free (admin (f, NULL, "devices", "revoke", id, NULL));
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT, again->cursor);
  g_clear_pointer (&out, g_free);
  g_assert_cmpuint (call (f, NULL, "GET", path, f->token, NULL, &out), ==, 403);
}

typedef struct
{
  Fixture *f;
  char    *token;
  guint    device;
  guint    ok;
} Pusher;

static gpointer
push_many (gpointer data)
{
  Pusher *p = data;
  g_autoptr(SoupSession) session = soup_session_new ();

  for (guint id = 1; id <= 20; id++)
    {
      g_autofree char *body = g_strdup_printf ("{\"mutations\":[{\"id\":%u,\"name\":\"note.add\","
                                               "\"args\":{\"note_id\":\"n-%u-%u\",\"member_id\":"
                                               "\"" M1 "\",\"text\":\"x\"},\"staff_id\":\"S0001\"}]}",
                                               id, p->device, id);
      g_autofree char *out = NULL;

      if (call (p->f, session, "POST", "/v1/sync/push", p->token, body, &out) == 200 &&
          strstr (out, "\"applied\"") != NULL)
        p->ok++;
    }
  return NULL;
}

/* Pushes from several devices at once are committed in groups: each still exactly once. */
static void
test_concurrent_pushes (Fixture       *f,
                        gconstpointer  data)
{
  Pusher pushers[6];
  GThread *threads[G_N_ELEMENTS (pushers)];
  g_autoptr(AislePullResponse) all = NULL;
  guint notes = 0;

  enrol_m1 (f);
  for (guint i = 0; i < G_N_ELEMENTS (pushers); i++)
    {
      pushers[i] = (Pusher) { f, pair (f, "tablet"), i, 0 };
      threads[i] = g_thread_new ("pusher", push_many, &pushers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pushers); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (pushers[i].ok, ==, 20);
    }
  all = pull_all (f, f->token);
  for (guint i = 0; i < all->changes->len; i++)
    {
      const AisleChange *c = g_ptr_array_index (all->changes, i);

      if (strcmp (c->entity, "note") == 0)
        notes++;
    }
  g_assert_cmpuint (notes, ==, 20 * G_N_ELEMENTS (pushers));
  for (guint i = 0; i < G_N_ELEMENTS (pushers); i++)
    {
      g_autoptr(AislePullResponse) mine = pull_as (f, pushers[i].token, all->cursor);

      g_assert_cmpint (mine->last_mutation_id, ==, 20);
      g_free (pushers[i].token);
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  aisle_test_init (&argc, &argv);
  signal (SIGPIPE, SIG_IGN);
#define ADD(path, func) g_test_add ("/aisle/hub/" path, Fixture, NULL, setup, func, teardown)
  ADD ("reports/auth", test_reports_auth);
  ADD ("points/tiers", test_tiers);
  ADD ("devices/last-seen", test_last_seen);
  ADD ("pull/fast-path", test_fast_path);
  ADD ("push/concurrent", test_concurrent_pushes);
  return g_test_run ();
}

/* test-hub-sync.c: the hub over HTTP on loopback: pairing, push/pull exactly once, rules,
 * the webhook, bad input, and a SIGKILL between push and pull.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub runs as a subprocess of the built binary (AISLE_HUB) on a real SQLite file in a
 * temporary directory, so a test can kill it with SIGKILL and start it again.
 */

#define G_LOG_DOMAIN "test-hub"

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <string.h>

#include "aisle-protocol.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"

#define ENROL(id, mid, phone) \
  "{\"id\":" #id ",\"name\":\"member.enrol\",\"args\":{\"member_id\":\"" mid "\",\"name\":\"陳大文\"," \
  "\"phone\":\"" phone "\",\"consent\":{\"policy_version\":\"2026-01\",\"text_hash\":\"ab\"," \
  "\"privacy\":true,\"marketing\":false}}}"
#define M2 "22222222-2222-4222-8222-222222222222"

static void
test_pair (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *code = admin (f, NULL, "pair-code", "TPE01", "kiosk", NULL);
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\"}", g_strstrip (code));

  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL, body, NULL), ==, 200);
  /* replayed */
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL, body, NULL), ==, 401);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL, "{\"code\":\"NOPE-NOPE-NOPE\"}", NULL), ==, 401);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL, "{\"code\":", NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL, "{\"code\":42}", NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL, "{\"code\":\"x\",\"extra\":1}", NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/pair", NULL,
                          "{\"code\":\"x\",\"public_key\":\"not a key\"}", NULL), ==, 400);
}

static void
test_push_exactly_once (Fixture       *f,
                        gconstpointer  data)
{
  const char *batch = "{\"mutations\":[" ENROL (1, M1, "0912345678") "," ENROL (2, M2, "0912-345-678")
                      ",{\"id\":3,\"name\":\"no.such\",\"args\":{}}]}";
  g_autofree char *out = NULL;
  g_autofree char *replay = NULL;
  g_autofree char *pulled = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(AislePullResponse) pull = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 last = 0;
  guint members = 0;

  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, batch, &out), ==, 200);
  results = aisle_protocol_push_response_parse (out, -1, &last, NULL);
  g_assert_nonnull (results);
  g_assert_cmpint (last, ==, 3);
  g_assert_cmpstr (((AisleMutationResult *) results->pdata[0])->status, ==, "applied");
  /* a known number: no second member, the result says "existing" */
  g_assert_nonnull (strstr (((AisleMutationResult *) results->pdata[1])->detail_json, "existing"));
  g_assert_cmpstr (((AisleMutationResult *) results->pdata[2])->status, ==, "rejected");

  /* the same batch again: all duplicates, nothing applied twice */
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, batch, &replay), ==, 200);
  g_assert_null (strstr (replay, "\"applied\""));
  g_assert_nonnull (strstr (replay, "\"duplicate\""));

  /* out of order: refused, last_mutation_id unchanged */
  g_clear_pointer (&out, g_free);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token,
                          "{\"mutations\":[" ENROL (5, "55555555-5555-4555-8555-555555555555", "0922000000") "]}",
                          &out), ==, 409);
  g_assert_nonnull (strstr (out, "out_of_order"));

  g_assert_cmpuint (call (f, NULL, "GET", "/v1/sync/pull?cursor=0", f->token, NULL, &pulled), ==, 200);
  pull = aisle_protocol_pull_response_parse (pulled, -1, NULL);
  g_assert_nonnull (pull);
  g_assert_cmpint (pull->last_mutation_id, ==, 3);
  g_assert_false (pull->more);
  for (guint i = 0; i < pull->changes->len; i++)
    {
      AisleChange *c = g_ptr_array_index (pull->changes, i);

      if (g_strcmp0 (c->entity, "member") == 0)
        {
          g_autoptr(AisleMember) m = aisle_protocol_member_from_json (c->data, NULL);
          g_autoptr(JsonNode) again = NULL;

          /* the hub's SQL-built JSON and core's codec agree on the shape */
          g_assert_nonnull (m);
          again = aisle_protocol_member_to_json (m);
          g_assert_true (json_node_equal (again, c->data));
          members++;
        }
    }
  g_assert_cmpuint (members, ==, 1);
  /* the rejection and the "existing" outcome come back by pull */
  g_assert_cmpuint (pull->results->len, ==, 2);

  /* an empty pull from the returned cursor */
  {
    g_autofree char *path = g_strdup_printf ("/v1/sync/pull?cursor=%" G_GINT64_FORMAT, pull->cursor);
    g_autofree char *empty = NULL;
    g_autoptr(AislePullResponse) p2 = NULL;

    g_assert_cmpuint (call (f, NULL, "GET", path, f->token, NULL, &empty), ==, 200);
    p2 = aisle_protocol_pull_response_parse (empty, -1, NULL);
    g_assert_cmpuint (p2->changes->len, ==, 0);
    g_assert_cmpuint (p2->results->len, ==, 0);
  }
  (void) parse_object;
  (void) keep;
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *big = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpuint (call (f, NULL, "GET", "/v1/sync/pull", NULL, NULL, NULL), ==, 401);
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/sync/pull", "bad-token", NULL, NULL), ==, 401);
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/sync/pull?cursor=-1", f->token, NULL, NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/sync/pull?cursor=abc", f->token, NULL, NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, "not json", NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, "[1]", NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token,
                          "{\"mutations\":[{\"id\":\"1\",\"name\":\"x\",\"args\":{}}]}", NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token,
                          "{\"mutations\":[],\"surprise\":true}", NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/nothing", NULL, NULL, NULL), ==, 404);
  g_assert_cmpuint (call (f, NULL, "DELETE", "/v1/sync/push", f->token, NULL, NULL), ==, 405);
  big = g_strnfill (2 * 1024 * 1024, ' ');
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, big, NULL), ==, 413);

  /* wrong argument types and missing fields are rejections, not crashes */
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token,
                          "{\"mutations\":[{\"id\":1,\"name\":\"member.enrol\",\"args\":{\"member_id\":7}},"
                          "{\"id\":2,\"name\":\"note.add\",\"args\":{\"note_id\":\"n\"},\"staff_id\":\"S0001\"},"
                          "{\"id\":3,\"name\":\"coupon.redeem\",\"args\":{\"code\":\"CP0001\",\"x\":1},\"staff_id\":\"S0001\"},"
                          "{\"id\":4,\"name\":\"coupon.redeem\",\"args\":{\"code\":\"CP0001\"},\"staff_id\":\"S9999\"}]}",
                          &out), ==, 200);
  g_assert_null (strstr (out, "\"applied\""));
  g_assert_nonnull (strstr (out, "\"last_mutation_id\":4"));
  g_assert_cmpuint (call (f, NULL, "GET", "/healthz", NULL, NULL, NULL), ==, 200);
}

static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *list = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *id = NULL;

  list = admin (f, NULL, "devices", "list", NULL);
  lines = g_strsplit (list, "\n", -1);
  id = g_strndup (lines[1], 36);
  g_free (admin (f, NULL, "devices", "revoke", id, NULL));
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/sync/pull", f->token, NULL, &out), ==, 403);
  g_assert_nonnull (strstr (out, "device_revoked"));
}

typedef struct
{
  Fixture    *f;
  const char *token;
  char       *out;
  GMutex     *lock;
  GCond      *cond;
  gboolean   *go;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *r = data;
  g_autoptr(SoupSession) session = soup_session_new ();

  g_mutex_lock (r->lock);
  while (!*r->go)
    g_cond_wait (r->cond, r->lock);
  g_mutex_unlock (r->lock);
  call (r->f, session, "POST", "/v1/sync/push", r->token,
        "{\"mutations\":[{\"id\":1,\"name\":\"coupon.redeem\",\"args\":{\"code\":\"CP0001\"},"
        "\"staff_id\":\"S0001\"}]}", &r->out);
  return NULL;
}

static void
test_coupon_race (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *other = pair (f, "tablet");
  GMutex lock;
  GCond cond;
  gboolean go = FALSE;
  Racer a = { f, f->token, NULL, &lock, &cond, &go };
  Racer b = { f, other, NULL, &lock, &cond, &go };
  GThread *ta, *tb;
  guint wins;

  g_mutex_init (&lock);
  g_cond_init (&cond);
  ta = g_thread_new ("a", race, &a);
  tb = g_thread_new ("b", race, &b);
  g_mutex_lock (&lock);
  go = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);
  g_thread_join (ta);
  g_thread_join (tb);
  wins = (strstr (a.out, "\"applied\"") != NULL) + (strstr (b.out, "\"applied\"") != NULL);
  g_assert_cmpuint (wins, ==, 1);
  g_assert_true (strstr (a.out, "already used") != NULL || strstr (b.out, "already used") != NULL);
  g_free (a.out);
  g_free (b.out);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

static void
test_binding_and_invoice (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_strdup_printf ("%03d%02d%02d", g_date_time_get_year (now) - 1911,
                                           g_date_time_get_month (now),
                                           g_date_time_get_day_of_month (now));
  g_autofree char *batch = g_strdup_printf (
    "{\"mutations\":[" ENROL (1, M1, "0912345678") ","
    "{\"id\":2,\"name\":\"binding.create\",\"args\":{\"binding_id\":\"b1\",\"member_id\":\"" M1 "\"},\"staff_id\":\"S0001\"},"
    "{\"id\":3,\"name\":\"binding.create\",\"args\":{\"binding_id\":\"b2\",\"member_id\":\"" M1 "\"},\"staff_id\":\"S0002\"},"
    "{\"id\":4,\"name\":\"binding.create\",\"args\":{\"binding_id\":\"b3\",\"member_id\":\"" M1 "\",\"associate_id\":\"S0002\"},\"staff_id\":\"S0003\"},"
    "{\"id\":5,\"name\":\"invoice.register\",\"args\":{\"number\":\"AB12345678\",\"date\":\"%s\",\"random_code\":\"1234\",\"seller_id\":\"24549210\",\"total\":123400,\"member_id\":\"" M1 "\"}},"
    "{\"id\":6,\"name\":\"invoice.register\",\"args\":{\"number\":\"AB12345678\",\"date\":\"%s\",\"random_code\":\"1234\",\"seller_id\":\"24549210\",\"total\":123400,\"member_id\":\"" M1 "\"}},"
    "{\"id\":7,\"name\":\"invoice.register\",\"args\":{\"number\":\"AB12345679\",\"date\":\"%s\",\"random_code\":\"1234\",\"seller_id\":\"99999999\",\"total\":100,\"member_id\":\"" M1 "\"}},"
    "{\"id\":8,\"name\":\"invoice.register\",\"args\":{\"number\":\"AB12345670\",\"date\":\"1000101\",\"random_code\":\"1234\",\"seller_id\":\"24549210\",\"total\":100,\"member_id\":\"" M1 "\"}}"
    "]}", date, date, date);
  g_autoptr(GPtrArray) results = NULL;
  gint64 last = 0;
  const char *expect[] = { "applied", "applied", "rejected", "applied", "applied", "rejected",
                           "rejected", "rejected" };

  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, batch, &out), ==, 200);
  results = aisle_protocol_push_response_parse (out, -1, &last, NULL);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < results->len; i++)
    {
      AisleMutationResult *r = g_ptr_array_index (results, i);

      if (g_strcmp0 (r->status, expect[i]) != 0)
        g_error ("mutation %u: %s (%s), expected %s", i + 1, r->status, r->message, expect[i]);
    }
  /* the lock period names the date; the manager's rebind went through */
  g_assert_nonnull (strstr (((AisleMutationResult *) results->pdata[2])->message, "lock period"));

  {
    g_autofree char *members = NULL;

    g_assert_cmpuint (call (f, NULL, "GET", "/v1/members?phone=0912345678", f->token, NULL, &members), ==, 200);
    /* NT$1,234 at one point per NT$100: 12 points, credited once */
    g_assert_nonnull (strstr (members, "\"points\":12"));
  }
}

static void
test_ingest (Fixture       *f,
             gconstpointer  data)
{
  const char *secret = "0123456789abcdef0123";
  const char *order = "{\"order_id\":\"A1001\",\"status\":\"paid\",\"phone\":\"0912345678\",\"total\":50000}";
  const char *refund = "{\"order_id\":\"A1001\",\"status\":\"refunded\",\"phone\":\"0912345678\",\"total\":50000}";
  g_autofree char *sig = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret,
                                                    strlen (secret), order, -1);
  g_autofree char *sig2 = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret,
                                                     strlen (secret), refund, -1);
  g_autofree char *out = NULL;
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/v1/ingest/orders", f->port);
  struct { const char *body; const char *sig; guint status; const char *expect; } steps[] = {
    { order, "sha256=00", 401, NULL },
    { order, sig, 200, "created" },
    { order, sig, 200, "updated" },
    { refund, sig2, 200, "updated" },
  };

  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token,
                          "{\"mutations\":[" ENROL (1, M1, "0912345678") "]}", NULL), ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) body = g_bytes_new_static (steps[i].body, strlen (steps[i].body));
      g_autoptr(GBytes) response = NULL;
      g_autofree char *header = g_str_has_prefix (steps[i].sig, "sha256=") ? g_strdup (steps[i].sig)
                                                                         : g_strconcat ("sha256=", steps[i].sig, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Aisle-Channel", "web");
      soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Aisle-Signature", header);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      response = soup_session_send_and_read (f->session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, steps[i].status);
      if (steps[i].expect != NULL)
        g_assert_nonnull (g_strstr_len (g_bytes_get_data (response, NULL), g_bytes_get_size (response),
                                        steps[i].expect));
    }
  /* 5 points earned by the order, reversed by the refund */
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/members?phone=0912345678", f->token, NULL, &out), ==, 200);
  g_assert_nonnull (strstr (out, "\"points\":0"));
}

static void
test_kiosk_lookup_forbidden (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *kiosk = pair (f, "kiosk");

  g_assert_cmpuint (call (f, NULL, "GET", "/v1/members?phone=0912345678", kiosk, NULL, NULL), ==, 403);
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/members?phone=0912345678", f->token, NULL, NULL), ==, 200);
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/members", f->token, NULL, NULL), ==, 400);
}

static void
test_sigkill (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(AislePullResponse) pull = NULL;
  const char *batch = "{\"mutations\":[" ENROL (1, M1, "0912345678") "," ENROL (2, M2, "0933444555") "]}";

  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, batch, NULL), ==, 200);
  stop_hub (f, SIGKILL);
  start_hub (f);
  /* the device never saw a pull: it pushes again, and nothing is applied twice */
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, batch, &out), ==, 200);
  g_assert_null (strstr (out, "\"applied\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpuint (call (f, NULL, "GET", "/v1/sync/pull?cursor=0", f->token, NULL, &out), ==, 200);
  pull = aisle_protocol_pull_response_parse (out, -1, NULL);
  g_assert_cmpint (pull->last_mutation_id, ==, 2);
  {
    guint members = 0;

    for (guint i = 0; i < pull->changes->len; i++)
      members += g_strcmp0 (((AisleChange *) pull->changes->pdata[i])->entity, "member") == 0;
    g_assert_cmpuint (members, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  /* SoupSession would ask GSettings for the desktop's proxy; tests have no schemas. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  aisle_test_init (&argc, &argv);
  signal (SIGPIPE, SIG_IGN);
#define ADD(path, func) g_test_add ("/aisle/hub/" path, Fixture, NULL, setup, func, teardown)
  ADD ("pair", test_pair);
  ADD ("push/exactly-once", test_push_exactly_once);
  ADD ("bad-input", test_bad_input);
  ADD ("revoked", test_revoked);
  ADD ("coupon/race", test_coupon_race);
  ADD ("rules/binding-invoice", test_binding_and_invoice);
  ADD ("ingest", test_ingest);
  ADD ("members/kiosk", test_kiosk_lookup_forbidden);
  ADD ("sigkill", test_sigkill);
  return g_test_run ();
}

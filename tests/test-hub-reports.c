/* test-hub-reports.c: the store report's figures and drill-downs against a hand-built
 * fixture, whose expected figures this file works out on its own from the fixture's rows
 * (plain loops over the arrays below, Taipei time as UTC+8 by hand), never by the hub's SQL.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-hub"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "aisle-protocol.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "test-hub-fixture.h"

#define DAY 86400
#define MID(n) "00000000-0000-4000-8000-00000000000" #n

/* Unix seconds of a wall-clock time in Taipei (UTC+8, no daylight saving since 1979). */
static gint64
taipei (int y, int mo, int d, int h, int mi, int s)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (y, mo, d, h, mi, s);

  return g_date_time_to_unix (utc) - 8 * 3600;
}

typedef struct
{
  const char *id;
  const char *member;        /* NULL: anonymous */
  const char *channel;
  const char *status;
  const char *store;         /* where rung up or picked up */
  const char *credited;      /* store credited */
  const char *staff;         /* associate credited */
  gint64      total;
  int         y, mo, d, h, mi, s;   /* Taipei time */
} Row;

/* The period is March 2026 in Taipei. */
static const Row rows[] = {
  /* exactly at the period's start (Taipei midnight = 16:00 UTC the day before): in */
  { "o01", MID (1), "store", "completed", "TPE01", "TPE01", "S0001", 1000, 2026, 3, 1, 0, 0, 0 },
  { "o02", MID (1), "online", "delivered", NULL, "TPE01", "S0002", 2000, 2026, 3, 10, 12, 0, 0 },
  /* one second before the start in Taipei, the same UTC day as the start: out */
  { "o03", MID (2), "store", "completed", "TPE01", "TPE01", "S0001", 500, 2026, 2, 28, 23, 59, 59 },
  /* the last second of the period */
  { "o04", MID (2), "store", "completed", "TPE01", "TPE01", "S0002", 700, 2026, 3, 31, 23, 59, 59 },
  { "o05", MID (3), "store", "refunded", "TPE01", "TPE01", "S0001", 900, 2026, 3, 5, 10, 0, 0 },
  { "o06", MID (3), "app", "completed", NULL, "TPE01", NULL, 300, 2026, 3, 5, 11, 0, 0 },
  /* exactly at the period's end: out */
  { "o07", MID (4), "store", "completed", "TPE01", "TPE01", "S0002", 400, 2026, 4, 1, 0, 0, 0 },
  /* another store's */
  { "o08", MID (5), "store", "completed", "TPE02", "TPE02", NULL, 800, 2026, 3, 3, 9, 0, 0 },
  { "o09", MID (5), "online", "delivered", NULL, "TPE02", NULL, 850, 2026, 3, 3, 9, 30, 0 },
  { "o10", NULL, "store", "completed", "TPE01", "TPE01", "S0001", 250, 2026, 3, 15, 15, 0, 0 },
  { "o11", MID (1), "store", "completed", "TPE01", "TPE01", "S0001", 1500, 2026, 3, 20, 18, 30, 0 },
  /* long before: sleeping at the start, lost at the end */
  { "o12", MID (6), "store", "completed", "TPE01", "TPE01", "S0001", 600, 2025, 10, 1, 12, 0, 0 },
  { "o13", MID (4), "online", "cancelled", NULL, "TPE01", "S0002", 999, 2026, 3, 12, 8, 0, 0 },
  /* picked up here but credited to another store: not this store's */
  { "o14", MID (5), "online", "completed", "TPE01", "TPE02", NULL, 450, 2026, 3, 20, 10, 0, 0 },
};

typedef struct
{
  const char *id;
  const char *member;
  const char *staff;
  int         since_mo, since_d;    /* 2026, Taipei noon */
  int         until_mo, until_d;    /* 0: still bound */
} Bind;

static const Bind binds[] = {
  { "b1", MID (1), "S0001", 1, 1, 0, 0 },
  { "b2", MID (2), "S0002", 3, 5, 0, 0 },
  { "b3", MID (3), "S0002", 2, 1, 3, 15 },
  { "b4", MID (3), "S0001", 3, 15, 0, 0 },
  /* ends after the period: still bound at its end */
  { "b5", MID (4), "S0002", 2, 1, 4, 10 },
};

static gint64 period_from, period_to;

static gboolean
row_in_store (const Row *r)
{
  if (strcmp (r->channel, "store") == 0)
    return g_strcmp0 (r->store, "TPE01") == 0;
  return g_strcmp0 (r->credited, "TPE01") == 0;
}

static gint64
row_at (const Row *r)
{
  return taipei (r->y, r->mo, r->d, r->h, r->mi, r->s);
}

static gboolean
row_voided (const Row *r)
{
  return strcmp (r->status, "refunded") == 0 || strcmp (r->status, "cancelled") == 0;
}

static gboolean
row_in_period (const Row *r)
{
  return row_in_store (r) && row_at (r) >= period_from && row_at (r) < period_to;
}

static void
seed_fixture (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  g_autofree char *out = NULL;
  g_autofree char *push = NULL;

  /* M7 is signed up on the tablet by S0001 in the period (the member.enrol rule). */
  push = g_strdup_printf ("{\"mutations\":[{\"id\":1,\"name\":\"member.enrol\",\"staff_id\":\"S0001\","
                          "\"created_at\":%" G_GINT64_FORMAT ",\"args\":{\"member_id\":\"" MID (7) "\","
                          "\"name\":\"陳大文\",\"phone\":\"0912345678\",\"consent\":{\"policy_version\":"
                          "\"2026-01\",\"text_hash\":\"ab\",\"privacy\":true,\"marketing\":false}}}]}",
                          taipei (2026, 3, 8, 10, 0, 0));
  g_assert_cmpuint (call (f, NULL, "POST", "/v1/sync/push", f->token, push, &out), ==, 200);
  g_assert_nonnull (strstr (out, "\"applied\""));

  stop_hub (f, SIGTERM);
  store = aisle_store_open (f->db, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= 6; i++)
    {
      g_autoptr(AisleMember) m = aisle_member_new ();

      m->id = g_strdup_printf ("00000000-0000-4000-8000-00000000000%u", i);
      m->number = g_strdup_printf ("2000000%u", i);
      m->name = g_strdup_printf ("會員%u", i);
      m->tier = g_strdup ("basic");
      m->home_branch_id = g_strdup (i == 5 ? "TPE02" : "TPE01");
      /* M2 joined by themself at the kiosk in the period; the others long before */
      m->enrolled_at = i == 2 ? taipei (2026, 3, 2, 9, 0, 0) : taipei (2025, 1, 1, 9, 0, 0);
      g_assert_true (aisle_store_upsert_member (store, m, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(AisleOrder) o = aisle_order_new ();
      const Row *r = &rows[i];

      o->id = g_strdup (r->id);
      o->member_id = g_strdup (r->member);
      o->channel = strcmp (r->channel, "store") == 0 ? AISLE_CHANNEL_STORE
                 : strcmp (r->channel, "app") == 0 ? AISLE_CHANNEL_APP : AISLE_CHANNEL_ONLINE;
      o->fulfilment = o->channel == AISLE_CHANNEL_STORE ? AISLE_FULFILMENT_IN_STORE
                    : r->store != NULL ? AISLE_FULFILMENT_PICKUP : AISLE_FULFILMENT_DELIVERY;
      o->status = strcmp (r->status, "completed") == 0 ? AISLE_ORDER_STATUS_COMPLETED
                : strcmp (r->status, "delivered") == 0 ? AISLE_ORDER_STATUS_DELIVERED
                : strcmp (r->status, "refunded") == 0 ? AISLE_ORDER_STATUS_REFUNDED
                : AISLE_ORDER_STATUS_CANCELLED;
      o->branch_id = g_strdup (r->store);
      o->credited_branch_id = g_strdup (r->credited);
      o->credited_staff_id = g_strdup (r->staff);
      o->total = r->total;
      o->placed_at = row_at (r);
      g_assert_true (aisle_store_upsert_order (store, o, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (binds); i++)
    {
      g_autoptr(AisleBinding) b = aisle_binding_new ();

      b->id = g_strdup (binds[i].id);
      b->member_id = g_strdup (binds[i].member);
      b->staff_id = g_strdup (binds[i].staff);
      b->branch_id = g_strdup ("TPE01");
      b->since = taipei (2026, binds[i].since_mo, binds[i].since_d, 12, 0, 0);
      b->until = binds[i].until_mo != 0 ? taipei (2026, binds[i].until_mo, binds[i].until_d, 12, 0, 0) : 0;
      b->source = g_strdup ("card_scan");
      if (b->until != 0)
        {
          /* one active binding per member: create, then end */
          gint64 until = b->until;

          b->until = 0;
          g_assert_true (aisle_store_create_binding (store, b, &error));
          g_assert_no_error (error);
          g_assert_true (aisle_store_end_binding (store, b->id, until, &error));
        }
      else
        g_assert_true (aisle_store_create_binding (store, b, &error));
      g_assert_no_error (error);
    }
  g_clear_object (&store);
  start_hub (f);
}

/* GET the report (or a figure's drill-down) as S0003, the manager of TPE01. */
static guint
get_report (Fixture     *f,
            const char  *token,
            const char  *staff,
            const char  *pin,
            const char  *store,
            gint64       from,
            gint64       to,
            const char  *extra,
            JsonNode   **out)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/v1/reports/store?store=%s&from=%"
                                          G_GINT64_FORMAT "&to=%" G_GINT64_FORMAT "%s",
                                          f->port, store, from, to, extra != NULL ? extra : "");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", token);

  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "X-Aisle-Staff", staff);
  soup_message_headers_replace (headers, "X-Aisle-Staff-Pin", pin);
  body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (out != NULL)
    {
      *out = aisle_protocol_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
      g_assert_no_error (error);
    }
  return soup_message_get_status (msg);
}

static JsonObject *
report (Fixture     *f,
        const char  *extra,
        JsonNode   **keep)
{
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", period_from, period_to, extra,
                                keep), ==, 200);
  return json_node_get_object (*keep);
}

static gint64
member_path (JsonObject *object,
             const char *a,
             const char *b)
{
  JsonObject *inner = json_object_get_object_member (object, a);

  return json_object_get_int_member (inner, b);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted ids a drill-down lists (order ids or member ids). */
static char *
drill (Fixture    *f,
       const char *figure)
{
  g_autofree char *extra = g_strdup_printf ("&figure=%s", figure);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = report (f, extra, &node);
  gboolean members = strcmp (json_object_get_string_member (object, "kind"), "members") == 0;
  JsonArray *list = json_object_get_array_member (object, members ? "members" : "orders");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  g_assert_cmpint (json_object_get_int_member (object, "count"), ==, json_array_get_length (list));
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_ptr_array_add (ids, (gpointer) json_object_get_string_member (json_array_get_object_element (list, i), "id"));
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

/* The ids of the rows matching @pred, sorted and joined, as drill() returns them. */
static char *
expected_orders (gboolean (*pred) (const Row *r))
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (pred (&rows[i]))
      g_ptr_array_add (ids, (gpointer) rows[i].id);
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static gboolean
is_store_sale (const Row *r)
{
  return row_in_period (r) && !row_voided (r) && strcmp (r->channel, "store") == 0;
}

static gboolean
is_refund (const Row *r)
{
  return row_in_period (r) && row_voided (r);
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *r, *totals;
  JsonArray *sales, *associates;
  gint64 sums[3] = { 0, 0, 0 }, refunds = 0, first_day = 0, last_day = 0;
  static const char * const channels[] = { "store", "online", "app" };
  gint64 m1[3];
  guint n = 0;
  double gap1, gap2;

  seed_fixture (f);
  r = report (f, "&bucket=day", &node);

  /* sales by channel and day, refunds, worked out from the rows */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *row = &rows[i];

      if (!row_in_period (row))
        continue;
      if (row_voided (row))
        {
          refunds += row->total;
          continue;
        }
      for (guint c = 0; c < 3; c++)
        if (strcmp (row->channel, channels[c]) == 0)
          sums[c] += row->total;
      if (row->mo == 3 && row->d == 1 && strcmp (row->channel, "store") == 0)
        first_day += row->total;
      if (row->mo == 3 && row->d == 31 && strcmp (row->channel, "store") == 0)
        last_day += row->total;
    }
  g_assert_cmpint (sums[0], ==, 1000 + 700 + 250 + 1500);
  totals = json_object_get_object_member (r, "totals");
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (member_path (totals, channels[c], "amount"), ==, sums[c]);
  g_assert_cmpint (member_path (totals, "refunds", "amount"), ==, refunds);
  g_assert_cmpint (member_path (totals, "refunds", "orders"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (r, "time_zone"), ==, "Asia/Taipei");

  /* 31 Taipei days; the first starts at the period's start, the last holds the last second */
  sales = json_object_get_array_member (r, "sales");
  g_assert_cmpuint (json_array_get_length (sales), ==, 31);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (sales, 0), "start"), ==,
                   period_from);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sales, 0), "label"), ==,
                   "2026-03-01");
  g_assert_cmpint (member_path (json_array_get_object_element (sales, 0), "store", "amount"), ==, first_day);
  g_assert_cmpint (member_path (json_array_get_object_element (sales, 30), "store", "amount"), ==, last_day);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (sales, 30), "start"), ==,
                   period_to - DAY);

  /* per associate */
  associates = json_object_get_array_member (r, "associates");
  for (guint i = 0; i < json_array_get_length (associates); i++)
    {
      JsonObject *a = json_array_get_object_element (associates, i);
      const char *id = json_object_get_string_member (a, "staff_id");
      gint64 store = 0, online = 0;
      guint new_bindings = 0, bound = 0;

      for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
        if (row_in_period (&rows[k]) && !row_voided (&rows[k]) && g_strcmp0 (rows[k].staff, id) == 0)
          *(strcmp (rows[k].channel, "store") == 0 ? &store : &online) += rows[k].total;
      for (guint k = 0; k < G_N_ELEMENTS (binds); k++)
        if (strcmp (binds[k].staff, id) == 0)
          {
            gint64 since = taipei (2026, binds[k].since_mo, binds[k].since_d, 12, 0, 0);
            gint64 until = binds[k].until_mo != 0 ? taipei (2026, binds[k].until_mo, binds[k].until_d, 12, 0, 0) : 0;

            new_bindings += since >= period_from && since < period_to;
            bound += since < period_to && (until == 0 || until >= period_to);
          }
      g_assert_cmpint (member_path (a, "store_sales", "amount"), ==, store);
      g_assert_cmpint (member_path (a, "online_sales", "amount"), ==, online);
      g_assert_cmpint (json_object_get_int_member (a, "new_bindings"), ==, new_bindings);
      g_assert_cmpint (json_object_get_int_member (a, "bound"), ==, bound);
      if (strcmp (id, "S0002") == 0)
        g_assert_cmpint (bound, ==, 2);   /* M2, and M4 until April */
      if (strcmp (id, "S0001") == 0)
        {
          /* bound: M1 (three purchases) and M3 (one, the refund is none) */
          g_assert_cmpint (json_object_get_int_member (a, "enrolments"), ==, 1);
          g_assert_cmpint (json_object_get_int_member (a, "bound_buyers"), ==, 2);
          g_assert_cmpint (json_object_get_int_member (a, "bound_repeat"), ==, 1);
          g_assert_cmpfloat (json_object_get_double_member (a, "repurchase_rate"), ==, 0.5);
          n++;
        }
      else if (strcmp (id, "S0002") == 0)
        {
          g_assert_cmpint (json_object_get_int_member (a, "enrolments"), ==, 0);
          g_assert_cmpint (json_object_get_int_member (a, "bound_buyers"), ==, 1);
          g_assert_cmpint (json_object_get_int_member (a, "bound_repeat"), ==, 0);
          n++;
        }
    }
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (json_object_get_int_member (r, "self_enrolments"), ==, 1);

  /* OMO: M1 both (o01, o02, o11), M2 store only (o04), M3 online only (o06) */
  {
    JsonObject *omo = json_object_get_object_member (r, "omo");

    g_assert_cmpint (member_path (omo, "both", "members"), ==, 1);
    g_assert_cmpint (member_path (omo, "both", "spend"), ==, 1000 + 2000 + 1500);
    g_assert_cmpint (member_path (omo, "both", "average_spend"), ==, 4500);
    g_assert_cmpint (member_path (omo, "store_only", "members"), ==, 1);
    g_assert_cmpint (member_path (omo, "store_only", "spend"), ==, 700);
    g_assert_cmpint (member_path (omo, "online_only", "members"), ==, 1);
    g_assert_cmpint (member_path (omo, "online_only", "orders"), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (omo, "both"),
                                                      "frequency"), ==, 3.0);
  }

  /* repurchase: only M1 bought twice in the period; the median of two gaps is their mean */
  m1[0] = row_at (&rows[0]);
  m1[1] = row_at (&rows[1]);
  m1[2] = row_at (&rows[10]);
  gap1 = (double) (m1[1] - m1[0]) / DAY;
  gap2 = (double) (m1[2] - m1[1]) / DAY;
  {
    JsonObject *rep = json_object_get_object_member (r, "repurchase");
    JsonArray *months = json_object_get_array_member (rep, "months");

    g_assert_cmpint (json_object_get_int_member (rep, "intervals"), ==, 2);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (rep, "median_days"),
                                    (gap1 + gap2) / 2, 1e-9);
    g_assert_cmpuint (json_array_get_length (months), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (months, 0), "label"), ==,
                     "2026-03");
  }

  /* segments at the end: M1, M2 active; M3 new; M6 lost. At the start: M2 new (o03, one
   * second before), M6 sleeping. */
  {
    JsonObject *seg = json_object_get_object_member (r, "segments");

    g_assert_cmpint (member_path (seg, "now", "active"), ==, 2);
    g_assert_cmpint (member_path (seg, "now", "new"), ==, 1);
    g_assert_cmpint (member_path (seg, "now", "sleeping"), ==, 0);
    g_assert_cmpint (member_path (seg, "now", "lost"), ==, 1);
    g_assert_cmpint (member_path (seg, "before", "new"), ==, 1);
    g_assert_cmpint (member_path (seg, "before", "sleeping"), ==, 1);
    g_assert_cmpint (member_path (seg, "before", "active"), ==, 0);
  }

  /* drill-downs list exactly the rows behind a figure */
  {
    g_autofree char *want = expected_orders (is_store_sale);
    g_autofree char *got = drill (f, "sales/store");
    g_autofree char *want_refunds = expected_orders (is_refund);
    g_autofree char *got_refunds = drill (f, "refunds");
    g_autofree char *day = g_strdup_printf ("sales/store/%" G_GINT64_FORMAT, period_to - DAY);
    g_autofree char *got_day = drill (f, day);
    g_autofree char *s1 = drill (f, "associate/S0001/store_sales");
    g_autofree char *omo = drill (f, "omo/both");
    g_autofree char *repeat = drill (f, "associate/S0001/bound_repeat");
    g_autofree char *moved = drill (f, "move/sleeping/lost");
    g_autofree char *active = drill (f, "segment/active");
    g_autofree char *enrolled = drill (f, "associate/S0001/enrolments");
    g_autofree char *self = drill (f, "enrolments/self");
    g_autofree char *repurchase = drill (f, "repurchase");
    g_autofree char *march = g_strdup_printf ("repurchase/%" G_GINT64_FORMAT, period_from);
    g_autofree char *repurchase_march = drill (f, march);
    g_autofree char *empty_day = g_strdup_printf ("sales/app/%" G_GINT64_FORMAT, period_from);
    g_autofree char *got_empty = drill (f, empty_day);

    g_assert_cmpstr (got, ==, want);
    g_assert_cmpstr (got, ==, "o01,o04,o10,o11");
    g_assert_cmpstr (got_refunds, ==, want_refunds);
    g_assert_cmpstr (got_day, ==, "o04");
    g_assert_cmpstr (s1, ==, "o01,o10,o11");
    g_assert_cmpstr (omo, ==, MID (1));
    g_assert_cmpstr (repeat, ==, MID (1));
    g_assert_cmpstr (moved, ==, MID (6));
    g_assert_cmpstr (active, ==, MID (1) "," MID (2));
    g_assert_cmpstr (enrolled, ==, MID (7));
    g_assert_cmpstr (self, ==, MID (2));
    g_assert_cmpstr (repurchase, ==, "o02,o11");
    g_assert_cmpstr (repurchase_march, ==, "o02,o11");   /* the later purchase of each */
    g_assert_cmpstr (got_empty, ==, "");
  }
  /* an unknown figure is a bad request, not an empty list */
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", period_from, period_to,
                                "&figure=sales/cash", NULL), ==, 400);
}

/* Weeks start on Monday in Taipei: 1 March 2026 is a Sunday, so the first week starts on
 * 23 February and holds o01 but not o03 (before the period). */
static void
test_weeks (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *r, *first;
  JsonArray *sales;

  seed_fixture (f);
  r = report (f, "&bucket=week", &node);
  sales = json_object_get_array_member (r, "sales");
  g_assert_cmpuint (json_array_get_length (sales), ==, 6);
  first = json_array_get_object_element (sales, 0);
  g_assert_cmpint (json_object_get_int_member (first, "start"), ==, taipei (2026, 2, 23, 0, 0, 0));
  g_assert_cmpint (member_path (first, "store", "amount"), ==, 1000);
  g_assert_cmpstr (json_object_get_string_member (r, "bucket"), ==, "week");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *r;
  gint64 from = taipei (2020, 1, 1, 0, 0, 0), to = taipei (2020, 2, 1, 0, 0, 0);

  seed_fixture (f);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", from, to, NULL, &node), ==, 200);
  r = json_node_get_object (node);
  g_assert_cmpint (member_path (json_object_get_object_member (r, "totals"), "store", "orders"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r, "sales")), ==, 31);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_object_get_object_member (r, "repurchase"),
                                                               "median_days")));
  g_assert_cmpint (member_path (json_object_get_object_member (r, "segments"), "now", "active"), ==, 0);
  g_assert_cmpint (member_path (json_object_get_object_member (r, "omo"), "both", "members"), ==, 0);
  /* a period that ends before it starts */
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", to, from, NULL, NULL), ==, 400);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", from, to, "&bucket=year", NULL), ==, 400);
  /* beyond what a calendar can say */
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", G_GINT64_CONSTANT (999999999999999),
                                G_GINT64_CONSTANT (1000000000000000), NULL, NULL), ==, 400);
}

static JsonObject *
associate (JsonObject *r,
           const char *staff_id)
{
  JsonArray *associates = json_object_get_array_member (r, "associates");

  for (guint i = 0; i < json_array_get_length (associates); i++)
    {
      JsonObject *a = json_array_get_object_element (associates, i);

      if (g_strcmp0 (json_object_get_string_member (a, "staff_id"), staff_id) == 0)
        return a;
    }
  g_assert_not_reached ();
}

static gint64
associate_online (JsonObject *r,
                  const char *staff_id)
{
  return member_path (associate (r, staff_id), "online_sales", "amount");
}

/* An online order arriving by the webhook is in the next report, credited through M1's
 * binding to S0001; refunded later, it moves from sales to refunds. */
static void
test_ingest (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;
  g_autoptr(JsonNode) refunded_node = NULL;
  JsonObject *before, *after, *refunded;
  g_autofree char *paid = NULL;
  g_autofree char *refund = NULL;
  gint64 at = taipei (2026, 3, 25, 20, 0, 0);

  seed_fixture (f);
  before = report (f, NULL, &before_node);
  paid = g_strdup_printf ("{\"order_id\":\"A1\",\"status\":\"paid\",\"member_id\":\"" MID (1) "\","
                          "\"total\":5000,\"placed_at\":%" G_GINT64_FORMAT "}", at);
  ingest (f, paid);
  after = report (f, NULL, &after_node);
  g_assert_cmpint (member_path (json_object_get_object_member (after, "totals"), "online", "amount"), ==,
                   member_path (json_object_get_object_member (before, "totals"), "online", "amount") + 5000);
  g_assert_cmpint (associate_online (after, "S0001"), ==, associate_online (before, "S0001") + 5000);
  g_assert_cmpint (member_path (json_object_get_object_member (after, "omo"), "both", "orders"), ==, 4);

  refund = g_strdup_printf ("{\"order_id\":\"A1\",\"status\":\"refunded\",\"member_id\":\"" MID (1) "\","
                            "\"total\":5000,\"placed_at\":%" G_GINT64_FORMAT "}", at);
  ingest (f, refund);
  refunded = report (f, NULL, &refunded_node);
  g_assert_cmpint (member_path (json_object_get_object_member (refunded, "totals"), "online", "amount"), ==,
                   member_path (json_object_get_object_member (before, "totals"), "online", "amount"));
  g_assert_cmpint (member_path (json_object_get_object_member (refunded, "totals"), "refunds", "amount"), ==,
                   member_path (json_object_get_object_member (before, "totals"), "refunds", "amount") + 5000);
  g_assert_cmpint (associate_online (refunded, "S0001"), ==, associate_online (before, "S0001"));
}

/* M2, bound to S0002, bought once in the period (o04): a second purchase makes a repeat
 * customer of them, and S0002's repurchase rate 1 of 1; a purchase after the period does not. */
static void
test_repeat (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) later_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;
  g_autofree char *later = NULL;
  g_autofree char *again = NULL;
  JsonObject *a;

  seed_fixture (f);
  a = associate (report (f, NULL, &before_node), "S0002");
  g_assert_cmpint (json_object_get_int_member (a, "bound_buyers"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (a, "bound_repeat"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (a, "repurchase_rate"), ==, 0.0);

  later = g_strdup_printf ("{\"order_id\":\"A2\",\"status\":\"paid\",\"member_id\":\"" MID (2) "\","
                           "\"total\":800,\"placed_at\":%" G_GINT64_FORMAT "}", period_to);
  ingest (f, later);
  a = associate (report (f, NULL, &later_node), "S0002");
  g_assert_cmpint (json_object_get_int_member (a, "bound_repeat"), ==, 0);

  again = g_strdup_printf ("{\"order_id\":\"A3\",\"status\":\"paid\",\"member_id\":\"" MID (2) "\","
                           "\"total\":800,\"placed_at\":%" G_GINT64_FORMAT "}", period_to - 1);
  ingest (f, again);
  a = associate (report (f, NULL, &after_node), "S0002");
  g_assert_cmpint (json_object_get_int_member (a, "bound_buyers"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (a, "bound_repeat"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (a, "repurchase_rate"), ==, 1.0);
  /* one purchase at the till and one online: M2 moves from store-only to both */
  {
    JsonObject *omo_before = json_object_get_object_member (json_node_get_object (before_node), "omo");
    JsonObject *omo_after = json_object_get_object_member (json_node_get_object (after_node), "omo");

    g_assert_cmpint (member_path (omo_after, "both", "members"), ==, member_path (omo_before, "both", "members") + 1);
    g_assert_cmpint (member_path (omo_after, "store_only", "members"), ==,
                     member_path (omo_before, "store_only", "members") - 1);
    g_assert_cmpint (member_path (omo_after, "both", "spend"), ==, member_path (omo_before, "both", "spend") + 700 + 800);
  }
  g_assert_cmpint (associate_online (json_node_get_object (after_node), "S0002"), ==,
                   associate_online (json_node_get_object (before_node), "S0002") + 800);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *other = pair_store (f, "TPE02", "tablet");
  g_autoptr(JsonNode) node = NULL;

  /* an associate, a wrong PIN, another store's device, another store */
  g_assert_cmpuint (get_report (f, f->token, "S0001", "1234", "TPE01", period_from, period_to, NULL, NULL), ==, 403);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "0000", "TPE01", period_from, period_to, NULL, NULL), ==, 401);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "0000", "TPE01", period_from, period_to,
                                "&figure=refunds", &node), ==, 401);
  g_assert_false (json_object_has_member (json_node_get_object (node), "orders"));
  g_assert_cmpuint (get_report (f, other, "S0003", "1234", "TPE01", period_from, period_to, NULL, NULL), ==, 403);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE02", period_from, period_to, NULL, NULL), ==, 403);
}

/* Five wrong PINs for a staff member within five minutes lock the report out for them (429),
 * even with the right PIN; a right PIN before that starts the count again. */
static void
test_pin_limit (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *other = pair_store (f, "TPE02", "tablet");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *error;

  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (get_report (f, f->token, "S0003", "0000", "TPE01", period_from, period_to, NULL, NULL), ==, 401);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", period_from, period_to, NULL, NULL), ==, 200);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (get_report (f, f->token, "S0003", "0000", "TPE01", period_from, period_to, NULL, NULL), ==, 401);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "0000", "TPE01", period_from, period_to, NULL, NULL), ==, 429);
  g_assert_cmpuint (get_report (f, f->token, "S0003", "1234", "TPE01", period_from, period_to,
                                "&figure=refunds", &node), ==, 429);
  error = json_node_get_object (node);
  g_assert_false (json_object_has_member (error, "orders"));
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "too_many_attempts");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "try again in 5 minutes"));
  /* the device comes first: another store's tablet is refused as before, none the wiser */
  g_assert_cmpuint (get_report (f, other, "S0003", "1234", "TPE01", period_from, period_to, NULL, NULL), ==, 403);
  g_assert_cmpuint (get_report (f, "not-a-token", "S0003", "1234", "TPE01", period_from, period_to, NULL, NULL), ==, 401);
  /* the count is per staff member: an associate's wrong PINs are theirs */
  g_assert_cmpuint (get_report (f, f->token, "S0001", "0000", "TPE01", period_from, period_to, NULL, NULL), ==, 401);
}

/* GET /v1/reports/store?@query as the manager: the status, and the error's message in @out. */
static guint
get_query (Fixture     *f,
           const char  *query,
           char       **out)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u/v1/reports/store?%s", f->port, query);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *auth = g_strdup_printf ("Bearer %s", f->token);

  soup_message_headers_replace (headers, "Authorization", auth);
  soup_message_headers_replace (headers, "X-Aisle-Staff", "S0003");
  soup_message_headers_replace (headers, "X-Aisle-Staff-Pin", "1234");
  body = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  node = aisle_protocol_parse (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) != 200)
    {
      JsonObject *o = json_node_get_object (node);

      g_assert_true (json_object_has_member (o, "code"));
      *out = g_strdup (json_object_get_string_member (o, "message"));
    }
  return soup_message_get_status (msg);
}

/* Each bad input is refused with a message naming it; nothing is computed for it. */
static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *query; guint status; const char *says; } cases[] = {
    { "from=1&to=2", 400, "store=" },
    { "store=TPE01", 400, "from=" },
    { "store=TPE01&from=1772294400&to=1772294400", 400, "end after it starts" },
    { "store=TPE01&from=1772294400&to=1", 400, "end after it starts" },
    { "store=TPE01&from=-5&to=1772294400", 400, "Unix seconds" },
    { "store=TPE01&from=abc&to=1772294400", 400, "Unix seconds" },
    { "store=TPE01&from=0&to=99999999999", 400, "Unix seconds" },
    { "store=TPE01&from=0&to=1772294400", 400, "at most" },
    { "store=TPE01&from=1772294400&to=1772380800&bucket=year", 400, "bucket=" },
    { "store=TPE01&from=1772294400&to=1772380800&limit=0", 400, "limit=" },
    { "store=TPE01&from=1772294400&to=1772380800&limit=10001", 400, "limit=" },
    { "store=TPE01&from=1772294400&to=1772380800&figure=sales/bogus", 400, "figure" },
    { "store=TPE01&from=1772294400&to=1772380800&figure=a%20b", 400, "figure=" },
    { "store=TP%0AE01&from=1772294400&to=1772380800", 400, "store=" },
    { "store=TPE01&from=1772294400&to=1772380800&bucket=week&limit=5", 200, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = NULL;

      g_test_message ("%s", cases[i].query);
      g_assert_cmpuint (get_query (f, cases[i].query, &message), ==, cases[i].status);
      if (cases[i].says != NULL)
        g_assert_nonnull (strstr (message, cases[i].says));
    }
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_init (&argc, &argv);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  signal (SIGPIPE, SIG_IGN);
  period_from = taipei (2026, 3, 1, 0, 0, 0);
  period_to = taipei (2026, 4, 1, 0, 0, 0);
#define ADD(path, func) g_test_add ("/aisle/hub/reports/" path, Fixture, NULL, setup, func, teardown)
  ADD ("figures", test_figures);
  ADD ("weeks", test_weeks);
  ADD ("empty", test_empty);
  ADD ("ingest", test_ingest);
  ADD ("repeat", test_repeat);
  ADD ("auth", test_auth);
  ADD ("pin-limit", test_pin_limit);
  ADD ("invalid", test_invalid);
  return g_test_run ();
}

/* aisle-hub-reports.c: adding up a store's report (docs/api.md, GET /v1/reports/store).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One walk over the store's orders from a year before the period to its end (the covering
 * indexes of data/sql/hub/005-reports.sql), then one over the purchases grouped by member.
 * Every place that adds an order or a member to a figure also offers it to the drill-down
 * (drill_order(), drill_member()), so a drill-down lists exactly what its figure counted.
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "aisle-hub-reports-private.h"

#define DAY (24 * 60 * 60)
#define MAX_PERIOD_DAYS 1100

const char * const _report_channel_names[REPORT_N_CHANNELS] = { "store", "online", "app" };
const char * const _report_segment_names[N_SEGMENTS] = { "none", "new", "active", "sleeping", "lost" };
const char * const _report_omo_names[N_OMO] = { "both", "store_only", "online_only" };

typedef struct
{
  const char      *member_id;  /* in the report's chunk */
  gint64           at;
  gint64           rowid;
  gint64           total;
  ReportChannel    channel;
} Purchase;

typedef struct
{
  Report           report;
  AisleHubSqlite  *hub;
  GStringChunk    *ids;
  GHashTable      *associates;  /* staff id -> ReportAssociate (in report.associates) */
  GHashTable      *bound;       /* member id (chunk) -> ReportAssociate bound at the end */
  GArray          *purchases;   /* Purchase */
} Builder;

gboolean
aisle_hub_report_bucket_parse (const char           *text,
                               AisleHubReportBucket *out_bucket)
{
  static const char * const names[] = { "auto", "day", "week", "month" };

  if (text == NULL)
    {
      *out_bucket = AISLE_HUB_REPORT_BUCKET_AUTO;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      {
        *out_bucket = (AisleHubReportBucket) i;
        return TRUE;
      }
  return FALSE;
}

/* --- drill-down ---------------------------------------------------------------------------- */

static gboolean G_GNUC_PRINTF (2, 3)
drill_is (Report     *r,
          const char *format,
          ...)
{
  g_autofree char *figure = NULL;
  va_list args;

  va_start (args, format);
  figure = g_strdup_vprintf (format, args);
  va_end (args);
  return strcmp (figure, r->drill->figure) == 0;
}

#define drill_order(r, rowid, ...) \
  G_STMT_START { \
    if (G_UNLIKELY ((r)->drill != NULL) && !(r)->drill->members && drill_is ((r), __VA_ARGS__)) \
      { gint64 _rowid = (rowid); g_array_append_val ((r)->drill->rowids, _rowid); } \
  } G_STMT_END
#define drill_member(r, member_id, ...) \
  G_STMT_START { \
    if (G_UNLIKELY ((r)->drill != NULL) && (r)->drill->members && drill_is ((r), __VA_ARGS__)) \
      g_ptr_array_add ((r)->drill->member_ids, (gpointer) (member_id)); \
  } G_STMT_END

/* --- time ---------------------------------------------------------------------------------- */

/* The local midnight starting @t's day, week (Monday) or month in @tz. */
static GDateTime *
local_floor (GTimeZone            *tz,
             gint64                t,
             AisleHubReportBucket  bucket)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  GDateTime *start;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  start = g_date_time_new (tz, y, m, bucket == AISLE_HUB_REPORT_BUCKET_MONTH ? 1 : d, 0, 0, 0);
  if (bucket == AISLE_HUB_REPORT_BUCKET_WEEK)
    {
      GDateTime *monday = g_date_time_add_days (start, 1 - g_date_time_get_day_of_week (start));

      g_date_time_unref (start);
      start = monday;
    }
  return start;
}

/* The starts of the buckets covering [from, to): the first may begin before @from. */
static GArray *
bucket_starts (GTimeZone            *tz,
               gint64                from,
               gint64                to,
               AisleHubReportBucket  bucket)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GDateTime) start = local_floor (tz, from, bucket);

  while (g_date_time_to_unix (start) < to)
    {
      gint64 t = g_date_time_to_unix (start);
      GDateTime *next;

      g_array_append_val (starts, t);
      next = bucket == AISLE_HUB_REPORT_BUCKET_DAY ? g_date_time_add_days (start, 1)
           : bucket == AISLE_HUB_REPORT_BUCKET_WEEK ? g_date_time_add_days (start, 7)
           : g_date_time_add_months (start, 1);
      g_date_time_unref (start);
      start = next;
    }
  return starts;
}

/* The index of the last start <= @t (the starts are ascending, the first <= @t). */
static guint
find_start (const gint64 *starts,
            gsize         stride,
            guint         n,
            gint64        t)
{
  guint lo = 0, hi = n;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (*(const gint64 *) ((const char *) starts + mid * stride) <= t)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* --- adding up ----------------------------------------------------------------------------- */

static void
associate_free (gpointer data)
{
  ReportAssociate *a = data;

  g_free (a->staff_id);
  g_free (a->name);
  g_free (a);
}

static ReportAssociate *
associate_add (Builder    *b,
               const char *staff_id,
               const char *name,
               gboolean    active)
{
  ReportAssociate *a = g_new0 (ReportAssociate, 1);

  a->staff_id = g_strdup (staff_id);
  a->name = g_strdup (name);
  a->active = active;
  g_ptr_array_add (b->report.associates, a);
  g_hash_table_insert (b->associates, a->staff_id, a);
  return a;
}

/* A staff member credited here who is not on the store's staff list (moved elsewhere). */
static ReportAssociate *
associate_get (Builder    *b,
               const char *staff_id)
{
  ReportAssociate *a = g_hash_table_lookup (b->associates, staff_id);
  g_autoptr(AisleStaff) staff = NULL;

  if (a != NULL)
    return a;
  staff = aisle_store_get_staff (b->hub->store, staff_id, NULL);
  return associate_add (b, staff_id, staff != NULL ? staff->name : NULL,
                        staff != NULL && staff->active);
}

static gboolean
load_staff (Builder  *b,
            GError  **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (b->hub->store,
                                                       "SELECT id, name, active FROM staff "
                                                       "WHERE store_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, b->report.query->store_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    associate_add (b, (const char *) sqlite3_column_text (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2));
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (b->hub->store, rc, "reading staff", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_bindings (Builder  *b,
               GError  **error)
{
  Report *r = &b->report;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  stmt = aisle_store_prepare_cached (b->hub->store,
                                     "SELECT staff_id, member_id, since, until FROM bindings "
                                     "INDEXED BY bindings_report_by_store "
                                     "WHERE store_id = ?1 AND since < ?2", error);
  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, r->query->store_id);
  sqlite3_bind_int64 (stmt, 2, r->query->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ReportAssociate *a = associate_get (b, (const char *) sqlite3_column_text (stmt, 0));
      const char *member = g_string_chunk_insert_const (b->ids,
                                                        (const char *) sqlite3_column_text (stmt, 1));
      gint64 since = sqlite3_column_int64 (stmt, 2);
      gint64 until = sqlite3_column_int64 (stmt, 3);

      if (since >= r->query->from)
        {
          a->new_bindings++;
          drill_member (r, member, "associate/%s/new_bindings", a->staff_id);
        }
      if (until == 0 || until >= r->query->to)
        {
          a->bound++;
          g_hash_table_insert (b->bound, (gpointer) member, a);
          drill_member (r, member, "associate/%s/bound", a->staff_id);
        }
    }
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (b->hub->store, rc, "reading bindings", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_enrolments (Builder  *b,
                 GError  **error)
{
  Report *r = &b->report;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  stmt = aisle_store_prepare_cached (b->hub->store,
                                     "SELECT member_id, staff_id FROM member_enrolments "
                                     "WHERE store_id = ?1 AND at >= ?2 AND at < ?3", error);
  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, r->query->store_id);
  sqlite3_bind_int64 (stmt, 2, r->query->from);
  sqlite3_bind_int64 (stmt, 3, r->query->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *member = g_string_chunk_insert_const (b->ids,
                                                        (const char *) sqlite3_column_text (stmt, 0));
      const char *staff_id = (const char *) sqlite3_column_text (stmt, 1);

      if (staff_id != NULL)
        {
          ReportAssociate *a = associate_get (b, staff_id);

          a->enrolments++;
          drill_member (r, member, "associate/%s/enrolments", a->staff_id);
        }
      else
        {
          r->self_enrolments++;
          drill_member (r, member, "enrolments/self");
        }
    }
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (b->hub->store, rc, "reading enrolments", error);
      return FALSE;
    }
  return TRUE;
}

static ReportChannel
parse_channel (const char *text)
{
  return strcmp (text, "store") == 0 ? REPORT_STORE
       : strcmp (text, "app") == 0 ? REPORT_APP : REPORT_ONLINE;
}

/* One order of the store (rung up here, or online/app and credited here). */
static void
add_order (Builder       *b,
           sqlite3_stmt  *stmt)
{
  Report *r = &b->report;
  gint64 rowid = sqlite3_column_int64 (stmt, 0);
  ReportChannel channel = parse_channel ((const char *) sqlite3_column_text (stmt, 1));
  const char *status = (const char *) sqlite3_column_text (stmt, 2);
  gint64 total = sqlite3_column_int64 (stmt, 3);
  const char *member_id = (const char *) sqlite3_column_text (stmt, 4);
  const char *staff_id = (const char *) sqlite3_column_text (stmt, 5);
  gint64 at = sqlite3_column_int64 (stmt, 6);
  const char *name = _report_channel_names[channel];
  gboolean voided = strcmp (status, "refunded") == 0 || strcmp (status, "cancelled") == 0;

  if (at >= r->query->from)
    {
      if (voided)
        {
          r->refunds.orders++;
          r->refunds.amount += total;
          drill_order (r, rowid, "refunds");
        }
      else
        {
          guint i = find_start (&g_array_index (r->buckets, ReportBucket, 0).start,
                                sizeof (ReportBucket), r->buckets->len, at);
          ReportBucket *bucket = &g_array_index (r->buckets, ReportBucket, i);

          bucket->channel[channel].orders++;
          bucket->channel[channel].amount += total;
          r->totals[channel].orders++;
          r->totals[channel].amount += total;
          drill_order (r, rowid, "sales/%s", name);
          drill_order (r, rowid, "sales/%s/%" G_GINT64_FORMAT, name, bucket->start);
          if (staff_id != NULL)
            {
              ReportAssociate *a = associate_get (b, staff_id);
              ReportSum *sum = channel == REPORT_STORE ? &a->store : &a->online;

              sum->orders++;
              sum->amount += total;
              if (channel == REPORT_STORE)
                drill_order (r, rowid, "associate/%s/store_sales", a->staff_id);
              else
                drill_order (r, rowid, "associate/%s/online_sales", a->staff_id);
            }
        }
    }
  if (!voided && member_id != NULL)
    {
      Purchase p = { g_string_chunk_insert_const (b->ids, member_id), at, rowid, total, channel };

      g_array_append_val (b->purchases, p);
    }
}

static gboolean
scan_orders (Builder  *b,
             GError  **error)
{
  Report *r = &b->report;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  /* Both halves are ranges of a covering index: no table row is read. */
  stmt = aisle_store_prepare_cached (b->hub->store,
                                     "SELECT rowid, channel, status, total, member_id, "
                                     "credited_staff_id, placed_at "
                                     "FROM orders INDEXED BY orders_report_by_store "
                                     "WHERE store_id = ?1 AND channel = 'store' "
                                     "AND placed_at >= ?2 AND placed_at < ?3 "
                                     "UNION ALL "
                                     "SELECT rowid, channel, status, total, member_id, "
                                     "credited_staff_id, placed_at "
                                     "FROM orders INDEXED BY orders_report_by_credit "
                                     "WHERE credited_store_id = ?1 AND channel IN ('online', 'app') "
                                     "AND placed_at >= ?2 AND placed_at < ?3", error);
  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, r->query->store_id);
  sqlite3_bind_int64 (stmt, 2, r->query->from - r->lost_s);
  sqlite3_bind_int64 (stmt, 3, r->query->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_order (b, stmt);
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (b->hub->store, rc, "reading orders", error);
      return FALSE;
    }
  return TRUE;
}

static int
compare_purchases (gconstpointer a,
                   gconstpointer b)
{
  const Purchase *pa = a, *pb = b;

  /* The ids are interned, so one member's purchases are adjacent when sorted by pointer. */
  if (pa->member_id != pb->member_id)
    return pa->member_id < pb->member_id ? -1 : 1;
  return pa->at < pb->at ? -1 : pa->at > pb->at ? 1 : (pa->rowid > pb->rowid) - (pa->rowid < pb->rowid);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

/* Recency and frequency at @t, from the purchases in the year before it. */
static ReportSegment
segment_at (Report         *r,
            const Purchase *first,
            guint           n,
            gint64          t)
{
  guint count = 0;
  gint64 last = 0;

  for (guint i = 0; i < n; i++)
    if (first[i].at >= t - r->lost_s && first[i].at < t)
      {
        count++;
        last = first[i].at;
      }
  if (count == 0)
    return SEGMENT_NONE;
  if (t - last >= r->sleeping_s)
    return SEGMENT_LOST;
  if (t - last >= r->active_s)
    return SEGMENT_SLEEPING;
  return count == 1 ? SEGMENT_NEW : SEGMENT_ACTIVE;
}

/* One member's purchases, in time order. */
static void
add_member (Builder        *b,
            const Purchase *first,
            guint           n)
{
  Report *r = &b->report;
  const char *member = first->member_id;
  ReportSegment before = segment_at (r, first, n, r->query->from);
  ReportSegment now = segment_at (r, first, n, r->query->to);
  guint store = 0, online = 0;
  gint64 spend = 0;
  const Purchase *previous = NULL;

  for (guint i = 0; i < n; i++)
    {
      const Purchase *p = &first[i];

      if (p->at < r->query->from)
        continue;
      if (p->channel == REPORT_STORE)
        store++;
      else
        online++;
      spend += p->total;
      if (previous != NULL)
        {
          double days = (double) (p->at - previous->at) / DAY;
          guint m = find_start (&g_array_index (r->months, ReportMonth, 0).start,
                                sizeof (ReportMonth), r->months->len, p->at);
          ReportMonth *month = &g_array_index (r->months, ReportMonth, m);

          g_array_append_val (r->gaps, days);
          g_array_append_val (month->gaps, days);
          drill_order (r, p->rowid, "repurchase");
          drill_order (r, p->rowid, "repurchase/%" G_GINT64_FORMAT, month->start);
        }
      previous = p;
    }

  if (store + online > 0)
    {
      ReportOmo omo = store > 0 && online > 0 ? OMO_BOTH : store > 0 ? OMO_STORE_ONLY : OMO_ONLINE_ONLY;
      ReportAssociate *a = g_hash_table_lookup (b->bound, member);

      r->omo[omo].members++;
      r->omo[omo].orders += store + online;
      r->omo[omo].spend += spend;
      drill_member (r, member, "omo/%s", _report_omo_names[omo]);
      if (a != NULL)
        {
          a->bound_buyers++;
          drill_member (r, member, "associate/%s/bound_buyers", a->staff_id);
          if (store + online >= 2)
            {
              a->bound_repeat++;
              drill_member (r, member, "associate/%s/bound_repeat", a->staff_id);
            }
        }
    }

  if (before == SEGMENT_NONE && now == SEGMENT_NONE)
    return;
  r->segments_before[before]++;
  r->segments_now[now]++;
  r->moves[before][now]++;
  if (now != SEGMENT_NONE)
    drill_member (r, member, "segment/%s", _report_segment_names[now]);
  if (before != SEGMENT_NONE)
    drill_member (r, member, "segment_before/%s", _report_segment_names[before]);
  drill_member (r, member, "move/%s/%s", _report_segment_names[before], _report_segment_names[now]);
}

static void
add_members (Builder *b)
{
  Report *r = &b->report;
  Purchase *all = (Purchase *) (gpointer) b->purchases->data;
  guint n = b->purchases->len;

  qsort (all, n, sizeof (Purchase), compare_purchases);
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;

      while (j < n && all[j].member_id == all[i].member_id)
        j++;
      add_member (b, &all[i], j - i);
      i = j;
    }
  g_array_sort (r->gaps, compare_doubles);
  for (guint m = 0; m < r->months->len; m++)
    g_array_sort (g_array_index (r->months, ReportMonth, m).gaps, compare_doubles);
}

static int
compare_associates (gconstpointer a,
                    gconstpointer b)
{
  const ReportAssociate *aa = *(ReportAssociate * const *) a, *ab = *(ReportAssociate * const *) b;

  return strcmp (aa->staff_id, ab->staff_id);
}

/* --- the report ---------------------------------------------------------------------------- */

static gboolean
report_init (Builder                   *b,
             AisleHubSqlite            *hub,
             const AisleHubReportQuery *query,
             GError                   **error)
{
  Report *r = &b->report;
  g_autoptr(GArray) starts = NULL;
  gint64 days;

  b->hub = hub;
  r->query = query;
  if (query->from >= query->to || query->to - query->from > (gint64) MAX_PERIOD_DAYS * DAY)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                   "the period must end after it starts and last at most %d days",
                   MAX_PERIOD_DAYS);
      return FALSE;
    }
  r->tz_name = aisle_hub_sqlite_get_setting (hub, "report_time_zone");
  if (r->tz_name == NULL)
    r->tz_name = g_strdup ("Asia/Taipei");
  r->tz = g_time_zone_new_identifier (r->tz_name);
  if (r->tz == NULL)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED,
                   "the hub setting report_time_zone (%s) is not a known time zone", r->tz_name);
      return FALSE;
    }
  r->active_s = aisle_hub_sqlite_get_setting_int (hub, "segment_active_days", 90) * DAY;
  r->sleeping_s = aisle_hub_sqlite_get_setting_int (hub, "segment_sleeping_days", 180) * DAY;
  r->lost_s = aisle_hub_sqlite_get_setting_int (hub, "segment_lost_days", 365) * DAY;

  days = (query->to - query->from) / DAY;
  r->bucket = query->bucket != AISLE_HUB_REPORT_BUCKET_AUTO ? query->bucket
            : days <= 62 ? AISLE_HUB_REPORT_BUCKET_DAY
            : days <= 190 ? AISLE_HUB_REPORT_BUCKET_WEEK : AISLE_HUB_REPORT_BUCKET_MONTH;
  r->buckets = g_array_new (FALSE, TRUE, sizeof (ReportBucket));
  starts = bucket_starts (r->tz, query->from, query->to, r->bucket);
  for (guint i = 0; i < starts->len; i++)
    {
      ReportBucket bucket = { g_array_index (starts, gint64, i), { { 0, 0 } } };

      g_array_append_val (r->buckets, bucket);
    }
  g_clear_pointer (&starts, g_array_unref);
  r->months = g_array_new (FALSE, TRUE, sizeof (ReportMonth));
  starts = bucket_starts (r->tz, query->from, query->to, AISLE_HUB_REPORT_BUCKET_MONTH);
  for (guint i = 0; i < starts->len; i++)
    {
      ReportMonth month = { g_array_index (starts, gint64, i), g_array_new (FALSE, FALSE, sizeof (double)) };

      g_array_append_val (r->months, month);
    }
  r->gaps = g_array_new (FALSE, FALSE, sizeof (double));
  r->associates = g_ptr_array_new_with_free_func (associate_free);
  if (query->figure != NULL)
    {
      r->drill = g_new0 (ReportDrill, 1);
      r->drill->figure = g_strdup (query->figure);
      r->drill->members = !g_str_has_prefix (query->figure, "sales/") &&
                          !g_str_has_prefix (query->figure, "repurchase") &&
                          strcmp (query->figure, "refunds") != 0 &&
                          !g_str_has_suffix (query->figure, "_sales");
      r->drill->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
      r->drill->member_ids = g_ptr_array_new ();
    }
  b->ids = g_string_chunk_new (64 * 1024);
  b->associates = g_hash_table_new (g_str_hash, g_str_equal);
  b->bound = g_hash_table_new (NULL, NULL);
  b->purchases = g_array_new (FALSE, FALSE, sizeof (Purchase));
  return TRUE;
}

static void
report_clear (Builder *b)
{
  Report *r = &b->report;

  g_clear_pointer (&r->tz, g_time_zone_unref);
  g_clear_pointer (&r->tz_name, g_free);
  g_clear_pointer (&r->buckets, g_array_unref);
  for (guint i = 0; r->months != NULL && i < r->months->len; i++)
    g_array_unref (g_array_index (r->months, ReportMonth, i).gaps);
  g_clear_pointer (&r->months, g_array_unref);
  g_clear_pointer (&r->gaps, g_array_unref);
  g_clear_pointer (&r->associates, g_ptr_array_unref);
  if (r->drill != NULL)
    {
      g_free (r->drill->figure);
      g_array_unref (r->drill->rowids);
      g_ptr_array_unref (r->drill->member_ids);
      g_clear_pointer (&r->drill, g_free);
    }
  g_clear_pointer (&b->ids, g_string_chunk_free);
  g_clear_pointer (&b->associates, g_hash_table_unref);
  g_clear_pointer (&b->bound, g_hash_table_unref);
  g_clear_pointer (&b->purchases, g_array_unref);
}

char *
aisle_hub_sqlite_store_report (AisleHubSqlite            *hub,
                               const AisleHubReportQuery *query,
                               GError                   **error)
{
  Builder b = { { 0, }, };
  char *json = NULL;

  g_return_val_if_fail (query->store_id != NULL, NULL);

  /* One read transaction (deferred: it never blocks a writer in another process), so
   * that every figure sees the same orders. */
  if (report_init (&b, hub, query, error) && aisle_hub_exec (hub, "BEGIN", error))
    {
      if (load_staff (&b, error) && load_enrolments (&b, error) && load_bindings (&b, error) &&
          scan_orders (&b, error))
        {
          add_members (&b);
          g_ptr_array_sort (b.report.associates, compare_associates);
          json = b.report.drill != NULL ? _aisle_hub_drill_to_json (hub, &b.report, error)
                                        : _aisle_hub_report_to_json (hub, &b.report, error);
        }
      sqlite3_exec (hub->db, "ROLLBACK", NULL, NULL, NULL);
    }
  report_clear (&b);
  return json;
}

char *
_aisle_hub_sqlite_store_report (AisleHubDb                *db,
                                const AisleHubReportQuery *query,
                                GError                   **error)
{
  return aisle_hub_sqlite_store_report ((AisleHubSqlite *) db, query, error);
}

/* --- upkeep -------------------------------------------------------------------------------- */

gboolean
aisle_hub_reports_note_enrolment (AisleHubSqlite  *hub,
                                  const char      *member_id,
                                  const char      *staff_id,
                                  GError         **error)
{
  g_auto(AisleStmt) stmt = NULL;

  if (staff_id == NULL)
    return TRUE;
  stmt = aisle_store_prepare_cached (hub->store,
                                     "UPDATE member_enrolments SET staff_id = ?2 "
                                     "WHERE member_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, member_id);
  aisle_sqlite_bind_text (stmt, 2, staff_id);
  return aisle_hub_step (hub, stmt, error);
}

/* The demo's members enrolled on a tablet were signed up by one of their home store's
 * associates (picked by member row, so the same seed gives the same figures); kiosk and
 * phone sign-ups were self-service. */
gboolean
aisle_hub_reports_after_seed (AisleHubSqlite  *hub,
                              GError         **error)
{
  return aisle_hub_exec (hub,
                         "INSERT OR IGNORE INTO member_enrolments (member_id, store_id, at) "
                         "  SELECT id, home_store_id, enrolled_at FROM members "
                         "   WHERE home_store_id IS NOT NULL;"
                         "CREATE TEMP TABLE seed_associates AS "
                         "  SELECT store_id, id AS staff_id, "
                         "         row_number () OVER (PARTITION BY store_id ORDER BY id) - 1 AS n, "
                         "         count (*) OVER (PARTITION BY store_id) AS count "
                         "    FROM staff WHERE role = 'associate' AND active = 1;"
                         "UPDATE member_enrolments AS e SET staff_id = a.staff_id "
                         "  FROM members m, seed_associates a "
                         " WHERE m.id = e.member_id AND a.store_id = e.store_id "
                         "   AND a.n = m.rid % a.count AND e.staff_id IS NULL "
                         "   AND (SELECT channel FROM member_consents c WHERE c.member_id = m.id "
                         "         ORDER BY seq LIMIT 1) = 'tablet';"
                         "DROP TABLE seed_associates;", error);
}

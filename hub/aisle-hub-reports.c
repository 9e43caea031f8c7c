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

/* A purchase (an order neither refunded nor cancelled) of the member being added up. */
typedef struct
{
  gint64           at;
  gint64           rowid;
  gint64           total;
  ReportChannel    channel;
} Purchase;

/* One of the three walks, in member order: the store's till, the orders credited to it online
 * and its bindings. */
typedef struct
{
  sqlite3_stmt    *stmt;
  gboolean         done;
} Walk;

typedef struct
{
  Report           report;
  AisleHubSqlite  *hub;
  GHashTable      *associates;  /* staff id -> ReportAssociate (in report.associates) */
  ReportAssociate *last_associate;
  GArray          *purchases;   /* Purchase: the current member's, in time order */
  GArray          *merge;       /* Purchase: scratch for merging the two channels */
} Builder;

/* --- drill-down ---------------------------------------------------------------------------- */

/* Whether @format, with its arguments, spells the drill-down's figure: printf's result
 * compared as it would be written, without writing it (this runs for every order and member
 * the report adds up). @format holds only %s (a string) and %" G_GINT64_FORMAT " (a gint64). */
static gboolean G_GNUC_PRINTF (2, 3)
drill_is (Report     *r,
          const char *format,
          ...)
{
  const char *figure = r->drill->figure;
  gboolean same = TRUE;
  va_list args;

  va_start (args, format);
  while (same && *format != '\0')
    {
      if (*format != '%')
        {
          same = *figure++ == *format++;
          continue;
        }
      format++;
      while (*format == 'l')
        format++;
      if (*format++ == 's')
        {
          const char *text = va_arg (args, const char *);
          gsize n = strlen (text);

          same = strncmp (figure, text, n) == 0;
          figure += same ? n : 0;
        }
      else
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];
          int n = g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, va_arg (args, gint64));

          same = strncmp (figure, number, (gsize) n) == 0;
          figure += same ? n : 0;
        }
    }
  va_end (args);
  return same && *figure == '\0';
}

#define drill_order(r, rowid, ...) \
  G_STMT_START { \
    if (G_UNLIKELY ((r)->drill != NULL) && !(r)->drill->members && drill_is ((r), __VA_ARGS__)) \
      { gint64 _rowid = (rowid); g_array_append_val ((r)->drill->rowids, _rowid); } \
  } G_STMT_END
#define drill_member(r, member_id, ...) \
  G_STMT_START { \
    if (G_UNLIKELY ((r)->drill != NULL) && (r)->drill->members && drill_is ((r), __VA_ARGS__)) \
      g_ptr_array_add ((r)->drill->member_ids, \
                       (gpointer) g_string_chunk_insert_const ((r)->drill->ids, (member_id))); \
  } G_STMT_END

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
  ReportAssociate *a;
  g_autoptr(AisleStaff) staff = NULL;

  /* a few associates sell most of the orders: the last one is often the next */
  if (b->last_associate != NULL && strcmp (b->last_associate->staff_id, staff_id) == 0)
    return b->last_associate;
  a = g_hash_table_lookup (b->associates, staff_id);
  if (a != NULL)
    return b->last_associate = a;
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
      const char *member = (const char *) sqlite3_column_text (stmt, 0);
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

/* The orders table's CHECK constraints allow only store, online and app. */
static ReportChannel
parse_channel (const char *text)
{
  return text[0] == 's' ? REPORT_STORE : text[0] == 'a' ? REPORT_APP : REPORT_ONLINE;
}

static gboolean
purchase_before (const Purchase *a,
                 const Purchase *b)
{
  return a->at < b->at || (a->at == b->at && a->rowid < b->rowid);
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
add_member (Builder         *b,
            const char      *member,
            const Purchase  *first,
            guint            n,
            ReportAssociate *bound)
{
  Report *r = &b->report;
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
          guint m = _aisle_hub_report_find_start (&g_array_index (r->months, ReportMonth, 0).start,
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
      ReportAssociate *a = bound;

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

/* One order of the store (rung up here, or online/app and credited here) at the walk's row:
 * its sales figures. Returns whether it is a purchase to add to its member's. */
static gboolean
add_order (Builder       *b,
           sqlite3_stmt  *stmt,
           Purchase      *out)
{
  Report *r = &b->report;
  gint64 rowid = sqlite3_column_int64 (stmt, 1);
  ReportChannel channel = parse_channel ((const char *) sqlite3_column_text (stmt, 2));
  const char *status = (const char *) sqlite3_column_text (stmt, 3);
  gint64 total = sqlite3_column_int64 (stmt, 4);
  const char *staff_id = (const char *) sqlite3_column_text (stmt, 5);
  gint64 at = sqlite3_column_int64 (stmt, 6);
  const char *name = _report_channel_names[channel];
  /* refunded or cancelled (the CHECK constraint's other statuses start otherwise) */
  gboolean voided = status[0] == 'r' || (status[0] == 'c' && status[1] == 'a');

  if (at < r->query->from - r->lost_s || at >= r->query->to)
    return FALSE;
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
          guint i = _aisle_hub_report_find_start (&g_array_index (r->buckets, ReportBucket, 0).start,
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
  if (voided)
    return FALSE;
  out->at = at;
  out->rowid = rowid;
  out->total = total;
  out->channel = channel;
  return TRUE;
}

static gboolean
walk_step (Builder  *b,
           Walk     *walk,
           GError  **error)
{
  int rc = sqlite3_step (walk->stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  walk->done = TRUE;
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (b->hub->store, rc, "reading orders", error);
      return FALSE;
    }
  return TRUE;
}

/* The member id at a walk's row (column 0), NULL for an anonymous order. */
static const char *
walk_member (Walk *walk)
{
  return (const char *) sqlite3_column_text (walk->stmt, 0);
}

/* -1, 0, 1 as @a sorts before, with or after @b; NULL (anonymous) first, as SQLite sorts. */
static int
compare_members (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

/* Adds up the rows of @walk for @member (NULL: anonymous orders), appending its purchases in
 * time order to @out; leaves the walk on the next member's first row. */
static gboolean
take_orders (Builder     *b,
             Walk        *walk,
             const char  *member,
             GArray      *out,
             GError     **error)
{
  while (!walk->done && compare_members (walk_member (walk), member) == 0)
    {
      Purchase p;

      if (add_order (b, walk->stmt, &p) && member != NULL)
        g_array_append_val (out, p);
      if (!walk_step (b, walk, error))
        return FALSE;
    }
  return TRUE;
}

/* The bindings of @member at this store: new ones in the period, and who it is bound to at
 * the period's end. */
static gboolean
take_bindings (Builder          *b,
               Walk             *walk,
               const char       *member,
               ReportAssociate **out_bound,
               GError          **error)
{
  Report *r = &b->report;

  *out_bound = NULL;
  while (!walk->done && compare_members (walk_member (walk), member) == 0)
    {
      ReportAssociate *a = associate_get (b, (const char *) sqlite3_column_text (walk->stmt, 1));
      gint64 since = sqlite3_column_int64 (walk->stmt, 2);
      gint64 until = sqlite3_column_int64 (walk->stmt, 3);

      if (since >= r->query->from)
        {
          a->new_bindings++;
          drill_member (r, member, "associate/%s/new_bindings", a->staff_id);
        }
      if (until == 0 || until >= r->query->to)
        {
          a->bound++;
          *out_bound = a;
          drill_member (r, member, "associate/%s/bound", a->staff_id);
        }
      if (!walk_step (b, walk, error))
        return FALSE;
    }
  return TRUE;
}

/* Walks the store's orders and bindings in member order, side by side (a merge join), so
 * that each member's purchases arrive together and in time order: no table of members. */
static gboolean
scan (Builder  *b,
      GError  **error)
{
  Report *r = &b->report;
  Walk walks[3] = { { NULL, FALSE }, { NULL, FALSE }, { NULL, FALSE } };
  Walk *till = &walks[0], *online = &walks[1], *bindings = &walks[2];
  g_autofree char *member = NULL;
  gboolean ok = FALSE;

  /* Partial covering indexes (005-reports.sql): each walk reads only its own rows. */
  till->stmt = aisle_store_prepare_cached (b->hub->store,
                                          "SELECT member_id, rowid, 'store', status, total, "
                                          "credited_staff_id, placed_at "
                                          "FROM orders INDEXED BY orders_report_by_store "
                                          "WHERE store_id = ?1 AND channel = 'store' "
                                          "ORDER BY member_id, placed_at", error);
  online->stmt = till->stmt == NULL ? NULL
               : aisle_store_prepare_cached (b->hub->store,
                                             "SELECT member_id, rowid, channel, status, total, "
                                             "credited_staff_id, placed_at "
                                             "FROM orders INDEXED BY orders_report_by_credit "
                                             "WHERE credited_store_id = ?1 AND channel <> 'store' "
                                             "ORDER BY member_id, placed_at", error);
  bindings->stmt = online->stmt == NULL ? NULL
                 : aisle_store_prepare_cached (b->hub->store,
                                               "SELECT member_id, staff_id, since, until "
                                               "FROM bindings INDEXED BY bindings_report_by_store "
                                               "WHERE store_id = ?1 AND since < ?2 "
                                               "ORDER BY member_id", error);
  if (bindings->stmt == NULL)
    goto out;
  aisle_sqlite_bind_text (till->stmt, 1, r->query->store_id);
  aisle_sqlite_bind_text (online->stmt, 1, r->query->store_id);
  aisle_sqlite_bind_text (bindings->stmt, 1, r->query->store_id);
  sqlite3_bind_int64 (bindings->stmt, 2, r->query->to);
  for (guint i = 0; i < 3; i++)
    if (!walk_step (b, &walks[i], error))
      goto out;

  while (!till->done || !online->done || !bindings->done)
    {
      const char *next = NULL;
      gboolean first = TRUE;
      ReportAssociate *bound = NULL;
      guint n_till;

      /* the smallest member id among the walks' rows */
      for (guint i = 0; i < 3; i++)
        if (!walks[i].done && (first || compare_members (walk_member (&walks[i]), next) < 0))
          {
            next = walk_member (&walks[i]);
            first = FALSE;
          }
      g_free (member);
      member = g_strdup (next);   /* the walks' text goes away as they step */
      g_array_set_size (b->purchases, 0);
      g_array_set_size (b->merge, 0);
      if (!take_orders (b, till, member, b->purchases, error) ||
          !take_orders (b, online, member, b->merge, error) ||
          !take_bindings (b, bindings, member, &bound, error))
        goto out;
      /* an order figure's drill-down needs none of the member figures below */
      if (member == NULL || (r->drill != NULL && !r->drill->members && !r->drill->per_member))
        continue;
      /* merge the two channels' purchases, each already in time order */
      n_till = b->purchases->len;
      if (b->merge->len > 0)
        {
          g_array_append_vals (b->purchases, b->merge->data, b->merge->len);
          for (guint i = n_till; i < b->purchases->len; i++)
            {
              Purchase p = g_array_index (b->purchases, Purchase, i);
              guint k = i;

              for (; k > 0 && purchase_before (&p, &g_array_index (b->purchases, Purchase, k - 1)); k--)
                g_array_index (b->purchases, Purchase, k) = g_array_index (b->purchases, Purchase, k - 1);
              g_array_index (b->purchases, Purchase, k) = p;
            }
        }
      add_member (b, member, (const Purchase *) (gpointer) b->purchases->data, b->purchases->len, bound);
    }
  ok = TRUE;

out:
  for (guint i = 0; i < 3; i++)
    if (walks[i].stmt != NULL)
      {
        sqlite3_reset (walks[i].stmt);
        sqlite3_clear_bindings (walks[i].stmt);
      }
  return ok;
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
  if (query->from < 0 || query->to > AISLE_HUB_REPORT_MAX_TIME || query->from >= query->to ||
      query->to - query->from > (gint64) MAX_PERIOD_DAYS * DAY)
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
  starts = _aisle_hub_report_bucket_starts (r->tz, query->from, query->to, r->bucket);
  for (guint i = 0; i < starts->len; i++)
    {
      ReportBucket bucket = { g_array_index (starts, gint64, i), { { 0, 0 } } };

      g_array_append_val (r->buckets, bucket);
    }
  g_clear_pointer (&starts, g_array_unref);
  r->months = g_array_new (FALSE, TRUE, sizeof (ReportMonth));
  starts = _aisle_hub_report_bucket_starts (r->tz, query->from, query->to, AISLE_HUB_REPORT_BUCKET_MONTH);
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
      r->drill->per_member = g_str_has_prefix (query->figure, "repurchase");
      r->drill->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
      r->drill->member_ids = g_ptr_array_new ();
      r->drill->ids = g_string_chunk_new (4096);
    }
  b->associates = g_hash_table_new (g_str_hash, g_str_equal);
  b->purchases = g_array_new (FALSE, FALSE, sizeof (Purchase));
  b->merge = g_array_new (FALSE, FALSE, sizeof (Purchase));
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
      g_string_chunk_free (r->drill->ids);
      g_clear_pointer (&r->drill, g_free);
    }
  g_clear_pointer (&b->associates, g_hash_table_unref);
  g_clear_pointer (&b->purchases, g_array_unref);
  g_clear_pointer (&b->merge, g_array_unref);
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
      if (load_staff (&b, error) && load_enrolments (&b, error) && scan (&b, error))
        {
          g_array_sort (b.report.gaps, compare_doubles);
          for (guint m = 0; m < b.report.months->len; m++)
            g_array_sort (g_array_index (b.report.months, ReportMonth, m).gaps, compare_doubles);
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

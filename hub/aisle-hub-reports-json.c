/* aisle-hub-reports-json.c: writing out the store report and its drill-downs.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <string.h>

#include "aisle-hub-reports-private.h"

static const char * const associate_figures[] = {
  "store_sales", "online_sales", "enrolments", "new_bindings", "bound", "bound_buyers",
  "bound_repeat",
};

char *
_aisle_hub_report_label (Report   *report,
                         gint64    start,
                         gboolean  month)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, report->tz);

  return g_date_time_format (local, month ? "%Y-%m" : "%Y-%m-%d");
}

static double
median (GArray *sorted)
{
  guint n = sorted->len;

  g_assert (n > 0);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static void
add_median (JsonBuilder *b,
            GArray      *gaps)
{
  json_builder_set_member_name (b, "median_days");
  if (gaps->len == 0)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, median (gaps));
  json_builder_set_member_name (b, "intervals");
  json_builder_add_int_value (b, gaps->len);
}

static void
add_sum (JsonBuilder     *b,
         const char      *name,
         const ReportSum *sum)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "orders");
  json_builder_add_int_value (b, sum->orders);
  json_builder_set_member_name (b, "amount");
  json_builder_add_int_value (b, sum->amount);
  json_builder_end_object (b);
}

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_segments (JsonBuilder *b,
              const char  *name,
              const guint *counts)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint s = SEGMENT_NEW; s < N_SEGMENTS; s++)
    add_int (b, _report_segment_names[s], counts[s]);
  json_builder_end_object (b);
}

static void
add_associates (JsonBuilder *b,
                Report      *r)
{
  json_builder_set_member_name (b, "associates");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->associates->len; i++)
    {
      const ReportAssociate *a = g_ptr_array_index (r->associates, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "staff_id");
      json_builder_add_string_value (b, a->staff_id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, a->name != NULL ? a->name : a->staff_id);
      json_builder_set_member_name (b, "active");
      json_builder_add_boolean_value (b, a->active);
      add_sum (b, "store_sales", &a->store);
      add_sum (b, "online_sales", &a->online);
      add_int (b, "enrolments", a->enrolments);
      add_int (b, "new_bindings", a->new_bindings);
      add_int (b, "bound", a->bound);
      add_int (b, "bound_buyers", a->bound_buyers);
      add_int (b, "bound_repeat", a->bound_repeat);
      json_builder_set_member_name (b, "repurchase_rate");
      if (a->bound_buyers == 0)
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, (double) a->bound_repeat / a->bound_buyers);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
_aisle_hub_report_to_json (AisleHubSqlite  *hub,
                           Report          *r,
                           GError         **error)
{
  static const char * const buckets[] = { "auto", "day", "week", "month" };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "store");
  json_builder_add_string_value (b, r->query->store_id);
  add_int (b, "from", r->query->from);
  add_int (b, "to", r->query->to);
  add_int (b, "as_of", r->query->now);
  json_builder_set_member_name (b, "time_zone");
  json_builder_add_string_value (b, r->tz_name);
  json_builder_set_member_name (b, "bucket");
  json_builder_add_string_value (b, buckets[r->bucket]);

  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  for (guint c = 0; c < REPORT_N_CHANNELS; c++)
    add_sum (b, _report_channel_names[c], &r->totals[c]);
  add_sum (b, "refunds", &r->refunds);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "sales");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->buckets->len; i++)
    {
      const ReportBucket *bucket = &g_array_index (r->buckets, ReportBucket, i);
      g_autofree char *label = _aisle_hub_report_label (r, bucket->start,
                                                        r->bucket == AISLE_HUB_REPORT_BUCKET_MONTH);

      json_builder_begin_object (b);
      add_int (b, "start", bucket->start);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, label);
      for (guint c = 0; c < REPORT_N_CHANNELS; c++)
        add_sum (b, _report_channel_names[c], &bucket->channel[c]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  add_associates (b, r);
  add_int (b, "self_enrolments", r->self_enrolments);

  json_builder_set_member_name (b, "omo");
  json_builder_begin_object (b);
  for (guint o = 0; o < N_OMO; o++)
    {
      const ReportOmoSum *sum = &r->omo[o];

      json_builder_set_member_name (b, _report_omo_names[o]);
      json_builder_begin_object (b);
      add_int (b, "members", sum->members);
      add_int (b, "orders", sum->orders);
      add_int (b, "spend", sum->spend);
      /* per member: average spend (minor units, rounded down) and purchases in the period */
      add_int (b, "average_spend", sum->members > 0 ? sum->spend / sum->members : 0);
      json_builder_set_member_name (b, "frequency");
      json_builder_add_double_value (b, sum->members > 0 ? (double) sum->orders / sum->members : 0);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "repurchase");
  json_builder_begin_object (b);
  add_median (b, r->gaps);
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint m = 0; m < r->months->len; m++)
    {
      const ReportMonth *month = &g_array_index (r->months, ReportMonth, m);
      g_autofree char *label = _aisle_hub_report_label (r, month->start, TRUE);

      json_builder_begin_object (b);
      add_int (b, "start", month->start);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, label);
      add_median (b, month->gaps);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "segments");
  json_builder_begin_object (b);
  add_segments (b, "now", r->segments_now);
  add_segments (b, "before", r->segments_before);
  json_builder_set_member_name (b, "moves");
  json_builder_begin_array (b);
  for (guint from = 0; from < N_SEGMENTS; from++)
    for (guint to = 0; to < N_SEGMENTS; to++)
      if (from != to && r->moves[from][to] > 0)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "from");
          json_builder_add_string_value (b, _report_segment_names[from]);
          json_builder_set_member_name (b, "to");
          json_builder_add_string_value (b, _report_segment_names[to]);
          add_int (b, "members", r->moves[from][to]);
          json_builder_end_object (b);
        }
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return aisle_protocol_to_string (root);
}

/* --- drill-downs --------------------------------------------------------------------------- */

/* Every figure id the report has (docs/api.md lists the forms). */
static gboolean
figure_known (Report     *r,
              const char *figure)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (ids, g_strdup ("refunds"));
  g_ptr_array_add (ids, g_strdup ("repurchase"));
  g_ptr_array_add (ids, g_strdup ("enrolments/self"));
  for (guint c = 0; c < REPORT_N_CHANNELS; c++)
    {
      g_ptr_array_add (ids, g_strdup_printf ("sales/%s", _report_channel_names[c]));
      for (guint i = 0; i < r->buckets->len; i++)
        g_ptr_array_add (ids, g_strdup_printf ("sales/%s/%" G_GINT64_FORMAT, _report_channel_names[c],
                                               g_array_index (r->buckets, ReportBucket, i).start));
    }
  for (guint m = 0; m < r->months->len; m++)
    g_ptr_array_add (ids, g_strdup_printf ("repurchase/%" G_GINT64_FORMAT,
                                           g_array_index (r->months, ReportMonth, m).start));
  for (guint o = 0; o < N_OMO; o++)
    g_ptr_array_add (ids, g_strdup_printf ("omo/%s", _report_omo_names[o]));
  for (guint s = 0; s < N_SEGMENTS; s++)
    {
      if (s != SEGMENT_NONE)
        {
          g_ptr_array_add (ids, g_strdup_printf ("segment/%s", _report_segment_names[s]));
          g_ptr_array_add (ids, g_strdup_printf ("segment_before/%s", _report_segment_names[s]));
        }
      for (guint t = 0; t < N_SEGMENTS; t++)
        g_ptr_array_add (ids, g_strdup_printf ("move/%s/%s", _report_segment_names[s],
                                               _report_segment_names[t]));
    }
  for (guint i = 0; i < r->associates->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (associate_figures); k++)
      g_ptr_array_add (ids, g_strdup_printf ("associate/%s/%s",
                                             ((ReportAssociate *) g_ptr_array_index (r->associates, i))->staff_id,
                                             associate_figures[k]));
  for (guint i = 0; i < ids->len; i++)
    if (strcmp (g_ptr_array_index (ids, i), figure) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
add_orders (AisleHubSqlite  *hub,
            JsonBuilder     *b,
            GArray          *rowids,
            guint            limit,
            GError         **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                       "SELECT id, placed_at, channel, status, total, "
                                                       "member_id, credited_staff_id, store_id, "
                                                       "credited_store_id FROM orders WHERE rowid = ?1",
                                                       error);
  static const char * const names[] = { "id", "placed_at", "channel", "status", "total",
                                        "member_id", "credited_staff_id", "store_id",
                                        "credited_store_id" };

  if (stmt == NULL)
    return FALSE;
  json_builder_set_member_name (b, "orders");
  json_builder_begin_array (b);
  for (guint i = 0; i < rowids->len && i < limit; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (rowids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          aisle_store_set_sqlite_error (hub->store, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc,
                                        "reading an order", error);
          return FALSE;
        }
      json_builder_begin_object (b);
      for (guint c = 0; c < G_N_ELEMENTS (names); c++)
        {
          json_builder_set_member_name (b, names[c]);
          if (sqlite3_column_type (stmt, (int) c) == SQLITE_NULL)
            json_builder_add_null_value (b);
          else if (sqlite3_column_type (stmt, (int) c) == SQLITE_INTEGER)
            json_builder_add_int_value (b, sqlite3_column_int64 (stmt, (int) c));
          else
            json_builder_add_string_value (b, (const char *) sqlite3_column_text (stmt, (int) c));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

static gboolean
add_members (AisleHubSqlite  *hub,
             JsonBuilder     *b,
             GPtrArray       *ids,
             guint            limit,
             GError         **error)
{
  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len && i < limit; i++)
    {
      g_autoptr(AisleMember) m = aisle_store_get_member (hub->store, g_ptr_array_index (ids, i), error);

      if (m == NULL)
        return FALSE;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, m->id);
      json_builder_set_member_name (b, "number");
      json_builder_add_string_value (b, m->number);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, m->name);
      json_builder_set_member_name (b, "tier");
      json_builder_add_string_value (b, m->tier);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return TRUE;
}

char *
_aisle_hub_drill_to_json (AisleHubSqlite  *hub,
                          Report          *r,
                          GError         **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  ReportDrill *drill = r->drill;
  guint count = drill->members ? drill->member_ids->len : drill->rowids->len;
  guint limit = r->query->limit > 0 ? r->query->limit : 1000;

  if (!figure_known (r, drill->figure))
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                   "no figure \"%s\" in this report (docs/api.md lists them)", drill->figure);
      return NULL;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "figure");
  json_builder_add_string_value (b, drill->figure);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, drill->members ? "members" : "orders");
  add_int (b, "count", count);
  json_builder_set_member_name (b, "truncated");
  json_builder_add_boolean_value (b, count > limit);
  if (!(drill->members ? add_members (hub, b, drill->member_ids, limit, error)
                       : add_orders (hub, b, drill->rowids, limit, error)))
    return NULL;
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return aisle_protocol_to_string (root);
}

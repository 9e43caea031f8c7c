/* aisle-hub-reports-time.c: the store report's calendar: buckets of days, weeks and months in
 * the report's time zone.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <string.h>

#include "aisle-hub-reports-private.h"

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
GArray *
_aisle_hub_report_bucket_starts (GTimeZone            *tz,
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
guint
_aisle_hub_report_find_start (const gint64 *starts,
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

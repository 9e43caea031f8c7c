/* aisle-hub-reports.h: the store report (GET /v1/reports/store) and its drill-downs.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are defined in docs/api.md. aisle-hub-reports.c walks the store's orders once
 * (data/sql/hub/005-reports.sql's covering indexes) and adds them up in C; every addition
 * can also collect the row it adds, which is how a drill-down lists exactly the orders or
 * members behind a figure. aisle-hub-reports-json.c writes the result.
 */

#pragma once

#include "aisle-hub-db.h"

G_BEGIN_DECLS

/* The latest time a period may end: 1 January 3000 (GDateTime stops at the year 9999). */
#define AISLE_HUB_REPORT_MAX_TIME G_GINT64_CONSTANT (32503680000)

typedef enum
{
  AISLE_HUB_REPORT_BUCKET_AUTO,     /* day up to 62 days, week up to 190, else month */
  AISLE_HUB_REPORT_BUCKET_DAY,
  AISLE_HUB_REPORT_BUCKET_WEEK,     /* from Monday */
  AISLE_HUB_REPORT_BUCKET_MONTH,
} AisleHubReportBucket;

struct _AisleHubReportQuery
{
  const char           *store_id;
  gint64                from;       /* Unix seconds, inclusive */
  gint64                to;         /* Unix seconds, exclusive */
  AisleHubReportBucket  bucket;
  const char           *figure;     /* NULL: the report; else the drill-down of this figure */
  guint                 limit;      /* drill-down rows at most */
  gint64                now;
};

/* Parses "day", "week", "month" or NULL (auto); FALSE for anything else. */
gboolean  aisle_hub_report_bucket_parse          (const char                *text,
                                                  AisleHubReportBucket      *out_bucket);
G_END_DECLS

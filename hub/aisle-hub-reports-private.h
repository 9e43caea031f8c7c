/* aisle-hub-reports-private.h: the report's figures between adding up and writing out.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-hub-reports.h"
#include "aisle-hub-sqlite-private.h"

G_BEGIN_DECLS

/* For the SQLite backend, the member.enrol rule and the demo seed. */
/* The report (or with query->figure the drill-down) as a JSON object. AISLE_ERROR_INVALID for
 * a bad period or an unknown figure. */
char     *aisle_hub_sqlite_store_report          (AisleHubSqlite            *hub,
                                                  const AisleHubReportQuery *query,
                                                  GError                   **error);
/* The vtable's store_report (aisle-hub-db-sqlite.c). */
char     *_aisle_hub_sqlite_store_report         (AisleHubDb                *db,
                                                  const AisleHubReportQuery *query,
                                                  GError                   **error);
/* Names @staff_id as the one who enrolled @member_id (the member.enrol rule). */
gboolean  aisle_hub_reports_note_enrolment       (AisleHubSqlite            *hub,
                                                  const char                *member_id,
                                                  const char                *staff_id,
                                                  GError                   **error);
/* After a demo seed (which runs without triggers): records the seeded members' enrolments. */
gboolean  aisle_hub_reports_after_seed           (AisleHubSqlite            *hub,
                                                  GError                   **error);


typedef enum
{
  REPORT_STORE,
  REPORT_ONLINE,
  REPORT_APP,
  REPORT_N_CHANNELS
} ReportChannel;

typedef enum
{
  SEGMENT_NONE,
  SEGMENT_NEW,
  SEGMENT_ACTIVE,
  SEGMENT_SLEEPING,
  SEGMENT_LOST,
  N_SEGMENTS
} ReportSegment;

typedef enum
{
  OMO_BOTH,
  OMO_STORE_ONLY,
  OMO_ONLINE_ONLY,
  N_OMO
} ReportOmo;

typedef struct
{
  guint   orders;
  gint64  amount;
} ReportSum;

typedef struct
{
  gint64     start;
  ReportSum  channel[REPORT_N_CHANNELS];
} ReportBucket;

typedef struct
{
  gint64   start;
  GArray  *gaps;        /* double days, sorted at the end */
} ReportMonth;

typedef struct
{
  char      *staff_id;
  char      *name;      /* NULL for staff of another store credited here */
  gboolean   active;
  ReportSum  store;     /* in-store sales they rang up */
  ReportSum  online;    /* online and app orders credited to them */
  guint      enrolments;
  guint      new_bindings;
  guint      bound;         /* bound customers at the period's end */
  guint      bound_buyers;  /* ... who bought from the store in the period */
  guint      bound_repeat;  /* ... at least twice */
} ReportAssociate;

typedef struct
{
  guint   members;
  guint   orders;
  gint64  spend;
} ReportOmoSum;

/* What a drill-down collects: order rowids or member ids, in the order found. */
typedef struct
{
  char       *figure;
  gboolean    members;      /* TRUE: a member figure */
  gboolean    per_member;   /* an order figure that needs each member's orders together */
  GArray     *rowids;       /* gint64 */
  GPtrArray  *member_ids;   /* in ids */
  GStringChunk *ids;
} ReportDrill;

typedef struct
{
  const AisleHubReportQuery *query;
  AisleHubReportBucket  bucket;
  GTimeZone            *tz;
  char                 *tz_name;
  gint64                active_s, sleeping_s, lost_s;

  GArray               *buckets;      /* ReportBucket */
  GArray               *months;       /* ReportMonth */
  ReportSum             totals[REPORT_N_CHANNELS];
  ReportSum             refunds;
  GPtrArray            *associates;   /* ReportAssociate, sorted by staff id */
  guint                 self_enrolments;
  ReportOmoSum          omo[N_OMO];
  GArray               *gaps;         /* double days over the period, sorted */
  guint                 segments_now[N_SEGMENTS];
  guint                 segments_before[N_SEGMENTS];
  guint                 moves[N_SEGMENTS][N_SEGMENTS];

  ReportDrill          *drill;        /* nullable */
} Report;

extern const char * const _report_channel_names[REPORT_N_CHANNELS];
extern const char * const _report_segment_names[N_SEGMENTS];
extern const char * const _report_omo_names[N_OMO];

/* aisle-hub-reports-time.c */
/* The starts of the buckets covering [@from, @to) in @tz: the first may begin before @from. */
GArray *_aisle_hub_report_bucket_starts (GTimeZone            *tz,
                                         gint64                from,
                                         gint64                to,
                                         AisleHubReportBucket  bucket);
/* The index of the last of @n starts (@stride bytes apart, ascending, the first <= @t) <= @t. */
guint   _aisle_hub_report_find_start    (const gint64         *starts,
                                         gsize                 stride,
                                         guint                 n,
                                         gint64                t);

/* aisle-hub-reports-json.c */
char *_aisle_hub_report_to_json (AisleHubSqlite  *hub,
                                 Report          *report,
                                 GError         **error);
char *_aisle_hub_drill_to_json  (AisleHubSqlite  *hub,
                                 Report          *report,
                                 GError         **error);
char *_aisle_hub_report_label   (Report          *report,
                                 gint64           start,
                                 gboolean         month);

G_END_DECLS

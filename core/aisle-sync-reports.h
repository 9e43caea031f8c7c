/* aisle-sync-reports.h: fetching the store report from the hub (docs/api.md).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-store-reports.h"
#include "aisle-sync.h"

G_BEGIN_DECLS

#define AISLE_SYNC_REPORTS_ERROR (aisle_sync_reports_error_quark ())

typedef enum
{
  AISLE_SYNC_REPORTS_ERROR_WRONG_PIN,    /* 401: unknown staff id or wrong PIN */
  AISLE_SYNC_REPORTS_ERROR_FORBIDDEN,    /* 403: not a manager of that store, or not here */
  AISLE_SYNC_REPORTS_ERROR_LOCKED_OUT,   /* 429: too many wrong PINs for that staff id lately */
} AisleSyncReportsError;

GQuark             aisle_sync_reports_error_quark          (void);

/* What to ask for: @figure NULL for the report, else that figure's drill-down. */
typedef struct
{
  const char  *staff_id;
  const char  *pin;
  const char  *store_id;
  gint64       from;
  gint64       to;
  const char  *bucket;     /* "day", "week", "month" or NULL (the hub picks) */
  const char  *figure;
  guint        limit;      /* drill-down rows at most; 0: the hub's default (1000) */
} AisleReportRequest;

void               aisle_sync_client_fetch_report_async    (AisleSyncClient           *self,
                                                            const AisleReportRequest  *request,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
/* The report (saved in the cache as the store's last one) or the drill-down, as the hub's JSON. */
char              *aisle_sync_client_fetch_report_finish   (AisleSyncClient           *self,
                                                            GAsyncResult              *result,
                                                            GError                   **error);
/* The cache's last report for @store_id (on the worker); NOT_FOUND when there is none. */
void               aisle_sync_client_load_report_async     (AisleSyncClient           *self,
                                                            const char                *store_id,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
AisleCachedReport *aisle_sync_client_load_report_finish    (AisleSyncClient           *self,
                                                            GAsyncResult              *result,
                                                            GError                   **error);

G_END_DECLS

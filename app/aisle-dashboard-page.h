/* aisle-dashboard-page.h: the manager's store performance dashboard (issue 8).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-sync.h"
#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_TYPE_DASHBOARD_PAGE (aisle_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleDashboardPage, aisle_dashboard_page, AISLE, DASHBOARD_PAGE, GtkWidget)

GtkWidget *aisle_dashboard_page_new                (void);
void       aisle_dashboard_page_set_worker         (AisleDashboardPage   *self,
                                                    AisleWorker          *worker);
void       aisle_dashboard_page_set_sync_client    (AisleDashboardPage   *self,
                                                    AisleSyncClient      *client);
/* The signed-in manager (NULL staff_id: nobody; the page then shows nothing). */
void       aisle_dashboard_page_set_staff          (AisleDashboardPage   *self,
                                                    const char           *staff_id,
                                                    const char           *pin_or_credential);
/* Fetches the report for the picked store and period again. */
void       aisle_dashboard_page_refresh            (AisleDashboardPage   *self);
/* TRUE while a report is being fetched or loaded (notify::loading). */
gboolean   aisle_dashboard_page_get_loading        (AisleDashboardPage   *self);
/* Writes the associate table, in its current sort order, as CSV (UTF-8, with a header). */
void       aisle_dashboard_page_export_csv_async   (AisleDashboardPage   *self,
                                                    GFile                *file,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean   aisle_dashboard_page_export_csv_finish  (AisleDashboardPage   *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS

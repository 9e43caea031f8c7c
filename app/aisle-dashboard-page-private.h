/* aisle-dashboard-page-private.h: shared by the dashboard page's files.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "aisle-chart.h"
#include "aisle-dashboard-page.h"

G_BEGIN_DECLS

struct _AisleDashboardPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkColumnView     *associates_view;
  GtkFlowBox        *charts_box;
  AdwStatusPage     *empty_page;
  GtkButton         *export_button;
  GtkDropDown       *period_dropdown;
  GtkButton         *refresh_button;
  GtkStack          *stack;
  GtkLabel          *status_label;
  GtkDropDown       *store_dropdown;
  GtkFlowBox        *tiles_box;

  /* Built in code, owned by the widget tree */
  AisleChart        *sales_chart;
  AisleChart        *omo_chart;
  AisleChart        *segments_chart;
  AisleChart        *repurchase_chart;
  GtkLabel          *sales_label;
  GtkLabel          *omo_label;
  GtkLabel          *segments_label;
  GtkLabel          *repurchase_label;

  /* Owned */
  GListStore        *associates;     /* AisleDashboardAssociate */
  GtkSortListModel  *sorted;
  GtkStringList     *store_names;
  GPtrArray         *store_ids;      /* char *, parallel to store_names */
  AisleWorker       *worker;
  AisleSyncClient   *sync_client;
  char              *staff_id;
  char              *pin;            /* wiped when cleared */
  GCancellable      *cancellable;    /* the fetch or load in flight */
  GCancellable      *drill_cancellable;
  JsonNode          *report;         /* the report shown, NULL if none */
  char              *report_store;
  gint64             report_from;
  gint64             report_to;
  char              *tz_name;
  char              *fetch_store;    /* what the fetch in flight asked for */
  gint64             fetch_from;
  gint64             fetch_to;
  char              *offline_reason; /* why a saved report is being loaded */
  gboolean           loading;
  gboolean           filling_stores;
};

/* aisle-dashboard-page-charts.c */
void     _aisle_dashboard_page_charts_init     (AisleDashboardPage *self);
void     _aisle_dashboard_page_show_charts     (AisleDashboardPage *self,
                                                JsonObject         *report);

/* aisle-dashboard-page-table.c */
void     _aisle_dashboard_page_table_class_init (GtkWidgetClass    *widget_class);
void     _aisle_dashboard_page_table_init      (AisleDashboardPage *self);
void     _aisle_dashboard_page_table_fill      (AisleDashboardPage *self,
                                                JsonArray          *associates);

/* aisle-dashboard-page-drill.c: lists the orders or members behind @figure in a dialog. */
void     _aisle_dashboard_page_drill           (AisleDashboardPage *self,
                                                const char         *figure,
                                                const char         *title);

G_END_DECLS

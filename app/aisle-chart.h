/* aisle-chart.h: a small bar or line chart drawn with cairo, described for screen readers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  AISLE_CHART_BARS,     /* one bar per series side by side at each point */
  AISLE_CHART_LINE,     /* one line per series; NAN leaves a gap */
} AisleChartKind;

typedef enum
{
  AISLE_CHART_MONEY,    /* minor units, shown as NT$ */
  AISLE_CHART_COUNT,
  AISLE_CHART_DAYS,
} AisleChartFormat;

#define AISLE_TYPE_CHART (aisle_chart_get_type ())

G_DECLARE_FINAL_TYPE (AisleChart, aisle_chart, AISLE, CHART, GtkWidget)

GtkWidget  *aisle_chart_new             (void);
void        aisle_chart_set_title       (AisleChart          *self,
                                         const char          *title);
/* @values holds n_series rows of n_points values (series-major). */
void        aisle_chart_set_data        (AisleChart          *self,
                                         AisleChartKind       kind,
                                         AisleChartFormat     format,
                                         const char * const  *series,
                                         const char * const  *labels,
                                         const double        *values);
/* What a screen reader says about the chart (also its accessible description). */
const char *aisle_chart_get_description (AisleChart          *self);
/* The text for @value in @format, e.g. "NT$1,234" (transfer full). */
char       *aisle_chart_format_value    (AisleChartFormat     format,
                                         double               value);

G_END_DECLS

/* aisle-chart.c: a small bar or line chart drawn with cairo, described for screen readers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard's charts (issue 8). Drawn in the app, no web view; the accessible description
 * says in words what the chart shows (each series' total, highest and lowest point), and a click
 * on a point emits ::point-activated so the page can open the drill-down behind it.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "aisle-chart.h"

#define MARGIN_TOP 36
#define MARGIN_BOTTOM 32
#define MARGIN_RIGHT 12

struct _AisleChart
{
  GtkWidget         parent_instance;

  char             *title;
  AisleChartKind    kind;
  AisleChartFormat  format;
  GStrv             series;
  GStrv             labels;
  double           *values;       /* n_series x n_points */
  char             *description;
  int               margin_left;  /* room for the value axis' labels, as last drawn */
};

G_DEFINE_FINAL_TYPE (AisleChart, aisle_chart, GTK_TYPE_WIDGET)

enum
{
  POINT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Store, online, app, then more: distinguishable for the common colour blindnesses. */
static const GdkRGBA palette[] = {
  { 0.208, 0.518, 0.894, 1 },   /* blue */
  { 0.902, 0.380, 0.000, 1 },   /* orange */
  { 0.180, 0.761, 0.494, 1 },   /* green */
  { 0.569, 0.255, 0.675, 1 },   /* purple */
  { 0.466, 0.463, 0.482, 1 },   /* grey */
};

/* "1234567" -> "1,234,567": Taiwan groups digits by thousands, whatever the C locale says. */
static char *
group_thousands (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (value) < 0.5 ? 0 : value);
  const char *start = digits[0] == '-' ? digits + 1 : digits;
  gsize n = strlen (start);
  GString *out = g_string_new (digits[0] == '-' ? "-" : "");

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, start[i]);
    }
  return g_string_free (out, FALSE);
}

char *
aisle_chart_format_value (AisleChartFormat format,
                          double           value)
{
  g_autofree char *number = NULL;

  if (isnan (value))
    /* Translators: a chart value that does not exist (no data) */
    return g_strdup (_("none"));
  switch (format)
    {
    case AISLE_CHART_MONEY:
      number = group_thousands (value / 100);
      /* Translators: an amount of money in New Taiwan dollars */
      return g_strdup_printf (_("NT$%s"), number);
    case AISLE_CHART_DAYS:
      /* Translators: a number of days, e.g. 12.5 days */
      return g_strdup_printf (_("%.1f days"), value);
    case AISLE_CHART_COUNT:
    default:
      return group_thousands (value);
    }
}

static guint
n_points (AisleChart *self)
{
  return self->labels != NULL ? g_strv_length (self->labels) : 0;
}

static guint
n_series (AisleChart *self)
{
  return self->series != NULL ? g_strv_length (self->series) : 0;
}

static double
value_at (AisleChart *self,
          guint       series,
          guint       point)
{
  return self->values[series * n_points (self) + point];
}

static void
update_description (AisleChart *self)
{
  GString *text = g_string_new (self->title != NULL ? self->title : "");
  guint points = n_points (self);

  if (points == 0)
    /* Translators: accessible description of an empty chart */
    g_string_append_printf (text, ". %s", _("No data for this period."));
  else
    {
      g_string_append (text, ". ");
      /* Translators: accessible description of a chart: its points, from the first to the last */
      g_string_append_printf (text, _("%u points from %s to %s."), points, self->labels[0],
                              self->labels[points - 1]);
    }
  for (guint s = 0; s < n_series (self) && points > 0; s++)
    {
      double total = 0, max = NAN, min = NAN;
      guint max_at = 0, min_at = 0;
      g_autofree char *max_text = NULL;
      g_autofree char *min_text = NULL;

      for (guint p = 0; p < points; p++)
        {
          double v = value_at (self, s, p);

          if (isnan (v))
            continue;
          total += v;
          if (isnan (max) || v > max)
            max = v, max_at = p;
          if (isnan (min) || v < min)
            min = v, min_at = p;
        }
      max_text = aisle_chart_format_value (self->format, max);
      min_text = aisle_chart_format_value (self->format, min);
      g_string_append_c (text, ' ');
      if (isnan (max))
        /* Translators: accessible description of a chart series without data */
        g_string_append_printf (text, _("%s: no data."), self->series[s]);
      else if (self->format == AISLE_CHART_DAYS)
        /* Translators: accessible description of a chart series: highest and lowest points */
        g_string_append_printf (text, _("%s: highest %s in %s, lowest %s in %s."), self->series[s],
                                max_text, self->labels[max_at], min_text, self->labels[min_at]);
      else
        {
          g_autofree char *total_text = aisle_chart_format_value (self->format, total);

          /* Translators: accessible description of a chart series: total, highest and lowest */
          g_string_append_printf (text, _("%s: total %s, highest %s in %s, lowest %s in %s."),
                                  self->series[s], total_text, max_text, self->labels[max_at],
                                  min_text, self->labels[min_at]);
        }
    }
  g_free (self->description);
  self->description = g_string_free (text, FALSE);
  {
    /* Translators: the accessible name of a chart, e.g. "Sales by channel chart" */
    g_autofree char *label = g_strdup_printf (_("%s chart"), self->title != NULL ? self->title : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                    -1);
  }
}

static double
axis_max (AisleChart *self)
{
  double max = 0;

  for (guint s = 0; s < n_series (self); s++)
    for (guint p = 0; p < n_points (self); p++)
      if (!isnan (value_at (self, s, p)))
        max = MAX (max, value_at (self, s, p));
  if (max <= 0)
    return 1;
  /* a round number above the top value: 1, 2 or 5 times a power of ten */
  {
    double step = pow (10, floor (log10 (max)));

    if (max <= step)
      return step;
    if (max <= 2 * step)
      return 2 * step;
    if (max <= 5 * step)
      return 5 * step;
    return 10 * step;
  }
}

static void
draw_text (GtkWidget *widget,
           cairo_t   *cr,
           const char *text,
           double     x,
           double     y,
           double     align)    /* 0 left, 0.5 centre, 1 right */
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
aisle_chart_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  AisleChart *self = AISLE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint points = n_points (self), series = n_series (self);
  double max = axis_max (self);
  double plot_w, plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  double slot;
  GdkRGBA fg;
  cairo_t *cr;
  double legend_x;
  guint label_every;
  AisleChartFormat axis_format = self->format == AISLE_CHART_DAYS ? AISLE_CHART_COUNT : self->format;

  /* the value axis is as wide as its widest label (the top one) */
  {
    g_autofree char *top = aisle_chart_format_value (axis_format, max);
    PangoLayout *layout = gtk_widget_create_pango_layout (widget, top);
    int w, h;

    pango_layout_get_pixel_size (layout, &w, &h);
    g_object_unref (layout);
    self->margin_left = w + 16;
  }
  plot_w = width - self->margin_left - MARGIN_RIGHT;
  legend_x = self->margin_left;

  if (plot_w <= 0 || plot_h <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* legend */
  for (guint s = 0; s < series; s++)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, self->series[s]);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, &palette[s % G_N_ELEMENTS (palette)]);
      cairo_rectangle (cr, legend_x, MARGIN_TOP / 2.0 - 6, 12, 12);
      cairo_fill (cr);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, legend_x + 18, MARGIN_TOP / 2.0 - h / 2.0);
      pango_cairo_show_layout (cr, layout);
      legend_x += 18 + w + 20;
      g_object_unref (layout);
    }

  /* grid and the value axis */
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i <= 4; i++)
    {
      double y = MARGIN_TOP + plot_h - plot_h * i / 4;
      g_autofree char *text = aisle_chart_format_value (axis_format, max * i / 4);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, i == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, self->margin_left, floor (y) + 0.5);
      cairo_line_to (cr, width - MARGIN_RIGHT, floor (y) + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      draw_text (widget, cr, text, self->margin_left - 8, y, 1);
    }
  if (points == 0)
    {
      gdk_cairo_set_source_rgba (cr, &fg);
      draw_text (widget, cr, _("No data for this period."), self->margin_left + plot_w / 2,
                 MARGIN_TOP + plot_h / 2, 0.5);
      cairo_destroy (cr);
      return;
    }

  slot = plot_w / points;
  label_every = MAX (1, (guint) ceil (72 / slot));
  for (guint p = 0; p < points; p++)
    {
      double x0 = self->margin_left + slot * p;

      if (p % label_every == 0)
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
          draw_text (widget, cr, self->labels[p], x0 + slot / 2, height - MARGIN_BOTTOM / 2.0, 0.5);
        }
      if (self->kind != AISLE_CHART_BARS)
        continue;
      for (guint s = 0; s < series; s++)
        {
          double v = value_at (self, s, p);
          double bar_w = slot * 0.8 / series;
          double h = isnan (v) ? 0 : plot_h * v / max;

          gdk_cairo_set_source_rgba (cr, &palette[s % G_N_ELEMENTS (palette)]);
          cairo_rectangle (cr, x0 + slot * 0.1 + bar_w * s, MARGIN_TOP + plot_h - h, MAX (bar_w - 1, 1), h);
          cairo_fill (cr);
        }
    }
  if (self->kind == AISLE_CHART_LINE)
    for (guint s = 0; s < series; s++)
      {
        gboolean drawing = FALSE;

        gdk_cairo_set_source_rgba (cr, &palette[s % G_N_ELEMENTS (palette)]);
        cairo_set_line_width (cr, 3);
        for (guint p = 0; p < points; p++)
          {
            double v = value_at (self, s, p);
            double x = self->margin_left + slot * (p + 0.5), y;

            if (isnan (v))
              {
                if (drawing)
                  cairo_stroke (cr);
                drawing = FALSE;
                continue;
              }
            y = MARGIN_TOP + plot_h - plot_h * v / max;
            if (drawing)
              cairo_line_to (cr, x, y);
            else
              cairo_move_to (cr, x, y);
            drawing = TRUE;
          }
        if (drawing)
          cairo_stroke (cr);
        for (guint p = 0; p < points; p++)
          if (!isnan (value_at (self, s, p)))
            {
              cairo_arc (cr, self->margin_left + slot * (p + 0.5),
                         MARGIN_TOP + plot_h - plot_h * value_at (self, s, p) / max, 5, 0, 2 * G_PI);
              cairo_fill (cr);
            }
      }
  cairo_destroy (cr);
}

static void
aisle_chart_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = 280, *natural = 560;
  else
    *minimum = *natural = 240;
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                AisleChart      *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  guint points = n_points (self), series = n_series (self);
  double slot, within;
  guint point, s = 0;

  if (points == 0 || self->margin_left == 0 || x < self->margin_left || x >= width - MARGIN_RIGHT)
    return;
  slot = (double) (width - self->margin_left - MARGIN_RIGHT) / points;
  point = MIN ((guint) ((x - self->margin_left) / slot), points - 1);
  within = x - self->margin_left - slot * point - slot * 0.1;
  if (self->kind == AISLE_CHART_BARS && series > 0 && within >= 0)
    s = MIN ((guint) (within / (slot * 0.8 / series)), series - 1);
  g_signal_emit (self, signals[POINT_ACTIVATED], 0, s, point);
}

static void
aisle_chart_finalize (GObject *object)
{
  AisleChart *self = AISLE_CHART (object);

  g_free (self->title);
  g_strfreev (self->series);
  g_strfreev (self->labels);
  g_free (self->values);
  g_free (self->description);
  G_OBJECT_CLASS (aisle_chart_parent_class)->finalize (object);
}

static void
aisle_chart_class_init (AisleChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = aisle_chart_finalize;
  widget_class->snapshot = aisle_chart_snapshot;
  widget_class->measure = aisle_chart_measure;

  /**
   * AisleChart::point-activated:
   * @series: the series clicked (always 0 for a line chart)
   * @point: the point clicked
   */
  signals[POINT_ACTIVATED] = g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
aisle_chart_init (AisleChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  update_description (self);
}

GtkWidget *
aisle_chart_new (void)
{
  return g_object_new (AISLE_TYPE_CHART, NULL);
}

void
aisle_chart_set_title (AisleChart *self,
                       const char *title)
{
  g_return_if_fail (AISLE_IS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  update_description (self);
}

void
aisle_chart_set_data (AisleChart          *self,
                      AisleChartKind       kind,
                      AisleChartFormat     format,
                      const char * const  *series,
                      const char * const  *labels,
                      const double        *values)
{
  guint n;

  g_return_if_fail (AISLE_IS_CHART (self));

  self->kind = kind;
  self->format = format;
  g_strfreev (self->series);
  g_strfreev (self->labels);
  self->series = g_strdupv ((char **) series);
  self->labels = g_strdupv ((char **) labels);
  n = n_series (self) * n_points (self);
  g_free (self->values);
  self->values = n > 0 ? g_memdup2 (values, n * sizeof (double)) : NULL;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
aisle_chart_get_description (AisleChart *self)
{
  g_return_val_if_fail (AISLE_IS_CHART (self), NULL);
  return self->description;
}

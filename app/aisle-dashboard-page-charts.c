/* aisle-dashboard-page-charts.c: the dashboard's totals and charts, and their drill-downs.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills the total tiles and the four AisleCharts from the hub's report (docs/api.md); a click
 * on a tile or on a chart's point opens the drill-down of the figure behind it.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "aisle-dashboard-page-private.h"

static const char * const channels[] = { "store", "online", "app" };
static const char * const segments[] = { "new", "active", "sleeping", "lost" };
static const char * const omo_groups[] = { "both", "store_only", "online_only" };

/* --- showing a report ---------------------------------------------------------------------- */

static gint64
get_int (JsonObject *object,
         const char *a,
         const char *b)
{
  JsonObject *inner = json_object_get_object_member (object, a);

  if (inner == NULL)
    return 0;
  return b != NULL ? json_object_get_int_member_with_default (inner, b, 0) : 0;
}

static void
on_tile_clicked_cb (GtkButton          *button,
                    AisleDashboardPage *self)
{
  _aisle_dashboard_page_drill (self, g_object_get_data (G_OBJECT (button), "figure"),
                               g_object_get_data (G_OBJECT (button), "title"));
}

static void
add_tile (AisleDashboardPage *self,
          const char         *title,
          gint64              amount,
          gint64              orders,
          const char         *figure)
{
  g_autofree char *money = aisle_chart_format_value (AISLE_CHART_MONEY, (double) amount);
  g_autofree char *number = aisle_chart_format_value (AISLE_CHART_COUNT, (double) orders);
  /* Translators: the number of orders behind a total on the dashboard */
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%s order", "%s orders", (gulong) orders),
                                            number);
  /* Translators: the accessible name of a dashboard total: title, amount, orders */
  g_autofree char *name = g_strdup_printf (_("%s: %s, %s. Show the orders"), title, money, count);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label;

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (money);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (count);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "card");
  gtk_widget_set_size_request (button, 260, 96);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "figure", g_strdup (figure), g_free);
  g_object_set_data_full (G_OBJECT (button), "title", g_strdup (title), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_tile_clicked_cb), self);
  gtk_flow_box_append (self->tiles_box, button);
}

static void
show_tiles (AisleDashboardPage *self,
            JsonObject         *report)
{
  JsonObject *totals = json_object_get_object_member (report, "totals");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box))) != NULL)
    gtk_flow_box_remove (self->tiles_box, child);
  if (totals == NULL)
    return;
  add_tile (self, _("In-store sales"), get_int (totals, "store", "amount"),
            get_int (totals, "store", "orders"), "sales/store");
  add_tile (self, _("Online sales credited"), get_int (totals, "online", "amount"),
            get_int (totals, "online", "orders"), "sales/online");
  add_tile (self, _("App sales credited"), get_int (totals, "app", "amount"),
            get_int (totals, "app", "orders"), "sales/app");
  add_tile (self, _("Refunds and cancellations"), get_int (totals, "refunds", "amount"),
            get_int (totals, "refunds", "orders"), "refunds");
}

static void
show_sales (AisleDashboardPage *self,
            JsonObject         *report)
{
  JsonArray *sales = json_object_get_array_member (report, "sales");
  guint n = sales != NULL ? json_array_get_length (sales) : 0;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) label_strv = NULL;
  g_autofree double *values = g_new0 (double, 3 * MAX (n, 1));
  const char *series[] = { _("In store"), _("Online"), _("App"), NULL };

  for (guint i = 0; i < n; i++)
    {
      JsonObject *bucket = json_array_get_object_element (sales, i);

      g_strv_builder_add (labels, json_object_get_string_member_with_default (bucket, "label", ""));
      for (guint c = 0; c < 3; c++)
        values[c * n + i] = (double) get_int (bucket, channels[c], "amount");
    }
  label_strv = g_strv_builder_end (labels);
  aisle_chart_set_data (self->sales_chart, AISLE_CHART_BARS, AISLE_CHART_MONEY, series,
                        (const char * const *) label_strv, values);
}

static void
show_omo (AisleDashboardPage *self,
          JsonObject         *report)
{
  JsonObject *omo = json_object_get_object_member (report, "omo");
  const char *labels[] = { _("Both channels"), _("In store only"), _("Online only"), NULL };
  const char *series[] = { _("Members"), NULL };
  double values[3];
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      JsonObject *group = omo != NULL ? json_object_get_object_member (omo, omo_groups[i]) : NULL;
      gint64 members = group != NULL ? json_object_get_int_member_with_default (group, "members", 0) : 0;
      g_autofree char *spend = aisle_chart_format_value (AISLE_CHART_MONEY,
                                                         group != NULL ? (double) json_object_get_int_member_with_default (group, "average_spend", 0) : 0);
      double frequency = group != NULL ? json_object_get_double_member_with_default (group, "frequency", 0) : 0;
      g_autofree char *count = aisle_chart_format_value (AISLE_CHART_COUNT, (double) members);

      values[i] = (double) members;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: one line under the OMO chart: group, members, average spend, purchases */
      g_string_append_printf (text, _("%s: %s members, average spend %s, %.1f purchases each"),
                              labels[i], count, spend, frequency);
    }
  aisle_chart_set_data (self->omo_chart, AISLE_CHART_BARS, AISLE_CHART_COUNT, series, labels, values);
  gtk_label_set_text (self->omo_label, text->str);
  g_string_free (text, TRUE);
}

static void
show_segments (AisleDashboardPage *self,
               JsonObject         *report)
{
  JsonObject *seg = json_object_get_object_member (report, "segments");
  const char *labels[] = { _("New"), _("Active"), _("Sleeping"), _("Lost"), NULL };
  const char *series[] = { _("At the start"), _("At the end"), NULL };
  double values[8];
  JsonArray *moves = seg != NULL ? json_object_get_array_member (seg, "moves") : NULL;
  GString *text = g_string_new (_("Moved since the start:"));
  guint shown = 0;

  for (guint i = 0; i < 4; i++)
    {
      values[i] = seg != NULL ? (double) get_int (seg, "before", segments[i]) : 0;
      values[4 + i] = seg != NULL ? (double) get_int (seg, "now", segments[i]) : 0;
    }
  for (guint i = 0; moves != NULL && i < json_array_get_length (moves); i++)
    {
      JsonObject *move = json_array_get_object_element (moves, i);
      const char *from = json_object_get_string_member_with_default (move, "from", "");
      const char *to = json_object_get_string_member_with_default (move, "to", "");

      /* joining or leaving the segments is not a move between them */
      if (g_str_equal (from, "none") || g_str_equal (to, "none"))
        continue;
      for (guint a = 0; a < 4; a++)
        for (guint b = 0; b < 4; b++)
          if (g_str_equal (from, segments[a]) && g_str_equal (to, segments[b]))
            {
              g_autofree char *count = aisle_chart_format_value (AISLE_CHART_COUNT,
                                                                 (double) json_object_get_int_member_with_default (move, "members", 0));

              g_string_append_c (text, '\n');
              /* Translators: a move between member segments, e.g. "Active → Sleeping: 12" */
              g_string_append_printf (text, _("%s → %s: %s"), labels[a], labels[b], count);
              shown++;
            }
    }
  if (shown == 0)
    g_string_append_printf (text, " %s", _("none"));
  aisle_chart_set_data (self->segments_chart, AISLE_CHART_BARS, AISLE_CHART_COUNT, series, labels, values);
  gtk_label_set_text (self->segments_label, text->str);
  g_string_free (text, TRUE);
}

static void
show_repurchase (AisleDashboardPage *self,
                 JsonObject         *report)
{
  JsonObject *rep = json_object_get_object_member (report, "repurchase");
  JsonArray *months = rep != NULL ? json_object_get_array_member (rep, "months") : NULL;
  guint n = months != NULL ? json_array_get_length (months) : 0;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) label_strv = NULL;
  g_autofree double *values = g_new0 (double, MAX (n, 1));
  const char *series[] = { _("Median days between purchases"), NULL };
  JsonNode *median = rep != NULL ? json_object_get_member (rep, "median_days") : NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *month = json_array_get_object_element (months, i);
      JsonNode *value = json_object_get_member (month, "median_days");

      g_strv_builder_add (labels, json_object_get_string_member_with_default (month, "label", ""));
      values[i] = value != NULL && !JSON_NODE_HOLDS_NULL (value) ? json_node_get_double (value) : NAN;
    }
  label_strv = g_strv_builder_end (labels);
  aisle_chart_set_data (self->repurchase_chart, AISLE_CHART_LINE, AISLE_CHART_DAYS, series,
                        (const char * const *) label_strv, values);
  if (median == NULL || JSON_NODE_HOLDS_NULL (median))
    text = g_strdup (_("No member bought twice in this period."));
  else
    {
      g_autofree char *days = aisle_chart_format_value (AISLE_CHART_DAYS, json_node_get_double (median));
      g_autofree char *count = aisle_chart_format_value (AISLE_CHART_COUNT,
                                                         (double) json_object_get_int_member_with_default (rep, "intervals", 0));

      /* Translators: the median repurchase interval over the period and how many intervals */
      text = g_strdup_printf (_("Median over the period: %s, from %s repeat purchases"), days, count);
    }
  gtk_label_set_text (self->repurchase_label, text);
}

static void
on_chart_point_activated_cb (AisleChart         *chart,
                             guint               series,
                             guint               point,
                             AisleDashboardPage *self)
{
  JsonObject *report = self->report != NULL ? json_node_get_object (self->report) : NULL;
  g_autofree char *figure = NULL;
  g_autofree char *title = NULL;

  if (report == NULL)
    return;
  if (chart == self->sales_chart)
    {
      JsonArray *sales = json_object_get_array_member (report, "sales");
      JsonObject *bucket;

      if (sales == NULL || point >= json_array_get_length (sales) || series >= 3)
        return;
      bucket = json_array_get_object_element (sales, point);
      figure = g_strdup_printf ("sales/%s/%" G_GINT64_FORMAT, channels[series],
                                json_object_get_int_member (bucket, "start"));
      /* Translators: drill-down title: channel sales in a day, week or month */
      title = g_strdup_printf (_("Sales %s: %s"), json_object_get_string_member (bucket, "label"),
                               series == 0 ? _("In store") : series == 1 ? _("Online") : _("App"));
    }
  else if (chart == self->omo_chart && point < 3)
    {
      figure = g_strdup_printf ("omo/%s", omo_groups[point]);
      title = g_strdup (point == 0 ? _("Members buying in both channels")
                        : point == 1 ? _("Members buying in store only") : _("Members buying online only"));
    }
  else if (chart == self->segments_chart && point < 4)
    {
      figure = g_strdup_printf (series == 0 ? "segment_before/%s" : "segment/%s", segments[point]);
      title = g_strdup_printf ("%s", point == 0 ? _("New members") : point == 1 ? _("Active members")
                                     : point == 2 ? _("Sleeping members") : _("Lost members"));
    }
  else if (chart == self->repurchase_chart)
    {
      JsonObject *rep = json_object_get_object_member (report, "repurchase");
      JsonArray *months = rep != NULL ? json_object_get_array_member (rep, "months") : NULL;

      if (months == NULL || point >= json_array_get_length (months))
        return;
      figure = g_strdup_printf ("repurchase/%" G_GINT64_FORMAT,
                                json_object_get_int_member (json_array_get_object_element (months, point), "start"));
      /* Translators: drill-down title: the repeat purchases of a month */
      title = g_strdup_printf (_("Repeat purchases in %s"),
                               json_object_get_string_member (json_array_get_object_element (months, point), "label"));
    }
  if (figure != NULL)
    _aisle_dashboard_page_drill (self, figure, title);
}

static AisleChart *
add_chart (AisleDashboardPage  *self,
           const char          *title,
           GtkLabel           **out_note)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *chart = aisle_chart_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  aisle_chart_set_title (AISLE_CHART (chart), title);
  gtk_box_append (GTK_BOX (box), chart);
  if (out_note != NULL)
    {
      GtkWidget *note = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
      *out_note = GTK_LABEL (note);
    }
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (card), box);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_size_request (card, 300, -1);
  g_signal_connect (chart, "point-activated", G_CALLBACK (on_chart_point_activated_cb), self);
  gtk_flow_box_append (self->charts_box, card);
  return AISLE_CHART (chart);
}

void
_aisle_dashboard_page_show_charts (AisleDashboardPage *self,
                                   JsonObject         *report)
{
  show_tiles (self, report);
  show_sales (self, report);
  show_omo (self, report);
  show_segments (self, report);
  show_repurchase (self, report);
}

void
_aisle_dashboard_page_charts_init (AisleDashboardPage *self)
{
  self->sales_chart = add_chart (self, _("Sales by channel"), &self->sales_label);
  gtk_label_set_text (self->sales_label, _("Select a bar to list the orders behind it; a total above lists them all."));
  self->omo_chart = add_chart (self, _("Members by channel (OMO)"), &self->omo_label);
  self->segments_chart = add_chart (self, _("Member segments"), &self->segments_label);
  self->repurchase_chart = add_chart (self, _("Repurchase interval by month"), &self->repurchase_label);
}

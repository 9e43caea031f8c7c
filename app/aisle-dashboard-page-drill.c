/* aisle-dashboard-page-drill.c: the orders or members behind a dashboard figure.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks the hub for the figure's drill-down (GET /v1/reports/store?figure=, docs/api.md) for
 * the report on screen, and lists what it answers in a dialog. Drill-downs need the hub:
 * offline, the dialog says so.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-dashboard-page-private.h"
#include "aisle-sync-reports.h"

#define DRILL_LIMIT 200

static const char *
channel_name (const char *channel)
{
  if (g_strcmp0 (channel, "store") == 0)
    return _("In store");
  if (g_strcmp0 (channel, "app") == 0)
    return _("App");
  return _("Online");
}

static char *
order_line (AisleDashboardPage *self,
            JsonObject         *order)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (self->tz_name);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (json_object_get_int_member_with_default (order, "placed_at", 0));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz != NULL ? tz : g_time_zone_new_utc ());
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *total = aisle_chart_format_value (AISLE_CHART_MONEY,
                                                     (double) json_object_get_int_member_with_default (order, "total", 0));
  const char *staff = json_object_get_string_member_with_default (order, "credited_staff_id", NULL);

  /* Translators: one order in a drill-down: time, channel, amount, credited associate */
  return g_strdup_printf (_("%s · %s · %s · %s"), when,
                          channel_name (json_object_get_string_member_with_default (order, "channel", "")),
                          total, staff != NULL ? staff : _("no associate"));
}

static char *
member_line (JsonObject *member)
{
  /* Translators: one member in a drill-down: member number and name */
  return g_strdup_printf (_("%s · %s"), json_object_get_string_member_with_default (member, "number", "–"),
                          json_object_get_string_member_with_default (member, "name", ""));
}

typedef struct
{
  AisleDashboardPage *self;
  GtkWidget          *dialog;    /* strong */
  GtkListBox         *list;
  GtkLabel           *summary;
} Drill;

static void
drill_free (Drill *d)
{
  g_clear_object (&d->self);
  g_clear_object (&d->dialog);
  g_free (d);
}

static void
add_line (GtkListBox *list,
          const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_size_request (label, -1, 40);
  gtk_list_box_append (list, label);
}

static void
drill_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Drill *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = aisle_sync_client_fetch_report_finish (AISLE_SYNC_CLIENT (source), result, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *rows;
  gboolean members;
  g_autofree char *summary = NULL;
  g_autofree char *number = NULL;
  gint64 count;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      drill_free (d);
      return;
    }
  root = json != NULL ? json_from_string (json, NULL) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      gtk_label_set_text (d->summary, g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE)
                                      ? _("The hub cannot be reached: the rows behind a figure need a connection.")
                                      : _("The hub could not list the rows behind this figure."));
      drill_free (d);
      return;
    }
  object = json_node_get_object (root);
  members = g_strcmp0 (json_object_get_string_member_with_default (object, "kind", ""), "members") == 0;
  rows = json_object_get_array_member (object, members ? "members" : "orders");
  count = json_object_get_int_member_with_default (object, "count", 0);
  number = aisle_chart_format_value (AISLE_CHART_COUNT, (double) count);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *line = members ? member_line (row) : order_line (d->self, row);

      add_line (d->list, line);
    }
  if (members)
    /* Translators: how many members are behind a figure */
    summary = g_strdup_printf (g_dngettext (NULL, "%s member", "%s members", (gulong) count), number);
  else
    /* Translators: how many orders are behind a figure */
    summary = g_strdup_printf (g_dngettext (NULL, "%s order", "%s orders", (gulong) count), number);
  if (json_object_get_boolean_member_with_default (object, "truncated", FALSE))
    {
      g_autofree char *more = g_strdup_printf (_("%s; the first %u are shown"), summary, DRILL_LIMIT);

      g_free (summary);
      summary = g_steal_pointer (&more);
    }
  gtk_label_set_text (d->summary, summary);
  drill_free (d);
}

void
_aisle_dashboard_page_drill (AisleDashboardPage *self,
                             const char         *figure,
                             const char         *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *box, *scroller, *summary, *list;
  AisleReportRequest request = { 0, };
  g_autofree char *bucket = NULL;
  Drill *d;

  if (self->report == NULL || self->sync_client == NULL || self->staff_id == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, title, NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  summary = gtk_label_new (_("Loading…"));
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_box_append (GTK_BOX (box), summary);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);

  d = g_new0 (Drill, 1);
  d->self = g_object_ref (self);
  d->dialog = g_object_ref (dialog);
  d->list = GTK_LIST_BOX (list);
  d->summary = GTK_LABEL (summary);
  gtk_window_present (GTK_WINDOW (dialog));

  bucket = g_strdup (json_object_get_string_member_with_default (json_node_get_object (self->report), "bucket", "auto"));
  request.staff_id = self->staff_id;
  request.pin = self->pin;
  request.store_id = self->report_store;
  request.from = self->report_from;
  request.to = self->report_to;
  request.bucket = bucket;
  request.figure = figure;
  request.limit = DRILL_LIMIT;
  g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
  self->drill_cancellable = g_cancellable_new ();
  aisle_sync_client_fetch_report_async (self->sync_client, &request, self->drill_cancellable, drill_cb, d);
}

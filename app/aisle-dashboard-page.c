/* aisle-dashboard-page.c: the manager's store performance dashboard (issue 8).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is the hub's (GET /v1/reports/store, docs/api.md), fetched through the sync client
 * (core/aisle-sync-reports.c), which keeps the last one of each store in the cache: offline, the
 * page shows that one with the time it was fetched. Charts are AisleCharts; clicking a point, a
 * total or an associate opens the drill-down behind it (aisle-dashboard-page-drill.c); the
 * associate table and its CSV export are in aisle-dashboard-page-table.c.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "aisle-dashboard-page-private.h"
#include "aisle-sync-reports.h"

G_DEFINE_FINAL_TYPE (AisleDashboardPage, aisle_dashboard_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static void fetch (AisleDashboardPage *self);

static void
set_loading (AisleDashboardPage *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_widget_set_sensitive (GTK_WIDGET (self->refresh_button), !loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static const char *
picked_store (AisleDashboardPage *self)
{
  guint i = gtk_drop_down_get_selected (self->store_dropdown);

  if (self->store_ids == NULL || i >= self->store_ids->len)
    return self->sync_client != NULL ? aisle_sync_client_get_store_id (self->sync_client) : NULL;
  return g_ptr_array_index (self->store_ids, i);
}

/* The picked period as [from, to) between local midnights in the report's time zone. */
static void
picked_period (AisleDashboardPage *self,
               gint64             *out_from,
               gint64             *out_to)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (self->tz_name);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) month = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  int y, m, d;

  if (tz == NULL)
    tz = g_time_zone_new_local ();
  now = g_date_time_new_now (tz);
  g_date_time_get_ymd (now, &y, &m, &d);
  today = g_date_time_new (tz, y, m, d, 0, 0, 0);
  tomorrow = g_date_time_add_days (today, 1);
  month = g_date_time_new (tz, y, m, 1, 0, 0, 0);
  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case 0:   /* this month */
      from = g_date_time_ref (month);
      to = g_date_time_ref (tomorrow);
      break;
    case 1:   /* last month */
      from = g_date_time_add_months (month, -1);
      to = g_date_time_ref (month);
      break;
    case 2:   /* last 90 days */
      from = g_date_time_add_days (tomorrow, -90);
      to = g_date_time_ref (tomorrow);
      break;
    case 3:   /* last 12 months, whole months and this one so far */
    default:
      from = g_date_time_add_months (month, -11);
      to = g_date_time_ref (tomorrow);
      break;
    }
  *out_from = g_date_time_to_unix (from);
  *out_to = g_date_time_to_unix (to);
}

static char *
format_time (AisleDashboardPage *self,
             gint64              t,
             const char         *format)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (self->tz_name);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz != NULL ? tz : g_time_zone_new_utc ());

  return g_date_time_format (local, format);
}

static void
set_status (AisleDashboardPage *self,
            const char         *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* Shows @json (a report of @store_id for [from, to)); FALSE if it is not a report. */
static gboolean
show_report (AisleDashboardPage *self,
             const char         *store_id,
             gint64              from,
             gint64              to,
             const char         *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  JsonObject *report;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  report = json_node_get_object (root);
  g_clear_pointer (&self->report, json_node_unref);
  self->report = g_steal_pointer (&root);
  g_free (self->report_store);
  self->report_store = g_strdup (store_id);
  self->report_from = from;
  self->report_to = to;
  if (json_object_has_member (report, "time_zone"))
    {
      g_free (self->tz_name);
      self->tz_name = g_strdup (json_object_get_string_member (report, "time_zone"));
    }
  _aisle_dashboard_page_show_charts (self, report);
  _aisle_dashboard_page_table_fill (self, json_object_get_array_member (report, "associates"));
  gtk_stack_set_visible_child_name (self->stack, "report");
  return TRUE;
}

/* --- fetching ------------------------------------------------------------------------------ */

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AisleDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleCachedReport) cached = aisle_sync_client_load_report_finish (AISLE_SYNC_CLIENT (source),
                                                                              result, &error);
  const char *why = self->offline_reason != NULL ? self->offline_reason : "";
  g_autofree char *as_of = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (cached == NULL || !show_report (self, cached->store_id, cached->from, cached->to, cached->json))
    {
      /* Translators: the hub is unreachable and nothing was saved: %s says why */
      text = g_strdup_printf (_("%s No report of this store is saved on this tablet yet."), why);
      set_status (self, text);
      return;
    }
  as_of = format_time (self, cached->as_of, "%Y-%m-%d %H:%M");
  from = format_time (self, cached->from, "%Y-%m-%d");
  to = format_time (self, cached->to - 1, "%Y-%m-%d");
  /* Translators: offline, the saved report: why, then when it was fetched and its period */
  text = g_strdup_printf (_("%s Showing the report saved as of %s (%s to %s)."), why, as_of, from, to);
  set_status (self, text);
}

/* The hub could not be asked: show the last report saved for the store, saying why. */
static void
show_saved (AisleDashboardPage *self,
            const char         *why)
{
  g_free (self->offline_reason);
  self->offline_reason = g_strdup (why);
  set_loading (self, TRUE);
  aisle_sync_client_load_report_async (self->sync_client, picked_store (self), self->cancellable,
                                       load_cb, g_object_ref (self));
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AisleDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = aisle_sync_client_fetch_report_finish (AISLE_SYNC_CLIENT (source), result, &error);
  g_autofree char *as_of = NULL;
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (json == NULL)
    {
      if (g_error_matches (error, AISLE_SYNC_REPORTS_ERROR, AISLE_SYNC_REPORTS_ERROR_WRONG_PIN))
        set_status (self, _("The hub did not accept this staff number and PIN. Sign in again to see the report."));
      else if (g_error_matches (error, AISLE_SYNC_REPORTS_ERROR, AISLE_SYNC_REPORTS_ERROR_LOCKED_OUT))
        set_status (self, _("Too many wrong PINs for this staff number. Wait five minutes, then sign in again."));
      else if (g_error_matches (error, AISLE_SYNC_REPORTS_ERROR, AISLE_SYNC_REPORTS_ERROR_FORBIDDEN))
        set_status (self, _("Only a manager of this store, on one of its own tablets, can see its report."));
      else if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE))
        show_saved (self, _("The hub cannot be reached."));
      else
        {
          g_warning ("store report: %s", error->message);
          show_saved (self, _("The hub could not make the report just now."));
        }
      return;
    }
  show_report (self, self->fetch_store, self->fetch_from, self->fetch_to, json);
  as_of = format_time (self, g_get_real_time () / G_USEC_PER_SEC, "%Y-%m-%d %H:%M");
  /* Translators: when the report on screen was fetched */
  text = g_strdup_printf (_("As of %s"), as_of);
  set_status (self, text);
}

static void
fetch (AisleDashboardPage *self)
{
  AisleReportRequest request = { 0, };

  if (self->sync_client == NULL || self->filling_stores)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->staff_id == NULL)
    {
      g_clear_pointer (&self->report, json_node_unref);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_status (self, "");
      set_loading (self, FALSE);
      return;
    }
  request.staff_id = self->staff_id;
  request.pin = self->pin;
  request.store_id = picked_store (self);
  if (request.store_id == NULL)
    return;
  picked_period (self, &request.from, &request.to);
  g_free (self->fetch_store);
  self->fetch_store = g_strdup (request.store_id);
  self->fetch_from = request.from;
  self->fetch_to = request.to;
  set_loading (self, TRUE);
  set_status (self, _("Loading the report…"));
  aisle_sync_client_fetch_report_async (self->sync_client, &request, self->cancellable, fetch_cb,
                                        g_object_ref (self));
}

static void
on_picker_changed_cb (AisleDashboardPage *self)
{
  fetch (self);
}

static void
on_refresh_button_clicked_cb (AisleDashboardPage *self)
{
  fetch (self);
}

/* --- stores ---------------------------------------------------------------------------------- */

static gpointer
list_stores_job (AisleStore    *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return aisle_store_list_branches (store, error);
}

static void
list_stores_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AisleDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) branches = aisle_worker_run_finish (AISLE_WORKER (source), result, &error);
  const char *own = self->sync_client != NULL ? aisle_sync_client_get_store_id (self->sync_client) : NULL;
  guint selected = 0;

  if (branches == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("listing stores: %s", error->message);
      branches = g_ptr_array_new ();
    }
  self->filling_stores = TRUE;
  g_ptr_array_set_size (self->store_ids, 0);
  gtk_string_list_splice (self->store_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store_names)), NULL);
  /* this tablet's store first: the one whose report it may see */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < branches->len; i++)
      {
        const AisleBranch *b = g_ptr_array_index (branches, i);

        if ((g_strcmp0 (b->id, own) == 0) != (pass == 0))
          continue;
        g_ptr_array_add (self->store_ids, g_strdup (b->id));
        gtk_string_list_append (self->store_names, b->name);
      }
  if (self->store_ids->len == 0 && own != NULL)
    {
      g_ptr_array_add (self->store_ids, g_strdup (own));
      gtk_string_list_append (self->store_names, own);
    }
  gtk_drop_down_set_selected (self->store_dropdown, selected);
  self->filling_stores = FALSE;
  fetch (self);
}

static void
reload_stores (AisleDashboardPage *self)
{
  AisleWorker *worker = self->worker;

  if (worker == NULL && self->sync_client != NULL)
    worker = aisle_sync_client_get_worker (self->sync_client);
  if (worker == NULL || self->sync_client == NULL)
    return;
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, list_stores_job, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, list_stores_cb,
                          g_object_ref (self));
}

/* --- building ------------------------------------------------------------------------------ */

static void
aisle_dashboard_page_dispose (GObject *object)
{
  AisleDashboardPage *self = AISLE_DASHBOARD_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->drill_cancellable);
  g_clear_object (&self->drill_cancellable);
  aisle_dashboard_page_set_staff (self, NULL, NULL);
  g_clear_object (&self->sync_client);
  g_clear_object (&self->worker);
  g_clear_object (&self->sorted);
  g_clear_object (&self->associates);
  g_clear_object (&self->store_names);
  g_clear_pointer (&self->store_ids, g_ptr_array_unref);
  g_clear_pointer (&self->report, json_node_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_DASHBOARD_PAGE);
  /* the scroller is the template's root and is not bound, so it is not unparented above */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (aisle_dashboard_page_parent_class)->dispose (object);
}

static void
aisle_dashboard_page_finalize (GObject *object)
{
  AisleDashboardPage *self = AISLE_DASHBOARD_PAGE (object);

  g_free (self->report_store);
  g_free (self->tz_name);
  g_free (self->fetch_store);
  g_free (self->offline_reason);
  G_OBJECT_CLASS (aisle_dashboard_page_parent_class)->finalize (object);
}

static void
aisle_dashboard_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AisleDashboardPage *self = AISLE_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_dashboard_page_class_init (AisleDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_dashboard_page_dispose;
  object_class->finalize = aisle_dashboard_page_finalize;
  object_class->get_property = aisle_dashboard_page_get_property;

  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                   G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/aisleretail/Aisle/ui/aisle-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, associates_view);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, store_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AisleDashboardPage, tiles_box);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_refresh_button_clicked_cb);
  _aisle_dashboard_page_table_class_init (widget_class);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aisledashboardpage");
  g_type_ensure (AISLE_TYPE_CHART);
}

static void
aisle_dashboard_page_init (AisleDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tz_name = g_strdup ("Asia/Taipei");
  self->store_ids = g_ptr_array_new_with_free_func (g_free);
  self->store_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->store_dropdown, G_LIST_MODEL (self->store_names));
  _aisle_dashboard_page_charts_init (self);
  _aisle_dashboard_page_table_init (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
aisle_dashboard_page_new (void)
{
  return g_object_new (AISLE_TYPE_DASHBOARD_PAGE, NULL);
}

void
aisle_dashboard_page_set_worker (AisleDashboardPage *self,
                                 AisleWorker        *worker)
{
  g_return_if_fail (AISLE_IS_DASHBOARD_PAGE (self));

  if (g_set_object (&self->worker, worker))
    reload_stores (self);
}

void
aisle_dashboard_page_set_sync_client (AisleDashboardPage *self,
                                      AisleSyncClient    *client)
{
  g_return_if_fail (AISLE_IS_DASHBOARD_PAGE (self));

  if (g_set_object (&self->sync_client, client))
    reload_stores (self);
}

void
aisle_dashboard_page_set_staff (AisleDashboardPage *self,
                                const char         *staff_id,
                                const char         *pin_or_credential)
{
  g_return_if_fail (AISLE_IS_DASHBOARD_PAGE (self));

  if (self->pin != NULL)
    memset (self->pin, 0, strlen (self->pin));
  g_clear_pointer (&self->pin, g_free);
  g_clear_pointer (&self->staff_id, g_free);
  if (staff_id != NULL && pin_or_credential != NULL)
    {
      self->staff_id = g_strdup (staff_id);
      self->pin = g_strdup (pin_or_credential);
    }
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)) && self->stack != NULL)
    fetch (self);
}

void
aisle_dashboard_page_refresh (AisleDashboardPage *self)
{
  g_return_if_fail (AISLE_IS_DASHBOARD_PAGE (self));
  fetch (self);
}

gboolean
aisle_dashboard_page_get_loading (AisleDashboardPage *self)
{
  g_return_val_if_fail (AISLE_IS_DASHBOARD_PAGE (self), FALSE);
  return self->loading;
}

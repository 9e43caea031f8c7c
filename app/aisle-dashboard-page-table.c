/* aisle-dashboard-page-table.c: the dashboard's associate table and its CSV export.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per associate of the store (and anyone credited with its sales), sortable by every
 * column; the export writes the rows in the order shown.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "aisle-dashboard-page-private.h"

/* --- one row ------------------------------------------------------------------------------- */

typedef enum
{
  COLUMN_NAME,
  COLUMN_STORE_SALES,
  COLUMN_ONLINE_SALES,
  COLUMN_ENROLMENTS,
  COLUMN_NEW_BINDINGS,
  COLUMN_BOUND,
  COLUMN_REPURCHASE,
  N_COLUMNS
} Column;

#define AISLE_TYPE_DASHBOARD_ASSOCIATE (aisle_dashboard_associate_get_type ())
G_DECLARE_FINAL_TYPE (AisleDashboardAssociate, aisle_dashboard_associate, AISLE, DASHBOARD_ASSOCIATE, GObject)

struct _AisleDashboardAssociate
{
  GObject  parent_instance;
  char    *staff_id;
  char    *name;
  gboolean active;
  double   values[N_COLUMNS];    /* NAN: none (a rate without buyers) */
};

G_DEFINE_FINAL_TYPE (AisleDashboardAssociate, aisle_dashboard_associate, G_TYPE_OBJECT)

static void
aisle_dashboard_associate_finalize (GObject *object)
{
  AisleDashboardAssociate *self = AISLE_DASHBOARD_ASSOCIATE (object);

  g_free (self->staff_id);
  g_free (self->name);
  G_OBJECT_CLASS (aisle_dashboard_associate_parent_class)->finalize (object);
}

static void
aisle_dashboard_associate_class_init (AisleDashboardAssociateClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = aisle_dashboard_associate_finalize;
}

static void
aisle_dashboard_associate_init (AisleDashboardAssociate *self)
{
}

static const char *
column_title (Column column)
{
  switch (column)
    {
    case COLUMN_NAME: return _("Associate");
    case COLUMN_STORE_SALES: return _("In-store sales");
    case COLUMN_ONLINE_SALES: return _("Online sales credited");
    case COLUMN_ENROLMENTS: return _("Enrolments");
    case COLUMN_NEW_BINDINGS: return _("New bindings");
    case COLUMN_BOUND: return _("Bound customers");
    case COLUMN_REPURCHASE: return _("Repurchase rate");
    case N_COLUMNS:
    default: g_assert_not_reached ();
    }
}

/* The text of a cell; with @csv, plain numbers (NT$ as a number of dollars, a rate 0-1). */
static char *
cell_text (AisleDashboardAssociate *a,
           Column                   column,
           gboolean                 csv)
{
  double v = a->values[column];

  if (column == COLUMN_NAME)
    {
      if (csv || a->active)
        return g_strdup (a->name);
      /* Translators: an associate who no longer works here */
      return g_strdup_printf (_("%s (left)"), a->name);
    }
  if (isnan (v))
    return csv ? g_strdup ("") : g_strdup ("–");
  if (column == COLUMN_STORE_SALES || column == COLUMN_ONLINE_SALES)
    return csv ? g_strdup_printf ("%.0f", v / 100) : aisle_chart_format_value (AISLE_CHART_MONEY, v);
  if (column == COLUMN_REPURCHASE)
    return csv ? g_strdup_printf ("%.3f", v) : g_strdup_printf ("%.0f%%", v * 100);
  return g_strdup_printf ("%.0f", v);
}

/* --- the column view ----------------------------------------------------------------------- */

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);
  Column column = GPOINTER_TO_UINT (data);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_NAME ? 0 : 1);
  gtk_widget_set_size_request (label, -1, 48);
  if (column != COLUMN_NAME)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  data)
{
  AisleDashboardAssociate *a = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (a, GPOINTER_TO_UINT (data), FALSE);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      data)
{
  const AisleDashboardAssociate *aa = a, *ab = b;
  Column column = GPOINTER_TO_UINT (data);
  double va = aa->values[column], vb = ab->values[column];

  if (column == COLUMN_NAME)
    return g_utf8_collate (aa->name, ab->name);
  /* no value sorts below every value */
  if (isnan (va) || isnan (vb))
    return isnan (va) - isnan (vb) != 0 ? (isnan (va) ? -1 : 1) : 0;
  return (va > vb) - (va < vb);
}

void
_aisle_dashboard_page_table_init (AisleDashboardPage *self)
{
  self->associates = g_list_store_new (AISLE_TYPE_DASHBOARD_ASSOCIATE);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, GUINT_TO_POINTER (c), NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (c));
      column = gtk_column_view_column_new (column_title (c), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, c == COLUMN_NAME);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->associates_view, column);
      g_object_unref (sorter);
      g_object_unref (column);
    }
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->associates)),
                                          g_object_ref (gtk_column_view_get_sorter (self->associates_view)));
  gtk_column_view_set_model (self->associates_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)))));
}

static double
sum_amount (JsonObject *a,
            const char *name)
{
  JsonObject *sum = json_object_get_object_member (a, name);

  return sum != NULL ? (double) json_object_get_int_member_with_default (sum, "amount", 0) : 0;
}

void
_aisle_dashboard_page_table_fill (AisleDashboardPage *self,
                                  JsonArray          *associates)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; associates != NULL && i < json_array_get_length (associates); i++)
    {
      JsonObject *o = json_array_get_object_element (associates, i);
      AisleDashboardAssociate *a = g_object_new (AISLE_TYPE_DASHBOARD_ASSOCIATE, NULL);
      JsonNode *rate = json_object_get_member (o, "repurchase_rate");

      a->staff_id = g_strdup (json_object_get_string_member_with_default (o, "staff_id", ""));
      a->name = g_strdup (json_object_get_string_member_with_default (o, "name", a->staff_id));
      a->active = json_object_get_boolean_member_with_default (o, "active", TRUE);
      a->values[COLUMN_NAME] = 0;
      a->values[COLUMN_STORE_SALES] = sum_amount (o, "store_sales");
      a->values[COLUMN_ONLINE_SALES] = sum_amount (o, "online_sales");
      a->values[COLUMN_ENROLMENTS] = (double) json_object_get_int_member_with_default (o, "enrolments", 0);
      a->values[COLUMN_NEW_BINDINGS] = (double) json_object_get_int_member_with_default (o, "new_bindings", 0);
      a->values[COLUMN_BOUND] = (double) json_object_get_int_member_with_default (o, "bound", 0);
      a->values[COLUMN_REPURCHASE] = rate != NULL && !JSON_NODE_HOLDS_NULL (rate) ? json_node_get_double (rate) : NAN;
      g_ptr_array_add (rows, a);
    }
  g_list_store_splice (self->associates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->associates)),
                       rows->pdata, rows->len);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), rows->len > 0);
}

static void
on_associates_view_activate_cb (AisleDashboardPage *self,
                                guint               position)
{
  g_autoptr(AisleDashboardAssociate) a = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  g_autofree char *figure = NULL;
  g_autofree char *title = NULL;

  if (a == NULL)
    return;
  figure = g_strdup_printf ("associate/%s/online_sales", a->staff_id);
  /* Translators: drill-down title: the online orders credited to an associate (分潤) */
  title = g_strdup_printf (_("Online sales credited to %s"), a->name);
  _aisle_dashboard_page_drill (self, figure, title);
}

/* --- CSV ----------------------------------------------------------------------------------- */

/* A field as RFC 4180 quotes it. @text (a name or an id: never a number) that a spreadsheet
 * would take for a formula gets a leading apostrophe, so that opening the export runs
 * nothing. */
static void
append_csv_field (GString    *csv,
                  const char *text,
                  gboolean    is_text)
{
  g_autofree char *safe = NULL;

  if (is_text && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    text = safe = g_strconcat ("'", text, NULL);
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (csv, text);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static char *
table_to_csv (AisleDashboardPage *self)
{
  GString *csv = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  append_csv_field (csv, _("Staff number"), TRUE);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      g_string_append_c (csv, ',');
      append_csv_field (csv, column_title (c), TRUE);
    }
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AisleDashboardAssociate) a = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      append_csv_field (csv, a->staff_id, TRUE);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          g_autofree char *text = cell_text (a, c, TRUE);

          g_string_append_c (csv, ',');
          append_csv_field (csv, text, c == COLUMN_NAME);
        }
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}

/* The GTask source tag of the export. */
static const char export_tag = 0;

static void
replace_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
aisle_dashboard_page_export_csv_async (AisleDashboardPage  *self,
                                       GFile               *file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  char *csv;

  g_return_if_fail (AISLE_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &export_tag);
  csv = table_to_csv (self);
  g_task_set_task_data (task, csv, g_free);
  /* GIO writes it off the main thread; the text lives as long as the task */
  g_file_replace_contents_async (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                 cancellable, replace_cb, task);
}

gboolean
aisle_dashboard_page_export_csv_finish (AisleDashboardPage  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AisleDashboardPage *self = AISLE_DASHBOARD_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!aisle_dashboard_page_export_csv_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text = NULL;

      /* Translators: saving the CSV file failed; %s is the system's reason */
      text = g_strdup_printf (_("The table could not be saved: %s"), error->message);
      gtk_label_set_text (self->status_label, text);
    }
}

static void
on_chooser_response_cb (GtkNativeDialog    *chooser,
                        int                 response,
                        AisleDashboardPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      aisle_dashboard_page_export_csv_async (self, file, NULL, export_done_cb, NULL);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
on_export_button_clicked_cb (AisleDashboardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Associates"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the default file name of the exported associate table; keep .csv */
  name = g_strdup_printf (_("associates-%s.csv"), self->report_store != NULL ? self->report_store : "store");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_aisle_dashboard_page_table_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_associates_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_button_clicked_cb);
}

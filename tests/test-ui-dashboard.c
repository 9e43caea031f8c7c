/* test-ui-dashboard.c: the manager's dashboard under Xvfb, against a real hub on loopback
 * seeded with the demo data: charts described for screen readers, the associate table sorted
 * and exported as CSV (checked against the hub's own answer), a wrong PIN, and offline the
 * saved report with its "as of".
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <adwaita.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "aisle-application.h"
#include "aisle-chart.h"
#include "aisle-dashboard-page.h"
#include "aisle-sync-private.h"
#include "aisle-sync-reports.h"
#include "aisle-test.h"
#include "aisle-test-tablet.h"
#include "aisle-test-ui.h"
#include "aisle-signin-page.h"
#include "aisle-window.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

#define WAIT_TIMEOUT_MS 60000

typedef struct
{
  Fixture             hub;
  Device             *device;
  GtkWindow          *window;
  AisleDashboardPage *page;
} Test;

static gboolean
page_idle (gpointer data)
{
  return !aisle_dashboard_page_get_loading (data);
}

static gboolean
label_shows (gpointer data)
{
  Test *test = data;

  return aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), g_object_get_data (G_OBJECT (test->page), "want"));
}

static void
wait_for_text (Test       *test,
               const char *text)
{
  g_object_set_data_full (G_OBJECT (test->page), "want", g_strdup (text), g_free);
  if (!aisle_test_ui_wait_until (label_shows, test, WAIT_TIMEOUT_MS))
    g_error ("the dashboard never showed \"%s\"", text);
}

static void
setup_test (Test          *test,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache = NULL;
  GtkWidget *page;

  aisle_test_ui_restore_data_dirs ();
  test->hub.dir = aisle_test_mkdtemp ();
  test->hub.db = g_build_filename (test->hub.dir, "hub.db", NULL);
  g_free (admin (&test->hub, NULL, "seed-demo", "1500", "200", NULL));
  /* a name a spreadsheet would run as a formula: the export must defuse it */
  g_free (admin (&test->hub, "5678\n", "staff", "add", "S0999", "TPE01", "=1+2", "associate", NULL));
  test->hub.session = soup_session_new ();
  start_hub (&test->hub);
  code = admin (&test->hub, NULL, "pair-code", "TPE01", "tablet", NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u", test->hub.port);
  cache = g_build_filename (test->hub.dir, "tablet.db", NULL);
  test->device = device_open (cache, test->hub.session);
  g_assert_true (device_pair (test->device, url, g_strstrip (code), &error));
  g_assert_no_error (error);
  g_assert_true (device_sync (test->device, &error));
  g_assert_no_error (error);

  test->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (test->window, 1280, 800);
  page = aisle_dashboard_page_new ();
  test->page = AISLE_DASHBOARD_PAGE (page);
  adw_window_set_content (ADW_WINDOW (test->window), page);
  aisle_dashboard_page_set_worker (test->page, test->device->worker);
  aisle_dashboard_page_set_sync_client (test->page, test->device->client);
  gtk_window_present (test->window);
}

static void
teardown_test (Test          *test,
               gconstpointer  data)
{
  gtk_window_destroy (test->window);
  aisle_test_ui_spin ();
  g_clear_pointer (&test->device, device_close);
  teardown (&test->hub, NULL);
}

/* Signs S0001 (the demo's manager of TPE01) in and waits for the report. */
static void
sign_in (Test       *test,
         const char *pin)
{
  aisle_dashboard_page_set_staff (test->page, "S0001", pin);
  g_assert_true (aisle_test_ui_wait_until (page_idle, test->page, WAIT_TIMEOUT_MS));
}

static void
check_chart (Test       *test,
             const char *title)
{
  g_autofree char *label = g_strdup_printf ("%s chart", title);
  GtkWidget *chart = aisle_test_ui_find_by_label (GTK_WIDGET (test->page), label);
  const char *description;
  char *failure;

  g_assert_nonnull (chart);
  g_assert_true (AISLE_IS_CHART (chart));
  description = aisle_chart_get_description (AISLE_CHART (chart));
  g_assert_true (g_str_has_prefix (description, title));
  g_assert_nonnull (strstr (description, "points from"));
  failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                description);
  g_assert_null (failure);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static char **
export_rows (Test *test)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = g_build_filename (test->hub.dir, "associates.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;

  aisle_dashboard_page_export_csv_async (test->page, file, NULL, export_done_cb, &result);
  g_assert_true (aisle_test_ui_wait_until (have_result, &result, WAIT_TIMEOUT_MS));
  g_assert_true (aisle_dashboard_page_export_csv_finish (test->page, result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  text[strlen (text) - 2] = '\0';
  return g_strsplit (text, "\r\n", -1);
}

/* The hub's own associates for the page's period, asked over HTTP by the test. */
static JsonNode *
hub_report (Test *test)
{
  GtkDropDown *period = GTK_DROP_DOWN (aisle_test_ui_find_by_label (GTK_WIDGET (test->page), "Period"));
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Taipei");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) month = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now), 1, 0, 0, 0);
  g_autoptr(GDateTime) from = g_date_time_add_months (month, -11);
  g_autoptr(GDateTime) today = g_date_time_new (tz, g_date_time_get_year (now), g_date_time_get_month (now),
                                                g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_add_days (today, 1);
  g_autofree char *uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *auth = NULL;

  /* the default period is the last 12 months */
  g_assert_cmpuint (gtk_drop_down_get_selected (period), ==, 3);
  uri = g_strdup_printf ("http://127.0.0.1:%u/v1/reports/store?store=TPE01&from=%" G_GINT64_FORMAT
                         "&to=%" G_GINT64_FORMAT, test->hub.port, g_date_time_to_unix (from),
                         g_date_time_to_unix (to));
  msg = soup_message_new ("GET", uri);
  /* as the paired tablet itself */
  auth = g_strdup_printf ("Bearer %s", test->device->client->token);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Aisle-Staff", "S0001");
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Aisle-Staff-Pin", "1234");
  body = soup_session_send_and_read (test->hub.session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return json_from_string (g_bytes_get_data (body, NULL), &error);
}

static gboolean
dialog_filled (gpointer data)
{
  GtkWidget **out = data;
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && aisle_test_ui_tree_has_text (window, "orders"))
        {
          *out = window;
          return TRUE;
        }
    }
  return FALSE;
}

/* The "In-store sales" total opens the orders behind it, as many as the hub counts. */
static void
check_drill (Test       *test,
             JsonObject *report)
{
  JsonObject *store = json_object_get_object_member (json_object_get_object_member (report, "totals"), "store");
  gint64 orders = json_object_get_int_member (store, "orders");
  g_autofree char *money = aisle_chart_format_value (AISLE_CHART_MONEY, (double) json_object_get_int_member (store, "amount"));
  g_autofree char *count = aisle_chart_format_value (AISLE_CHART_COUNT, (double) orders);
  g_autofree char *label = g_strdup_printf ("In-store sales: %s, %s orders. Show the orders", money, count);
  g_autofree char *summary = g_strdup_printf ("%s orders; the first 200 are shown", count);
  GtkWidget *tile = aisle_test_ui_find_by_label (GTK_WIDGET (test->page), label);
  GtkWidget *dialog = NULL;

  g_assert_nonnull (tile);
  g_assert_cmpint (orders, >, 200);
  gtk_widget_activate (tile);
  g_assert_true (aisle_test_ui_wait_until (dialog_filled, &dialog, WAIT_TIMEOUT_MS));
  g_assert_true (aisle_test_ui_tree_has_text (dialog, summary));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_report (Test          *test,
             gconstpointer  data)
{
  GtkColumnView *view;
  GListModel *columns;
  g_auto(GStrv) rows = NULL;
  g_autoptr(JsonNode) report = NULL;
  JsonArray *associates;
  double previous = G_MAXDOUBLE;

  /* nobody signed in: nothing shown */
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), "As of"));
  sign_in (test, "1234");
  wait_for_text (test, "As of ");

  check_chart (test, "Sales by channel");
  check_chart (test, "Members by channel (OMO)");
  check_chart (test, "Member segments");
  check_chart (test, "Repurchase interval by month");
  aisle_test_ui_screenshot (test->window, 1280, 800, "dashboard");
  aisle_test_ui_screenshot (test->window, 800, 1280, "dashboard-portrait");

  /* sort by in-store sales, highest first, as a manager would by clicking the header twice */
  view = GTK_COLUMN_VIEW (aisle_test_ui_find_by_label (GTK_WIDGET (test->page), "Associate table"));
  g_assert_true (GTK_IS_COLUMN_VIEW (view));
  columns = gtk_column_view_get_columns (view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 7);
  {
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 1);

    gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
  }
  aisle_test_ui_spin ();
  rows = export_rows (test);
  g_assert_cmpstr (rows[0], ==, "Staff number,Associate,In-store sales,Online sales credited,Enrolments,"
                                "New bindings,Bound customers,Repurchase rate");

  /* the rows are the hub's associates, in descending in-store sales */
  report = hub_report (test);
  associates = json_object_get_array_member (json_node_get_object (report), "associates");
  g_assert_cmpuint (g_strv_length (rows), ==, json_array_get_length (associates) + 1);
  g_assert_true (g_strv_contains ((const char * const *) rows, "S0999,'=1+2,0,0,0,0,0,"));
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);
      double sales = g_ascii_strtod (cells[2], NULL);
      gboolean found = FALSE;

      g_assert_cmpuint (g_strv_length (cells), ==, 8);
      g_assert_cmpfloat (sales, <=, previous);
      previous = sales;
      for (guint k = 0; k < json_array_get_length (associates); k++)
        {
          JsonObject *a = json_array_get_object_element (associates, k);

          if (g_strcmp0 (json_object_get_string_member (a, "staff_id"), cells[0]) != 0)
            continue;
          found = TRUE;
          g_assert_cmpfloat (sales * 100, ==,
                             (double) json_object_get_int_member (json_object_get_object_member (a, "store_sales"),
                                                                  "amount"));
          g_assert_cmpint (g_ascii_strtoll (cells[4], NULL, 10), ==, json_object_get_int_member (a, "enrolments"));
        }
      g_assert_true (found);
    }
  g_assert_cmpfloat (previous, <, G_MAXDOUBLE);

  check_drill (test, json_node_get_object (report));
}

static void
test_wrong_pin (Test          *test,
                gconstpointer  data)
{
  guint tries = 1;

  sign_in (test, "0000");
  wait_for_text (test, "did not accept");
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), "As of "));
  /* the hub counts wrong PINs: five within five minutes lock the report out, PIN or not */
  while (!aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), "Too many wrong PINs"))
    {
      g_assert_cmpuint (tries++, <=, 5);
      sign_in (test, "0000");
    }
  sign_in (test, "1234");
  wait_for_text (test, "Too many wrong PINs");
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), "As of "));
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), "Showing the report saved"));
}

static void
test_offline (Test          *test,
              gconstpointer  data)
{
  sign_in (test, "1234");
  wait_for_text (test, "As of ");
  /* the hub goes away: a refresh shows the saved report, saying since when */
  stop_hub (&test->hub, SIGTERM);
  aisle_dashboard_page_refresh (test->page);
  g_assert_true (aisle_test_ui_wait_until (page_idle, test->page, WAIT_TIMEOUT_MS));
  wait_for_text (test, "The hub cannot be reached. Showing the report saved as of ");
  g_assert_nonnull (aisle_test_ui_find_by_label (GTK_WIDGET (test->page), "Sales by channel chart"));
  g_assert_true (aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), "In-store sales"));

  /* a new page (the app restarted offline) shows it too, from the cache */
  {
    GtkWidget *page = aisle_dashboard_page_new ();

    test->page = AISLE_DASHBOARD_PAGE (page);
    adw_window_set_content (ADW_WINDOW (test->window), page);
    aisle_dashboard_page_set_worker (test->page, test->device->worker);
    aisle_dashboard_page_set_sync_client (test->page, test->device->client);
    sign_in (test, "1234");
    wait_for_text (test, "Showing the report saved as of ");
    g_assert_true (aisle_test_ui_tree_has_text (GTK_WIDGET (test->page), "In-store sales"));
  }
}

/* --- in the tablet window: the manager's entry, the PIN asked again, gone on sign-out ------- */

typedef struct
{
  Fixture      hub;
  char        *cache_path;
  AisleWindow *window;       /* weak */
  gboolean     ran;
} WindowTest;

static gboolean
window_on_signin (gpointer data)
{
  WindowTest *test = data;
  GtkWidget *page;

  if (test->window == NULL || aisle_window_get_loading (test->window) ||
      g_strcmp0 (aisle_window_get_page_name (test->window), "signin") != 0)
    return FALSE;
  page = aisle_window_get_page (test->window, "signin");
  return aisle_signin_page_get_n_staff (AISLE_SIGNIN_PAGE (page)) > 0 &&
         aisle_window_get_sync_client (test->window) != NULL &&
         aisle_sync_client_get_paired (aisle_window_get_sync_client (test->window));
}

static gboolean
dashboard_shows_report (gpointer data)
{
  WindowTest *test = data;
  GtkWidget *page = aisle_window_get_page (test->window, "store-performance");
  GtkWidget *stack = page != NULL ? gtk_widget_get_ancestor (page, GTK_TYPE_STACK) : NULL;

  return page != NULL &&
         g_strcmp0 (aisle_window_get_page_name (test->window), "store-performance") == 0 &&
         !gtk_stack_get_transition_running (GTK_STACK (stack)) &&
         !aisle_dashboard_page_get_loading (AISLE_DASHBOARD_PAGE (page)) &&
         aisle_test_ui_tree_has_text (page, "As of ");
}

static gboolean
window_signed_out (gpointer data)
{
  WindowTest *test = data;

  return g_strcmp0 (aisle_window_get_page_name (test->window), "signin") == 0;
}

static const char *
window_subtitle (GtkWidget *root)
{
  if (ADW_IS_WINDOW_TITLE (root))
    return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *subtitle = window_subtitle (child);

      if (subtitle != NULL)
        return subtitle;
    }
  return NULL;
}

static void
window_body (WindowTest *test)
{
  AisleSession *session = aisle_window_get_session (test->window);
  GtkWidget *page;

  /* An associate: no entry, and the action opens nothing. */
  g_assert_true (aisle_test_tablet_sign_in (test->window, "S0002", "1234"));
  g_assert_false (aisle_session_get_is_manager (session));
  g_assert_false (aisle_test_tablet_menu_has (test->window, "Store Performance"));
  gtk_widget_activate_action (GTK_WIDGET (test->window), "window.show-store-performance", NULL);
  aisle_test_ui_spin ();
  g_assert_null (aisle_test_tablet_pin_prompt ());
  g_assert_null (aisle_window_get_page (test->window, "store-performance"));
  gtk_widget_activate_action (GTK_WIDGET (test->window), "window.sign-out", NULL);

  /* The manager: the entry asks for the PIN again, then shows the hub's report. */
  g_assert_true (aisle_test_tablet_sign_in (test->window, "S0001", "1234"));
  g_assert_true (aisle_session_get_is_manager (session));
  g_assert_true (aisle_test_tablet_menu_has (test->window, "Store Performance"));
  aisle_test_tablet_enter_dashboard_pin (test->window, "1234");
  if (!aisle_test_ui_wait_until (dashboard_shows_report, test, WAIT_TIMEOUT_MS))
    g_error ("the manager's PIN did not open the store's report");
  g_assert_null (aisle_test_tablet_pin_prompt ());
  g_assert_nonnull (aisle_test_ui_find_by_label (GTK_WIDGET (test->window), "Sales by channel chart"));
  g_assert_true (g_str_has_prefix (window_subtitle (GTK_WIDGET (test->window)), "Store Performance · "));
  aisle_test_ui_screenshot (GTK_WINDOW (test->window), 1280, 800, "tablet-dashboard");

  /* Sign-out takes the page, its PIN and its figures with it. */
  page = aisle_window_get_page (test->window, "store-performance");
  g_assert_nonnull (page);
  gtk_widget_activate_action (GTK_WIDGET (test->window), "window.sign-out", NULL);
  g_assert_true (aisle_test_ui_wait_until (window_signed_out, test, WAIT_TIMEOUT_MS));
  g_assert_null (aisle_window_get_page (test->window, "store-performance"));
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (test->window), "As of "));

  /* The next manager is asked again: the PIN did not stay behind. */
  g_assert_true (aisle_test_tablet_sign_in (test->window, "S0001", "1234"));
  gtk_widget_activate_action (GTK_WIDGET (test->window), "window.show-store-performance", NULL);
  aisle_test_ui_spin ();
  g_assert_nonnull (aisle_test_tablet_pin_prompt ());
  g_assert_null (aisle_window_get_page (test->window, "store-performance"));
  /* The idle sign-out closes the prompt as well. */
  aisle_session_set_idle_seconds (session, 1);
  g_assert_true (aisle_test_ui_wait_until (window_signed_out, test, WAIT_TIMEOUT_MS));
  g_assert_null (aisle_test_tablet_pin_prompt ());
}

static void
on_window_activate_cb (GApplication *app,
                       WindowTest   *test)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AISLE_IS_WINDOW (window));
  g_set_weak_pointer (&test->window, AISLE_WINDOW (window));
  if (!aisle_test_ui_wait_until (window_on_signin, test, WAIT_TIMEOUT_MS))
    g_error ("the paired tablet did not open on sign-in with its staff");
  window_body (test);
  test->ran = TRUE;
  if (test->window != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_window (void)
{
  if (g_test_subprocess ())
    {
      WindowTest test = { 0 };
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autoptr(AisleApplication) app = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *code = NULL;
      g_autofree char *url = NULL;
      Device *device;

      test.hub.dir = aisle_test_mkdtemp ();
      test.hub.db = g_build_filename (test.hub.dir, "hub.db", NULL);
      g_free (admin (&test.hub, NULL, "seed-demo", "1500", "200", NULL));
      test.hub.session = soup_session_new ();
      start_hub (&test.hub);
      code = admin (&test.hub, NULL, "pair-code", "TPE01", "tablet", NULL);
      url = g_strdup_printf ("http://127.0.0.1:%u", test.hub.port);
      test.cache_path = g_build_filename (test.hub.dir, "tablet.db", NULL);
      device = device_open (test.cache_path, test.hub.session);
      g_assert_true (device_pair (device, url, g_strstrip (code), &error));
      g_assert_no_error (error);
      g_assert_true (device_sync (device, &error));
      g_assert_no_error (error);
      device_close (device);

      g_settings_set_string (settings, "hub-url", url);
      app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
      aisle_application_set_cache_path (app, test.cache_path);
      aisle_application_set_mode (app, AISLE_MODE_TABLET);
      g_signal_connect_after (app, "activate", G_CALLBACK (on_window_activate_cb), &test);
      g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
      g_assert_true (test.ran);
      g_assert_null (test.window);
      g_settings_reset (settings, "hub-url");
      aisle_test_ui_spin ();
      g_clear_object (&app);
      aisle_test_ui_spin ();
      teardown (&test.hub, NULL);
      g_free (test.cache_path);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_ui_init (&argc, &argv);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  signal (SIGPIPE, SIG_IGN);
  aisle_test_ui_restore_data_dirs ();
  adw_init ();
#define ADD(path, func) g_test_add ("/aisle/app/dashboard/" path, Test, NULL, setup_test, func, teardown_test)
  ADD ("report", test_report);
  ADD ("wrong-pin", test_wrong_pin);
  ADD ("offline", test_offline);
  g_test_add_func ("/aisle/app/dashboard/tablet-window", test_window);
  return g_test_run ();
}

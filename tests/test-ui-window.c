/* test-ui-window.c: the real AisleApplication and AisleWindow under Xvfb.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widgets are found the way assistive technologies find them, by accessible label, and
 * driven the way staff drive them (typing into the search entry). Waits spin the main loop
 * until a condition holds, with a generous deadline that fails the test: no timing asserts.
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "aisle-application.h"
#include "aisle-member-search-page.h"
#include "aisle-store.h"
#include "aisle-sync-indicator.h"
#include "aisle-test.h"
#include "aisle-test-tablet.h"
#include "aisle-test-ui.h"
#include "aisle-window.h"

#define WAIT_TIMEOUT_MS 20000

typedef struct _Fixture Fixture;
typedef void (*TestBody) (Fixture *fixture);

struct _Fixture
{
  char             *dir;
  char             *cache_path;
  AisleApplication *app;
  AisleWindow      *window;     /* weak */
  TestBody          body;
  AisleMode         mode;
  gboolean          ran;
};

/* --- helpers ------------------------------------------------------------------------------ */










static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  aisle_test_ui_restore_data_dirs ();

  fixture->dir = aisle_test_mkdtemp ();
  fixture->cache_path = g_build_filename (fixture->dir, "cache.db", NULL);
  fixture->app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
  aisle_application_set_cache_path (fixture->app, fixture->cache_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (fixture->window);
  aisle_test_ui_spin ();

  {
    GObject *app = G_OBJECT (fixture->app);

    g_object_add_weak_pointer (app, (gpointer *) &app);
    g_clear_object (&fixture->app);
    aisle_test_ui_spin ();
    /* Finalized: nothing (a window, a task, a worker callback) kept the application alive. */
    g_assert_null (app);
  }
  aisle_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->cache_path, g_free);
}

static gboolean
window_settled (gpointer data)
{
  Fixture *fixture = data;

  return fixture->window != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (fixture->window))
         && !aisle_window_get_loading (fixture->window);
}

static void
on_activate_cb (GApplication *app,
                Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AISLE_IS_WINDOW (window));
  g_set_weak_pointer (&fixture->window, AISLE_WINDOW (window));

  g_assert_true (aisle_test_ui_wait_until (window_settled, fixture, WAIT_TIMEOUT_MS));
  g_assert_cmpint (aisle_window_get_mode (fixture->window), ==, fixture->mode);
  /* A tablet asks for sign-in first. */
  if (fixture->mode == AISLE_MODE_TABLET)
    aisle_test_tablet_sign_in_if_asked (fixture->window);

  fixture->body (fixture);
  fixture->ran = TRUE;

  /* Quit as staff would: the window goes away with its cache and worker, and
   * g_application_run() returns. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

/* Runs the application as `aisle --mode=MODE --cache=PATH` would (no --mode when
 * !override_mode), runs @body once its window is mapped with the cache open, then quits. */
static void
run_app (Fixture   *fixture,
         AisleMode  mode,
         gboolean   override_mode,
         TestBody   body)
{
  int status;

  if (override_mode)
    aisle_application_set_mode (fixture->app, mode);
  fixture->mode = mode;
  fixture->body = body;

  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate_cb), fixture);
  status = g_application_run (G_APPLICATION (fixture->app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture->ran);
  g_assert_null (fixture->window);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_visible (gpointer data)
{
  LabelWait *wait = data;

  return aisle_test_ui_find_visible_label (wait->root, wait->text) != NULL;
}

static GtkWidget *
search_entry (Fixture *fixture)
{
  GtkWidget *entry = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Search members");

  g_assert_nonnull (entry);
  g_assert_true (GTK_IS_EDITABLE (entry));
  g_assert_true (gtk_widget_get_mapped (entry));
  return entry;
}

static gboolean
page_idle (gpointer data)
{
  return !aisle_member_search_page_get_busy (data);
}

/* Types @text into the entry, then waits for @expect to be drawn in a result row. */
static void
type_and_expect (Fixture    *fixture,
                 const char *text,
                 const char *expect)
{
  GtkWidget *entry = search_entry (fixture);
  LabelWait wait = { GTK_WIDGET (fixture->window), expect };

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  if (!aisle_test_ui_wait_until (label_visible, &wait, WAIT_TIMEOUT_MS))
    g_error ("typing “%s” never showed “%s”", text, expect);
}

/* --- tests -------------------------------------------------------------------------------- */

static void
body_tablet_opens (Fixture *fixture)
{
  GtkWidget *sync;

  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "member-search");
  g_assert_nonnull (aisle_window_get_worker (fixture->window));
  g_assert_nonnull (search_entry (fixture));

  /* Offline until the hub issue drives the status object. */
  sync = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Sync status");
  g_assert_nonnull (sync);
  g_assert_true (gtk_widget_get_mapped (sync));
  g_assert_nonnull (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "Offline"));

  /* The indicator follows its status object. */
  aisle_sync_status_set_online (aisle_window_get_sync_status (fixture->window), TRUE);
  aisle_test_ui_spin ();
  g_assert_nonnull (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "Up to date"));
  aisle_sync_status_set_syncing (aisle_window_get_sync_status (fixture->window), TRUE);
  aisle_test_ui_spin ();
  g_assert_nonnull (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "Syncing…"));
}

static void
test_tablet_opens (Fixture       *fixture,
                   gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_tablet_opens);
}

static void
body_tablet_search (Fixture *fixture)
{
  GtkWidget *page = aisle_window_get_page (fixture->window, "member-search");

  /* Surname alone. */
  type_and_expect (fixture, "林", "林美玲");
  g_assert_true (aisle_test_ui_wait_until (page_idle, page, WAIT_TIMEOUT_MS));
  g_assert_nonnull (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "林志明"));
  g_assert_null (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "王小明"));
  aisle_test_ui_screenshot (GTK_WINDOW (fixture->window), 1280, 800, "tablet-search");
  aisle_test_ui_screenshot (GTK_WINDOW (fixture->window), 800, 1280, "tablet-search-portrait");

  /* The last four digits of the phone. */
  type_and_expect (fixture, "5678", "林美玲");
  g_assert_true (aisle_test_ui_wait_until (page_idle, page, WAIT_TIMEOUT_MS));
  g_assert_null (aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "林志明"));

  /* Phones are masked on screen: the full number is never drawn. */
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (fixture->window), "0912345678"));

  /* Full name and member number. */
  type_and_expect (fixture, "王小明", "王小明");
  type_and_expect (fixture, "M0000125", "王小明");

  /* Nothing matches: a clear "no results" state, not an empty list. */
  type_and_expect (fixture, "陳大文", "No Members Found");

  /* Clearing the entry goes back to the empty state. */
  type_and_expect (fixture, "", "Find a Member");
}

static void
test_tablet_search (Fixture       *fixture,
                    gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_tablet_search);
}

static gboolean
widget_allocated (gpointer data)
{
  return gtk_widget_get_height (data) > 0;
}

static void
body_touch_targets (Fixture *fixture)
{
  GtkWidget *label;
  GtkWidget *row;

  type_and_expect (fixture, "林", "林美玲");

  label = aisle_test_ui_find_visible_label (GTK_WIDGET (fixture->window), "林美玲");
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  /* Drawn rows are laid out in the next frame. */
  g_assert_true (aisle_test_ui_wait_until (widget_allocated, row, WAIT_TIMEOUT_MS));
  g_assert_cmpint (gtk_widget_get_height (row), >=, 48);
  g_assert_cmpint (gtk_widget_get_height (search_entry (fixture)), >=, 40);
}

static void
test_touch_targets (Fixture       *fixture,
                    gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_touch_targets);
}

static void
body_kiosk_has_no_search (Fixture *fixture)
{
  const char *actions[] = { "Join", "Earn Points", "Check a Product" };

  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "kiosk");
  /* Shared by strangers: no member search anywhere in the window, not even hidden. */
  g_assert_null (aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Search members"));
  g_assert_null (aisle_window_get_page (fixture->window, "member-search"));
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (fixture->window), "林美玲"));

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), actions[i]);

      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_mapped (button));
      g_assert_true (aisle_test_ui_wait_until (widget_allocated, button, WAIT_TIMEOUT_MS));
      g_assert_true (gtk_widget_is_sensitive (button));
      g_assert_cmpint (gtk_widget_get_height (button), >=, 48);
    }

  g_assert_nonnull (aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Sync status"));
  /* No way out from the keyboard or a menu. */
  g_assert_null (aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Main menu"));
}

static void
test_kiosk_has_no_search (Fixture       *fixture,
                          gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_KIOSK, TRUE, body_kiosk_has_no_search);
}

static void
body_mode_from_settings (Fixture *fixture)
{
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "kiosk");
}

static void
test_mode_from_settings (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* No --mode: the `mode` key decides. */
  g_settings_set_string (settings, "mode", "kiosk");
  run_app (fixture, AISLE_MODE_KIOSK, FALSE, body_mode_from_settings);
  g_settings_reset (settings, "mode");
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *fixture = data;

  return aisle_test_ui_tree_has_text (GTK_WIDGET (fixture->window), "moved aside");
}

static const char garbage[] = "this is not a SQLite database, it is a shopping list: milk, eggs";

static void
body_corrupt_cache (Fixture *fixture)
{
  /* A fresh cache was started: it has no staff yet, so sign-in says to sync first ... */
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "signin");
  g_assert_nonnull (aisle_window_get_worker (fixture->window));
  {
    LabelWait wait = { GTK_WIDGET (fixture->window), "No Staff on This Tablet Yet" };

    g_assert_true (aisle_test_ui_wait_until (label_visible, &wait, WAIT_TIMEOUT_MS));
  }
  /* ... and staff are told what happened. */
  g_assert_true (aisle_test_ui_wait_until (toast_shown, fixture, WAIT_TIMEOUT_MS));
}

static gboolean
store_corrupt_log_is_not_fatal (const char     *log_domain,
                                GLogLevelFlags  log_level,
                                const char     *message,
                                gpointer        user_data)
{
  return !(g_strcmp0 (log_domain, "aisle-store") == 0 && strstr (message, "corrupt") != NULL);
}

static void
test_corrupt_cache (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;

  g_file_set_contents (fixture->cache_path, garbage, -1, &error);
  g_assert_no_error (error);

  /* The store logs where it put the file (a message or a warning, its choice). */
  g_test_log_set_fatal_handler (store_corrupt_log_is_not_fatal, NULL);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_corrupt_cache);

  /* The damaged file was moved aside, never deleted. */
  dir = g_dir_open (fixture->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *contents = NULL;

      if (g_file_get_contents (path, &contents, NULL, NULL) && g_strcmp0 (contents, garbage) == 0)
        kept = TRUE;
    }
  g_assert_true (kept);
}

static void
body_unopenable_cache (Fixture *fixture)
{
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "failed");
  g_assert_null (aisle_window_get_worker (fixture->window));
  g_assert_nonnull (aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window),
                                              "Try opening the cache again"));
}

static void
test_unopenable_cache (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "not-a-dir", NULL);
  g_autofree char *path = g_build_filename (blocker, "cache.db", NULL);
  g_autoptr(GError) error = NULL;

  /* A file where the cache's folder should be: the window says so and offers a retry. */
  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  aisle_application_set_cache_path (fixture->app, path);

  g_test_expect_message ("aisle", G_LOG_LEVEL_WARNING, "could not open the cache*");
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_unopenable_cache);
  g_test_assert_expected_messages ();
}

/* Every control a user can reach must have a name that assistive technologies can read.
 * GTK's composite widgets focus an internal child (the GtkText of an entry, the toggle of a
 * GtkMenuButton); those are named by the widget that owns them. */
static gboolean
is_named (GtkWidget *widget)
{
  g_autofree char *label = aisle_test_ui_accessible_label (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (label != NULL && *label != '\0')
    return TRUE;

  if (parent != NULL
      && ((GTK_IS_TEXT (widget) && GTK_IS_EDITABLE (parent))
          || GTK_IS_MENU_BUTTON (parent)))
    return is_named (parent);

  return FALSE;
}

static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if ((gtk_widget_get_focusable (widget) && gtk_widget_get_can_focus (widget)
       /* Containers that take focus only to scroll or to pass it on to their rows. */
       && !GTK_IS_WINDOW (widget) && !GTK_IS_LIST_BOX (widget)
       && !GTK_IS_SCROLLED_WINDOW (widget) && !GTK_IS_VIEWPORT (widget))
      || GTK_IS_BUTTON (widget)
      || GTK_IS_LIST_BOX_ROW (widget))
    {
      if (!is_named (widget))
        g_string_append_printf (unnamed, "\n  %s (parent %s, css name %s)",
                                G_OBJECT_TYPE_NAME (widget),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                                gtk_widget_get_css_name (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

static void
assert_all_named (Fixture *fixture)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);

  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  if (unnamed->len > 0)
    g_error ("controls without an accessible label:%s", unnamed->str);
}

static void
body_accessible_tablet (Fixture *fixture)
{
  assert_all_named (fixture);

  /* With result rows on screen too. */
  type_and_expect (fixture, "林", "林美玲");
  assert_all_named (fixture);
  /* A row reads as one sentence: name, masked phone, number, tier. */
  g_assert_nonnull (aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window),
                                              "林美玲, 0912***678, No. M0000123, Gold"));
}

static void
test_accessible_labels_tablet (Fixture       *fixture,
                               gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_TABLET, TRUE, body_accessible_tablet);
}

static void
test_accessible_labels_kiosk (Fixture       *fixture,
                              gconstpointer  user_data)
{
  aisle_test_ui_seed_cache (fixture->cache_path);
  aisle_test_tablet_seed_staff (fixture->cache_path);
  run_app (fixture, AISLE_MODE_KIOSK, TRUE, assert_all_named);
}

/* Each case runs in its own process: GTK and libadwaita keep per-process state (display,
 * style manager, icon theme) that is built once and never freed, so LeakSanitizer can only
 * judge our code cleanly one application lifetime per process. */
int
main (int   argc,
      char *argv[])
{
  aisle_test_ui_init (&argc, &argv);
  /* The tests read English strings. */
  g_setenv ("LANGUAGE", "C", TRUE);

  aisle_test_ui_add ("/aisle/app/window/tablet/opens", Fixture, NULL,
                     fixture_set_up, test_tablet_opens, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/tablet/search", Fixture, NULL,
                     fixture_set_up, test_tablet_search, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/tablet/touch-targets", Fixture, NULL,
                     fixture_set_up, test_touch_targets, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/kiosk/no-search", Fixture, NULL,
                     fixture_set_up, test_kiosk_has_no_search, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/mode-from-settings", Fixture, NULL,
                     fixture_set_up, test_mode_from_settings, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/corrupt-cache", Fixture, NULL,
                     fixture_set_up, test_corrupt_cache, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/unopenable-cache", Fixture, NULL,
                     fixture_set_up, test_unopenable_cache, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/accessible/tablet", Fixture, NULL,
                     fixture_set_up, test_accessible_labels_tablet, fixture_tear_down);
  aisle_test_ui_add ("/aisle/app/window/accessible/kiosk", Fixture, NULL,
                     fixture_set_up, test_accessible_labels_kiosk, fixture_tear_down);

  return g_test_run ();
}

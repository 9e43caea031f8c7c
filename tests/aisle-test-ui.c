/* aisle-test-ui.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <string.h>

#include "aisle-capture.h"
#include "aisle-model.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "aisle-test-ui.h"

/* The system's data dirs, from before G_TEST_OPTION_ISOLATE_DIRS replaced them. */
static char *system_data_dirs;

void
aisle_test_ui_init (int    *argc,
                    char ***argv)
{
  const char *data_dirs = g_getenv ("AISLE_TEST_SYSTEM_DATA_DIRS");

  /* A test's subprocess inherits the isolated XDG_DATA_DIRS; the original rides along. */
  if (data_dirs == NULL)
    data_dirs = g_getenv ("XDG_DATA_DIRS");
  system_data_dirs = g_strdup (data_dirs != NULL && *data_dirs != '\0'
                               ? data_dirs : "/usr/local/share:/usr/share");
  g_setenv ("AISLE_TEST_SYSTEM_DATA_DIRS", system_data_dirs, TRUE);
  aisle_test_init (argc, argv);
}

typedef struct
{
  gsize             fixture_size;
  gconstpointer     tdata;
  GTestFixtureFunc  setup;
  GTestFixtureFunc  test;
  GTestFixtureFunc  teardown;
  GTestFunc         func;
} UiCase;

static void
run_ui_case (gconstpointer data)
{
  const UiCase *c = data;
  g_autofree gpointer fixture = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  if (c->func != NULL)
    {
      c->func ();
      return;
    }
  fixture = g_malloc0 (MAX (c->fixture_size, 1));
  if (c->setup != NULL)
    c->setup (fixture, c->tdata);
  c->test (fixture, c->tdata);
  if (c->teardown != NULL)
    c->teardown (fixture, c->tdata);
}

void
aisle_test_ui_add_vtable (const char       *path,
                          gsize             fixture_size,
                          gconstpointer     tdata,
                          GTestFixtureFunc  setup,
                          GTestFixtureFunc  test,
                          GTestFixtureFunc  teardown)
{
  UiCase *c = g_new0 (UiCase, 1);

  c->fixture_size = fixture_size;
  c->tdata = tdata;
  c->setup = setup;
  c->test = test;
  c->teardown = teardown;
  g_test_add_data_func_full (path, c, run_ui_case, g_free);
}

void
aisle_test_ui_add_func (const char *path,
                        GTestFunc   test)
{
  UiCase *c = g_new0 (UiCase, 1);

  c->func = test;
  g_test_add_data_func_full (path, c, run_ui_case, g_free);
}

void
aisle_test_ui_restore_data_dirs (void)
{
  g_auto(GStrv) system = NULL;
  GtkIconTheme *theme;

  g_assert_nonnull (system_data_dirs);
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);

  /* GLib caches the isolated dirs, so the variable alone does not reach GTK's icon theme, and
   * themed icons would draw as "broken image" in the screenshots: add the system's icon dirs
   * to the display's theme (the one the app will use) in the test's subprocess. Not symlinks
   * into the isolated dirs: GLib's clean-up of those follows links. */
  if (!g_test_subprocess ())
    return;
  gtk_init ();
  theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  system = g_strsplit (system_data_dirs, ":", -1);
  for (guint i = 0; system[i] != NULL; i++)
    if (*system[i] != '\0')
      {
        g_autofree char *icons = g_build_filename (system[i], "icons", NULL);

        gtk_icon_theme_add_search_path (theme, icons);
      }
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the default main context until @cond holds; FALSE if the deadline passed first. */
gboolean
aisle_test_ui_wait_until (AisleTestCondition  cond,
                          gpointer            data,
                          guint               timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (20, wake_cb, NULL);
  gboolean ok = TRUE;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          ok = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
  return ok;
}

void
aisle_test_ui_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The accessible label of @widget, or NULL if it has none. GTK 4.8 has no getter; the test
 * API returns the current value when it differs from the one asked for. */
char *
aisle_test_ui_accessible_label (GtkWidget *widget)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "\x1f" "no widget is called this");
  return value;
}

GtkWidget *
aisle_test_ui_find_by_label (GtkWidget  *root,
                          const char *label)
{
  g_autofree char *value = aisle_test_ui_accessible_label (root);

  if (value != NULL && g_strcmp0 (value, label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = aisle_test_ui_find_by_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A GtkLabel showing exactly @text that is drawn (mapped). */
GtkWidget *
aisle_test_ui_find_visible_label (GtkWidget  *root,
                    const char *text)
{
  if (GTK_IS_LABEL (root)
      && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = aisle_test_ui_find_visible_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
aisle_test_ui_tree_has_text (GtkWidget  *root,
               const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  if (GTK_IS_EDITABLE (root) && strstr (gtk_editable_get_text (GTK_EDITABLE (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (aisle_test_ui_tree_has_text (child, needle))
        return TRUE;
    }

  return FALSE;
}

static AisleMember *
make_member (const char *name,
             const char *phone,
             const char *number,
             const char *tier,
             gint64      last_activity_at)
{
  AisleMember *member = aisle_member_new ();

  member->id = aisle_uuid_new ();
  member->name = g_strdup (name);
  member->phone = g_strdup (phone);
  member->number = g_strdup (number);
  member->tier = g_strdup (tier);
  member->enrolled_at = 1700000000;
  member->last_activity_at = last_activity_at;
  return member;
}

/* A few members with known names and phones, written through the store API. */
void
aisle_test_ui_seed_cache (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  struct { const char *name, *phone, *number, *tier; } members[] = {
    { "林美玲", "0912345678", "M0000123", "gold" },
    { "林志明", "0933111222", "M0000124", "silver" },
    { "王小明", "0987654321", "M0000125", "basic" },
    { "陳淑芬", "0921000999", NULL, "basic" },
  };

  store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(AisleMember) member = make_member (members[i].name, members[i].phone,
                                                   members[i].number, members[i].tier,
                                                   1760000000 + i);

      aisle_store_upsert_member (store, member, &error);
      g_assert_no_error (error);
    }
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
  guint      frames;    /* frames drawn since the size was right */
} ShotWait;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   ShotWait      *wait)
{
  if (gtk_widget_get_width (wait->widget) == wait->width &&
      gtk_widget_get_height (wait->widget) == wait->height)
    wait->frames++;
}

/* Whether a stack under @widget is still cross-fading or sliding between pages. */
static gboolean
transition_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child) && transition_running (child))
      return TRUE;
  return FALSE;
}

static gboolean
shot_ready (gpointer data)
{
  ShotWait *wait = data;

  /* Two frames at the final size (the first can still carry the old layout's leftovers), and
   * no page transition half done. */
  if (transition_running (wait->widget))
    {
      wait->frames = 0;
      return FALSE;
    }
  return wait->frames >= 2;
}

void
aisle_test_ui_screenshot (GtkWindow  *window,
                          int         width,
                          int         height,
                          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GdkFrameClock *clock;
  ShotWait wait = { GTK_WIDGET (window), width, height, 0 };
  gulong handler;
  const char *env = g_getenv ("AISLE_SCREENSHOT_DIR");
  int default_width, default_height;

  g_assert_true (GTK_IS_WINDOW (window));
  g_assert_nonnull (name);

  if (gtk_window_is_maximized (window))
    gtk_window_unmaximize (window);
  /* The default size counts the client-side decoration's border; the widget does not. */
  gtk_window_get_default_size (window, &default_width, &default_height);
  if (gtk_widget_get_width (GTK_WIDGET (window)) > 0 && default_width > 0)
    {
      default_width = width + MAX (0, default_width - gtk_widget_get_width (GTK_WIDGET (window)));
      default_height = height + MAX (0, default_height - gtk_widget_get_height (GTK_WIDGET (window)));
    }
  else
    default_width = width, default_height = height;
  gtk_window_set_default_size (window, default_width, default_height);
  gtk_widget_set_size_request (GTK_WIDGET (window), -1, -1);
  gtk_window_present (window);
  aisle_test_ui_spin ();

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &wait);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  gtk_widget_queue_draw (GTK_WIDGET (window));
  if (!aisle_test_ui_wait_until (shot_ready, &wait, 10000))
    g_test_message ("screenshot %s: the window is %dx%d, not %dx%d (the X server may refuse)",
                    name, gtk_widget_get_width (GTK_WIDGET (window)),
                    gtk_widget_get_height (GTK_WIDGET (window)), width, height);
  g_signal_handler_disconnect (clock, handler);

  if (env != NULL && *env != '\0')
    dir = g_strdup (env);
  else
    dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".",
                            "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  if (!aisle_capture_save_png (GTK_WIDGET (window), path, &error))
    g_error ("screenshot %s: %s", path, error->message);
  g_test_message ("screenshot: %s", path);
}

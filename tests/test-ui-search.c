/* test-ui-search.c: the tablet's member search in the real window under Xvfb (issue 6): the
 * rows a keystroke fills, the rest filled as the list is scrolled or the page grows, and
 * keystrokes typed faster than the search answers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache is the demo data at test size; staff S0001 signs in through the sign-in page.
 * Results are read from the rows as staff see them (mapped rows, their labels) and compared
 * with the cache. Waits spin the main loop until a condition holds, with a generous deadline;
 * nothing here asserts timing. The results are saved at 1280x800 and 800x1280.
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <sqlite3.h>

#include <adwaita.h>

#include "aisle-application.h"
#include "aisle-initials.h"
#include "aisle-member-row.h"
#include "aisle-member-search-page.h"
#include "aisle-profile-page.h"
#include "aisle-test.h"
#include "aisle-test-tablet.h"
#include "aisle-test-ui.h"
#include "aisle-window.h"

#define WAIT_MS 60000

typedef struct
{
  char                *dir;
  char                *cache_path;
  AisleApplication    *app;
  AisleWindow         *window;     /* weak */
  void               (*body) (gpointer fixture);
  gboolean             ran;
  AisleTestTabletKeys  keys;
} Fixture;

/* Every row of the first column of @sql on the cache file. */
static GPtrArray *
query_all (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_open_v2 (fixture->cache_path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rows;
}

static void
on_activate_cb (GApplication *app,
                Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AISLE_IS_WINDOW (window));
  g_set_weak_pointer (&fixture->window, AISLE_WINDOW (window));
  g_assert_true (aisle_test_ui_wait_until (aisle_test_tablet_on_signin, window, WAIT_MS));
  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0001", "1234"));
  fixture->body (fixture);
  fixture->ran = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
run_app (void (*body) (gpointer fixture))
{
  Fixture fixture = { 0 };

  aisle_test_ui_restore_data_dirs ();
  fixture.dir = aisle_test_mkdtemp ();
  fixture.cache_path = g_build_filename (fixture.dir, "cache.db", NULL);
  aisle_test_tablet_make_cache (fixture.cache_path, 300, &fixture.keys);
  fixture.app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
  aisle_application_set_cache_path (fixture.app, fixture.cache_path);
  aisle_application_set_mode (fixture.app, AISLE_MODE_TABLET);
  fixture.body = body;
  g_signal_connect_after (fixture.app, "activate", G_CALLBACK (on_activate_cb), &fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture.app), 0, NULL), ==, 0);
  g_assert_true (fixture.ran);

  g_assert_null (fixture.window);
  aisle_test_ui_spin ();
  g_clear_object (&fixture.app);
  aisle_test_ui_spin ();
  aisle_test_rmdir (fixture.dir);
  g_free (fixture.dir);
  g_free (fixture.cache_path);
}

/* --- the results as staff see them -------------------------------------------------------- */

/* The members in the result rows that are shown (mapped), top to bottom. */
static GPtrArray *
shown_members (GtkWidget *page)
{
  GtkWidget *list = aisle_test_ui_find_by_label (page, "Members found");
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (AISLE_IS_MEMBER_ROW (row) && gtk_widget_get_mapped (row))
      g_ptr_array_add (ids, g_strdup (aisle_member_row_get_member (AISLE_MEMBER_ROW (row))->id));
  return ids;
}

/* The initials and colour AdwAvatar gives @name (the profile's avatar), read off a real one. */
static void
adw_avatar_look (const char  *name,
                 char       **initials,
                 guint       *color)
{
  GtkWidget *avatar = g_object_ref_sink (adw_avatar_new (40, name, TRUE));
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  *initials = NULL;
  *color = 0;
  g_ptr_array_add (stack, avatar);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);
      g_auto(GStrv) classes = gtk_widget_get_css_classes (w);

      for (guint i = 0; classes[i] != NULL; i++)
        if (g_str_has_prefix (classes[i], "color"))
          *color = (guint) g_ascii_strtoull (classes[i] + 5, NULL, 10);
      if (GTK_IS_LABEL (w) && gtk_widget_get_visible (w))
        *initials = g_strdup (gtk_label_get_label (GTK_LABEL (w)));
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_object_unref (avatar);
}

/* Each shown row draws its own member's initials (rows are reused for other members), in the
 * colour and with the initials AdwAvatar gives the same name. */
static void
assert_row_initials (GtkWidget *page)
{
  GtkWidget *list = aisle_test_ui_find_by_label (page, "Members found");
  guint checked = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const AisleMember *member;
      GtkWidget *initials = NULL;
      g_autofree char *expected = NULL;
      guint color;

      if (!AISLE_IS_MEMBER_ROW (row) || !gtk_widget_get_mapped (row))
        continue;
      member = aisle_member_row_get_member (AISLE_MEMBER_ROW (row));
      for (GtkWidget *w = row; w != NULL && initials == NULL; w = gtk_widget_get_first_child (w))
        if (AISLE_IS_INITIALS (w))
          initials = w;
      g_assert_nonnull (initials);
      adw_avatar_look (member->name, &expected, &color);
      g_assert_cmpstr (aisle_initials_get_initials (AISLE_INITIALS (initials)), ==, expected);
      g_assert_cmpuint (aisle_initials_get_color (AISLE_INITIALS (initials)), ==, color);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

/* Names of other scripts: the first letters of the first and last words, upper case. */
static void
test_initials (void)
{
  const char *names[] = { "Ada Lovelace", "  grace brewster hopper ", "陳婉琪", "Émile", "x" };
  GtkWidget *widget;

  adw_init ();
  widget = g_object_ref_sink (aisle_initials_new ());

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *expected = NULL;
      guint color;

      aisle_initials_set_text (AISLE_INITIALS (widget), names[i]);
      adw_avatar_look (names[i], &expected, &color);
      g_assert_cmpstr (aisle_initials_get_initials (AISLE_INITIALS (widget)), ==, expected);
      g_assert_cmpuint (aisle_initials_get_color (AISLE_INITIALS (widget)), ==, color);
    }
  g_assert_cmpstr (aisle_initials_get_initials (AISLE_INITIALS (widget)), ==, "X");
  aisle_initials_set_text (AISLE_INITIALS (widget), "");
  g_assert_null (aisle_initials_get_initials (AISLE_INITIALS (widget)));
  g_assert_cmpuint (aisle_initials_get_color (AISLE_INITIALS (widget)), ==, 0);
  g_object_unref (widget);
}

static gboolean
search_idle (gpointer data)
{
  return !aisle_member_search_page_get_busy (data);
}

static GtkAdjustment *
results_adjustment (GtkWidget *page)
{
  GtkWidget *list = aisle_test_ui_find_by_label (page, "Members found");
  GtkWidget *scroller = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scroller);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
}

typedef struct
{
  GtkWidget *page;
  guint      n;
} CountWait;

static gboolean
rows_shown (gpointer data)
{
  CountWait *w = data;
  g_autoptr(GPtrArray) ids = shown_members (w->page);

  return ids->len >= w->n;
}

/* The list's end is in view (nothing more to scroll to) or it reaches below the page. */
static gboolean
list_fills_page (gpointer data)
{
  GtkAdjustment *adjustment = results_adjustment (data);

  return gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment);
}

/* Draws a frame at the window's size and lets the idle work after it run. */
static void
settle (Fixture *fixture)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));

  /* Two frames, each asked for: nothing else animates (the cursor does not blink). */
  for (guint i = 0; i < 2; i++)
    {
      gint64 frame = gdk_frame_clock_get_frame_counter (clock);

      gtk_widget_queue_draw (GTK_WIDGET (fixture->window));
      while (gdk_frame_clock_get_frame_counter (clock) <= frame)
        g_main_context_iteration (NULL, TRUE);
    }
  aisle_test_ui_spin ();
}

static void
assert_same_members (GPtrArray *shown,
                     GPtrArray *expected,
                     guint      n)
{
  g_assert_cmpuint (shown->len, >=, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
}

/* --- tests -------------------------------------------------------------------------------- */

/* A common surname: a screenful of rows at once, the others as the list is scrolled, in the
 * cache's order (most recently active first); a taller (portrait) page fills itself. */
static void
body_fill_on_scroll (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = aisle_window_get_page (fixture->window, "member-search");
  GtkWidget *entry = aisle_test_ui_find_by_label (page, "Search members");
  g_autoptr(GPtrArray) surname = query_all (fixture,
    "SELECT token FROM member_name_tokens GROUP BY token ORDER BY count(*) DESC LIMIT 2");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *sql = NULL;
  GtkAdjustment *adjustment;
  guint first;

  g_assert_cmpuint (surname->len, ==, 2);
  sql = g_strdup_printf ("SELECT m.id FROM member_name_tokens t JOIN members m "
                         "ON m.rid = t.member_rid WHERE t.token = '%s' "
                         "ORDER BY t.last_activity_at DESC, t.member_rid LIMIT 50",
                         (char *) g_ptr_array_index (surname, 0));
  expected = query_all (fixture, sql);
  /* More than two screenfuls at 1280x800 (about 11 rows each). */
  g_assert_cmpuint (expected->len, >, 24);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  settle (fixture);
  gtk_editable_set_text (GTK_EDITABLE (entry), g_ptr_array_index (surname, 0));
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);

  /* The keystroke fills a screenful and one more row, not all of them. */
  shown = shown_members (page);
  first = shown->len;
  g_assert_cmpuint (first, >=, 11);
  g_assert_cmpuint (first, <, expected->len);
  assert_same_members (shown, expected, first);
  g_clear_pointer (&shown, g_ptr_array_unref);
  adjustment = results_adjustment (page);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  aisle_test_ui_screenshot (GTK_WINDOW (fixture->window), 1280, 800, "tablet-search-results");

  /* Scrolling fills the next rows before they come into view, down to the last result. */
  for (guint i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      settle (fixture);
    }
  shown = shown_members (page);
  g_assert_cmpuint (shown->len, ==, expected->len);
  assert_same_members (shown, expected, expected->len);
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* The next search starts at the top with a screenful again; the rows past it are hidden,
   * kept for reuse. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  gtk_editable_set_text (GTK_EDITABLE (entry), g_ptr_array_index (surname, 0));
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);
  shown = shown_members (page);
  g_assert_cmpuint (shown->len, ==, first);
  assert_same_members (shown, expected, first);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_clear_pointer (&shown, g_ptr_array_unref);
  assert_row_initials (page);
  /* Rows reused for other members draw those members' initials. */
  gtk_editable_set_text (GTK_EDITABLE (entry), g_ptr_array_index (surname, 1));
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);
  assert_row_initials (page);
  gtk_editable_set_text (GTK_EDITABLE (entry), g_ptr_array_index (surname, 0));
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);

  /* A portrait tablet's page is taller: it fills itself with rows, with no gap under them. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 1280);
  settle (fixture);
  g_assert_true (aisle_test_ui_wait_until (rows_shown, &(CountWait) { page, first + 1 }, WAIT_MS));
  g_assert_true (aisle_test_ui_wait_until (list_fills_page, page, WAIT_MS));
  shown = shown_members (page);
  assert_same_members (shown, expected, shown->len);
  aisle_test_ui_screenshot (GTK_WINDOW (fixture->window), 800, 1280, "tablet-search-results-portrait");
}

static void
test_fill_on_scroll (void)
{
  run_app (body_fill_on_scroll);
}

static gboolean
profile_shown (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (aisle_window_get_page_name (fixture->window), "profile") == 0;
}

/* A job that holds the cache's worker until opened, as a long sync page does. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  gboolean open;
  gboolean done;
} Gate;

static gpointer
gate_func (AisleStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  gate->started = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  return g_strdup ("opened");
}

static void
on_gate_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Gate *gate = user_data;
  g_autofree char *value = aisle_worker_run_finish (AISLE_WORKER (object), result, NULL);

  g_assert_cmpstr (value, ==, "opened");
  gate->done = TRUE;
}

/* Queues the gate and returns once it runs: jobs queued from now on wait behind it. */
static void
gate_close (Gate        *gate,
            AisleWorker *worker)
{
  g_mutex_init (&gate->lock);
  g_cond_init (&gate->cond);
  aisle_worker_run_async (worker, G_PRIORITY_HIGH, gate_func, gate, NULL, g_free, NULL,
                          on_gate_done_cb, gate);
  g_mutex_lock (&gate->lock);
  while (!gate->started)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
}

static gboolean
gate_done (gpointer data)
{
  return ((Gate *) data)->done;
}

static void
gate_open (Gate *gate)
{
  g_mutex_lock (&gate->lock);
  gate->open = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->lock);
  g_assert_true (aisle_test_ui_wait_until (gate_done, gate, WAIT_MS));
  g_mutex_clear (&gate->lock);
  g_cond_clear (&gate->cond);
}

/* What one or two digits show; typed faster than the search answers, only the latest text's
 * results are drawn; a single match opens on Enter. */
static void
body_typed_fast (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *page = aisle_window_get_page (fixture->window, "member-search");
  GtkWidget *entry = aisle_test_ui_find_by_label (page, "Search members");
  g_autoptr(GPtrArray) phones = query_all (fixture,
    "SELECT phone FROM members WHERE phone IS NOT NULL GROUP BY substr (phone, -4) "
    "HAVING count(*) = 1 ORDER BY phone LIMIT 1");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autofree char *sql = NULL;
  AisleProfilePage *profile;
  const char *phone;
  const char *suffix;
  Gate gate = { 0 };

  g_assert_cmpuint (phones->len, ==, 1);
  phone = g_ptr_array_index (phones, 0);
  suffix = phone + strlen (phone) - 4;
  sql = g_strdup_printf ("SELECT id FROM members WHERE substr (phone, -4) = '%s'", suffix);
  expected = query_all (fixture, sql);
  g_assert_cmpuint (expected->len, ==, 1);

  /* One or two digits are the start of a phone's last digits: the page keeps saying what to
   * type. A name that matches nothing says so. */
  gtk_editable_set_text (GTK_EDITABLE (entry), suffix + 3);
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);
  g_assert_nonnull (aisle_test_ui_find_visible_label (page, "Find a Member"));
  g_assert_null (aisle_test_ui_find_visible_label (page, "No Members Found"));
  /* So is one Latin letter: not a search yet (it would say nothing matched). */
  gtk_editable_set_text (GTK_EDITABLE (entry), "a");
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);
  g_assert_nonnull (aisle_test_ui_find_visible_label (page, "Find a Member"));
  shown = shown_members (page);
  g_assert_cmpuint (shown->len, ==, 0);
  g_clear_pointer (&shown, g_ptr_array_unref);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Zzyzx");
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);
  g_assert_nonnull (aisle_test_ui_find_visible_label (page, "No Members Found"));

  /* Every digit while the cache is busy (a long job holds the worker, as a sync page can): the
   * keystrokes do not wait for it, the searches in between are coalesced or dropped, and no
   * results are drawn until the latest text's. */
  gate_close (&gate, aisle_member_search_page_get_worker (AISLE_MEMBER_SEARCH_PAGE (page)));
  for (guint k = 1; k <= 4; k++)
    {
      g_autofree char *text = g_strndup (suffix, k);

      gtk_editable_set_text (GTK_EDITABLE (entry), text);
      aisle_test_ui_spin ();
      g_assert_true (aisle_member_search_page_get_busy (AISLE_MEMBER_SEARCH_PAGE (page)));
    }
  settle (fixture);
  shown = shown_members (page);
  g_assert_cmpuint (shown->len, ==, 0);
  g_clear_pointer (&shown, g_ptr_array_unref);
  gate_open (&gate);
  g_assert_true (aisle_test_ui_wait_until (search_idle, page, WAIT_MS));
  settle (fixture);
  shown = shown_members (page);
  g_assert_cmpuint (shown->len, ==, 1);
  assert_same_members (shown, expected, 1);
  g_assert_true (aisle_test_ui_tree_has_text (page, "1 member found"));

  /* Enter opens the one match. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (aisle_test_ui_wait_until (profile_shown, fixture, WAIT_MS));
  profile = AISLE_PROFILE_PAGE (aisle_window_get_page (fixture->window, "profile"));
  g_assert_cmpstr (aisle_profile_page_get_member_id (profile), ==, g_ptr_array_index (expected, 0));
}

static void
test_typed_fast (void)
{
  run_app (body_typed_fast);
}

/* --- main --------------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  aisle_test_ui_init (&argc, &argv);
  g_setenv ("LANGUAGE", "C", TRUE);

  aisle_test_ui_add_func ("/aisle/app/search/fill-on-scroll", test_fill_on_scroll);
  aisle_test_ui_add_func ("/aisle/app/search/typed-fast", test_typed_fast);
  aisle_test_ui_add_func ("/aisle/app/search/initials", test_initials);

  return g_test_run ();
}

/* bench-tablet.c: the staff tablet's latencies in the real window (issue 6).
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' build/bench/bench-tablet CACHE.db [N]
 *
 * Runs the real AisleApplication and window (tablet mode, GSK renderer as set in the
 * environment) on CACHE.db, signs in S0001 with the demo PIN, then measures with the window's
 * frame clock:
 *   scan-to-profile: a member card is delivered where the scanner delivers it
 *     (aisle_window_dispatch_scan()) until the frame that shows that member's profile is
 *     painted (the profile read in full: orders with items, coupons, notes, names; the header,
 *     details and first screenful of orders drawn); and until the frame that has the rest of
 *     the timeline, reservations, coupons, tags and notes (below the fold) too;
 *   search-as-you-type: the search entry's text changes (one more digit of a phone's last four,
 *     then a surname) until the frame that shows the results is painted, as shipped.
 * N members (default 300) are spread over the whole cache by rowid. The cache's sync_state gets
 * a fresh hub public key and store TPE01 so that the signed cards verify; nothing else changes
 * (the sign-in writes its lock-out row). Prints p50/p99/max per measure.
 */

#define G_LOG_DOMAIN "aisle-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "aisle-application.h"
#include "aisle-codes.h"
#include "aisle-member-search-page.h"
#include "aisle-pin-keypad.h"
#include "aisle-profile-page.h"
#include "aisle-signin-page.h"
#include "aisle-window.h"

typedef struct
{
  char *id;
  char *phone;
  char *name;
} Member;

static const char *cache_path;
static guint n_members = 300;
static GPtrArray *members;
static guint8 hub_sk[AISLE_CODES_SECRET_KEY_BYTES];
static AisleWindow *window;
static guint paints;
static gint64 last_paint_us;
static gint64 last_ready_us;            /* when drawn_at()'s condition held */
static int status = 1;

static void
die (const char *what)
{
  g_printerr ("bench-tablet: %s\n", what);
  exit (1);
}

static void
prepare_cache (void)
{
  guint8 pk[AISLE_CODES_PUBLIC_KEY_BYTES];
  g_autofree char *pk64 = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  if (sqlite3_open (cache_path, &db) != SQLITE_OK)
    die ("cannot open the cache");
  if (!aisle_codes_generate_key (pk, hub_sk))
    die ("no key");
  pk64 = g_base64_encode (pk, sizeof pk);
  sql = g_strdup_printf ("INSERT OR REPLACE INTO sync_state (key, value) VALUES "
                         "('hub_public_key', '%s'), ('store_id', 'TPE01')", pk64);
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    die (sqlite3_errmsg (db));
  sqlite3_prepare_v2 (db, "SELECT max(rid) FROM members", -1, &stmt, NULL);
  sqlite3_step (stmt);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  members = g_ptr_array_new ();
  sqlite3_prepare_v2 (db, "SELECT id, phone, name FROM members WHERE rid = ?1 AND phone IS NOT NULL",
                      -1, &stmt, NULL);
  for (guint i = 0; members->len < n_members && i < n_members * 4; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, 1 + ((gint64) i * 2654435761u) % count);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          Member *m = g_new0 (Member, 1);

          m->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          m->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          m->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
          g_ptr_array_add (members, m);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

typedef gboolean (*Cond) (gpointer data);

static void
spin_until (Cond     cond,
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!cond (data))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        die ("timed out");
    }
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  paints++;
  last_paint_us = g_get_monotonic_time ();
}

static gboolean
painted_since (gpointer data)
{
  return paints > GPOINTER_TO_UINT (data);
}

/* Waits for @cond, then for the frame that draws it; returns when that frame was painted. */
static gint64
drawn_at (Cond     cond,
          gpointer data)
{
  guint before;

  spin_until (cond, data);
  last_ready_us = g_get_monotonic_time ();
  before = paints;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  spin_until (painted_since, GUINT_TO_POINTER (before));
  return last_paint_us;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *ms)
{
  guint n = ms->len;

  g_array_sort (ms, compare_doubles);
  printf ("%-34s n=%-5u p50=%7.2f ms  p99=%7.2f ms  max=%7.2f ms\n", what, n,
          g_array_index (ms, double, n / 2), g_array_index (ms, double, MIN (n - 1, n * 99 / 100)),
          g_array_index (ms, double, n - 1));
}

static gboolean
page_is (gpointer data)
{
  return g_strcmp0 (aisle_window_get_page_name (window), data) == 0 &&
         !aisle_window_get_loading (window);
}

static gboolean
signin_idle (gpointer data)
{
  return !aisle_signin_page_get_busy (data) && aisle_signin_page_get_n_staff (data) >= 0;
}

static gboolean
profile_shows (gpointer data)
{
  AisleProfilePage *page = AISLE_PROFILE_PAGE (aisle_window_get_page (window, "profile"));

  return g_strcmp0 (aisle_window_get_page_name (window), "profile") == 0 &&
         g_strcmp0 (aisle_profile_page_get_member_id (page), data) == 0 &&
         !aisle_profile_page_get_loading (page) && aisle_profile_page_get_member (page) != NULL;
}

static gboolean
profile_complete (gpointer data)
{
  AisleProfilePage *page = AISLE_PROFILE_PAGE (aisle_window_get_page (window, "profile"));

  return profile_shows (data) && !aisle_profile_page_get_busy (page);
}

static gboolean
search_done (gpointer data)
{
  return !aisle_member_search_page_get_busy (data);
}

static void
dispatch (const char *text)
{
  aisle_window_dispatch_scan (window, AISLE_SCAN_SOURCE_WEDGE, (const guint8 *) text,
                              strlen (text), AISLE_SYMBOLOGY_NONE);
}

static void
sign_in (void)
{
  GtkWidget *page = aisle_window_get_page (window, "signin");
  GtkWidget *keypad = NULL;

  spin_until (page_is, (gpointer) "signin");
  spin_until (signin_idle, page);
  dispatch ("AS-S0001");
  spin_until (signin_idle, page);
  {
      /* The keypad: the only AislePinKeypad on the page, depth first. */
      GPtrArray *stack = g_ptr_array_new ();

      g_ptr_array_add (stack, page);
      while (stack->len > 0 && keypad == NULL)
        {
          GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

          if (AISLE_IS_PIN_KEYPAD (w))
            keypad = w;
          for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
            g_ptr_array_add (stack, c);
        }
      g_ptr_array_unref (stack);
    }
  if (keypad == NULL)
    die ("no keypad");
  aisle_pin_keypad_set_text (AISLE_PIN_KEYPAD (keypad), "1234");
  g_signal_emit_by_name (keypad, "activated");
  spin_until (page_is, (gpointer) "member-search");
}

static gboolean
always (gpointer data)
{
  return TRUE;
}

/* The cost of one frame of the window with nothing changed: the floor under both measures on
 * this machine and renderer (they are compared to it as ratios in the same run). */
static void
bench_frame (void)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < 200; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double v = (drawn_at (always, NULL) - t0) / 1000.0;

      if (i >= 10)
        g_array_append_val (ms, v);
    }
  report ("frame, nothing changed", ms);
}

static void
bench_scan_to_profile (void)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = g_ptr_array_index (members, i);
      g_autofree char *card = aisle_codes_sign_member_card (m->id, now - 60, now + 3600, hub_sk,
                                                            NULL);
      gint64 t0;
      double v, all, ready;

      if (card == NULL)
        die ("cannot sign a card");
      t0 = g_get_monotonic_time ();
      dispatch (card);
      v = (drawn_at (profile_shows, m->id) - t0) / 1000.0;
      ready = (last_ready_us - t0) / 1000.0;
      all = (drawn_at (profile_complete, m->id) - t0) / 1000.0;

      /* The first ten warm the caches (templates, first pages of the file). */
      if (i >= 10)
        {
          g_array_append_val (ms, v);
          g_array_append_val (all_ms, all);
          g_array_append_val (ready_ms, ready);
        }
    }
  report ("scan-to-profile, read (no frame)", ready_ms);
  report ("scan-to-profile", ms);
  report ("scan-to-profile, all of it", all_ms);
}

static void
bench_search (const char *label)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *page = aisle_window_get_page (window, "member-search");
  GtkWidget *entry = NULL;
  GPtrArray *stack = g_ptr_array_new ();

  gtk_widget_activate_action (GTK_WIDGET (window), "window.show-home", NULL);
  spin_until (page_is, (gpointer) "member-search");
  g_ptr_array_add (stack, page);
  while (stack->len > 0 && entry == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SEARCH_ENTRY (w))
        entry = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  if (entry == NULL)
    die ("no search entry");

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = g_ptr_array_index (members, i);
      const char *suffix = m->phone + strlen (m->phone) - 4;
      g_autofree char *surname = g_utf8_substring (m->name, 0, 1);

      /* The last four digits, one keystroke at a time, then a surname. */
      for (guint k = 1; k <= 5; k++)
        {
          g_autofree char *text = k <= 4 ? g_strndup (suffix, k) : g_strdup (surname);
          gint64 t0 = g_get_monotonic_time ();
          double v;

          double ready;

          gtk_editable_set_text (GTK_EDITABLE (entry), text);
          v = (drawn_at (search_done, page) - t0) / 1000.0;
          ready = (last_ready_us - t0) / 1000.0;
          if (i >= 10)
            {
              g_array_append_val (ms, v);
              g_array_append_val (ready_ms, ready);
            }
        }
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      drawn_at (search_done, page);
    }
  report ("search, results set (no frame)", ready_ms);
  report (label, ms);
}

static gboolean
run_cb (gpointer user_data)
{
  GApplication *app = user_data;
  GdkFrameClock *clock;

  window = AISLE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (window == NULL)
    die ("no window");
  spin_until (page_is, (gpointer) "signin");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  sign_in ();
  printf ("cache %s, %u members sampled, renderer %s\n", cache_path, members->len,
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  bench_frame ();
  bench_scan_to_profile ();
  bench_frame ();
  bench_search ("search-as-you-type");
  status = 0;
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app)
{
  g_idle_add (run_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AisleApplication) app = NULL;

  if (argc < 2)
    die ("usage: bench-tablet CACHE.db [N]");
  cache_path = argv[1];
  if (argc > 2)
    n_members = (guint) atoi (argv[2]);
  prepare_cache ();

  app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
  aisle_application_set_cache_path (app, cache_path);
  aisle_application_set_mode (app, AISLE_MODE_TABLET);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 1, argv);
  return status;
}

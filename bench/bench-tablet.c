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
 *   search-as-you-type: a key press (one more digit of a phone's last four, sent through the
 *     X server with XTest, bench-keys.c; AISLE_BENCH_KEYS=set-text sets the text from code
 *     instead), then a surname (set as an input method commits it), until the frame that
 *     shows the results is painted, as shipped; typed
 *     back to back (each keystroke right after the previous results are painted) and at a
 *     keystroke every 80-120 ms (faster than a fast typist), each split into where the time
 *     went (query, widgets, waiting for the frame, layout, render); then the same queries
 *     on the worker alone.
 * N members (default 300) are spread over the whole cache by rowid. The cache's sync_state gets
 * a fresh hub public key and store TPE01 so that the signed cards verify; nothing else changes
 * (the sign-in writes its lock-out row), so run it on a copy of the cache. Prints
 * p50/p99/max per measure. AISLE_BENCH_ONLY=search skips scan-to-profile.
 */

#define G_LOG_DOMAIN "aisle-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <sys/resource.h>

#include <sqlite3.h>

#include "aisle-application.h"
#include "aisle-codes.h"
#include "aisle-member-search-page.h"
#include "aisle-pin-keypad.h"
#include "aisle-profile-page.h"
#include "aisle-signin-page.h"
#include "aisle-window.h"
#include "bench-keys.h"

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
static BenchKeys *keyboard;             /* real key presses; NULL: the text is set from code */

/* The phases of the last frame, from the window's frame clock (this process connects after
 * GDK's own handlers, so "layout" and "paint" fire when GTK's layout and render are done). */
static gint64 frame_start_us;           /* before-paint */
static gint64 frame_layout_us;          /* end of update + layout */
static gint64 frame_paint_us;           /* end of snapshot + render */
static gint64 last_frame_start_us;      /* of the last painted frame */
static gint64 last_frame_layout_us;
static gint64 last_frame_paint_us;
/* Frames painted while a keystroke's results were on their way, and the time they took. */
static gint64 busy_frames_us;
static guint busy_frames;
static gboolean awaiting_results;
static gint64 results_at_us;            /* the search page's busy went FALSE: results are in */
/* The same moments in this (the main) thread's CPU time: how much of each span was work here,
 * the rest being waits (the frame clock, the X server, other processes on the CPUs). */
static gint64 frame_start_cpu, frame_layout_cpu, frame_paint_cpu;
static gint64 last_frame_start_cpu, last_frame_layout_cpu, last_frame_paint_cpu;
static gint64 results_at_cpu, last_ready_cpu;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

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

/* The whole machine's CPU time from /proc/stat, in clock ticks: all of it, the part the
 * hypervisor gave to other guests (steal), and the part that was idle. */
typedef struct
{
  guint64 total;
  guint64 steal;
  guint64 idle;
} MachineTime;

static MachineTime
machine_time (void)
{
  MachineTime t = { 0, 0, 0 };
  g_autofree char *stat = NULL;
  guint64 v[8] = { 0 };

  if (g_file_get_contents ("/proc/stat", &stat, NULL, NULL) &&
      sscanf (stat, "cpu %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
              " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
              &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) == 8)
    {
      for (guint i = 0; i < 8; i++)
        t.total += v[i];
      t.idle = v[3] + v[4];
      t.steal = v[7];
    }
  return t;
}

/* How loaded the machine was since @since: a figure taken while the hypervisor or other
 * processes took the CPUs says so next to it. */
static void
report_machine (MachineTime since)
{
  MachineTime now = machine_time ();
  double total = (double) (now.total - since.total);
  double steal = (double) (now.steal - since.steal);
  double busy = total - (double) (now.idle - since.idle) - steal;

  if (total <= 0)
    return;
  /* Steal is time the VM wanted to run and the host ran something else: as a share of what
   * the VM asked for, it says how much of each keystroke's wall time may not be this app's. */
  printf ("  machine: busy %.1f %% of both CPUs (this bench, Xvfb and the rest), steal %.1f %% "
          "(%.0f %% of the CPU time this VM asked for)\n",
          100.0 * busy / total, 100.0 * steal / total,
          busy + steal > 0 ? 100.0 * steal / (busy + steal) : 0.0);
}

typedef gboolean (*Cond) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin_until (Cond     cond,
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  /* Wakes the loop now and then, so that a wait for something that never comes (a profile
   * that fails to load) ends at the deadline instead of blocking. */
  guint wake = g_timeout_add_seconds (1, wake_cb, NULL);

  while (!cond (data))
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        die ("timed out");
    }
  g_source_remove (wake);
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  /* A frame runs only the phases asked for: no layout or no paint leaves them at the start. */
  frame_start_us = frame_layout_us = frame_paint_us = g_get_monotonic_time ();
  frame_start_cpu = frame_layout_cpu = frame_paint_cpu = thread_cpu_us ();
}

static void
on_layout_cb (GdkFrameClock *clock,
              gpointer       user_data)
{
  frame_layout_us = g_get_monotonic_time ();
  frame_layout_cpu = thread_cpu_us ();
}

static void
on_paint_cb (GdkFrameClock *clock,
             gpointer       user_data)
{
  frame_paint_us = g_get_monotonic_time ();
  frame_paint_cpu = thread_cpu_us ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  paints++;
  last_paint_us = g_get_monotonic_time ();
  if (frame_paint_us < frame_layout_us)
    {
      frame_paint_us = frame_layout_us;
      frame_paint_cpu = frame_layout_cpu;
    }
  last_frame_start_cpu = frame_start_cpu;
  last_frame_layout_cpu = frame_layout_cpu;
  last_frame_paint_cpu = frame_paint_cpu;
  last_frame_start_us = frame_start_us;
  last_frame_layout_us = frame_layout_us;
  last_frame_paint_us = frame_paint_us;
  if (awaiting_results)
    {
      busy_frames++;
      busy_frames_us += last_paint_us - frame_start_us;
    }
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
  last_ready_cpu = thread_cpu_us ();
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

typedef struct
{
  GtkWidget  *page;
  GtkWidget  *entry;
  const char *text;
} Typed;

/* The entry shows what was typed (the key has gone through) and its search is done. */
static gboolean
typed_and_found (gpointer data)
{
  Typed *typed = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (typed->entry)), typed->text) == 0 &&
         search_done (typed->page);
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
  MachineTime start = machine_time ();

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
  report_machine (start);
}

/* One keystroke's time, split where it went. */
typedef struct
{
  double total;         /* the text changed .. the frame that shows its results painted */
  double arrive;        /* .. the results are back on the main thread (query, and waiting) */
  double set;           /* .. the results are in the widgets */
  double wait;          /* .. the frame that draws them starts (the frame clock's pacing) */
  double layout;        /* .. that frame's update and layout are done */
  double paint;         /* .. its snapshot and render are done */
  double behind;        /* frames painted while the results were on their way: their time */
  guint  kind;          /* 1-4: that many digits of a phone; 5: a surname */
  double cpu;           /* this thread's CPU time over the whole span */
  double cpu_set;       /* .. setting the widgets */
  double cpu_layout;    /* .. the layout */
  double cpu_paint;     /* .. snapshot and render (the X server's share is not in it) */
  long   major_faults;  /* this thread's page faults that read the disk, over the span */
  long   blocked;       /* .. times it gave up the CPU waiting (voluntary switches) */
  long   preempted;     /* .. times it was taken off the CPU (involuntary switches) */
} Keystroke;

static int
compare_keystrokes (gconstpointer a,
                    gconstpointer b)
{
  const Keystroke *x = a, *y = b;

  return x->total < y->total ? -1 : x->total > y->total;
}

static void
report_keystrokes (const char *label,
                   GArray     *keys)
{
  static const char *names[] = { "query and wait", "results to widgets", "wait for the frame",
                                 "layout", "snapshot and render", "behind other frames",
                                 "main thread CPU, all of it", "main thread CPU, to widgets",
                                 "main thread CPU, layout", "main thread CPU, render" };
  guint n = keys->len, tail = MAX (1, n / 50);
  GArray *parts[G_N_ELEMENTS (names)];
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  double tail_sum[G_N_ELEMENTS (names)] = { 0 };
  double tail_total = 0;
  long tail_faults = 0, tail_blocked = 0, tail_preempted = 0;
  guint tail_kinds[6] = { 0 };
  g_autofree char *what = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    parts[p] = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_sort (keys, compare_keystrokes);
  for (guint i = 0; i < n; i++)
    {
      const Keystroke *k = &g_array_index (keys, Keystroke, i);
      double v[] = { k->arrive, k->set, k->wait, k->layout, k->paint, k->behind,
                     k->cpu, k->cpu_set, k->cpu_layout, k->cpu_paint };

      g_array_append_val (total, k->total);
      for (guint p = 0; p < G_N_ELEMENTS (names); p++)
        {
          g_array_append_val (parts[p], v[p]);
          if (i >= n - tail)
            tail_sum[p] += v[p];
        }
      if (i >= n - tail)
        {
          tail_total += k->total;
          tail_kinds[k->kind]++;
          tail_faults += k->major_faults;
          tail_blocked += k->blocked;
          tail_preempted += k->preempted;
        }
    }
  report (label, total);
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      what = g_strdup_printf ("  %s", names[p]);
      report (what, parts[p]);
      g_clear_pointer (&what, g_free);
      g_array_unref (parts[p]);
    }
  printf ("  slowest %u (mean %.1f ms): query and wait %.1f, to widgets %.1f, frame wait %.1f, "
          "layout %.1f, render %.1f; behind other frames %.1f; main thread CPU %.1f\n",
          tail, tail_total / tail, tail_sum[0] / tail, tail_sum[1] / tail, tail_sum[2] / tail,
          tail_sum[3] / tail, tail_sum[4] / tail, tail_sum[5] / tail, tail_sum[6] / tail);
  printf ("  slowest %u, main thread per keystroke: %.1f major page faults, blocked %.1f times, "
          "preempted %.1f times\n", tail, (double) tail_faults / tail, (double) tail_blocked / tail,
          (double) tail_preempted / tail);
  printf ("  slowest %u by keystroke: 1st digit %u, 2nd %u, 3rd %u, 4th %u, surname %u\n", tail,
          tail_kinds[1], tail_kinds[2], tail_kinds[3], tail_kinds[4], tail_kinds[5]);
  for (guint kind = 1; kind <= 5; kind++)
    {
      static const char *kinds[] = { NULL, "1st digit", "2nd digit", "3rd digit", "4th digit",
                                      "surname" };
      g_autoptr(GArray) kind_total = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) kind_render = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) kind_cpu = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < n; i++)
        {
          const Keystroke *k = &g_array_index (keys, Keystroke, i);

          if (k->kind == kind)
            {
              g_array_append_val (kind_total, k->total);
              g_array_append_val (kind_render, k->paint);
              g_array_append_val (kind_cpu, k->cpu);
            }
        }
      what = g_strdup_printf ("  %s", kinds[kind]);
      report (what, kind_total);
      g_clear_pointer (&what, g_free);
      what = g_strdup_printf ("    %s, render", kinds[kind]);
      report (what, kind_render);
      g_clear_pointer (&what, g_free);
      what = g_strdup_printf ("    %s, main thread CPU", kinds[kind]);
      report (what, kind_cpu);
      g_clear_pointer (&what, g_free);
    }
}

static void
on_search_busy_cb (GObject    *page,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  if (awaiting_results && !aisle_member_search_page_get_busy (AISLE_MEMBER_SEARCH_PAGE (page)))
    {
      awaiting_results = FALSE;
      results_at_us = g_get_monotonic_time ();
      results_at_cpu = thread_cpu_us ();
    }
}

static gboolean
time_reached (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

static gboolean
tick_cb (gpointer data)
{
  return time_reached (data) ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static GtkWidget *
find_search_entry (GtkWidget *page)
{
  GtkWidget *entry = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, page);
  while (stack->len > 0 && entry == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SEARCH_ENTRY (w))
        entry = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  if (entry == NULL)
    die ("no search entry");
  return entry;
}

/* Types the last four digits of each member's phone, one keystroke at a time, then a surname.
 * @gap_min_ms = 0: back to back, each keystroke as soon as the previous results are painted
 * (so it always waits for the frame clock's next slot, behind whatever that frame carries);
 * otherwise a keystroke every @gap_min_ms..@gap_max_ms (random, fixed seed) from the previous
 * keystroke, or at once if that one is still not drawn. @press_keys: digits are X key presses
 * (through the keyboard-wedge scanner's detector, as a person's are), else the text is set. */
static void
bench_search (const char *label,
              guint       gap_min_ms,
              guint       gap_max_ms,
              gboolean    press_keys,
              GPtrArray  *texts)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (Keystroke));
  g_autoptr(GArray) ready_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (6);
  GtkWidget *page = aisle_window_get_page (window, "member-search");
  GtkWidget *entry;
  gulong handler;
  gint64 next_us = 0;
  MachineTime start = machine_time ();

  gtk_widget_activate_action (GTK_WIDGET (window), "window.show-home", NULL);
  spin_until (page_is, (gpointer) "member-search");
  entry = find_search_entry (page);
  handler = g_signal_connect (page, "notify::busy", G_CALLBACK (on_search_busy_cb), NULL);

  for (guint i = 0; i < members->len; i++)
    {
      Member *m = g_ptr_array_index (members, i);
      const char *suffix = m->phone + strlen (m->phone) - 4;
      g_autofree char *surname = g_utf8_substring (m->name, 0, 1);

      for (guint k = 1; k <= 5; k++)
        {
          g_autofree char *text = k <= 4 ? g_strndup (suffix, k) : g_strdup (surname);
          gunichar c = g_utf8_get_char (k <= 4 ? suffix + k - 1 : surname);
          Typed typed = { page, entry, text };
          Keystroke key;
          gint64 t0, t0_cpu, painted;
          struct rusage ru0, ru1;


          if (gap_min_ms > 0 && g_get_monotonic_time () < next_us)
            {
              GSource *tick = g_timeout_source_new (1);

              g_source_set_callback (tick, tick_cb, &next_us, NULL);
              g_source_attach (tick, NULL);
              spin_until (time_reached, &next_us);
              g_source_destroy (tick);
              g_source_unref (tick);
            }
          getrusage (RUSAGE_THREAD, &ru0);
          t0 = g_get_monotonic_time ();
          t0_cpu = thread_cpu_us ();
          if (gap_min_ms > 0)
            next_us = t0 + 1000 * (gint64) g_rand_int_range (rand, (gint32) gap_min_ms,
                                                            (gint32) gap_max_ms + 1);
          busy_frames = 0;
          busy_frames_us = 0;
          results_at_us = 0;
          awaiting_results = TRUE;
          /* Digits are key presses; the surname replaces them as an input method's commit
           * does (Chinese is typed through one: the text arrives from it, not from a key). */
          if (press_keys && keyboard != NULL && k <= 4)
            bench_keys_type (keyboard, c);
          else
            gtk_editable_set_text (GTK_EDITABLE (entry), text);
          painted = drawn_at (typed_and_found, &typed);
          getrusage (RUSAGE_THREAD, &ru1);
          if (results_at_us == 0)
            {
              results_at_us = last_ready_us;
              results_at_cpu = last_ready_cpu;
            }
          awaiting_results = FALSE;
          key.total = (painted - t0) / 1000.0;
          key.arrive = (results_at_us - t0) / 1000.0;
          key.set = (last_ready_us - results_at_us) / 1000.0;
          key.wait = (last_frame_start_us - last_ready_us) / 1000.0;
          key.layout = (last_frame_layout_us - last_frame_start_us) / 1000.0;
          key.paint = (last_frame_paint_us - last_frame_layout_us) / 1000.0;
          key.behind = busy_frames_us / 1000.0;
          key.kind = k;
          key.major_faults = ru1.ru_majflt - ru0.ru_majflt;
          key.blocked = ru1.ru_nvcsw - ru0.ru_nvcsw;
          key.preempted = ru1.ru_nivcsw - ru0.ru_nivcsw;
          key.cpu = (last_frame_paint_cpu - t0_cpu) / 1000.0;
          key.cpu_set = (last_ready_cpu - results_at_cpu) / 1000.0;
          key.cpu_layout = (last_frame_layout_cpu - last_frame_start_cpu) / 1000.0;
          key.cpu_paint = (last_frame_paint_cpu - last_frame_layout_cpu) / 1000.0;
          if (texts != NULL)
            g_ptr_array_add (texts, g_strdup (text));
          /* The first ten members warm up (templates, first pages of the file). */
          if (i >= 10)
            {
              double ready = (last_ready_us - t0) / 1000.0;

              g_array_append_val (keys, key);
              g_array_append_val (ready_ms, ready);
            }
        }
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      drawn_at (search_done, page);
    }
  g_signal_handler_disconnect (page, handler);
  report ("search, results set (no frame)", ready_ms);
  report_keystrokes (label, keys);
  report_machine (start);
}

static void
on_query_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GPtrArray) found = NULL;

  found = aisle_worker_search_members_finish (AISLE_WORKER (object), result, NULL);
  *(gint64 *) user_data = g_get_monotonic_time ();
}

/* The same queries on the page's worker with nothing else to do: the query and its hand-back
 * to the main thread, without widgets or frames. */
static void
bench_queries (GPtrArray *texts)
{
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *page = aisle_window_get_page (window, "member-search");
  AisleWorker *worker = aisle_member_search_page_get_worker (AISLE_MEMBER_SEARCH_PAGE (page));

  for (guint i = 0; i < texts->len; i++)
    {
      gint64 t0 = g_get_monotonic_time (), done = 0;
      double v;

      aisle_worker_search_members_async (worker, g_ptr_array_index (texts, i), 50, NULL,
                                         on_query_ready_cb, &done);
      while (done == 0)
        g_main_context_iteration (NULL, TRUE);
      v = (done - t0) / 1000.0;
      if (i >= 50)
        g_array_append_val (ms, v);
    }
  report ("search query on the worker (no UI)", ms);
}

static gboolean
run_cb (gpointer user_data)
{
  GApplication *app = user_data;
  g_autoptr(GPtrArray) texts = NULL;
  const char *only = g_getenv ("AISLE_BENCH_ONLY");
  GdkFrameClock *clock;

  window = AISLE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (window == NULL)
    die ("no window");
  spin_until (page_is, (gpointer) "signin");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  sign_in ();
  printf ("cache %s, %u members sampled, renderer %s\n", cache_path, members->len,
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default");
  if (g_strcmp0 (g_getenv ("AISLE_BENCH_KEYS"), "set-text") != 0)
    {
      g_autofree char *why_not = NULL;

      keyboard = bench_keys_open (GTK_WINDOW (window), &why_not);
      if (keyboard == NULL)
        printf ("keystrokes: the entry's text set from code (no key presses: %s)\n", why_not);
      else
        printf ("keystrokes: key presses through the X server (XTest)\n");
    }
  else
    printf ("keystrokes: the entry's text set from code (AISLE_BENCH_KEYS=set-text)\n");
  bench_frame ();
  if (g_strcmp0 (only, "search") != 0)
    {
      bench_scan_to_profile ();
      bench_frame ();
    }
  texts = g_ptr_array_new_with_free_func (g_free);
  /* A person's pace, as key presses; then the fastest pace the wedge takes for a person's (a
   * key less than its max-gap after another may be a scanner's, and is held); then, with the
   * text set from code, keystrokes as fast as frames are drawn: a stress figure, not a person. */
  bench_search ("search-as-you-type, every 80-120 ms", 80, 120, TRUE, texts);
  bench_search ("search-as-you-type, every 46-60 ms", 46, 60, TRUE, NULL);
  bench_search ("search-as-you-type, back to back", 0, 0, FALSE, NULL);
  bench_queries (texts);
  g_clear_pointer (&keyboard, bench_keys_free);
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

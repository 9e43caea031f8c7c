/* aisle-member-search-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Results appear as staff type: a keystroke runs its query at once when none is in flight;
 * keystrokes that arrive while one is in flight are coalesced, and only the latest text is
 * searched when it returns (the stale results are never drawn). The query runs on the cache's
 * AisleWorker so the main loop never waits on SQLite.
 *
 * A keystroke waits for its own search, briefly (QUICK_WAIT_US, on a condition the worker
 * signals; the main loop does not run meanwhile), so that the frame that draws the typed text
 * also draws its results: without the wait, that frame is drawn while the query runs and the
 * results wait for the next one, a whole refresh interval later. A search that takes longer
 * (the worker busy with a sync page, a cold file) is drawn when it returns, as any other.
 *
 * Drawing is what costs (the query takes under a millisecond on a 1,000,000-member cache):
 * rows are recycled, never rebuilt, and only what can be seen is filled in. A keystroke fills
 * the rows of one screenful (as many as the page is tall); the others are filled a screenful
 * at a time as the list is scrolled towards them, so no keystroke waits behind rows nobody
 * sees, and no frame lays them out.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aisle-member-row.h"
#include "aisle-member-search-page.h"

/* Enough to scroll through for a common surname; the store orders by recent activity. */
#define SEARCH_LIMIT 50
/* A result row's height (56 px and its separator, style.css): how many rows fill the page. */
#define ROW_HEIGHT 57
/* The rows filled when the page is not laid out yet: a 1280x800 screen shows 11. */
#define DEFAULT_SCREENFUL 12
/* How long a keystroke waits for its results before letting its frame be drawn without them:
 * a quarter of a 60 Hz frame, several times the query's p99 on a 1,000,000-member cache. */
#define QUICK_WAIT_US 4000

struct _AisleMemberSearchPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwStatusPage  *empty_page;
  AdwStatusPage  *no_results_page;
  GtkLabel       *results_label;
  GtkListBox     *results_list;
  GtkScrolledWindow *results_scroller;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;

  /* Owned */
  AisleWorker    *worker;
  AisleSyncClient *sync_client;         /* tablets: online lookup; NULL offline or on a kiosk */
  GCancellable   *search_cancellable;   /* the search in flight, cancelled by the next one */
  GCancellable   *lookup_cancellable;   /* its online lookup, cancelled by the next search */
  GPtrArray      *results;              /* of AisleMember: the results shown, or NULL */
  guint           n_filled;             /* results[0..n_filled) are in rows */
  guint           fill_source;          /* fills more rows once the list is laid out */
  GtkAdjustment  *vadjustment;          /* the results' scroll position */
  gulong          value_changed_handler;
  gulong          changed_handler;
  gboolean        rerun;                /* the text changed while a search was in flight */
  gboolean        busy;
};

G_DEFINE_FINAL_TYPE (AisleMemberSearchPage, aisle_member_search_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WORKER,
  PROP_BUSY,
  N_PROPS
};

enum {
  MEMBER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A search's results as the worker hands them to a keystroke waiting for them: shared by the
 * worker's job and the main thread, under the lock. */
typedef struct
{
  gatomicrefcount  ref;
  GMutex           lock;
  GCond            cond;
  char            *query;
  gboolean         done;        /* the worker has finished */
  gboolean         taken;       /* the keystroke showed the results: the callback does not */
  GPtrArray       *members;     /* the results, until taken */
  GError          *error;
} Handoff;

static Handoff *
handoff_new (const char *query)
{
  Handoff *handoff = g_new0 (Handoff, 1);

  g_atomic_ref_count_init (&handoff->ref);
  g_mutex_init (&handoff->lock);
  g_cond_init (&handoff->cond);
  handoff->query = g_strdup (query);
  return handoff;
}

static Handoff *
handoff_ref (Handoff *handoff)
{
  g_atomic_ref_count_inc (&handoff->ref);
  return handoff;
}

static void
handoff_unref (Handoff *handoff)
{
  if (!g_atomic_ref_count_dec (&handoff->ref))
    return;
  g_mutex_clear (&handoff->lock);
  g_cond_clear (&handoff->cond);
  g_clear_pointer (&handoff->query, g_free);
  g_clear_pointer (&handoff->members, g_ptr_array_unref);
  g_clear_error (&handoff->error);
  g_free (handoff);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Handoff, handoff_unref)

/* On the worker thread: the search, its results kept for a keystroke that waits, and returned
 * to the callback too (which drops them if the keystroke took them). */
static gpointer
search_func (AisleStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Handoff *handoff = data;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) local_error = NULL;

  members = aisle_store_search_members (store, handoff->query, SEARCH_LIMIT, &local_error);

  g_mutex_lock (&handoff->lock);
  handoff->done = TRUE;
  if (members != NULL)
    handoff->members = g_ptr_array_ref (members);
  else
    handoff->error = g_error_copy (local_error);
  g_cond_signal (&handoff->cond);
  g_mutex_unlock (&handoff->lock);

  if (members == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return g_steal_pointer (&members);
}

/* Waits up to @timeout_us for the worker to finish @handoff's search; if it did, takes its
 * results (the callback will not show them) and returns TRUE. */
static gboolean
handoff_take (Handoff    *handoff,
              gint64      timeout_us,
              GPtrArray **members,
              GError    **error)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&handoff->lock);

  while (!handoff->done)
    if (!g_cond_wait_until (&handoff->cond, &handoff->lock, deadline))
      break;
  if (!handoff->done)
    return FALSE;
  handoff->taken = TRUE;
  *members = g_steal_pointer (&handoff->members);
  if (handoff->error != NULL)
    g_propagate_error (error, g_steal_pointer (&handoff->error));
  return TRUE;
}

typedef struct
{
  AisleMemberSearchPage *self;          /* strong: the page outlives its callback */
  GCancellable          *cancellable;   /* identifies the search, to drop stale results */
  char                  *query;
  Handoff               *handoff;       /* the cache search's, or NULL (online lookups) */
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->query, g_free);
  g_clear_pointer (&data->handoff, handoff_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchData, search_data_free)

static void
set_busy (AisleMemberSearchPage *self,
          gboolean               busy)
{
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

/* Hides the rows from @from on: they are kept to be reused by the next results. */
static void
hide_rows (AisleMemberSearchPage *self,
           guint                  from)
{
  GtkListBoxRow *row;

  for (guint i = from; (row = gtk_list_box_get_row_at_index (self->results_list, i)) != NULL; i++)
    {
      if (!gtk_widget_get_visible (GTK_WIDGET (row)))
        break;
      gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
    }
}

static void
forget_results (AisleMemberSearchPage *self)
{
  g_clear_handle_id (&self->fill_source, g_source_remove);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->n_filled = 0;
}

/* The page shows something else than the results: they are forgotten, but their rows are
 * left as they are on the hidden results page (hiding each row, then showing it for the next
 * results, restyles all of them on the keystroke that brings results back). */
static void
clear_results (AisleMemberSearchPage *self)
{
  forget_results (self);
}

/* Forgets the results and their rows (sign-out, idle reset): no member stays in memory. */
static void
remove_results (AisleMemberSearchPage *self)
{
  GtkWidget *child;

  forget_results (self);
  /* gtk_list_box_remove_all() is GTK 4.12. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
}

/* Shows results[@from..@to) in the rows at those places, reusing the rows already there
 * (updating labels costs far less than building rows from the template). */
static void
fill_rows (AisleMemberSearchPage *self,
           guint                  from,
           guint                  to)
{
  for (guint i = from; i < to; i++)
    {
      const AisleMember *member = g_ptr_array_index (self->results, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results_list, (int) i);

      if (row != NULL)
        {
          aisle_member_row_set_member (AISLE_MEMBER_ROW (row), member);
          gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
        }
      else
        gtk_list_box_append (self->results_list, aisle_member_row_new (member));
    }
}

/* How many rows the page shows at once, and one more that is partly in view. */
static guint
get_screenful (AisleMemberSearchPage *self)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->stack));

  return height > 0 ? (guint) height / ROW_HEIGHT + 1 : DEFAULT_SCREENFUL;
}

/* Fills the next screenful of rows once the end of the filled ones is less than @ahead pages
 * below what is in view. */
static void
fill_if_near_end (AisleMemberSearchPage *self,
                  double                 ahead)
{
  double value = gtk_adjustment_get_value (self->vadjustment);
  double page = gtk_adjustment_get_page_size (self->vadjustment);
  double upper = gtk_adjustment_get_upper (self->vadjustment);
  guint to;

  if (self->results == NULL || self->n_filled >= self->results->len || page <= 0)
    return;
  if (value + page + ahead * page < upper - 1)
    return;
  to = MIN (self->results->len, self->n_filled + get_screenful (self));
  fill_rows (self, self->n_filled, to);
  self->n_filled = to;
}

/* Scrolling: the next rows are filled while a screenful is still left, before they show. */
static void
on_vadjustment_value_changed_cb (GtkAdjustment         *adjustment,
                                 AisleMemberSearchPage *self)
{
  fill_if_near_end (self, 1);
}

static gboolean
fill_idle_cb (gpointer user_data)
{
  AisleMemberSearchPage *self = user_data;

  self->fill_source = 0;
  fill_if_near_end (self, 0);
  return G_SOURCE_REMOVE;
}

/* The list or the page changed height (a rotated tablet): once that layout is done, fill
 * more rows if the end of the list is in view with results left to show. */
static void
on_vadjustment_changed_cb (GtkAdjustment         *adjustment,
                           AisleMemberSearchPage *self)
{
  if (self->results != NULL && self->n_filled < self->results->len && self->fill_source == 0)
    self->fill_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fill_idle_cb, self, NULL);
}

/* Shows @members: fills the rows that are in view now, the others when scrolled to. */
static void
show_members (AisleMemberSearchPage *self,
              GPtrArray             *members)
{
  guint now = MIN (members->len, get_screenful (self));

  forget_results (self);
  self->results = g_ptr_array_ref (members);
  fill_rows (self, 0, now);
  hide_rows (self, now);
  self->n_filled = now;
  /* New results start at the top (without filling more for the old list's scroll). */
  g_signal_handler_block (self->vadjustment, self->value_changed_handler);
  gtk_adjustment_set_value (self->vadjustment, 0);
  g_signal_handler_unblock (self->vadjustment, self->value_changed_handler);
}

static void aisle_member_search_page_run (AisleMemberSearchPage *self);

static void
show_toast (AisleMemberSearchPage *self,
            const char            *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static void
on_lookup_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SearchData) data = user_data;
  AisleMemberSearchPage *self = data->self;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  members = aisle_sync_client_lookup_members_finish (AISLE_SYNC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || data->cancellable != self->lookup_cancellable)
    return;
  g_clear_object (&self->lookup_cancellable);
  /* Offline, or the hub refused: the cache's answer stands. */
  if (members == NULL || members->len == 0)
    {
      if (error != NULL)
        g_debug ("online lookup for “%s”: %s", data->query, error->message);
      return;
    }
  show_members (self, members);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member found on the hub",
                                       "%u members found on the hub", members->len),
                          members->len);
  gtk_label_set_label (self->results_label, text);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

/* Nothing in the cache: ask the hub, and add what it knows when it answers (it is cached by
 * the sync client, so the next search finds it offline). */
static void
lookup_online (AisleMemberSearchPage *self,
               const char            *query)
{
  SearchData *data;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  if (self->sync_client == NULL || !aisle_sync_client_get_paired (self->sync_client))
    return;
  self->lookup_cancellable = g_cancellable_new ();
  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->lookup_cancellable);
  data->query = g_strdup (query);
  aisle_sync_client_lookup_members_async (self->sync_client, query, self->lookup_cancellable,
                                          on_lookup_ready_cb, data);
}

/* Whether @query is one or two digits (and the separators typed in phone numbers). */
static gboolean
is_partial_number (const char *query)
{
  guint digits = 0;

  for (const char *p = query; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" -+().", *p) == NULL)
        return FALSE;
    }
  return digits > 0 && digits < 3;
}

/* The search of @data is back with @members or @error: show them, unless the text changed. */
static void
search_done (AisleMemberSearchPage *self,
             SearchData            *data,
             GPtrArray             *members,
             GError                *error)
{
  g_clear_object (&self->search_cancellable);

  /* Typed on while this ran: search the latest text instead of drawing these. */
  if (self->rerun)
    {
      aisle_member_search_page_run (self);
      return;
    }

  set_busy (self, FALSE);

  if (error != NULL || members == NULL || members->len == 0)
    clear_results (self);

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Search failed: %s"), error->message);

      g_warning ("member search for “%s” failed: %s", data->query, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      show_toast (self, message);
      return;
    }

  /* One or two digits are the start of a phone number's last digits, not a search yet: the
   * page keeps saying what to type rather than that nothing matched. */
  if ((members == NULL || members->len == 0) && is_partial_number (data->query))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (members == NULL || members->len == 0)
    {
      g_autofree char *description =
        /* Translators: %s is what the user typed */
        g_strdup_printf (_("Nothing in this device’s cache matches “%s”. Check the number, or try the surname alone."),
                         data->query);

      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->stack, "no-results");
      lookup_online (self, data->query);
      return;
    }

  show_members (self, members);

  if (members->len >= SEARCH_LIMIT)
    {
      g_autofree char *text =
        g_strdup_printf (_("The %u most recently active matches; type more to narrow them down"),
                         members->len);
      gtk_label_set_label (self->results_label, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u member found",
                                                            "%u members found",
                                                            members->len),
                                               members->len);
      gtk_label_set_label (self->results_label, text);
    }

  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
on_search_ready_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SearchData) data = user_data;
  AisleMemberSearchPage *self = data->self;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  gboolean taken;

  members = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  g_mutex_lock (&data->handoff->lock);
  taken = data->handoff->taken;
  g_mutex_unlock (&data->handoff->lock);

  /* The keystroke showed these itself; or a reset (or the page going away) cancelled this one,
   * or a newer search replaced it: its results are stale. */
  if (taken || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || data->cancellable != self->search_cancellable)
    return;

  search_done (self, data, members, error);
}

static void
cancel_search (AisleMemberSearchPage *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->rerun = FALSE;
}

static void
aisle_member_search_page_run (AisleMemberSearchPage *self)
{
  g_autofree char *query = NULL;
  g_autoptr(Handoff) handoff = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  SearchData *data;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);

  /* One search at a time: a keystroke during one is searched when it returns. */
  if (self->search_cancellable != NULL)
    {
      self->rerun = TRUE;
      set_busy (self, TRUE);
      return;
    }
  self->rerun = FALSE;

  query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  /* Nothing, or one Latin letter: the start of a name or of a member number (or the first
   * character of a scanner's code, shown while the wedge tells a scan from typing), not a
   * search yet; the page keeps saying what to type. */
  if (*query == '\0' || (g_ascii_isalpha (query[0]) && query[1] == '\0'))
    {
      cancel_search (self);
      clear_results (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_busy (self, FALSE);
      return;
    }

  /* No cache yet: the query runs as soon as set_worker() hands one over. */
  set_busy (self, TRUE);
  if (self->worker == NULL)
    return;

  self->search_cancellable = g_cancellable_new ();

  handoff = handoff_new (query);
  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->search_cancellable);
  data->query = g_strdup (query);
  data->handoff = handoff_ref (handoff);

  /* As aisle_worker_search_members_async(): G_PRIORITY_HIGH, the user is waiting. */
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, search_func, handoff_ref (handoff),
                          (GDestroyNotify) handoff_unref, (GDestroyNotify) g_ptr_array_unref,
                          self->search_cancellable, on_search_ready_cb, data);

  /* The text and its results in one frame, when the search is quick (see the top). */
  if (handoff_take (handoff, QUICK_WAIT_US, &members, &error))
    search_done (self, data, members, error);
}

static void
on_search_entry_changed_cb (AisleMemberSearchPage *self,
                            GtkSearchEntry        *entry)
{
  /* Busy from the keystroke on, through a search in flight, until the results are shown. */
  set_busy (self, TRUE);
}

static void
on_search_entry_search_changed_cb (AisleMemberSearchPage *self,
                                   GtkSearchEntry        *entry)
{
  aisle_member_search_page_run (self);
}

static void
on_search_entry_activate_cb (AisleMemberSearchPage *self,
                             GtkSearchEntry        *entry)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  /* Enter (or a wedge scanner's trailing newline) opens a single, unambiguous match (rows
   * kept hidden for reuse are not results). */
  if (self->results != NULL && self->results->len == 1 && self->n_filled == 1 && first != NULL
      && gtk_widget_get_visible (GTK_WIDGET (first)))
    g_signal_emit_by_name (self->results_list, "row-activated", first);
}

static void
on_search_entry_stop_search_cb (AisleMemberSearchPage *self,
                                GtkSearchEntry        *entry)
{
  aisle_member_search_page_reset (self);
}

static void
on_results_list_row_activated_cb (AisleMemberSearchPage *self,
                                  GtkListBoxRow         *row,
                                  GtkListBox            *list)
{
  if (AISLE_IS_MEMBER_ROW (row))
    g_signal_emit (self, signals[MEMBER_ACTIVATED], 0,
                   aisle_member_row_get_member (AISLE_MEMBER_ROW (row)));
}

static gboolean
aisle_member_search_page_grab_focus (GtkWidget *widget)
{
  AisleMemberSearchPage *self = AISLE_MEMBER_SEARCH_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
aisle_member_search_page_dispose (GObject *object)
{
  AisleMemberSearchPage *self = (AisleMemberSearchPage *)object;
  GtkWidget *child;

  if (self->vadjustment != NULL)
    {
      g_clear_signal_handler (&self->value_changed_handler, self->vadjustment);
      g_clear_signal_handler (&self->changed_handler, self->vadjustment);
      g_clear_object (&self->vadjustment);
    }
  forget_results (self);
  cancel_search (self);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->sync_client);
  g_clear_object (&self->worker);

  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_MEMBER_SEARCH_PAGE);
  /* The template's root box is not a bound child, so dispose_template() leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (aisle_member_search_page_parent_class)->dispose (object);
}

static void
aisle_member_search_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AisleMemberSearchPage *self = AISLE_MEMBER_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      g_value_set_object (value, self->worker);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_member_search_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  AisleMemberSearchPage *self = AISLE_MEMBER_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_WORKER:
      aisle_member_search_page_set_worker (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_member_search_page_class_init (AisleMemberSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_member_search_page_dispose;
  object_class->get_property = aisle_member_search_page_get_property;
  object_class->set_property = aisle_member_search_page_set_property;

  widget_class->grab_focus = aisle_member_search_page_grab_focus;

  properties[PROP_WORKER] =
    g_param_spec_object ("worker", NULL, NULL,
                         AISLE_TYPE_WORKER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* TRUE from a keystroke until its results (or the empty state) are shown. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AisleMemberSearchPage::member-activated:
   * @member: (transfer none): the member the staff picked
   *
   * The member profile (issue 6) opens from here.
   */
  signals[MEMBER_ACTIVATED] =
    g_signal_new ("member-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, AISLE_TYPE_MEMBER | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-member-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleMemberSearchPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberSearchPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberSearchPage, results_label);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberSearchPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberSearchPage, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberSearchPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberSearchPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislemembersearchpage");
}

static void
aisle_member_search_page_init (AisleMemberSearchPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing anywhere on the page (or a keyboard-wedge scanner) lands in the entry. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  /* Rows below the fold are filled as they come into view. */
  self->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (self->results_scroller));
  self->value_changed_handler =
    g_signal_connect (self->vadjustment, "value-changed",
                      G_CALLBACK (on_vadjustment_value_changed_cb), self);
  self->changed_handler =
    g_signal_connect (self->vadjustment, "changed", G_CALLBACK (on_vadjustment_changed_cb), self);
}

GtkWidget *
aisle_member_search_page_new (void)
{
  return g_object_new (AISLE_TYPE_MEMBER_SEARCH_PAGE, NULL);
}

AisleWorker *
aisle_member_search_page_get_worker (AisleMemberSearchPage *self)
{
  g_return_val_if_fail (AISLE_IS_MEMBER_SEARCH_PAGE (self), NULL);

  return self->worker;
}

void
aisle_member_search_page_set_worker (AisleMemberSearchPage *self,
                                     AisleWorker           *worker)
{
  g_return_if_fail (AISLE_IS_MEMBER_SEARCH_PAGE (self));
  g_return_if_fail (!worker || AISLE_IS_WORKER (worker));

  if (g_set_object (&self->worker, worker))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORKER]);
      /* Re-run whatever was typed while the cache was opening (or against the old cache). */
      cancel_search (self);
      aisle_member_search_page_run (self);
    }
}

gboolean
aisle_member_search_page_get_busy (AisleMemberSearchPage *self)
{
  g_return_val_if_fail (AISLE_IS_MEMBER_SEARCH_PAGE (self), FALSE);

  return self->busy;
}

/* Types @text into the entry as staff would. */
void
aisle_member_search_page_search (AisleMemberSearchPage *self,
                                 const char            *text)
{
  g_return_if_fail (AISLE_IS_MEMBER_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}

/* Back to the empty state, forgetting the query and results. */
void
aisle_member_search_page_reset (AisleMemberSearchPage *self)
{
  g_return_if_fail (AISLE_IS_MEMBER_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cancel_search (self);
  aisle_member_search_page_run (self);
  remove_results (self);
}

void
aisle_member_search_page_set_sync_client (AisleMemberSearchPage *self,
                                          AisleSyncClient       *client)
{
  g_return_if_fail (AISLE_IS_MEMBER_SEARCH_PAGE (self));
  g_return_if_fail (client == NULL || AISLE_IS_SYNC_CLIENT (client));

  g_set_object (&self->sync_client, client);
}

/* aisle-signin-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's active staff on the left (or a badge scan picks one), the PIN keypad on the
 * right. The PIN is checked on the store's worker against the synced argon2id hash
 * (core/aisle-store-staff.c), which also keeps the lock-out count: five wrong PINs lock that
 * staff member for five minutes, and the page says so in words, with the time it ends.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aisle-pin-keypad.h"
#include "aisle-signin-page.h"
#include "aisle-store-staff.h"

struct _AisleSigninPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwAvatar       *avatar;
  GtkBox          *columns;
  AdwStatusPage   *empty_page;
  GtkLabel        *hint_label;
  AislePinKeypad  *keypad;
  GtkLabel        *message_label;
  GtkLabel        *name_label;
  GtkBox          *pin_box;
  GtkScrolledWindow *scroller;
  GtkListBox      *staff_list;

  /* Owned */
  AisleWorker     *worker;
  GCancellable    *cancellable;    /* cancelled on a reload, a reset and in dispose */
  GPtrArray       *staff;          /* AisleStaff of the list, in order */
  char            *branch_id;
  char            *selected_id;
  char            *pending_select; /* a badge scanned before the list arrived */
  guint            unlock_source;
  guint            pending;        /* PIN or lock checks in flight */
  gboolean         checking;
};

G_DEFINE_FINAL_TYPE (AisleSigninPage, aisle_signin_page, GTK_TYPE_WIDGET)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (AisleSigninPage *self,
             const char      *text,
             gboolean         error)
{
  gtk_label_set_text (self->message_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static const AisleStaff *
find_staff (AisleSigninPage *self,
            const char      *staff_id)
{
  for (guint i = 0; self->staff != NULL && i < self->staff->len; i++)
    {
      const AisleStaff *s = g_ptr_array_index (self->staff, i);

      if (g_ascii_strcasecmp (s->id, staff_id) == 0)
        return s;
    }
  return NULL;
}

static char *
format_lock (const AisleStaff *staff,
             gint64            locked_until)
{
  g_autoptr(GDateTime) until = g_date_time_new_from_unix_local (locked_until);
  g_autofree char *time = g_date_time_format (until, "%H:%M");

  /* Translators: %s is the staff member's name, %s a time like 14:05 */
  return g_strdup_printf (_("Too many wrong PINs: %s is locked out on this tablet for 5 minutes, until %s. Ask a manager if you have forgotten your PIN."),
                          staff->name, time);
}

static gboolean
unlock_cb (gpointer user_data)
{
  AisleSigninPage *self = user_data;

  self->unlock_source = 0;
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), self->selected_id != NULL);
  set_message (self, _("You can try your PIN again."), FALSE);
  return G_SOURCE_REMOVE;
}

static void
lock_until (AisleSigninPage *self,
            gint64           locked_until)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_clear_handle_id (&self->unlock_source, g_source_remove);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), FALSE);
  self->unlock_source = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT,
                                                    (guint) MAX (1, locked_until - now),
                                                    unlock_cb, self, NULL);
}

/* --- the PIN check, on the worker --------------------------------------------------------- */

typedef struct
{
  char  *staff_id;
  char  *pin;
  gint64 now;
} CheckData;

static void
check_data_free (CheckData *d)
{
  g_free (d->staff_id);
  if (d->pin != NULL)
    memset (d->pin, 0, strlen (d->pin));
  g_free (d->pin);
  g_free (d);
}

static gpointer
sign_in_job (AisleStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  CheckData *d = data;

  return aisle_store_staff_sign_in (store, d->staff_id, d->pin, d->now, error);
}

static void
on_sign_in_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AisleSigninPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleSignIn) outcome = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->pending--;
  self->checking = FALSE;
  aisle_pin_keypad_clear (self->keypad);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), TRUE);
  if (outcome == NULL)
    {
      g_warning ("sign-in: %s", error->message);
      set_message (self, _("The tablet could not check the PIN. Try again; if it keeps failing, restart the app."), TRUE);
      return;
    }

  switch (outcome->status)
    {
    case AISLE_SIGN_IN_OK:
      set_message (self, "", FALSE);
      g_signal_emit (self, signals[SIGNED_IN], 0, outcome->staff);
      return;

    case AISLE_SIGN_IN_WRONG_PIN:
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Wrong PIN. %u more wrong try locks the sign-in for 5 minutes.",
                                           "Wrong PIN. %u more wrong tries lock the sign-in for 5 minutes.",
                                           outcome->remaining),
                              outcome->remaining);
      set_message (self, text, TRUE);
      break;

    case AISLE_SIGN_IN_LOCKED:
      text = format_lock (outcome->staff, outcome->locked_until);
      set_message (self, text, TRUE);
      lock_until (self, outcome->locked_until);
      break;

    case AISLE_SIGN_IN_NO_PIN:
      set_message (self, _("No PIN for you has reached this tablet yet. Sync with the hub, or ask a manager to set your PIN."), TRUE);
      break;

    case AISLE_SIGN_IN_INACTIVE:
      set_message (self, _("This staff account is no longer active. Ask a manager."), TRUE);
      break;

    case AISLE_SIGN_IN_UNKNOWN:
    default:
      set_message (self, _("This staff member is not in this tablet’s records."), TRUE);
      break;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->keypad));
}

static void
on_keypad_activated_cb (AisleSigninPage *self)
{
  CheckData *d;

  if (self->worker == NULL || self->selected_id == NULL || self->checking)
    return;
  self->checking = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), FALSE);
  set_message (self, _("Checking…"), FALSE);
  d = g_new0 (CheckData, 1);
  d->staff_id = g_strdup (self->selected_id);
  d->pin = g_strdup (aisle_pin_keypad_get_text (self->keypad));
  d->now = g_get_real_time () / G_USEC_PER_SEC;
  self->pending++;
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, sign_in_job, d,
                          (GDestroyNotify) check_data_free, (GDestroyNotify) aisle_sign_in_free,
                          self->cancellable, on_sign_in_done_cb, self);
}

/* --- choosing who signs in ---------------------------------------------------------------- */

typedef struct
{
  char   *staff_id;
  gint64  until;
} LockInfo;

static void
lock_info_free (LockInfo *info)
{
  g_free (info->staff_id);
  g_free (info);
}

static gpointer
locked_until_job (AisleStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  LockInfo *info = g_new0 (LockInfo, 1);

  info->staff_id = g_strdup (data);
  info->until = aisle_store_staff_locked_until (store, data,
                                                g_get_real_time () / G_USEC_PER_SEC, error);
  if (info->until < 0)
    {
      lock_info_free (info);
      return NULL;
    }
  return info;
}

static void
on_locked_until_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AisleSigninPage *self = user_data;
  g_autoptr(GError) error = NULL;
  LockInfo *info = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);
  const AisleStaff *staff;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->pending--;
  staff = self->selected_id != NULL ? find_staff (self, self->selected_id) : NULL;
  /* Someone else was picked meanwhile: their own check follows. */
  if (info == NULL || staff == NULL || g_strcmp0 (staff->id, info->staff_id) != 0)
    {
      if (info == NULL)
        g_warning ("reading the sign-in lock: %s", error->message);
      g_clear_pointer (&info, lock_info_free);
      return;
    }
  if (info->until > 0)
    {
      g_autofree char *text = format_lock (staff, info->until);

      set_message (self, text, TRUE);
      lock_until (self, info->until);
    }
  else
    {
      /* Not locked: the keypad opens once that is known. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->keypad));
    }
  lock_info_free (info);
}

static void
select_staff (AisleSigninPage  *self,
              const AisleStaff *staff)
{
  g_free (self->selected_id);
  self->selected_id = g_strdup (staff->id);
  g_clear_handle_id (&self->unlock_source, g_source_remove);
  adw_avatar_set_text (self->avatar, staff->name);
  gtk_label_set_text (self->name_label, staff->name);
  aisle_pin_keypad_clear (self->keypad);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), FALSE);
  set_message (self, _("Enter your PIN."), FALSE);
  if (self->worker == NULL)
    return;
  self->pending++;
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, locked_until_job,
                          g_strdup (staff->id), g_free, (GDestroyNotify) lock_info_free,
                          self->cancellable, on_locked_until_cb, self);
}

static void
on_staff_list_row_activated_cb (AisleSigninPage *self,
                                GtkListBoxRow   *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->staff != NULL && index >= 0 && (guint) index < self->staff->len)
    select_staff (self, g_ptr_array_index (self->staff, index));
}

static GtkWidget *
make_staff_row (const AisleStaff *staff)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (40, staff->name, TRUE);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), staff->name);
  subtitle = g_strdup_printf ("%s · %s",
                              staff->role == AISLE_STAFF_ROLE_MANAGER ? _("Manager")
                                                                      : _("Associate"),
                              staff->id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_size_request (row, -1, 56);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  staff->name, -1);
  return row;
}

static gpointer
list_staff_job (AisleStore    *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return aisle_store_list_staff (store, data, TRUE, error);
}

static void
on_staff_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AisleSigninPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (staff == NULL)
    {
      g_warning ("listing staff: %s", error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->staff_list))) != NULL)
    gtk_list_box_remove (self->staff_list, child);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  self->staff = g_steal_pointer (&staff);
  for (guint i = 0; i < self->staff->len; i++)
    gtk_list_box_append (self->staff_list, make_staff_row (g_ptr_array_index (self->staff, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->staff_list), self->staff->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), self->staff->len == 0);

  if (self->pending_select != NULL)
    {
      g_autofree char *id = g_steal_pointer (&self->pending_select);

      aisle_signin_page_select_staff (self, id);
    }
}

/* --- GObject ------------------------------------------------------------------------------ */

static void
aisle_signin_page_dispose (GObject *object)
{
  AisleSigninPage *self = AISLE_SIGNIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->unlock_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_SIGNIN_PAGE);
  g_clear_object (&self->worker);
  g_clear_pointer (&self->staff, g_ptr_array_unref);

  G_OBJECT_CLASS (aisle_signin_page_parent_class)->dispose (object);
}

static void
aisle_signin_page_finalize (GObject *object)
{
  AisleSigninPage *self = AISLE_SIGNIN_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->branch_id);
  g_free (self->selected_id);
  g_free (self->pending_select);

  G_OBJECT_CLASS (aisle_signin_page_parent_class)->finalize (object);
}

static void
aisle_signin_page_class_init (AisleSigninPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_signin_page_dispose;
  object_class->finalize = aisle_signin_page_finalize;

  /**
   * AisleSigninPage::signed-in:
   * @staff: the staff member whose PIN was right
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, AISLE_TYPE_STAFF | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-signin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, columns);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, keypad);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, pin_box);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, AisleSigninPage, staff_list);
  gtk_widget_class_bind_template_callback (widget_class, on_keypad_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_list_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislesigninpage");

  g_type_ensure (AISLE_TYPE_PIN_KEYPAD);
}

static void
aisle_signin_page_init (AisleSigninPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
aisle_signin_page_new (void)
{
  return g_object_new (AISLE_TYPE_SIGNIN_PAGE, NULL);
}

void
aisle_signin_page_set_worker (AisleSigninPage *self,
                              AisleWorker     *worker)
{
  g_return_if_fail (AISLE_IS_SIGNIN_PAGE (self));

  if (g_set_object (&self->worker, worker))
    aisle_signin_page_reload (self);
}

/* The device's store, whose staff are listed; %NULL lists every active staff member cached. */
void
aisle_signin_page_set_branch_id (AisleSigninPage *self,
                                 const char      *branch_id)
{
  g_return_if_fail (AISLE_IS_SIGNIN_PAGE (self));

  if (g_strcmp0 (self->branch_id, branch_id) == 0)
    return;
  g_free (self->branch_id);
  self->branch_id = g_strdup (branch_id);
  aisle_signin_page_reload (self);
}

void
aisle_signin_page_reload (AisleSigninPage *self)
{
  g_return_if_fail (AISLE_IS_SIGNIN_PAGE (self));

  if (self->worker == NULL)
    return;
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, list_staff_job,
                          g_strdup (self->branch_id), g_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                          on_staff_listed_cb, self);
}

/* A staff badge was scanned: pick that staff member, as if their name was tapped. */
void
aisle_signin_page_select_staff (AisleSigninPage *self,
                                const char      *staff_id)
{
  const AisleStaff *staff;

  g_return_if_fail (AISLE_IS_SIGNIN_PAGE (self));
  g_return_if_fail (staff_id != NULL);

  if (self->staff == NULL)
    {
      g_free (self->pending_select);
      self->pending_select = g_strdup (staff_id);
      return;
    }
  staff = find_staff (self, staff_id);
  if (staff == NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is a staff number read from a badge, e.g. S0012 */
      text = g_strdup_printf (_("The badge %s does not belong to a staff member of this store."),
                              staff_id);
      set_message (self, text, TRUE);
      return;
    }
  select_staff (self, staff);
}

/* How many staff members the page lists, or -1 until the list has been read. */
int
aisle_signin_page_get_n_staff (AisleSigninPage *self)
{
  g_return_val_if_fail (AISLE_IS_SIGNIN_PAGE (self), -1);

  return self->staff != NULL ? (int) self->staff->len : -1;
}

/* A PIN or lock check is in flight. */
gboolean
aisle_signin_page_get_busy (AisleSigninPage *self)
{
  g_return_val_if_fail (AISLE_IS_SIGNIN_PAGE (self), FALSE);

  return self->pending > 0;
}

const char *
aisle_signin_page_get_selected (AisleSigninPage *self)
{
  g_return_val_if_fail (AISLE_IS_SIGNIN_PAGE (self), NULL);

  return self->selected_id;
}

/* Back to "who is signing in?", with no digits left on the keypad. */
void
aisle_signin_page_reset (AisleSigninPage *self)
{
  g_return_if_fail (AISLE_IS_SIGNIN_PAGE (self));

  g_clear_pointer (&self->selected_id, g_free);
  g_clear_handle_id (&self->unlock_source, g_source_remove);
  self->checking = FALSE;
  aisle_pin_keypad_clear (self->keypad);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keypad), FALSE);
  adw_avatar_set_text (self->avatar, NULL);
  gtk_label_set_text (self->name_label, _("Who is signing in?"));
  set_message (self, _("Choose your name first."), FALSE);
}

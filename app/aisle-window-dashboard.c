/* aisle-window-dashboard.c: the manager's store performance dashboard in the tablet window.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub's report endpoint wants the manager's PIN with every request, and the session keeps
 * no PIN. So "Store Performance" asks for it again on a keypad: it is checked on the worker
 * against the synced hash (the same check, and lock-out count, as the sign-in page), then handed
 * to the dashboard page, which holds it only while it lives. Signing out (or the idle sign-out)
 * removes the page from the window, which wipes the PIN and every figure with it.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aisle-dashboard-page.h"
#include "aisle-pin-keypad.h"
#include "aisle-store-staff.h"
#include "aisle-window-private.h"

#define PAGE_NAME "store-performance"

typedef struct
{
  char   *staff_id;
  char   *pin;
  gint64  now;
} PinCheck;

static void
pin_check_free (PinCheck *d)
{
  g_free (d->staff_id);
  if (d->pin != NULL)
    memset (d->pin, 0, strlen (d->pin));
  g_free (d->pin);
  g_free (d);
}

static gpointer
check_pin_job (AisleStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  PinCheck *d = data;

  return aisle_store_staff_sign_in (store, d->staff_id, d->pin, d->now, error);
}

static void
show_page (AisleWindow *self,
           const char  *staff_id,
           const char  *pin)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, PAGE_NAME);

  if (page == NULL)
    {
      page = aisle_dashboard_page_new ();
      aisle_dashboard_page_set_worker (AISLE_DASHBOARD_PAGE (page), self->worker);
      aisle_dashboard_page_set_sync_client (AISLE_DASHBOARD_PAGE (page), self->sync_client);
      gtk_stack_add_named (self->stack, page, PAGE_NAME);
    }
  aisle_dashboard_page_set_staff (AISLE_DASHBOARD_PAGE (page), staff_id, pin);
  gtk_stack_set_visible_child (self->stack, page);
}

static void
set_message (AdwMessageDialog *dialog,
             const char       *text)
{
  adw_message_dialog_set_body (dialog, text);
}

static void
on_pin_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdwMessageDialog) dialog = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleSignIn) outcome = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);
  AislePinKeypad *keypad = g_object_get_data (G_OBJECT (dialog), "aisle-keypad");
  AisleWindow *self = AISLE_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  const char *staff_id;
  g_autofree char *text = NULL;

  /* The dialog was closed, or the manager signed out, while the PIN was checked. */
  if (keypad == NULL || self == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  staff_id = aisle_session_get_staff_id (self->session);
  gtk_widget_set_sensitive (GTK_WIDGET (keypad), TRUE);
  if (outcome != NULL && outcome->status == AISLE_SIGN_IN_OK && outcome->staff != NULL &&
      g_strcmp0 (outcome->staff->id, staff_id) == 0 && aisle_session_get_is_manager (self->session))
    {
      show_page (self, staff_id, aisle_pin_keypad_get_text (keypad));
      aisle_pin_keypad_clear (keypad);
      gtk_window_destroy (GTK_WINDOW (dialog));
      return;
    }
  aisle_pin_keypad_clear (keypad);
  if (outcome == NULL)
    {
      g_warning ("store performance PIN: %s", error->message);
      set_message (dialog, _("The tablet could not check the PIN. Try again."));
      return;
    }
  switch (outcome->status)
    {
    case AISLE_SIGN_IN_WRONG_PIN:
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Wrong PIN. %u more wrong try locks the sign-in for 5 minutes.",
                                           "Wrong PIN. %u more wrong tries lock the sign-in for 5 minutes.",
                                           outcome->remaining),
                              outcome->remaining);
      set_message (dialog, text);
      break;

    case AISLE_SIGN_IN_LOCKED:
      set_message (dialog, _("Too many wrong PINs: your PIN is locked for a few minutes."));
      gtk_widget_set_sensitive (GTK_WIDGET (keypad), FALSE);
      break;

    default:
      set_message (dialog, _("Store performance is for managers only."));
      gtk_widget_set_sensitive (GTK_WIDGET (keypad), FALSE);
      break;
    }
  gtk_widget_grab_focus (GTK_WIDGET (keypad));
}

static void
on_keypad_activated_cb (AislePinKeypad   *keypad,
                        AdwMessageDialog *dialog)
{
  AisleWindow *self = AISLE_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  PinCheck *d;

  if (self->worker == NULL || !aisle_session_get_signed_in (self->session))
    return;
  d = g_new0 (PinCheck, 1);
  d->staff_id = g_strdup (aisle_session_get_staff_id (self->session));
  d->pin = g_strdup (aisle_pin_keypad_get_text (keypad));
  d->now = g_get_real_time () / G_USEC_PER_SEC;
  gtk_widget_set_sensitive (GTK_WIDGET (keypad), FALSE);
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, check_pin_job, d,
                          (GDestroyNotify) pin_check_free, (GDestroyNotify) aisle_sign_in_free,
                          self->cancellable, on_pin_checked_cb, g_object_ref (dialog));
}

static void
on_dialog_destroy_cb (GtkWidget *dialog)
{
  AislePinKeypad *keypad = g_object_get_data (G_OBJECT (dialog), "aisle-keypad");

  /* No digits outlive the dialog. */
  if (keypad != NULL)
    aisle_pin_keypad_clear (keypad);
  g_object_set_data (G_OBJECT (dialog), "aisle-keypad", NULL);
}

/* The manager asked for the dashboard: ask for the PIN, then show it. */
void
_aisle_window_dashboard_open (AisleWindow *self)
{
  GtkWidget *dialog;
  GtkWidget *keypad;

  if (self->session == NULL || !aisle_session_get_is_manager (self->session))
    return;
  if (self->worker == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Store performance opens once the tablet’s records are loaded")));
      return;
    }
  if (self->dashboard_dialog != NULL)
    {
      gtk_window_present (self->dashboard_dialog);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Store Performance"),
                                   _("Enter your PIN again to see the store’s figures."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  keypad = aisle_pin_keypad_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (keypad), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your PIN for store performance"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), keypad);
  /* Held until the dialog is destroyed, so its digits can be wiped then. */
  g_object_set_data_full (G_OBJECT (dialog), "aisle-keypad", g_object_ref (keypad), g_object_unref);
  g_signal_connect (keypad, "activated", G_CALLBACK (on_keypad_activated_cb), dialog);
  g_signal_connect (dialog, "destroy", G_CALLBACK (on_dialog_destroy_cb), NULL);
  g_set_weak_pointer (&self->dashboard_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (keypad);
}

/* Signed out: the PIN prompt closes and the page, with its PIN and figures, goes. */
void
_aisle_window_dashboard_clear (AisleWindow *self)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, PAGE_NAME);

  if (self->dashboard_dialog != NULL)
    gtk_window_destroy (self->dashboard_dialog);
  g_clear_weak_pointer (&self->dashboard_dialog);
  if (page == NULL)
    return;
  aisle_dashboard_page_set_staff (AISLE_DASHBOARD_PAGE (page), NULL, NULL);
  gtk_stack_remove (self->stack, page);
}

/* aisle-kiosk-staff-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only way out of the kiosk. The PIN is checked on the worker against the argon2id hash
 * synced to the cache (aisle_store_staff_sign_in(), with its lock-out after repeated wrong
 * PINs), so it works offline; only an active manager of this store gets past it. What the
 * manager then sees is this kiosk's settings and the exit.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "aisle-kiosk-shell.h"
#include "aisle-kiosk-staff-page.h"
#include "aisle-pin-keypad.h"
#include "aisle-store-staff.h"

struct _AisleKioskStaffPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkButton       *back_button;
  GtkButton       *cancel_button;
  GtkLabel        *error_label;
  GtkButton       *exit_button;
  AdwActionRow    *hub_row;
  GtkAdjustment   *idle_adjustment;
  GtkSpinButton   *idle_spin;
  AislePinKeypad  *pin_keypad;
  GtkEntry        *staff_entry;
  GtkStack        *stack;
  AdwActionRow    *store_row;

  /* Borrowed */
  AisleKioskShell *shell;

  gboolean         checking;
  gboolean         bound;
};

G_DEFINE_FINAL_TYPE (AisleKioskStaffPage, aisle_kiosk_staff_page, GTK_TYPE_WIDGET)

static void
set_error (AisleKioskStaffPage *self,
           const char          *text)
{
  gtk_label_set_label (self->error_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), text != NULL);
}

/* "3" or "0003" typed on a keypad means S0003: staff numbers are S and four digits. */
static char *
staff_id_from_text (const char *text)
{
  g_autofree char *id = g_ascii_strup (text, -1);
  gboolean digits = *id != '\0';

  g_strstrip (id);
  for (const char *p = id; *p != '\0'; p++)
    digits = digits && g_ascii_isdigit (*p);
  if (digits && strlen (id) <= 4)
    return g_strdup_printf ("S%04d", atoi (id));
  return g_steal_pointer (&id);
}

static void
show_settings (AisleKioskStaffPage *self)
{
  const AisleKioskIdentity *identity = aisle_kiosk_shell_get_identity (self->shell);
  g_autofree char *store = NULL;

  if (identity != NULL && identity->store_id != NULL && identity->store_name != NULL)
    store = g_strdup_printf ("%s (%s)", identity->store_name, identity->store_id);
  else if (identity != NULL && identity->store_id != NULL)
    store = g_strdup (identity->store_id);
  adw_action_row_set_subtitle (self->store_row, store != NULL ? store : _("Not paired yet"));
  adw_action_row_set_subtitle (self->hub_row, identity != NULL && identity->hub_url != NULL
                               ? identity->hub_url : _("Not paired yet"));
  if (aisle_kiosk_shell_get_settings (self->shell) != NULL && !self->bound)
    {
      g_settings_bind (aisle_kiosk_shell_get_settings (self->shell), "idle-timeout",
                       self->idle_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
      self->bound = TRUE;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->idle_spin), self->bound);
  gtk_stack_set_visible_child_name (self->stack, "settings");
}

typedef struct
{
  char *staff_id;
  char *pin;
  char *store_id;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->staff_id);
  if (job->pin != NULL)
    memset (job->pin, 0, strlen (job->pin));
  g_free (job->pin);
  g_free (job->store_id);
  g_free (job);
}

static gpointer
check_job (AisleStore  *store,
           gpointer     data,
           GCancellable  *cancellable,
           GError     **error)
{
  CheckJob *job = data;

  return aisle_store_staff_sign_in (store, job->staff_id, job->pin,
                                    g_get_real_time () / G_USEC_PER_SEC, error);
}

static void
on_checked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AisleKioskStaffPage *self = user_data;
  const AisleKioskIdentity *identity = aisle_kiosk_shell_get_identity (self->shell);
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleSignIn) sign_in = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->checking = FALSE;
  aisle_pin_keypad_clear (self->pin_keypad);
  if (sign_in == NULL)
    {
      g_warning ("Could not check a staff PIN: %s", error->message);
      set_error (self, _("The PIN could not be checked. Please try again."));
      return;
    }
  switch (sign_in->status)
    {
    case AISLE_SIGN_IN_OK:
      if (sign_in->staff->role != AISLE_STAFF_ROLE_MANAGER)
        set_error (self, _("Only a store manager can leave kiosk mode."));
      else if (identity != NULL && identity->store_id != NULL &&
               g_strcmp0 (sign_in->staff->branch_id, identity->store_id) != 0)
        set_error (self, _("Only a manager of this store can leave kiosk mode."));
      else
        show_settings (self);
      break;

    case AISLE_SIGN_IN_LOCKED:
      set_error (self, _("Too many wrong PINs. Please wait a few minutes and try again."));
      break;

    case AISLE_SIGN_IN_NO_PIN:
      set_error (self, _("This staff member has no PIN on this kiosk yet."));
      break;

    case AISLE_SIGN_IN_WRONG_PIN:
    case AISLE_SIGN_IN_INACTIVE:
    case AISLE_SIGN_IN_UNKNOWN:
    default:
      /* The same words whether the number or the PIN is wrong. */
      set_error (self, _("Wrong staff number or PIN."));
      break;
    }
}

static void
on_pin_activated_cb (AisleKioskStaffPage *self)
{
  AisleWorker *worker = aisle_kiosk_shell_get_worker (self->shell);
  g_autofree char *staff_id = staff_id_from_text (gtk_editable_get_text (GTK_EDITABLE (self->staff_entry)));
  CheckJob *job;

  if (self->checking || worker == NULL)
    return;
  if (*staff_id == '\0')
    {
      set_error (self, _("Scan your staff badge or type your staff number first."));
      aisle_pin_keypad_clear (self->pin_keypad);
      return;
    }
  self->checking = TRUE;
  set_error (self, NULL);
  job = g_new0 (CheckJob, 1);
  job->staff_id = g_steal_pointer (&staff_id);
  job->pin = g_strdup (aisle_pin_keypad_get_text (self->pin_keypad));
  aisle_worker_run_async (worker, G_PRIORITY_HIGH, check_job, job,
                          (GDestroyNotify) check_job_free, (GDestroyNotify) aisle_sign_in_free,
                          aisle_kiosk_shell_get_cancellable (self->shell), on_checked_cb, self);
}

static void
on_staff_changed_cb (AisleKioskStaffPage *self)
{
  set_error (self, NULL);
}

static void
on_cancel_clicked_cb (AisleKioskStaffPage *self)
{
  aisle_kiosk_shell_reset (self->shell);
}

static void
on_exit_clicked_cb (AisleKioskStaffPage *self)
{
  AisleWindow *window = aisle_kiosk_shell_get_window (self->shell);

  if (window == NULL)
    return;
  g_debug ("a manager left kiosk mode");
  gtk_window_unfullscreen (GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (window));
}

void
aisle_kiosk_staff_page_handle_code (AisleKioskStaffPage *self,
                                    AisleCode           *code)
{
  g_return_if_fail (AISLE_IS_KIOSK_STAFF_PAGE (self));

  if (aisle_code_get_kind (code) == AISLE_CODE_KIND_STAFF_BADGE && aisle_code_is_valid (code) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "pin") == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->staff_entry),
                             aisle_code_lookup_field (code, "staff_id"));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_keypad));
    }
}

static void
aisle_kiosk_staff_page_dispose (GObject *object)
{
  AisleKioskStaffPage *self = AISLE_KIOSK_STAFF_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_KIOSK_STAFF_PAGE);

  G_OBJECT_CLASS (aisle_kiosk_staff_page_parent_class)->dispose (object);
}

static void
aisle_kiosk_staff_page_class_init (AisleKioskStaffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_kiosk_staff_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-kiosk-staff-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, exit_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, hub_row);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, idle_adjustment);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, pin_keypad);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, staff_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskStaffPage, store_row);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_exit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pin_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskstaffpage");
  g_type_ensure (AISLE_TYPE_PIN_KEYPAD);
}

static void
aisle_kiosk_staff_page_init (AisleKioskStaffPage *self)
{
  GtkWidget *child;
  guint buttons = 0;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8's spin button leaves its - and + buttons without names. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->idle_spin)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      buttons++ == 0 ? _("Shorter idle timeout")
                                                     : _("Longer idle timeout"), -1);
}

GtkWidget *
aisle_kiosk_staff_page_new (AisleKioskShell *shell)
{
  AisleKioskStaffPage *self = g_object_new (AISLE_TYPE_KIOSK_STAFF_PAGE, NULL);

  self->shell = shell;
  return GTK_WIDGET (self);
}

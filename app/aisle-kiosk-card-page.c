/* aisle-kiosk-card-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The member card is a signed token (AM1:) made with this kiosk's own device key, so it works
 * offline: the hub and every device of the chain trust the key registered at pairing. The
 * member number is assigned by the hub; until the enrolment has synced the card says so, and
 * the page keeps asking the cache, so the number appears as soon as it arrives.
 *
 * The card is someone's identity on a shared screen: it is shown for a limited time, then the
 * kiosk starts over.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-kiosk-card-page.h"
#include "aisle-kiosk-qr.h"
#include "aisle-kiosk-shell.h"

#define CARD_SECONDS 90
#define CARD_VALID_SECONDS (2 * 365 * 24 * 3600)
#define NUMBER_POLL_SECONDS 2

struct _AisleKioskCardPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkLabel        *closes_label;
  GtkButton       *done_button;
  GtkButton       *earn_button;
  GtkButton       *notice_done_button;
  GtkLabel        *number_label;
  GtkPicture      *qr_picture;
  GtkStack        *stack;
  GtkLabel        *title_label;

  /* Borrowed */
  AisleKioskShell *shell;

  /* Owned */
  char            *member_id;
  guint            tick_source;
  guint            seconds_left;
  guint            poll_countdown;
  gboolean         polling;
};

G_DEFINE_FINAL_TYPE (AisleKioskCardPage, aisle_kiosk_card_page, GTK_TYPE_WIDGET)

static void
set_number (AisleKioskCardPage *self,
            const char         *number)
{
  g_autofree char *text = NULL;

  if (number != NULL)
    /* Translators: %s is the new member's number */
    text = g_strdup_printf (_("Member number %s"), number);
  else
    text = g_strdup (_("Your member number will be assigned when the kiosk is online."));
  gtk_label_set_label (self->number_label, text);
}

static gpointer
member_job (AisleStore  *store,
            gpointer     data,
            GCancellable  *cancellable,
            GError     **error)
{
  return aisle_store_get_member (store, data, error);
}

static void
on_member_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AisleKioskCardPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleMember) member = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->polling = FALSE;
  if (member != NULL && member->number != NULL)
    {
      set_number (self, member->number);
      g_clear_pointer (&self->member_id, g_free);   /* nothing more to wait for */
    }
}

static void
update_closes_label (AisleKioskCardPage *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This screen closes in %u second",
                                       "This screen closes in %u seconds", self->seconds_left),
                          self->seconds_left);
  gtk_label_set_label (self->closes_label, text);
}

static gboolean
tick_cb (gpointer user_data)
{
  AisleKioskCardPage *self = user_data;
  AisleWorker *worker = aisle_kiosk_shell_get_worker (self->shell);

  if (self->seconds_left <= 1)
    {
      self->tick_source = 0;
      aisle_kiosk_shell_reset (self->shell);
      return G_SOURCE_REMOVE;
    }
  self->seconds_left--;
  update_closes_label (self);

  if (self->member_id != NULL && worker != NULL && !self->polling &&
      ++self->poll_countdown >= NUMBER_POLL_SECONDS)
    {
      self->poll_countdown = 0;
      self->polling = TRUE;
      aisle_worker_run_async (worker, G_PRIORITY_LOW, member_job, g_strdup (self->member_id),
                              g_free, (GDestroyNotify) aisle_member_free,
                              aisle_kiosk_shell_get_cancellable (self->shell), on_member_cb,
                              self);
    }
  return G_SOURCE_CONTINUE;
}

static void
start_clock (AisleKioskCardPage *self)
{
  g_clear_handle_id (&self->tick_source, g_source_remove);
  self->seconds_left = CARD_SECONDS;
  update_closes_label (self);
  self->tick_source = g_timeout_add_seconds (1, tick_cb, self);
}

static void
on_done_clicked_cb (AisleKioskCardPage *self)
{
  aisle_kiosk_shell_reset (self->shell);
}

static void
on_earn_clicked_cb (AisleKioskCardPage *self)
{
  const char *member_id = g_object_get_data (G_OBJECT (self), "aisle-card-member");

  g_clear_handle_id (&self->tick_source, g_source_remove);
  aisle_kiosk_shell_earn_for (self->shell, member_id);
}

void
aisle_kiosk_card_page_set_member (AisleKioskCardPage *self,
                                  const char         *name,
                                  const char         *member_id,
                                  const char         *number,
                                  gint64              mutation_id)
{
  const AisleKioskIdentity *identity;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *title = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_if_fail (AISLE_IS_KIOSK_CARD_PAGE (self));
  g_return_if_fail (name != NULL && member_id != NULL);

  /* Translators: %s is the new member's name */
  title = g_strdup_printf (_("Welcome, %s!"), name);
  gtk_label_set_label (self->title_label, title);
  set_number (self, number);
  g_object_set_data_full (G_OBJECT (self), "aisle-card-member", g_strdup (member_id), g_free);
  g_free (self->member_id);
  self->member_id = number == NULL ? g_strdup (member_id) : NULL;

  identity = aisle_kiosk_shell_get_identity (self->shell);
  if (identity != NULL && identity->has_secret_key)
    token = aisle_codes_sign_member_card (member_id, now, now + CARD_VALID_SECONDS,
                                          identity->secret_key, &error);
  if (token != NULL)
    texture = aisle_kiosk_qr_texture_new (token, 6, &error);
  if (texture == NULL && error != NULL)
    g_warning ("Could not make a member card: %s", error->message);
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->qr_picture), texture != NULL);

  gtk_stack_set_visible_child_name (self->stack, "card");
  start_clock (self);
}

void
aisle_kiosk_card_page_show_notice (AisleKioskCardPage *self)
{
  g_return_if_fail (AISLE_IS_KIOSK_CARD_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, "notice");
  start_clock (self);
}

static void
aisle_kiosk_card_page_dispose (GObject *object)
{
  AisleKioskCardPage *self = AISLE_KIOSK_CARD_PAGE (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_KIOSK_CARD_PAGE);

  G_OBJECT_CLASS (aisle_kiosk_card_page_parent_class)->dispose (object);
}

static void
aisle_kiosk_card_page_finalize (GObject *object)
{
  AisleKioskCardPage *self = AISLE_KIOSK_CARD_PAGE (object);

  g_free (self->member_id);

  G_OBJECT_CLASS (aisle_kiosk_card_page_parent_class)->finalize (object);
}

static void
aisle_kiosk_card_page_class_init (AisleKioskCardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_kiosk_card_page_dispose;
  object_class->finalize = aisle_kiosk_card_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-kiosk-card-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, closes_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, earn_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, notice_done_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskCardPage, title_label);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_earn_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskcardpage");
}

static void
aisle_kiosk_card_page_init (AisleKioskCardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aisle_kiosk_card_page_new (AisleKioskShell *shell)
{
  AisleKioskCardPage *self = g_object_new (AISLE_TYPE_KIOSK_CARD_PAGE, NULL);

  self->shell = shell;
  return GTK_WIDGET (self);
}

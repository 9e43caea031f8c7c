/* aisle-profile-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything about one member, read from the cache in one worker job
 * (aisle_store_load_profile()). Changes staff make here (bind, note, tags, and the coupons and
 * e-invoices the window hands over when one is scanned) are first checked against the cache's
 * records (aisle-store-profile.h) so that a refusal is explained at once, in words; what
 * passes is queued as a mutation (cache and outbox in one transaction) and the profile is read
 * again, so the change shows before the hub has seen it (aisle-profile-page-actions.c). The
 * message bar at the top says what happened after every action.
 *
 * When a profile is read, the header, the details and the first screenful of the timeline are
 * shown at once, on the next frame; the rest of the orders, the reservations, coupons, tags and
 * notes (all below the fold) are added once that frame is painted ("busy" lasts until then).
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-member-row.h"
#include "aisle-profile-page.h"
#include "aisle-profile-rows.h"
#include "aisle-store-profile.h"
#include "aisle-profile-page-private.h"

#define MAX_ORDERS 100
/* The orders a 1280x800 screen shows under the header and details: drawn on the first frame. */
#define FIRST_ORDERS 6


G_DEFINE_FINAL_TYPE (AisleProfilePage, aisle_profile_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_aisle_profile_page_set_pending (AisleProfilePage *self,
             int               delta)
{
  gboolean was_busy = self->pending > 0;

  self->pending = (guint) ((int) self->pending + delta);
  if (was_busy != (self->pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
aisle_profile_page_show_message (AisleProfilePage *self,
                                 const char       *text,
                                 gboolean          error)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_image_set_from_icon_name (self->message_icon, error ? "dialog-warning-symbolic"
                                                          : "emblem-ok-symbolic");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_box), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_box), "error");
  gtk_revealer_set_reveal_child (self->message_revealer, text != NULL && *text != '\0');
  if (text != NULL && *text != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
on_message_close_clicked_cb (AisleProfilePage *self)
{
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
}

gint64
_aisle_now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* --- showing the profile ------------------------------------------------------------------ */

static void
clear_dynamic_rows (AisleProfilePage *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static void
add_row (AisleProfilePage    *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, row);
}

static void
add_placeholder (AisleProfilePage    *self,
                 AdwPreferencesGroup *group,
                 const char          *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  add_row (self, group, row);
}


static void blank         (AisleProfilePage *self);
static void forget_member (AisleProfilePage *self,
                           gboolean          blank_widgets);

/* Shows the page's rows again after show_member() held them. */
static void
unhold (AisleProfilePage *self)
{
  gtk_widget_set_opacity (GTK_WIDGET (self->scroller), 1.0);
  gtk_widget_set_can_target (GTK_WIDGET (self->scroller), TRUE);
}

static void
cancel_fill (AisleProfilePage *self)
{
  if (self->fill_clock == NULL)
    return;
  g_clear_signal_handler (&self->fill_handler, self->fill_clock);
  g_clear_object (&self->fill_clock);
  _aisle_profile_page_set_pending (self, -1);
}

/* The rows below the first screenful: orders from @from on, then the other groups. */
static void
show_rest (AisleProfilePage *self,
           guint             from)
{
  const AisleProfile *p = self->profile;
  gint64 now = _aisle_now_seconds ();

  for (guint i = from; i < p->orders->len; i++)
    add_row (self, self->orders_group,
             aisle_profile_order_row_new (p, g_ptr_array_index (p->orders, i)));
  for (guint i = 0; i < p->reservations->len; i++)
    add_row (self, self->reservations_group,
             aisle_profile_reservation_row_new (p, g_ptr_array_index (p->reservations, i),
                                                self->branch_id));
  if (p->reservations->len == 0)
    add_placeholder (self, self->reservations_group, _("No open reservations"));
  for (guint i = 0; i < p->coupons->len; i++)
    add_row (self, self->coupons_group,
             aisle_profile_coupon_row_new (g_ptr_array_index (p->coupons, i), now));
  if (p->coupons->len == 0)
    add_placeholder (self, self->coupons_group, _("No coupons"));
  for (guint i = 0; i < p->notes->len; i++)
    add_row (self, self->notes_group,
             aisle_profile_note_row_new (p, g_ptr_array_index (p->notes, i)));
  for (guint i = 0; p->tags[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove the tag %s"), p->tags[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->tags[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      p->tags[i], -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (remove, 48, 48);
      gtk_widget_add_css_class (remove, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      gtk_widget_set_tooltip_text (remove, label);
      g_object_set_data_full (G_OBJECT (remove), "tag", g_strdup (p->tags[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_tag_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      add_row (self, self->tags_group, row);
    }
}

static void
on_fill_after_paint_cb (GdkFrameClock    *clock,
                        AisleProfilePage *self)
{
  cancel_fill (self);
  if (self->profile != NULL)
    show_rest (self, self->fill_from);
}

static void
show_binding (AisleProfilePage *self)
{
  const AisleProfile *p = self->profile;
  const char *me = self->session != NULL ? aisle_session_get_staff_id (self->session) : NULL;
  g_autofree char *text = NULL;

  if (p->binding != NULL)
    {
      g_autofree char *since = aisle_format_date (p->binding->since);

      /* Translators: the bound associate (專員), their store, and since when */
      text = g_strdup_printf (_("%s (%s), since %s"),
                              aisle_profile_staff_name (p, p->binding->staff_id),
                              aisle_profile_branch_name (p, p->binding->branch_id), since);
    }
  else
    text = g_strdup (_("Not bound to an associate yet"));
  adw_action_row_set_subtitle (self->binding_row, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bind_button),
                            me != NULL && (p->binding == NULL ||
                                           g_strcmp0 (p->binding->staff_id, me) != 0));
}

static void
show_profile (AisleProfilePage *self)
{
  const AisleProfile *p = self->profile;
  const AisleMember *m = p->member;
  g_autofree char *phone = m->phone != NULL ? aisle_phone_mask (m->phone) : NULL;
  g_autofree char *points = NULL;
  g_autofree char *since = aisle_format_date (m->enrolled_at);
  g_autofree char *home = NULL;
  g_autofree char *consent = NULL;
  GdkFrameClock *clock;

  adw_avatar_set_text (self->avatar, m->name);
  gtk_label_set_text (self->name_label, m->name);
  if (m->number != NULL)
    {
      /* Translators: a member number, as on the search results */
      g_autofree char *number = g_strdup_printf (_("No. %s"), m->number);

      gtk_label_set_text (self->number_label, number);
    }
  else
    gtk_label_set_text (self->number_label, _("Number pending"));
  gtk_label_set_text (self->tier_label, aisle_tier_get_label (m->tier));
  gtk_widget_set_css_classes (GTK_WIDGET (self->tier_label),
                              (const char *[]) { "tier-badge", m->tier != NULL ? m->tier : "basic",
                                                 NULL });
  /* Translators: a member's points balance */
  points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d point", "%d points",
                                         (gulong) MAX (0, p->points)), (int) p->points);
  gtk_label_set_text (self->points_label, points);

  adw_action_row_set_subtitle (self->phone_row, phone != NULL ? phone : _("No phone number"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->reveal_button), m->phone != NULL);
  show_binding (self);

  if (p->consent != NULL)
    {
      g_autofree char *at = aisle_format_date (p->consent->at);

      /* Translators: consent state: privacy policy version, marketing yes/no, date */
      consent = g_strdup_printf (_("Privacy policy %s accepted · Marketing %s · %s"),
                                 p->consent->policy_version,
                                 p->consent->marketing ? _("allowed") : _("not allowed"), at);
    }
  adw_action_row_set_subtitle (self->consent_row,
                               consent != NULL ? consent : _("No consent on record"));
  /* Translators: enrolment date and home store */
  home = g_strdup_printf (_("%s at %s"), since,
                          m->home_branch_id != NULL
                            ? aisle_profile_branch_name (p, m->home_branch_id) : "—");
  adw_action_row_set_subtitle (self->home_row, home);

  cancel_fill (self);
  clear_dynamic_rows (self);
  unhold (self);
  if (p->orders->len == 0)
    add_placeholder (self, self->orders_group, _("No orders yet"));
  for (guint i = 0; i < MIN (p->orders->len, FIRST_ORDERS); i++)
    add_row (self, self->orders_group,
             aisle_profile_order_row_new (p, g_ptr_array_index (p->orders, i)));

  /* A short timeline fits on the screen, with what follows it: show it all now. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (p->orders->len <= FIRST_ORDERS || clock == NULL)
    {
      show_rest (self, MIN (p->orders->len, FIRST_ORDERS));
      return;
    }
  self->fill_from = FIRST_ORDERS;
  self->fill_clock = g_object_ref (clock);
  self->fill_handler = g_signal_connect (clock, "after-paint",
                                         G_CALLBACK (on_fill_after_paint_cb), self);
  _aisle_profile_page_set_pending (self, 1);
}

static gpointer
load_job (AisleStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  return aisle_store_load_profile (store, data, MAX_ORDERS, _aisle_now_seconds (), error);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AisleProfilePage *self = user_data;
  g_autoptr(GError) error = NULL;
  AisleProfile *profile = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reads--;
  if (profile == NULL)
    {
      _aisle_profile_page_set_pending (self, -1);
      blank (self);
      g_warning ("loading the profile of %s: %s", self->member_id, error->message);
      aisle_profile_page_show_message (self, _("This member’s record could not be read from the tablet’s cache."), TRUE);
      return;
    }
  g_clear_pointer (&self->profile, aisle_profile_free);
  self->profile = profile;
  show_profile (self);
  _aisle_profile_page_set_pending (self, -1);
}

void
aisle_profile_page_reload (AisleProfilePage *self)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  if (self->worker == NULL || self->member_id == NULL)
    return;
  _aisle_profile_page_set_pending (self, 1);
  self->reads++;
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, load_job, g_strdup (self->member_id),
                          g_free, (GDestroyNotify) aisle_profile_free, self->cancellable,
                          on_loaded_cb, self);
}

/* --- GObject ------------------------------------------------------------------------------ */

static void
aisle_profile_page_dispose (GObject *object)
{
  AisleProfilePage *self = AISLE_PROFILE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  cancel_fill (self);
  g_ptr_array_set_size (self->dynamic_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_PROFILE_PAGE);
  g_clear_object (&self->worker);
  g_clear_object (&self->session);
  g_clear_object (&self->sync_client);
  g_clear_pointer (&self->profile, aisle_profile_free);

  G_OBJECT_CLASS (aisle_profile_page_parent_class)->dispose (object);
}

static void
aisle_profile_page_finalize (GObject *object)
{
  AisleProfilePage *self = AISLE_PROFILE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_free (self->member_id);
  g_free (self->branch_id);

  G_OBJECT_CLASS (aisle_profile_page_parent_class)->finalize (object);
}

static void
aisle_profile_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AisleProfilePage *self = AISLE_PROFILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      g_value_set_string (value, self->member_id);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->pending > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_profile_page_class_init (AisleProfilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_profile_page_dispose;
  object_class->finalize = aisle_profile_page_finalize;
  object_class->get_property = aisle_profile_page_get_property;

  properties[PROP_MEMBER_ID] =
    g_param_spec_string ("member-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* A read, a check or a mutation is in flight. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-profile-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, avatar);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, bind_button);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, binding_row);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, consent_row);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, content_box);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, coupons_group);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, details_group);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, header_box);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, home_row);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, message_box);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, message_icon);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, name_label);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, note_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, number_label);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, orders_group);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, points_label);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, qr_button);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, reservations_group);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, root_box);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, stock_button);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, tags_group);
  gtk_widget_class_bind_template_child (widget_class, AisleProfilePage, tier_label);
  gtk_widget_class_bind_template_callback (widget_class, on_bind_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_message_close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_note_entry_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reveal_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_apply_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aisleprofilepage");
}

static void
aisle_profile_page_init (AisleProfilePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->dynamic_rows = g_ptr_array_new ();
  /* The text inside an entry row is what a screen reader lands on: name it too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->note_entry))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a note"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_editable_get_delegate (GTK_EDITABLE (self->tag_entry))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a tag"), -1);
}

GtkWidget *
aisle_profile_page_new (void)
{
  return g_object_new (AISLE_TYPE_PROFILE_PAGE, NULL);
}

void
aisle_profile_page_set_worker (AisleProfilePage *self,
                               AisleWorker      *worker)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  g_set_object (&self->worker, worker);
}

void
aisle_profile_page_set_session (AisleProfilePage *self,
                                AisleSession     *session)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  g_set_object (&self->session, session);
}

void
aisle_profile_page_set_sync_client (AisleProfilePage *self,
                                    AisleSyncClient  *client)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  g_set_object (&self->sync_client, client);
}

/* The device's store: reservations held here are marked. */
void
aisle_profile_page_set_branch_id (AisleProfilePage *self,
                                  const char       *branch_id)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  g_free (self->branch_id);
  self->branch_id = g_strdup (branch_id);
}

/* Opens @member_id's profile; another member's jobs still in flight are cancelled. */
void
aisle_profile_page_show_member (AisleProfilePage *self,
                                const char       *member_id)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));
  g_return_if_fail (member_id != NULL);

  if (g_strcmp0 (self->member_id, member_id) != 0)
    {
      /* Another member over a shown one: the old rows stay, unseen and untouchable, and the
       * new profile replaces them in one frame (blanking them first costs a full frame of its
       * own while the read runs). */
      gboolean hold = self->profile != NULL;

      if (hold)
        {
          gtk_widget_set_opacity (GTK_WIDGET (self->scroller), 0.0);
          gtk_widget_set_can_target (GTK_WIDGET (self->scroller), FALSE);
          g_clear_pointer (&self->profile, aisle_profile_free);
          /* A half-typed note or tag was for the other member. */
          gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
          gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
        }
      forget_member (self, !hold);
      self->member_id = g_strdup (member_id);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_ID]);
    }
  aisle_profile_page_reload (self);
}

static void
blank (AisleProfilePage *self)
{
  clear_dynamic_rows (self);
  gtk_label_set_text (self->name_label, "");
  gtk_label_set_text (self->number_label, "");
  gtk_label_set_text (self->points_label, "");
  adw_avatar_set_text (self->avatar, NULL);
  adw_action_row_set_subtitle (self->phone_row, "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
  unhold (self);
}

/* Drops the member's jobs, profile and id; blanks the widgets when @blank_widgets. */
static void
forget_member (AisleProfilePage *self,
               gboolean          blank_widgets)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cancel_fill (self);
  self->reads = 0;
  if (self->pending > 0)
    {
      self->pending = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
  g_clear_pointer (&self->profile, aisle_profile_free);
  if (blank_widgets)
    blank (self);
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  gtk_label_set_text (self->message_label, "");
  if (self->member_id != NULL)
    {
      g_clear_pointer (&self->member_id, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER_ID]);
    }
}

/* Forgets the member (sign-out, idle): nothing of theirs stays on screen. */
void
aisle_profile_page_clear (AisleProfilePage *self)
{
  g_return_if_fail (AISLE_IS_PROFILE_PAGE (self));

  forget_member (self, TRUE);
}

const char *
aisle_profile_page_get_member_id (AisleProfilePage *self)
{
  g_return_val_if_fail (AISLE_IS_PROFILE_PAGE (self), NULL);

  return self->member_id;
}

/* The member shown, once read; %NULL while loading. */
const AisleMember *
aisle_profile_page_get_member (AisleProfilePage *self)
{
  g_return_val_if_fail (AISLE_IS_PROFILE_PAGE (self), NULL);

  return self->profile != NULL ? self->profile->member : NULL;
}

gboolean
aisle_profile_page_get_busy (AisleProfilePage *self)
{
  g_return_val_if_fail (AISLE_IS_PROFILE_PAGE (self), FALSE);

  return self->pending > 0;
}

/* TRUE while the profile is read; when it turns FALSE the header, the details and the first
 * screenful of the timeline are shown (the rest follows after a frame: see get_busy()). */
gboolean
aisle_profile_page_get_loading (AisleProfilePage *self)
{
  g_return_val_if_fail (AISLE_IS_PROFILE_PAGE (self), FALSE);

  return self->reads > 0;
}

/* The text of the message bar, "" when none is shown. */
const char *
aisle_profile_page_get_message (AisleProfilePage *self)
{
  g_return_val_if_fail (AISLE_IS_PROFILE_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->message_revealer)
           ? gtk_label_get_text (self->message_label) : "";
}

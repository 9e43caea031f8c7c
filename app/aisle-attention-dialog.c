/* aisle-attention-dialog.c: the "needs attention" list: mutations the hub rejected.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rejected mutation is never dropped silently (DESIGN.md, Data flow 4): the sync client keeps
 * it in the cache with the hub's reason, and this dialog lists it with what staff can do. Staff
 * dismiss an entry once dealt with. A revoked device also exports its unsent outbox from here.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "aisle-attention-dialog.h"

struct _AisleAttentionDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  GtkButton       *export_button;
  GtkListBox      *list_box;
  GtkLabel        *summary_label;

  /* Owned */
  AisleSyncClient *client;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (AisleAttentionDialog, aisle_attention_dialog, ADW_TYPE_WINDOW)

const char *
aisle_attention_advice (const char *code)
{
  if (g_strcmp0 (code, "conflict") == 0)
    return _("Someone else changed this first (the coupon was already used, the phone number belongs to another member, the member is bound to another associate). Open the member, check, and try again if it still applies.");
  if (g_strcmp0 (code, "forbidden") == 0)
    return _("You or this device may not do this. Ask a manager to do it, or to sign in.");
  if (g_strcmp0 (code, "not_found") == 0)
    return _("The member, coupon or item no longer exists on the hub. Search for it again.");
  if (g_strcmp0 (code, "invalid") == 0)
    return _("The hub did not accept what was entered. Enter it again and check every field.");
  return _("Tell IT, with the reason shown here.");
}

const char *
aisle_attention_describe_mutation (const char *name)
{
  if (g_strcmp0 (name, "member.enrol") == 0)
    return _("Member enrolment");
  if (g_strcmp0 (name, "binding.create") == 0)
    return _("Associate binding");
  if (g_strcmp0 (name, "coupon.redeem") == 0)
    return _("Coupon redemption");
  if (g_strcmp0 (name, "invoice.register") == 0)
    return _("E-invoice registration");
  if (g_strcmp0 (name, "reservation.create") == 0)
    return _("Reservation");
  if (g_strcmp0 (name, "reservation.cancel") == 0)
    return _("Reservation cancellation");
  if (g_strcmp0 (name, "note.add") == 0)
    return _("Note");
  if (g_strcmp0 (name, "tag.set") == 0)
    return _("Member tags");
  if (g_strcmp0 (name, "consent.withdraw") == 0)
    return _("Consent withdrawal");
  return name;
}

static char *
arg (const AisleSyncAttention *a,
     const char               *name)
{
  g_autoptr(JsonNode) node = a->args_json != NULL ? aisle_protocol_parse (a->args_json, -1, NULL)
                                                  : NULL;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      (value = json_object_get_member (json_node_get_object (node), name)) == NULL ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return g_strdup ("");
  return g_strdup (json_node_get_string (value));
}

/**
 * aisle_attention_reason:
 * @a: a refused mutation
 *
 * The hub's reason in a shop assistant's words, naming the coupon, invoice or member it is
 * about. The hub's own message (technical, English) is shown below it for IT.
 *
 * Returns: (transfer full): the sentence
 */
char *
aisle_attention_reason (const AisleSyncAttention *a)
{
  g_autofree char *who = NULL;
  const char *name = a->name != NULL ? a->name : "";
  const char *code = a->code != NULL ? a->code : "";

  if (a->member_number != NULL && a->member_name != NULL)
    /* Translators: a member, e.g. "陳大文 (M0001234)" */
    who = g_strdup_printf (_("%s (%s)"), a->member_name, a->member_number);
  else if (a->member_name != NULL)
    who = g_strdup (a->member_name);
  else
    who = g_strdup (_("the member"));

  if (g_str_equal (name, "coupon.redeem"))
    {
      g_autofree char *coupon = arg (a, "code");

      if (g_str_equal (code, "conflict"))
        return g_strdup_printf (_("Coupon %s was already used, or is not valid today."), coupon);
      if (g_str_equal (code, "forbidden"))
        return g_strdup_printf (_("Coupon %s belongs to another member."), coupon);
      if (g_str_equal (code, "not_found"))
        return g_strdup_printf (_("There is no coupon %s."), coupon);
    }
  if (g_str_equal (name, "invoice.register"))
    {
      g_autofree char *number = arg (a, "number");

      if (g_str_equal (code, "conflict"))
        return g_strdup_printf (_("Invoice %s was already registered, or is too old to register."),
                                number);
      if (g_str_equal (code, "forbidden"))
        return g_strdup_printf (_("Invoice %s was not issued by one of our stores."), number);
      if (g_str_equal (code, "invalid"))
        return g_strdup_printf (_("Invoice %s has a wrong number or date."), number);
    }
  if (g_str_equal (name, "binding.create"))
    {
      if (g_str_equal (code, "conflict"))
        return g_strdup_printf (_("%s is still bound to another associate. A manager can bind them earlier."),
                                who);
      if (g_str_equal (code, "forbidden"))
        return g_strdup_printf (_("Only a manager may bind %s to another associate."), who);
    }
  if (g_str_equal (name, "member.enrol"))
    {
      if (g_str_equal (code, "conflict"))
        return g_strdup (_("This enrolment was already made on another device."));
      if (g_str_equal (code, "invalid"))
        return g_strdup (_("The enrolment form was not complete: the name, mobile number or privacy consent was missing or wrong."));
    }
  if (g_str_equal (name, "reservation.create") && g_str_equal (code, "conflict"))
    return g_strdup (_("There was not enough stock left to reserve."));
  if (g_str_equal (name, "reservation.cancel") && g_str_equal (code, "conflict"))
    return g_strdup (_("The reservation was already picked up, cancelled or expired."));
  if (g_str_equal (code, "not_found"))
    return g_strdup_printf (_("%s is no longer on the hub (merged or removed)."), who);
  if (g_str_equal (code, "forbidden"))
    return g_strdup (_("This device or the signed-in staff member may not do this."));
  if (g_str_equal (code, "invalid"))
    return g_strdup (_("The hub did not accept what was entered."));
  return g_strdup (_("The hub refused this change."));
}

/* The window's "open this member" action, if this build's window has one. */
static gboolean
can_open_member (AisleAttentionDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *name = NULL;
  GType owner;

  if (parent == NULL)
    return FALSE;
  for (guint i = 0;
       gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (parent), i, &owner, &name, NULL, NULL);
       i++)
    if (g_strcmp0 (name, "window.open-member") == 0)
      return TRUE;
  return FALSE;
}

static void
open_member_clicked_cb (GtkButton            *button,
                        AisleAttentionDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *number = g_object_get_data (G_OBJECT (button), "member-number");

  if (parent != NULL &&
      gtk_widget_activate_action (GTK_WIDGET (parent), "window.open-member", "s", number))
    gtk_window_close (GTK_WINDOW (self));
}

static void reload (AisleAttentionDialog *self);

static void
dismiss_clicked_cb (GtkButton            *button,
                    AisleAttentionDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "mutation-id"));

  aisle_sync_client_dismiss_attention (self->client, id);
  reload (self);
}

static GtkWidget *
make_row (AisleAttentionDialog     *self,
          const AisleSyncAttention *a)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Dismiss"));
  g_autofree char *reason = aisle_attention_reason (a);
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;

  /* The explanation, what to do, and the hub's own wording for IT */
  subtitle = g_markup_printf_escaped ("%s\n%s\n<small>%s</small>", reason,
                                      aisle_attention_advice (a->code),
                                      a->message != NULL ? a->message : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 aisle_attention_describe_mutation (a->name));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (a->member_number != NULL && can_open_member (self))
    {
      GtkWidget *open = gtk_button_new_with_label (_("Open Member"));
      g_autofree char *label = g_strdup_printf (_("Open member %s"), a->member_number);

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (open, -1, 48);
      gtk_widget_add_css_class (open, "suggested-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (open), "member-number", g_strdup (a->member_number),
                              g_free);
      g_signal_connect (open, "clicked", G_CALLBACK (open_member_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
    }
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (button, -1, 48);   /* touch */
  accessible = g_strdup_printf (_("Dismiss: %s"), aisle_attention_describe_mutation (a->name));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data (G_OBJECT (button), "mutation-id", GSIZE_TO_POINTER ((gsize) a->mutation_id));
  g_signal_connect (button, "clicked", G_CALLBACK (dismiss_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AisleAttentionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GtkWidget *child;

  list = aisle_sync_client_list_attention_finish (AISLE_SYNC_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  if (list == NULL)
    {
      gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), list->len > 0);
  gtk_label_set_label (self->summary_label,
                       list->len == 0 ? _("Nothing needs attention: the hub accepted every change.")
                                      : _("The hub refused these changes. Each says why and what you can do."));
  for (guint i = 0; i < list->len; i++)
    gtk_list_box_append (self->list_box, make_row (self, g_ptr_array_index (list, i)));
}

static void
reload (AisleAttentionDialog *self)
{
  aisle_sync_client_list_attention_async (self->client, self->cancellable, list_cb,
                                          g_object_ref (self));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AisleAttentionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (G_FILE (object));
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    text = g_strdup_printf (_("Could not save the unsent changes: %s"), error->message);
  else
    text = g_strdup_printf (_("Unsent changes saved to %s. Give this file to IT."), path);
  gtk_label_set_label (self->summary_label, text);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AisleAttentionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = aisle_sync_client_export_outbox_finish (AISLE_SYNC_CLIENT (object),
                                                                  result, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("aisle-unsent-%s.json", stamp);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "aisle", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;

  if (json == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->summary_label, error->message);
      return;
    }
  bytes = g_bytes_new_take (json, strlen (json));
  json = NULL;
  {
    g_autofree char *dir = g_path_get_dirname (path);

    g_mkdir_with_parents (dir, 0700);
  }
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                 self->cancellable, saved_cb, g_object_ref (self));
}

static void
on_export_button_clicked_cb (AisleAttentionDialog *self)
{
  aisle_sync_client_export_outbox_async (self->client, self->cancellable, exported_cb,
                                         g_object_ref (self));
}

static void
aisle_attention_dialog_dispose (GObject *object)
{
  AisleAttentionDialog *self = AISLE_ATTENTION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  gtk_widget_dispose_template (GTK_WIDGET (object), AISLE_TYPE_ATTENTION_DIALOG);
  G_OBJECT_CLASS (aisle_attention_dialog_parent_class)->dispose (object);
}

static void
aisle_attention_dialog_class_init (AisleAttentionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_attention_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/aisleretail/Aisle/ui/aisle-attention-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleAttentionDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, AisleAttentionDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, AisleAttentionDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_export_button_clicked_cb);
}

static void
aisle_attention_dialog_init (AisleAttentionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
aisle_attention_dialog_new (GtkWindow       *parent,
                            AisleSyncClient *client)
{
  AisleAttentionDialog *self;

  g_return_val_if_fail (AISLE_IS_SYNC_CLIENT (client), NULL);

  self = g_object_new (AISLE_TYPE_ATTENTION_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), aisle_sync_client_get_pending (client) > 0);
  reload (self);
  return GTK_WIDGET (self);
}

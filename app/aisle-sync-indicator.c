/* aisle-sync-indicator.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-sync-indicator.h"
#include "aisle-window.h"

struct _AisleSyncIndicator
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkButton       *attention_button;
  GtkLabel        *attention_label;
  GtkBox          *box;
  GtkMenuButton   *button;
  GtkLabel        *detail_label;
  GtkImage        *icon;
  GtkLabel        *label;
  GtkLabel        *last_success_label;
  GtkLabel        *pending_label;
  GtkPopover      *popover;
  GtkLabel        *state_label;

  /* Owned */
  AisleSyncStatus *status;
  gulong           notify_handler;

  /* The root window's sync client, followed while mapped for the needs-attention badge */
  GtkWidget       *window;          /* not owned */
  gulong           window_handler;
  AisleSyncClient *client;
  gulong           attention_handler;
};

G_DEFINE_FINAL_TYPE (AisleSyncIndicator, aisle_sync_indicator, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
aisle_sync_indicator_update (AisleSyncIndicator *self)
{
  const char *icon_name;
  const char *text;
  const char *detail;
  const char *last_error = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *last_success = NULL;
  g_autofree char *description = NULL;
  gboolean online = FALSE;
  gboolean syncing = FALSE;
  guint n_pending = 0;
  gint64 when = 0;

  if (self->status != NULL)
    {
      online = aisle_sync_status_get_online (self->status);
      syncing = aisle_sync_status_get_syncing (self->status);
      n_pending = aisle_sync_status_get_pending (self->status);
      when = aisle_sync_status_get_last_success (self->status);
      last_error = aisle_sync_status_get_last_error (self->status);
    }

  if (!online)
    {
      icon_name = "network-offline-symbolic";
      text = _("Offline");
      detail = _("Not connected to the hub. Searches use this device’s cache, and changes are kept here until the connection is back.");
    }
  else if (syncing)
    {
      icon_name = "emblem-synchronizing-symbolic";
      text = _("Syncing…");
      detail = _("Exchanging changes with the hub.");
    }
  else if (last_error != NULL)
    {
      icon_name = "dialog-warning-symbolic";
      text = _("Sync problem");
      detail = last_error;
    }
  else
    {
      icon_name = "emblem-ok-symbolic";
      text = _("Up to date");
      detail = _("Connected to the hub.");
    }

  if (n_pending == 0)
    pending = g_strdup (_("No changes waiting to be sent"));
  else
    pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u change waiting to be sent",
                                            "%u changes waiting to be sent",
                                            n_pending),
                               n_pending);

  if (when <= 0)
    {
      last_success = g_strdup (_("Never synced"));
    }
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (when);
      g_autofree char *formatted = g_date_time_format (dt, "%Y-%m-%d %H:%M");

      /* Translators: %s is a date and time, e.g. 2026-03-01 14:05 */
      last_success = g_strdup_printf (_("Last synced %s"), formatted);
    }

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_label_set_label (self->label, text);
  gtk_label_set_label (self->state_label, text);
  gtk_label_set_label (self->detail_label, detail);
  gtk_label_set_label (self->pending_label, pending);
  gtk_label_set_label (self->last_success_label, last_success);

  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "offline");
  gtk_widget_remove_css_class (GTK_WIDGET (self->button), "error");
  if (!online)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "offline");
  else if (last_error != NULL && !syncing)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "error");

  description = g_strdup_printf ("%s. %s", text, pending);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* The badge: refused changes are one tap away (window.show-attention). Never on a kiosk,
 * whose screen is public and whose window has no such list. */
static void
update_attention (AisleSyncIndicator *self)
{
  guint n = self->client != NULL ? aisle_sync_client_get_attention (self->client) : 0;
  gboolean kiosk = self->client != NULL &&
                   g_strcmp0 (aisle_sync_client_get_mode (self->client), "kiosk") == 0;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->attention_button), n > 0 && !kiosk);
  if (n == 0)
    return;
  text = g_strdup_printf ("%u", n);
  gtk_label_set_label (self->attention_label, text);
  g_free (text);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u change needs attention",
                                       "%u changes need attention", n), n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->attention_button), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attention_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
follow_client (AisleSyncIndicator *self)
{
  AisleSyncClient *client = self->window != NULL
                            ? aisle_window_get_sync_client (AISLE_WINDOW (self->window)) : NULL;

  if (client != self->client)
    {
      if (self->client != NULL)
        g_clear_signal_handler (&self->attention_handler, self->client);
      g_set_object (&self->client, client);
      if (client != NULL)
        self->attention_handler = g_signal_connect_object (client, "notify::attention",
                                                           G_CALLBACK (update_attention), self,
                                                           G_CONNECT_SWAPPED);
    }
  update_attention (self);
}

static void
aisle_sync_indicator_map (GtkWidget *widget)
{
  AisleSyncIndicator *self = AISLE_SYNC_INDICATOR (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (aisle_sync_indicator_parent_class)->map (widget);
  root = gtk_widget_get_root (widget);
  if (AISLE_IS_WINDOW (root) && self->window == NULL)
    {
      self->window = GTK_WIDGET (root);
      self->window_handler = g_signal_connect_swapped (root, "notify::sync-client",
                                                       G_CALLBACK (follow_client), self);
    }
  follow_client (self);
}

static void
aisle_sync_indicator_unmap (GtkWidget *widget)
{
  AisleSyncIndicator *self = AISLE_SYNC_INDICATOR (widget);

  if (self->window != NULL)
    g_clear_signal_handler (&self->window_handler, self->window);
  self->window = NULL;
  follow_client (self);
  GTK_WIDGET_CLASS (aisle_sync_indicator_parent_class)->unmap (widget);
}

static void
on_status_notify_cb (AisleSyncIndicator *self,
                     GParamSpec         *pspec,
                     AisleSyncStatus    *status)
{
  aisle_sync_indicator_update (self);
}

static void
aisle_sync_indicator_dispose (GObject *object)
{
  AisleSyncIndicator *self = (AisleSyncIndicator *)object;

  if (self->status != NULL)
    g_clear_signal_handler (&self->notify_handler, self->status);
  g_clear_object (&self->status);

  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_SYNC_INDICATOR);

  G_OBJECT_CLASS (aisle_sync_indicator_parent_class)->dispose (object);
}

static void
aisle_sync_indicator_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AisleSyncIndicator *self = AISLE_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_object (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_sync_indicator_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AisleSyncIndicator *self = AISLE_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      aisle_sync_indicator_set_status (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_sync_indicator_class_init (AisleSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_sync_indicator_dispose;
  object_class->get_property = aisle_sync_indicator_get_property;
  object_class->set_property = aisle_sync_indicator_set_property;
  widget_class->map = aisle_sync_indicator_map;
  widget_class->unmap = aisle_sync_indicator_unmap;

  properties[PROP_STATUS] =
    g_param_spec_object ("status", NULL, NULL,
                         AISLE_TYPE_SYNC_STATUS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, attention_button);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, attention_label);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, box);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, last_success_label);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, pending_label);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, popover);
  gtk_widget_class_bind_template_child (widget_class, AisleSyncIndicator, state_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislesyncindicator");
}

static void
aisle_sync_indicator_init (AisleSyncIndicator *self)
{
  GtkWidget *toggle;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GtkMenuButton focuses an internal toggle button; name it too so that assistive
   * technologies announce the same thing whichever of the two they land on. */
  toggle = gtk_widget_get_first_child (GTK_WIDGET (self->button));
  if (toggle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync status"),
                                    -1);

  aisle_sync_indicator_update (self);
}

GtkWidget *
aisle_sync_indicator_new (void)
{
  return g_object_new (AISLE_TYPE_SYNC_INDICATOR, NULL);
}

AisleSyncStatus *
aisle_sync_indicator_get_status (AisleSyncIndicator *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_INDICATOR (self), NULL);

  return self->status;
}

void
aisle_sync_indicator_set_status (AisleSyncIndicator *self,
                                 AisleSyncStatus    *status)
{
  g_return_if_fail (AISLE_IS_SYNC_INDICATOR (self));
  g_return_if_fail (!status || AISLE_IS_SYNC_STATUS (status));

  if (self->status == status)
    return;

  if (self->status != NULL)
    g_clear_signal_handler (&self->notify_handler, self->status);
  g_set_object (&self->status, status);
  if (status != NULL)
    self->notify_handler = g_signal_connect_object (status, "notify",
                                                    G_CALLBACK (on_status_notify_cb),
                                                    self, G_CONNECT_SWAPPED);

  aisle_sync_indicator_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* The short state shown in the header bar, e.g. "Offline" (for tests and accessibility). */
const char *
aisle_sync_indicator_get_text (AisleSyncIndicator *self)
{
  g_return_val_if_fail (AISLE_IS_SYNC_INDICATOR (self), NULL);

  return gtk_label_get_label (self->label);
}

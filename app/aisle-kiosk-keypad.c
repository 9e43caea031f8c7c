/* aisle-kiosk-keypad.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Strangers at a kiosk have no keyboard, and the system's on-screen keyboard is laid out for
 * text: a phone number or a PIN is quicker on twelve big keys. The keypad edits its entry's
 * text directly (the entry keeps its own max length and validation), so the entry's
 * notify::text handlers run exactly as for typing.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-kiosk-keypad.h"

struct _AisleKioskKeypad
{
  GtkWidget    parent_instance;

  GtkGrid     *grid;
  GtkEditable *entry;   /* weak */
};

G_DEFINE_FINAL_TYPE (AisleKioskKeypad, aisle_kiosk_keypad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
entry_max_length (GtkEditable *entry)
{
  return GTK_IS_ENTRY (entry) ? gtk_entry_get_max_length (GTK_ENTRY (entry)) : 0;
}

static void
on_key_clicked_cb (GtkButton        *button,
                   AisleKioskKeypad *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "aisle-key");
  g_autofree char *text = NULL;
  const char *current;
  glong len;
  int max;

  if (self->entry == NULL)
    return;
  current = gtk_editable_get_text (self->entry);
  len = g_utf8_strlen (current, -1);

  if (g_strcmp0 (key, "clear") == 0)
    text = g_strdup ("");
  else if (g_strcmp0 (key, "delete") == 0)
    text = len > 0 ? g_utf8_substring (current, 0, len - 1) : g_strdup ("");
  else
    {
      max = entry_max_length (self->entry);
      if (max > 0 && len >= max)
        return;
      text = g_strconcat (current, key, NULL);
    }
  gtk_editable_set_text (self->entry, text);
  gtk_editable_set_position (self->entry, -1);
}

static GtkWidget *
add_key (AisleKioskKeypad *self,
         const char       *key,
         const char       *label,
         const char       *icon_name,
         const char       *accessible_label,
         int               column,
         int               row)
{
  GtkWidget *button;

  if (icon_name != NULL)
    button = gtk_button_new_from_icon_name (icon_name);
  else
    button = gtk_button_new_with_label (label);
  g_object_set_data_full (G_OBJECT (button), "aisle-key", g_strdup (key), g_free);
  gtk_widget_add_css_class (button, "kiosk-key");
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_key_clicked_cb), self);
  gtk_grid_attach (self->grid, button, column, row, 1, 1);
  return button;
}

static void
aisle_kiosk_keypad_dispose (GObject *object)
{
  AisleKioskKeypad *self = AISLE_KIOSK_KEYPAD (object);

  g_clear_weak_pointer (&self->entry);
  if (self->grid != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->grid));
      self->grid = NULL;
    }
  G_OBJECT_CLASS (aisle_kiosk_keypad_parent_class)->dispose (object);
}

static void
aisle_kiosk_keypad_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AisleKioskKeypad *self = AISLE_KIOSK_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_kiosk_keypad_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AisleKioskKeypad *self = AISLE_KIOSK_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      aisle_kiosk_keypad_set_entry (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_kiosk_keypad_class_init (AisleKioskKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_kiosk_keypad_dispose;
  object_class->get_property = aisle_kiosk_keypad_get_property;
  object_class->set_property = aisle_kiosk_keypad_set_property;

  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, GTK_TYPE_EDITABLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskkeypad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
aisle_kiosk_keypad_init (AisleKioskKeypad *self)
{
  static const char * const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_row_spacing (self->grid, 8);
  gtk_grid_set_column_spacing (self->grid, 8);
  gtk_grid_set_row_homogeneous (self->grid, TRUE);
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    add_key (self, digits[i], digits[i], NULL, digits[i], i % 3, i / 3);
  /* Translators: the keypad key that empties the field. */
  add_key (self, "clear", _("Clear"), NULL, _("Clear"), 0, 3);
  add_key (self, "0", "0", NULL, "0", 1, 3);
  /* Translators: the keypad key that removes the last digit. */
  add_key (self, "delete", NULL, "edit-clear-symbolic", _("Delete last digit"), 2, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number keypad"), -1);
}

GtkWidget *
aisle_kiosk_keypad_new (void)
{
  return g_object_new (AISLE_TYPE_KIOSK_KEYPAD, NULL);
}

GtkEditable *
aisle_kiosk_keypad_get_entry (AisleKioskKeypad *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_KEYPAD (self), NULL);

  return self->entry;
}

void
aisle_kiosk_keypad_set_entry (AisleKioskKeypad *self,
                              GtkEditable      *entry)
{
  g_return_if_fail (AISLE_IS_KIOSK_KEYPAD (self));
  g_return_if_fail (entry == NULL || GTK_IS_EDITABLE (entry));

  if (g_set_weak_pointer (&self->entry, entry))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

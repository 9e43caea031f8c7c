/* aisle-pin-keypad.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Digits 1-9, 0, Delete and OK as large touch targets under a row of dots; the digits are
 * never shown. The hardware keyboard works too (digits, Backspace, Enter, Escape) while the
 * keypad or one of its buttons has the focus. The buttons are built in code: twelve equal
 * buttons in a grid say more as a loop than as 200 lines of XML.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aisle-pin-keypad.h"

#define DEFAULT_MAX_LENGTH 8

struct _AislePinKeypad
{
  GtkWidget  parent_instance;

  /* Children (owned by the widget tree) */
  GtkWidget *box;
  GtkLabel  *dots_label;
  GtkWidget *ok_button;
  GtkWidget *delete_button;

  /* Owned */
  GString   *text;
  guint      max_length;
};

G_DEFINE_FINAL_TYPE (AislePinKeypad, aisle_pin_keypad, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_MAX_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_display (AislePinKeypad *self)
{
  g_autoptr(GString) dots = g_string_new (NULL);
  g_autofree char *description = NULL;

  for (gsize i = 0; i < self->text->len; i++)
    g_string_append (dots, "●");
  /* An empty row keeps its height so the keypad does not jump. */
  gtk_label_set_text (self->dots_label, dots->len > 0 ? dots->str : " ");
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u digit entered",
                                              "%u digits entered", (gulong) self->text->len),
                                 (guint) self->text->len);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->dots_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_set_sensitive (self->ok_button, self->text->len > 0);
  gtk_widget_set_sensitive (self->delete_button, self->text->len > 0);
}

static void
append_digit (AislePinKeypad *self,
              char            digit)
{
  if (self->text->len >= self->max_length)
    return;
  g_string_append_c (self->text, digit);
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
delete_digit (AislePinKeypad *self)
{
  if (self->text->len == 0)
    return;
  g_string_truncate (self->text, self->text->len - 1);
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
activate (AislePinKeypad *self)
{
  if (self->text->len > 0)
    g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
on_digit_clicked_cb (GtkButton      *button,
                     AislePinKeypad *self)
{
  const char *digit = g_object_get_data (G_OBJECT (button), "digit");

  append_digit (self, digit[0]);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AislePinKeypad        *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    append_digit (self, (char) ('0' + keyval - GDK_KEY_0));
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    append_digit (self, (char) ('0' + keyval - GDK_KEY_KP_0));
  else if (keyval == GDK_KEY_BackSpace)
    delete_digit (self);
  else if (keyval == GDK_KEY_Escape)
    aisle_pin_keypad_clear (self);
  else if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    activate (self);
  else
    return GDK_EVENT_PROPAGATE;
  return GDK_EVENT_STOP;
}

static GtkWidget *
make_button (const char *text,
             const char *accessible_label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "title-2");
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_size_request (button, 88, 64);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return button;
}

static void
aisle_pin_keypad_dispose (GObject *object)
{
  AislePinKeypad *self = AISLE_PIN_KEYPAD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (aisle_pin_keypad_parent_class)->dispose (object);
}

static void
aisle_pin_keypad_finalize (GObject *object)
{
  AislePinKeypad *self = AISLE_PIN_KEYPAD (object);

  /* Scrub the PIN from memory before it is freed. */
  memset (self->text->str, 0, self->text->allocated_len);
  g_string_free (self->text, TRUE);

  G_OBJECT_CLASS (aisle_pin_keypad_parent_class)->finalize (object);
}

static void
aisle_pin_keypad_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AislePinKeypad *self = AISLE_PIN_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text->str);
      break;

    case PROP_MAX_LENGTH:
      g_value_set_uint (value, self->max_length);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_pin_keypad_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AislePinKeypad *self = AISLE_PIN_KEYPAD (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      aisle_pin_keypad_set_text (self, g_value_get_string (value));
      break;

    case PROP_MAX_LENGTH:
      aisle_pin_keypad_set_max_length (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_pin_keypad_class_init (AislePinKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_pin_keypad_dispose;
  object_class->finalize = aisle_pin_keypad_finalize;
  object_class->get_property = aisle_pin_keypad_get_property;
  object_class->set_property = aisle_pin_keypad_set_property;

  /* The digits typed so far (only digits; never longer than max-length). */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_LENGTH] =
    g_param_spec_uint ("max-length", NULL, NULL,
                       1, 32, DEFAULT_MAX_LENGTH,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AislePinKeypad::activated:
   *
   * OK was pressed (or Enter typed) with at least one digit entered.
   */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislepinkeypad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
aisle_pin_keypad_init (AislePinKeypad *self)
{
  static const char * const digits[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
  GtkEventController *keys;
  GtkWidget *grid;
  GtkWidget *button;

  self->text = g_string_new (NULL);
  self->max_length = DEFAULT_MAX_LENGTH;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->dots_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->dots_label), "title-1");
  gtk_widget_set_size_request (GTK_WIDGET (self->dots_label), -1, 48);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->dots_label));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_row_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_box_append (GTK_BOX (self->box), grid);

  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    {
      button = make_button (digits[i], digits[i]);
      g_object_set_data (G_OBJECT (button), "digit", (gpointer) digits[i]);
      g_signal_connect (button, "clicked", G_CALLBACK (on_digit_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), button, (int) (i % 3), (int) (i / 3), 1, 1);
    }

  /* Translators: the keypad key that removes the last digit typed */
  self->delete_button = make_button ("⌫", _("Delete last digit"));
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_digit), self);
  gtk_grid_attach (GTK_GRID (grid), self->delete_button, 0, 3, 1, 1);

  button = make_button ("0", "0");
  g_object_set_data (G_OBJECT (button), "digit", (gpointer) "0");
  g_signal_connect (button, "clicked", G_CALLBACK (on_digit_clicked_cb), self);
  gtk_grid_attach (GTK_GRID (grid), button, 1, 3, 1, 1);

  /* Translators: the keypad key that submits the PIN */
  self->ok_button = make_button (_("OK"), _("Enter PIN"));
  gtk_widget_add_css_class (self->ok_button, "suggested-action");
  g_signal_connect_swapped (self->ok_button, "clicked", G_CALLBACK (activate), self);
  gtk_grid_attach (GTK_GRID (grid), self->ok_button, 2, 3, 1, 1);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  update_display (self);
}

/**
 * aisle_pin_keypad_new:
 *
 * Returns: (transfer floating): a new, empty keypad
 */
GtkWidget *
aisle_pin_keypad_new (void)
{
  return g_object_new (AISLE_TYPE_PIN_KEYPAD, NULL);
}

const char *
aisle_pin_keypad_get_text (AislePinKeypad *self)
{
  g_return_val_if_fail (AISLE_IS_PIN_KEYPAD (self), NULL);

  return self->text->str;
}

/* Sets the digits (anything else in @text is dropped; cut to max-length). */
void
aisle_pin_keypad_set_text (AislePinKeypad *self,
                           const char     *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  g_return_if_fail (AISLE_IS_PIN_KEYPAD (self));

  for (const char *p = text != NULL ? text : ""; *p != '\0' && digits->len < self->max_length; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (g_strcmp0 (digits->str, self->text->str) == 0)
    return;
  memset (self->text->str, 0, self->text->len);
  g_string_assign (self->text, digits->str);
  memset (digits->str, 0, digits->len);
  update_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

guint
aisle_pin_keypad_get_max_length (AislePinKeypad *self)
{
  g_return_val_if_fail (AISLE_IS_PIN_KEYPAD (self), 0);

  return self->max_length;
}

void
aisle_pin_keypad_set_max_length (AislePinKeypad *self,
                                 guint           max_length)
{
  g_return_if_fail (AISLE_IS_PIN_KEYPAD (self));
  g_return_if_fail (max_length > 0);

  if (self->max_length == max_length)
    return;
  self->max_length = max_length;
  if (self->text->len > max_length)
    {
      g_string_truncate (self->text, max_length);
      update_display (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LENGTH]);
}

/* Forgets the digits typed (after a wrong PIN, or when the page is left). */
void
aisle_pin_keypad_clear (AislePinKeypad *self)
{
  g_return_if_fail (AISLE_IS_PIN_KEYPAD (self));

  aisle_pin_keypad_set_text (self, "");
}

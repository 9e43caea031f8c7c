/* aisle-wedge.c: hear a keyboard-wedge barcode scanner anywhere in a window.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A USB scanner is a keyboard: it types its code and presses Enter. A key controller in the
 * capture phase of the window sees every key before the focused widget does and asks the
 * detector (core/aisle-wedge-detector.c) what to do with it.
 *
 * Why hold and replay rather than let keys through and delete them afterwards: by the time a
 * burst is recognised, its first characters would already have done whatever the focused
 * widget does with keys (an entry's search has started, a list's type-ahead has moved, Space
 * has pressed a button, the member page's key capture has moved focus), and deleting them
 * would have to guess where they went and that the widget still holds them unchanged (an
 * entry may filter, limit or have been rewritten in between). Holding is exact: a held key
 * has done nothing yet. Only the keys that follow another within the max-gap are held: the
 * first key of a run goes in at once as text where the caret is (a person's keys are further
 * apart, so each of them does, without waiting), and if the run turns out to be a scan that one
 * character is taken back out of the entry before the scan is acted on. Held keys are inserted
 * as text where the caret is, in order, before any key that follows them. With focus outside an entry, held keys go where a
 * search entry's key capture would have taken them; with no such entry they are dropped (a
 * person typing letters at a button did not mean anything by them).
 * Only plain ASCII is ever held.
 *
 * An X11 input method (GTK_IM_MODULE=ibus, fcitx, xim) reads key events inside the entry, so
 * keys replayed as text would skip it and a Zhuyin user would get Latin letters. There the
 * wedge does not hold (hold-keys is FALSE): keys go through as usual, and a recognised scan's
 * characters are removed from the focused entry afterwards, if they are still there just before
 * the caret. (On Wayland and with GTK's own input method, the compositor or GTK composes text
 * before any key reaches the window, so holding is safe.)
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-wedge.h"
#include "aisle-wedge-detector.h"

/* The timer that gives held keys back runs on the main loop's clock, not the events' clock;
 * the slack covers a frame's worth of delay in delivering the next queued key. */
#define TIMER_SLACK_MS 30

struct _AisleWedge
{
  GObject             parent_instance;

  /* Borrowed */
  GtkWidget          *widget;       /* weak: the window the controller is on */

  /* Owned */
  AisleWedgeDetector *detector;
  guint               flush_id;
  gboolean            hold_keys;
};

G_DEFINE_FINAL_TYPE (AisleWedge, aisle_wedge, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_GAP,
  PROP_HOLD_KEYS,
  N_PROPS
};

enum {
  SCANNED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The search entry that captures typing for @capture (gtk_search_entry_set_key_capture_widget),
 * among @widget and its drawn descendants. */
static GtkWidget *
find_capturing_entry (GtkWidget *widget,
                      GtkWidget *capture)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;

  if (GTK_IS_SEARCH_ENTRY (widget)
      && gtk_search_entry_get_key_capture_widget (GTK_SEARCH_ENTRY (widget)) == capture)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_capturing_entry (child, capture);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Where typed text goes when focus is not in an entry: the search entry that would have
 * captured the keys had they not been held (the member page's "type anywhere to search"). */
static GtkWidget *
capturing_entry_for (GtkWidget *focus)
{
  for (GtkWidget *ancestor = focus; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
    {
      GtkWidget *entry = find_capturing_entry (ancestor, ancestor);

      if (entry != NULL)
        return entry;
    }

  return NULL;
}

/* Puts text a person typed where they were typing. */
static void
replay (AisleWedge *self,
        const char *text)
{
  GtkRoot *root;
  GtkWidget *focus;
  int position;

  if (text == NULL || self->widget == NULL)
    return;

  root = gtk_widget_get_root (self->widget);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && !GTK_IS_EDITABLE (focus))
    {
      GtkWidget *entry = capturing_entry_for (focus);
      GtkEditable *delegate = entry != NULL ? gtk_editable_get_delegate (GTK_EDITABLE (entry)) : NULL;

      /* As GtkSearchEntry's own capture does: focus without selecting, type at the caret. */
      if (GTK_IS_TEXT (delegate))
        {
          gtk_text_grab_focus_without_selecting (GTK_TEXT (delegate));
          focus = GTK_WIDGET (delegate);
        }
    }
  if (focus == NULL || !GTK_IS_EDITABLE (focus) || !gtk_editable_get_editable (GTK_EDITABLE (focus)))
    {
      g_debug ("wedge: %zu typed characters had no entry to go to", strlen (text));
      return;
    }

  gtk_editable_delete_selection (GTK_EDITABLE (focus));
  position = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &position);
  gtk_editable_set_position (GTK_EDITABLE (focus), position);
}

/* A scan's characters that reached the focused entry (all of them without holding; the first,
 * shown early, with it): take them back out if they are exactly what sits before the caret,
 * else leave the entry alone. */
static void
remove_scanned_text (AisleWedge *self,
                     const char *scan)
{
  GtkRoot *root = self->widget != NULL ? gtk_widget_get_root (self->widget) : NULL;
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  const char *text;
  glong n_chars = g_utf8_strlen (scan, -1);
  int position;

  if (focus == NULL || !GTK_IS_EDITABLE (focus))
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (focus));
  position = gtk_editable_get_position (GTK_EDITABLE (focus));
  if (position >= n_chars)
    {
      const char *start = g_utf8_offset_to_pointer (text, position - n_chars);

      if (strncmp (start, scan, strlen (scan)) == 0
          && g_utf8_pointer_to_offset (text, start + strlen (scan)) == position)
        {
          gtk_editable_delete_text (GTK_EDITABLE (focus), position - n_chars, position);
          return;
        }
    }
  g_debug ("wedge: the scanned characters are not before the caret; the entry is left alone");
}

/* Whether keys can be held and replayed as text without bypassing an input method. */
static gboolean
default_hold_keys (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *setting = NULL;
  const char *module = g_getenv ("GTK_IM_MODULE");

  if ((module == NULL || *module == '\0') && settings != NULL)
    {
      g_object_get (settings, "gtk-im-module", &setting, NULL);
      module = setting;
    }

  return module == NULL || *module == '\0'
         || g_str_equal (module, "simple") || g_str_equal (module, "gtk-im-context-simple")
         || g_str_equal (module, "wayland");
}

static gboolean
flush_cb (gpointer data)
{
  AisleWedge *self = data;

  self->flush_id = 0;
  aisle_wedge_flush (self);
  return G_SOURCE_REMOVE;
}

static AisleWedgeKey
classify_key (guint            keyval,
              GdkModifierType  state,
              gunichar        *ch)
{
  *ch = 0;

  switch (keyval)
    {
    case GDK_KEY_Shift_L: case GDK_KEY_Shift_R: case GDK_KEY_Control_L: case GDK_KEY_Control_R:
    case GDK_KEY_Caps_Lock: case GDK_KEY_Shift_Lock: case GDK_KEY_Meta_L: case GDK_KEY_Meta_R:
    case GDK_KEY_Alt_L: case GDK_KEY_Alt_R: case GDK_KEY_Super_L: case GDK_KEY_Super_R:
    case GDK_KEY_Hyper_L: case GDK_KEY_Hyper_R: case GDK_KEY_ISO_Level3_Shift:
    case GDK_KEY_ISO_Level5_Shift: case GDK_KEY_Mode_switch: case GDK_KEY_Num_Lock:
      return AISLE_WEDGE_KEY_MODIFIER;

    default:
      break;
    }

  /* A shortcut is never scanner data. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK | GDK_HYPER_MASK))
    return AISLE_WEDGE_KEY_OTHER;

  switch (keyval)
    {
    case GDK_KEY_Return: case GDK_KEY_KP_Enter: case GDK_KEY_ISO_Enter:
      return AISLE_WEDGE_KEY_ENTER;

    case GDK_KEY_Tab: case GDK_KEY_KP_Tab:
      return AISLE_WEDGE_KEY_TAB;

    default:
      break;
    }

  *ch = gdk_keyval_to_unicode (keyval);
  if (*ch != 0 && g_unichar_isprint (*ch))
    return AISLE_WEDGE_KEY_CHAR;

  *ch = 0;
  return AISLE_WEDGE_KEY_OTHER;
}

/**
 * aisle_wedge_handle_key:
 * @self: the wedge
 * @keyval: the key pressed
 * @state: the modifiers held
 * @time_ms: the event's time stamp
 *
 * What the key controller calls for each key press; tests call it with explicit times.
 *
 * Returns: %TRUE if the key was taken (held back, or the end of a scan)
 */
gboolean
aisle_wedge_handle_key (AisleWedge      *self,
                        guint            keyval,
                        GdkModifierType  state,
                        guint32          time_ms)
{
  AisleWedgeResult result;
  AisleWedgeKey key;
  gunichar ch;

  g_return_val_if_fail (AISLE_IS_WEDGE (self), FALSE);

  key = classify_key (keyval, state, &ch);
  aisle_wedge_detector_feed (self->detector, key, ch, time_ms, &result);

  if (!self->hold_keys)
    {
      /* Every character went through already: nothing to replay, only a scan to clean up. */
      if (result.action == AISLE_WEDGE_ACTION_SCAN)
        {
          remove_scanned_text (self, result.scan);
          g_signal_emit (self, signals[SCANNED], 0, result.scan);
        }
      aisle_wedge_result_clear (&result);
      return result.action == AISLE_WEDGE_ACTION_SCAN;
    }

  /* Held keys first, so they land before whatever this key does; then this key, if it starts
   * a run (a person's keys each start one, so they are never held). */
  replay (self, result.replay);
  replay (self, result.early);

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (aisle_wedge_detector_get_pending (self->detector))
    self->flush_id = g_timeout_add (aisle_wedge_detector_get_max_gap (self->detector) + TIMER_SLACK_MS,
                                    flush_cb, self);

  if (result.action == AISLE_WEDGE_ACTION_SCAN)
    {
      /* The scan's first character went in as typing: take it back out. */
      if (result.retract != NULL)
        remove_scanned_text (self, result.retract);
      g_signal_emit (self, signals[SCANNED], 0, result.scan);
    }

  aisle_wedge_result_clear (&result);
  return result.action != AISLE_WEDGE_ACTION_PASS;
}

/* Gives any held keys back as typing now. */
void
aisle_wedge_flush (AisleWedge *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (AISLE_IS_WEDGE (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  text = aisle_wedge_detector_flush (self->detector);
  if (self->hold_keys)
    replay (self, text);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   AisleWedge            *self)
{
  return aisle_wedge_handle_key (self, keyval, state,
                                 gtk_event_controller_get_current_event_time (GTK_EVENT_CONTROLLER (controller)));
}

/* Listens to every key @widget (a window) receives. The controller belongs to @widget. */
void
aisle_wedge_attach (AisleWedge *self,
                    GtkWidget  *widget)
{
  GtkEventController *controller;

  g_return_if_fail (AISLE_IS_WEDGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (self->widget == NULL);

  g_set_weak_pointer (&self->widget, widget);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (controller, "aisle-wedge");
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self, 0);
  gtk_widget_add_controller (widget, controller);
}

guint
aisle_wedge_get_max_gap (AisleWedge *self)
{
  g_return_val_if_fail (AISLE_IS_WEDGE (self), 0);

  return aisle_wedge_detector_get_max_gap (self->detector);
}

void
aisle_wedge_set_max_gap (AisleWedge *self,
                         guint       msec)
{
  g_return_if_fail (AISLE_IS_WEDGE (self));
  g_return_if_fail (msec > 0);

  if (aisle_wedge_detector_get_max_gap (self->detector) == msec)
    return;
  aisle_wedge_detector_set_max_gap (self->detector, msec);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_GAP]);
}

static void
aisle_wedge_dispose (GObject *object)
{
  AisleWedge *self = (AisleWedge *)object;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  g_clear_weak_pointer (&self->widget);

  G_OBJECT_CLASS (aisle_wedge_parent_class)->dispose (object);
}

static void
aisle_wedge_finalize (GObject *object)
{
  AisleWedge *self = (AisleWedge *)object;

  g_clear_pointer (&self->detector, aisle_wedge_detector_free);

  G_OBJECT_CLASS (aisle_wedge_parent_class)->finalize (object);
}

static void
aisle_wedge_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AisleWedge *self = AISLE_WEDGE (object);

  switch (prop_id)
    {
    case PROP_MAX_GAP:
      g_value_set_uint (value, aisle_wedge_get_max_gap (self));
      break;

    case PROP_HOLD_KEYS:
      g_value_set_boolean (value, self->hold_keys);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_wedge_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AisleWedge *self = AISLE_WEDGE (object);

  switch (prop_id)
    {
    case PROP_MAX_GAP:
      aisle_wedge_set_max_gap (self, g_value_get_uint (value));
      break;

    case PROP_HOLD_KEYS:
      if (self->hold_keys != g_value_get_boolean (value))
        {
          aisle_wedge_flush (self);
          self->hold_keys = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_wedge_class_init (AisleWedgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = aisle_wedge_dispose;
  object_class->finalize = aisle_wedge_finalize;
  object_class->get_property = aisle_wedge_get_property;
  object_class->set_property = aisle_wedge_set_property;

  /* The longest pause between two keys of one scan, in milliseconds. */
  properties[PROP_MAX_GAP] =
    g_param_spec_uint ("max-gap", NULL, NULL,
                       1, 1000, AISLE_WEDGE_DEFAULT_MAX_GAP_MS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Hold keys back until a burst is told from typing (see the top of the file); FALSE lets
   * keys through and removes a scan's characters afterwards. Defaults by the input method. */
  properties[PROP_HOLD_KEYS] =
    g_param_spec_boolean ("hold-keys", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AisleWedge::scanned:
   * @text: the code, without the scanner's Enter or Tab
   *
   * A scanner typed a code. None of its keys reached the focused widget.
   */
  signals[SCANNED] =
    g_signal_new ("scanned",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
aisle_wedge_init (AisleWedge *self)
{
  self->detector = aisle_wedge_detector_new ();
  self->hold_keys = default_hold_keys ();
}

AisleWedge *
aisle_wedge_new (void)
{
  return g_object_new (AISLE_TYPE_WEDGE, NULL);
}

/* aisle-initials.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member's initials in a coloured circle, for the rows of the search results.
 *
 * AdwAvatar looks the same, but showing another name costs it a restyle (its colour is a CSS
 * class), a label relayout and a font-size fit, and drawing it costs a gradient: about a
 * quarter of each keystroke's main-thread time on the search page, where a keystroke shows up
 * to a screenful of new names (docs/benchmarks.md, Tablet). This widget keeps the colour in
 * C, draws a flat circle (the colours are AdwAvatar's, so a member has the same colour here as
 * on the profile), and lays the initials out in the widget's own CSS font, which the row sets
 * to the name's font: the glyphs drawn for the name serve the initials too.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <math.h>
#include <string.h>

#include "aisle-initials.h"

/* The diameter, as AdwAvatar's "size" in the row it replaces. */
#define INITIALS_SIZE 40
#define N_COLORS 14

struct _AisleInitials
{
  GtkWidget  parent_instance;

  char      *text;
  char      *initials;      /* what is drawn: one or two upper-case characters, or NULL */
  guint      color;         /* 1..N_COLORS, as AdwAvatar's colorN classes */
};

G_DEFINE_FINAL_TYPE (AisleInitials, aisle_initials, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* AdwAvatar's palette (libadwaita 1.2): the darker end of each gradient, and its text colour;
 * parsed once, in class_init, into palette_rgba. */
static const struct
{
  const char *background;
  const char *foreground;
} palette[N_COLORS] = {
  { "#337fdc", "#cfe1f5" },
  { "#0f9ac8", "#caeaf2" },
  { "#29ae74", "#cef8d8" },
  { "#6ab85b", "#e6f9d7" },
  { "#d29d09", "#f9f4e1" },
  { "#d68400", "#ffead1" },
  { "#ed5b00", "#ffe5c5" },
  { "#e62d42", "#f8d2ce" },
  { "#e33b6a", "#fac7de" },
  { "#9945b5", "#e7c2e8" },
  { "#7a59ca", "#d5d2f5" },
  { "#b08952", "#f2eade" },
  { "#785336", "#e5d6ca" },
  { "#6e6d71", "#d8d7d3" },
};
static GdkRGBA palette_rgba[N_COLORS][2];   /* background, foreground */

/* The first character of the first and of the last word, upper case ("Ada Lovelace" → "AL",
 * "陳婉琪" → "陳"), as AdwAvatar shows them. */
static char *
extract_initials (const char *text)
{
  g_autofree char *upper = NULL;
  g_autofree char *normalized = NULL;
  const char *last_space;
  GString *initials;

  if (text == NULL)
    return NULL;
  upper = g_utf8_strup (text, -1);
  normalized = g_utf8_normalize (g_strstrip (upper), -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normalized == NULL || *normalized == '\0')
    return NULL;

  initials = g_string_new (NULL);
  g_string_append_unichar (initials, g_utf8_get_char (normalized));
  last_space = strrchr (normalized, ' ');
  if (last_space != NULL && last_space[1] != '\0')
    g_string_append_unichar (initials, g_utf8_get_char (last_space + 1));
  return g_string_free (initials, FALSE);
}

static void
aisle_initials_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = *natural = INITIALS_SIZE;
}

static void
aisle_initials_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AisleInitials *self = AISLE_INITIALS (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT ((width - size) / 2, (height - size) / 2, size, size);
  GskRoundedRect circle;
  const GdkRGBA *background, *foreground;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (self->color == 0)
    return;

  background = &palette_rgba[self->color - 1][0];
  foreground = &palette_rgba[self->color - 1][1];
  gsk_rounded_rect_init_from_rect (&circle, &bounds, size / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, background, &bounds);
  gtk_snapshot_pop (snapshot);

  if (self->initials == NULL)
    return;

  /* A layout per draw: the widget draws only when its text (or its style) changed. */
  layout = gtk_widget_create_pango_layout (widget, self->initials);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (floorf ((width - logical.width) / 2 - logical.x),
                                                floorf ((height - logical.height) / 2 - logical.y)));
  gtk_snapshot_append_layout (snapshot, layout, foreground);
  gtk_snapshot_restore (snapshot);
}

static void
aisle_initials_finalize (GObject *object)
{
  AisleInitials *self = (AisleInitials *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->initials, g_free);

  G_OBJECT_CLASS (aisle_initials_parent_class)->finalize (object);
}

static void
aisle_initials_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AisleInitials *self = AISLE_INITIALS (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_initials_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AisleInitials *self = AISLE_INITIALS (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      aisle_initials_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_initials_class_init (AisleInitialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = aisle_initials_finalize;
  object_class->get_property = aisle_initials_get_property;
  object_class->set_property = aisle_initials_set_property;

  widget_class->measure = aisle_initials_measure;
  widget_class->snapshot = aisle_initials_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint i = 0; i < N_COLORS; i++)
    {
      gdk_rgba_parse (&palette_rgba[i][0], palette[i].background);
      gdk_rgba_parse (&palette_rgba[i][1], palette[i].foreground);
    }

  gtk_widget_class_set_css_name (widget_class, "aisleinitials");
  /* Decoration: the row it is in speaks the name. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
aisle_initials_init (AisleInitials *self)
{
}

GtkWidget *
aisle_initials_new (void)
{
  return g_object_new (AISLE_TYPE_INITIALS, NULL);
}

const char *
aisle_initials_get_text (AisleInitials *self)
{
  g_return_val_if_fail (AISLE_IS_INITIALS (self), NULL);

  return self->text;
}

/* Shows the initials of @text (a name) in its colour; NULL or empty shows nothing. Only a
 * redraw follows: the widget's size never changes. */
void
aisle_initials_set_text (AisleInitials *self,
                         const char    *text)
{
  g_return_if_fail (AISLE_IS_INITIALS (self));

  if (text != NULL && *text == '\0')
    text = NULL;
  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_free (self->initials);
  self->initials = extract_initials (text);
  /* The colour AdwAvatar gives the same text. */
  self->color = text != NULL ? g_str_hash (text) % N_COLORS + 1 : 0;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* The characters drawn, e.g. "AL" for "Ada Lovelace"; NULL when there is no text. */
const char *
aisle_initials_get_initials (AisleInitials *self)
{
  g_return_val_if_fail (AISLE_IS_INITIALS (self), NULL);

  return self->initials;
}

/* Which of AdwAvatar's colours (1 to 14) is drawn; 0 when there is no text. */
guint
aisle_initials_get_color (AisleInitials *self)
{
  g_return_val_if_fail (AISLE_IS_INITIALS (self), 0);

  return self->color;
}

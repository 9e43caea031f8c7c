/* aisle-member-row.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-initials.h"
#include "aisle-member-row.h"

struct _AisleMemberRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  AisleInitials *avatar;
  GtkLabel      *name_label;
  GtkLabel      *number_label;
  GtkLabel      *phone_label;
  GtkLabel      *tier_label;

  /* Owned */
  AisleMember   *member;
  const char    *tier_class;    /* static string: the tier class on tier_label, or NULL */
};

G_DEFINE_FINAL_TYPE (AisleMemberRow, aisle_member_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_MEMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tier names in the cache are stable identifiers; this is what staff read. */
const char *
aisle_tier_get_label (const char *tier)
{
  if (g_strcmp0 (tier, "gold") == 0)
    return _("Gold");
  if (g_strcmp0 (tier, "silver") == 0)
    return _("Silver");
  if (g_strcmp0 (tier, "basic") == 0)
    return _("Basic");
  if (tier == NULL || *tier == '\0')
    return _("No tier");
  return tier;
}

static void
aisle_member_row_update (AisleMemberRow *self)
{
  const AisleMember *member = self->member;
  g_autofree char *phone = NULL;
  g_autofree char *number = NULL;
  g_autofree char *accessible = NULL;
  const char *tier_class = NULL;
  const char *tier;
  const char *name;

  if (member == NULL)
    return;

  name = member->name != NULL && *member->name != '\0' ? member->name : _("Unnamed member");
  /* Phones are masked on every screen; revealing one is an explicit, logged action (issue 6). */
  phone = member->phone != NULL ? aisle_phone_mask (member->phone) : NULL;
  if (phone == NULL)
    phone = g_strdup (_("No phone"));
  if (member->number != NULL && *member->number != '\0')
    /* Translators: %s is a member number, e.g. M0012345 */
    number = g_strdup_printf (_("No. %s"), member->number);
  else
    number = g_strdup (_("Number assigned when online"));
  tier = aisle_tier_get_label (member->tier);
  if (g_strcmp0 (member->tier, "gold") == 0)
    tier_class = "gold";
  else if (g_strcmp0 (member->tier, "silver") == 0)
    tier_class = "silver";
  else if (g_strcmp0 (member->tier, "basic") == 0)
    tier_class = "basic";

  aisle_initials_set_text (self->avatar, name);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->phone_label, phone);
  gtk_label_set_label (self->number_label, number);
  gtk_label_set_label (self->tier_label, tier);

  /* Only a change of tier restyles the badge: a recycled row mostly keeps its classes. */
  if (g_strcmp0 (self->tier_class, tier_class) != 0)
    {
      if (self->tier_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self->tier_label), self->tier_class);
      if (tier_class != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->tier_label), tier_class);
      self->tier_class = tier_class;
    }

  /* Translators: the spoken name of a search result: name, masked phone, member number, tier */
  accessible = g_strdup_printf (_("%s, %s, %s, %s"), name, phone, number, tier);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
aisle_member_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AISLE_TYPE_MEMBER_ROW);

  G_OBJECT_CLASS (aisle_member_row_parent_class)->dispose (object);
}

static void
aisle_member_row_finalize (GObject *object)
{
  AisleMemberRow *self = (AisleMemberRow *)object;

  g_clear_pointer (&self->member, aisle_member_free);

  G_OBJECT_CLASS (aisle_member_row_parent_class)->finalize (object);
}

static void
aisle_member_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AisleMemberRow *self = AISLE_MEMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_MEMBER:
      g_value_set_boxed (value, self->member);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_member_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AisleMemberRow *self = AISLE_MEMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_MEMBER:
      g_clear_pointer (&self->member, aisle_member_free);
      self->member = g_value_dup_boxed (value);
      aisle_member_row_update (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_member_row_class_init (AisleMemberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_member_row_dispose;
  object_class->finalize = aisle_member_row_finalize;
  object_class->get_property = aisle_member_row_get_property;
  object_class->set_property = aisle_member_row_set_property;

  properties[PROP_MEMBER] =
    g_param_spec_boxed ("member", NULL, NULL,
                        AISLE_TYPE_MEMBER,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (AISLE_TYPE_INITIALS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-member-row.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleMemberRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberRow, phone_label);
  gtk_widget_class_bind_template_child (widget_class, AisleMemberRow, tier_label);
}

static void
aisle_member_row_init (AisleMemberRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aisle_member_row_new (const AisleMember *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  return g_object_new (AISLE_TYPE_MEMBER_ROW,
                       "member", member,
                       NULL);
}

const AisleMember *
aisle_member_row_get_member (AisleMemberRow *self)
{
  g_return_val_if_fail (AISLE_IS_MEMBER_ROW (self), NULL);

  return self->member;
}

/* Shows @member in this row: the search page reuses its rows as staff type, which is cheaper
 * than building new ones from the template on every keystroke. */
void
aisle_member_row_set_member (AisleMemberRow    *self,
                             const AisleMember *member)
{
  g_return_if_fail (AISLE_IS_MEMBER_ROW (self));
  g_return_if_fail (member != NULL);

  g_clear_pointer (&self->member, aisle_member_free);
  self->member = aisle_member_copy (member);
  aisle_member_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMBER]);
}

/* aisle-kiosk-welcome-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three large actions; each opens its screen in the AisleKioskShell around the page. The
 * page holds nothing of any shopper, so the shell keeps it across resets. The kiosk never
 * shows or searches members.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-kiosk-shell.h"
#include "aisle-kiosk-welcome-page.h"

struct _AisleKioskWelcomePage
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkBox    *actions_box;
  GtkButton *check_button;
  GtkButton *earn_button;
  GtkButton *join_button;
  GtkLabel  *title_label;
};

G_DEFINE_FINAL_TYPE (AisleKioskWelcomePage, aisle_kiosk_welcome_page, GTK_TYPE_WIDGET)

static void
kiosk_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkWidget *shell = gtk_widget_get_ancestor (widget, AISLE_TYPE_KIOSK_SHELL);

  if (shell == NULL)
    return;
  if (g_strcmp0 (action_name, "kiosk.join") == 0)
    aisle_kiosk_shell_show (AISLE_KIOSK_SHELL (shell), "join");
  else if (g_strcmp0 (action_name, "kiosk.earn-points") == 0)
    aisle_kiosk_shell_show (AISLE_KIOSK_SHELL (shell), "earn");
  else if (g_strcmp0 (action_name, "kiosk.check-product") == 0)
    aisle_kiosk_shell_show (AISLE_KIOSK_SHELL (shell), "product");
}

static void
aisle_kiosk_welcome_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), AISLE_TYPE_KIOSK_WELCOME_PAGE);
  /* The template's root box is not a bound child, so dispose_template() leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (aisle_kiosk_welcome_page_parent_class)->dispose (object);
}

static void
aisle_kiosk_welcome_page_class_init (AisleKioskWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_kiosk_welcome_page_dispose;

  gtk_widget_class_install_action (widget_class, "kiosk.join", NULL, kiosk_action_cb);
  gtk_widget_class_install_action (widget_class, "kiosk.earn-points", NULL, kiosk_action_cb);
  gtk_widget_class_install_action (widget_class, "kiosk.check-product", NULL, kiosk_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-kiosk-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleKioskWelcomePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskWelcomePage, check_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskWelcomePage, earn_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskWelcomePage, join_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskWelcomePage, title_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskwelcomepage");
}

static void
aisle_kiosk_welcome_page_init (AisleKioskWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aisle_kiosk_welcome_page_new (void)
{
  return g_object_new (AISLE_TYPE_KIOSK_WELCOME_PAGE, NULL);
}

/* aisle-kiosk-shell.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk is shared by strangers, so the shell owns everything that must not outlive one
 * shopper. Its reset does not clear fields one by one (a field added later would be forgotten):
 * it cancels the shopper's pending work and replaces every page that can hold input with a
 * new instance, so nothing typed, scanned or shown survives by construction. Only the welcome
 * page, which never holds shopper data, is kept.
 *
 * Codes come from a USB scanner (the window's wedge) on every screen, and from the camera
 * while a screen that asks for a scan is shown; both end in aisle_window_dispatch_scan().
 *
 * The idle timer runs while a shopper is away from the welcome screen. Any touch, click, key
 * or scan restarts it; when it fires, "Are you still there?" counts down and then resets.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-application.h"
#include "aisle-kiosk-card-page.h"
#include "aisle-kiosk-earn-page.h"
#include "aisle-kiosk-join-page.h"
#include "aisle-kiosk-product-page.h"
#include "aisle-kiosk-shell-private.h"
#include "aisle-kiosk-staff-page.h"
#include "aisle-kiosk-welcome-page.h"


G_DEFINE_FINAL_TYPE (AisleKioskShell, aisle_kiosk_shell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_IDLE_TIMEOUT,
  PROP_COUNTDOWN,
  PROP_PAGE_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void arm_idle (AisleKioskShell *self);

/* --- identity (keys, store, hub) ----------------------------------------------------------- */

static gpointer
load_identity_job (AisleStore  *store,
                   gpointer     data,
                   GCancellable  *cancellable,
                   GError     **error)
{
  return aisle_store_kiosk_load_identity (store, error);
}

static void
on_identity_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AisleKioskShell *self = user_data;
  g_autoptr(GError) error = NULL;
  AisleKioskIdentity *identity = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (identity == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the kiosk's keys: %s", error->message);
      return;
    }
  g_clear_pointer (&self->identity, aisle_kiosk_identity_free);
  self->identity = identity;
}

static void
load_identity (AisleKioskShell *self)
{
  AisleWorker *worker = aisle_kiosk_shell_get_worker (self);

  if (worker == NULL)
    return;
  g_cancellable_cancel (self->identity_cancellable);
  g_clear_object (&self->identity_cancellable);
  self->identity_cancellable = g_cancellable_new ();
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, load_identity_job, NULL, NULL,
                          (GDestroyNotify) aisle_kiosk_identity_free, self->identity_cancellable,
                          on_identity_loaded_cb, self);
}

/* --- pages --------------------------------------------------------------------------------- */

static void
replace_page (AisleKioskShell  *self,
              GtkWidget       **slot,
              GtkWidget        *page,
              const char       *name)
{
  if (*slot != NULL)
    gtk_stack_remove (self->stack, *slot);
  *slot = page;
  gtk_stack_add_named (self->stack, page, name);
}

static void
build_shopper_pages (AisleKioskShell *self)
{
  replace_page (self, &self->join_page, aisle_kiosk_join_page_new (self), "join");
  replace_page (self, &self->card_page, aisle_kiosk_card_page_new (self), "card");
  replace_page (self, &self->earn_page, aisle_kiosk_earn_page_new (self), "earn");
  replace_page (self, &self->product_page, aisle_kiosk_product_page_new (self), "product");
  replace_page (self, &self->staff_page, aisle_kiosk_staff_page_new (self), "staff");
}

/* --- idle ---------------------------------------------------------------------------------- */

static void
stop_idle (AisleKioskShell *self)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->idle_panel), FALSE);
}

static void
update_countdown_label (AisleKioskShell *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the idle countdown on a shared kiosk. */
                                       "Starting over in %u second",
                                       "Starting over in %u seconds", self->countdown_left),
                          self->countdown_left);
  gtk_label_set_label (self->countdown_label, text);
}

static gboolean
countdown_tick_cb (gpointer user_data)
{
  AisleKioskShell *self = user_data;

  if (self->countdown_left > 1)
    {
      self->countdown_left--;
      update_countdown_label (self);
      return G_SOURCE_CONTINUE;
    }
  self->countdown_source = 0;
  aisle_kiosk_shell_reset (self);
  return G_SOURCE_REMOVE;
}

static gboolean
idle_timeout_cb (gpointer user_data)
{
  AisleKioskShell *self = user_data;

  self->idle_source = 0;
  self->countdown_left = MAX (self->countdown, 1);
  update_countdown_label (self);
  gtk_widget_set_visible (GTK_WIDGET (self->idle_panel), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->still_here_button));
  self->countdown_source = g_timeout_add_seconds (1, countdown_tick_cb, self);
  return G_SOURCE_REMOVE;
}

static void
arm_idle (AisleKioskShell *self)
{
  stop_idle (self);
  /* The welcome screen holds nothing of anyone: no timer needed there. */
  if (self->welcome_page != NULL
      && gtk_stack_get_visible_child (self->stack) == self->welcome_page)
    return;
  self->idle_source = g_timeout_add_seconds (MAX (self->idle_timeout, 1), idle_timeout_cb, self);
}

static gboolean
on_event_cb (GtkEventControllerLegacy *controller,
             GdkEvent                 *event,
             AisleKioskShell          *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_KEY_PRESS:
    case GDK_SCROLL:
      aisle_kiosk_shell_poke (self);
      break;

    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_still_here_clicked_cb (AisleKioskShell *self)
{
  aisle_kiosk_shell_poke (self);
}

static void
on_corner_pressed_cb (AisleKioskShell *self,
                      double           x,
                      double           y)
{
  aisle_kiosk_shell_open_staff (self);
}

/* --- scans --------------------------------------------------------------------------------- */

static void
on_code_scanned_cb (AisleKioskShell *self,
                    AisleCode       *code,
                    AisleScanSource  source)
{
  GtkWidget *visible = gtk_stack_get_visible_child (self->stack);
  g_autoptr(AisleCode) verified = aisle_kiosk_shell_verify_code (self, code);

  aisle_kiosk_shell_poke (self);
  if (visible == self->join_page)
    aisle_kiosk_join_page_handle_code (AISLE_KIOSK_JOIN_PAGE (visible), verified);
  else if (visible == self->earn_page)
    aisle_kiosk_earn_page_handle_code (AISLE_KIOSK_EARN_PAGE (visible), verified);
  else if (visible == self->product_page)
    aisle_kiosk_product_page_handle_code (AISLE_KIOSK_PRODUCT_PAGE (visible), verified);
  else if (visible == self->staff_page)
    aisle_kiosk_staff_page_handle_code (AISLE_KIOSK_STAFF_PAGE (visible), verified);
  else if (visible == self->welcome_page || visible == self->card_page)
    {
      /* From the start screen a scan says what the shopper wants. */
      switch (aisle_code_get_kind (verified))
        {
        case AISLE_CODE_KIND_PRODUCT:
          aisle_kiosk_shell_show (self, "product");
          aisle_kiosk_product_page_handle_code (AISLE_KIOSK_PRODUCT_PAGE (self->product_page),
                                                verified);
          break;

        case AISLE_CODE_KIND_MEMBER_CARD:
        case AISLE_CODE_KIND_EINVOICE:
          aisle_kiosk_shell_show (self, "earn");
          aisle_kiosk_earn_page_handle_code (AISLE_KIOSK_EARN_PAGE (self->earn_page), verified);
          break;

        default:
          break;
        }
    }
}

/* The application's settings object: it knows the uninstalled build's schema source. */
static void
bind_settings (AisleKioskShell *self)
{
  GtkApplication *app;

  if (self->settings != NULL || self->window == NULL)
    return;
  app = gtk_window_get_application (GTK_WINDOW (self->window));
  if (!AISLE_IS_APPLICATION (app))
    return;
  self->settings = g_object_ref (aisle_application_get_settings (AISLE_APPLICATION (app)));
  g_settings_bind (self->settings, "idle-timeout", self, "idle-timeout", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "camera-pipeline", self->camera, "source", G_SETTINGS_BIND_GET);
}

static void
on_window_notify_worker_cb (AisleKioskShell *self)
{
  load_identity (self);
}

/* --- GObject ------------------------------------------------------------------------------- */

static void
aisle_kiosk_shell_constructed (GObject *object)
{
  AisleKioskShell *self = AISLE_KIOSK_SHELL (object);

  G_OBJECT_CLASS (aisle_kiosk_shell_parent_class)->constructed (object);

  if (self->window != NULL)
    {
      /* The window gets its application after it is constructed (and builds us then). */
      g_signal_connect_object (self->window, "notify::application",
                               G_CALLBACK (bind_settings), self, G_CONNECT_SWAPPED);
      bind_settings (self);
      g_signal_connect_object (self->window, "code-scanned", G_CALLBACK (on_code_scanned_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->window, "notify::worker",
                               G_CALLBACK (on_window_notify_worker_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->window, "notify::sync-client",
                               G_CALLBACK (on_window_notify_worker_cb), self, G_CONNECT_SWAPPED);
    }
  load_identity (self);
}

static void
aisle_kiosk_shell_dispose (GObject *object)
{
  AisleKioskShell *self = AISLE_KIOSK_SHELL (object);

  stop_idle (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->identity_cancellable);
  if (self->camera != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->camera, self);
      aisle_camera_stop (self->camera);
    }
  self->welcome_page = self->join_page = self->card_page = NULL;
  self->earn_page = self->product_page = self->staff_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_KIOSK_SHELL);
  g_clear_weak_pointer (&self->window);
  g_clear_object (&self->settings);
  g_clear_object (&self->camera);

  G_OBJECT_CLASS (aisle_kiosk_shell_parent_class)->dispose (object);
}

static void
aisle_kiosk_shell_finalize (GObject *object)
{
  AisleKioskShell *self = AISLE_KIOSK_SHELL (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->identity_cancellable);
  g_clear_pointer (&self->identity, aisle_kiosk_identity_free);

  G_OBJECT_CLASS (aisle_kiosk_shell_parent_class)->finalize (object);
}

static void
aisle_kiosk_shell_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AisleKioskShell *self = AISLE_KIOSK_SHELL (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout);
      break;

    case PROP_COUNTDOWN:
      g_value_set_uint (value, self->countdown);
      break;

    case PROP_PAGE_NAME:
      g_value_set_string (value, aisle_kiosk_shell_get_page_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_kiosk_shell_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AisleKioskShell *self = AISLE_KIOSK_SHELL (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_set_weak_pointer (&self->window, g_value_get_object (value));
      break;

    case PROP_IDLE_TIMEOUT:
      if (self->idle_timeout != g_value_get_uint (value))
        {
          self->idle_timeout = g_value_get_uint (value);
          if (self->idle_source != 0)
            arm_idle (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_COUNTDOWN:
      if (self->countdown != g_value_get_uint (value))
        {
          self->countdown = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_kiosk_shell_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (aisle_kiosk_shell_parent_class)->map (widget);
  _aisle_kiosk_shell_update_camera (AISLE_KIOSK_SHELL (widget));
}

static void
aisle_kiosk_shell_unmap (GtkWidget *widget)
{
  AisleKioskShell *self = AISLE_KIOSK_SHELL (widget);

  if (self->camera != NULL)
    aisle_camera_stop (self->camera);
  GTK_WIDGET_CLASS (aisle_kiosk_shell_parent_class)->unmap (widget);
}

static void
aisle_kiosk_shell_class_init (AisleKioskShellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = aisle_kiosk_shell_constructed;
  object_class->dispose = aisle_kiosk_shell_dispose;
  object_class->finalize = aisle_kiosk_shell_finalize;
  object_class->get_property = aisle_kiosk_shell_get_property;
  object_class->set_property = aisle_kiosk_shell_set_property;

  widget_class->map = aisle_kiosk_shell_map;
  widget_class->unmap = aisle_kiosk_shell_unmap;

  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL, AISLE_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL, 1, 3600, 45,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTDOWN] =
    g_param_spec_uint ("countdown", NULL, NULL, 1, 600, AISLE_KIOSK_COUNTDOWN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE_NAME] =
    g_param_spec_string ("page-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-kiosk-shell.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleKioskShell, corner);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskShell, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskShell, idle_panel);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskShell, overlay);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskShell, stack);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskShell, still_here_button);
  gtk_widget_class_bind_template_callback (widget_class, on_corner_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_still_here_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskshell");
}

static void
load_css (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/kiosk.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&loaded, 1);
    }
}

static void
aisle_kiosk_shell_init (AisleKioskShell *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  load_css ();

  self->idle_timeout = 45;
  self->countdown = AISLE_KIOSK_COUNTDOWN;
  self->cancellable = g_cancellable_new ();
  self->camera = aisle_camera_new ();
  g_signal_connect_object (self->camera, "code-detected", G_CALLBACK (_aisle_kiosk_shell_on_camera_code_detected),
                           self, G_CONNECT_SWAPPED);

  /* Capture phase: every touch counts as presence, whichever widget takes it. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->welcome_page = aisle_kiosk_welcome_page_new ();
  gtk_stack_add_named (self->stack, self->welcome_page, "welcome");
  build_shopper_pages (self);
  gtk_stack_set_visible_child (self->stack, self->welcome_page);
}

/**
 * aisle_kiosk_shell_new:
 * @window: the window whose worker, sync client and scans the kiosk uses
 *
 * Returns: (transfer floating): a new #AisleKioskShell
 */
GtkWidget *
aisle_kiosk_shell_new (AisleWindow *window)
{
  g_return_val_if_fail (window == NULL || AISLE_IS_WINDOW (window), NULL);

  return g_object_new (AISLE_TYPE_KIOSK_SHELL, "window", window, NULL);
}

AisleWindow *
aisle_kiosk_shell_get_window (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return self->window;
}

AisleWorker *
aisle_kiosk_shell_get_worker (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return self->window != NULL ? aisle_window_get_worker (self->window) : NULL;
}

/* The application's settings, or %NULL without an application (some tests). */
GSettings *
aisle_kiosk_shell_get_settings (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return self->settings;
}

AisleSyncClient *
aisle_kiosk_shell_get_sync_client (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return self->window != NULL ? aisle_window_get_sync_client (self->window) : NULL;
}

/* The device's pairing and keys, or %NULL while they are being read. */
const AisleKioskIdentity *
aisle_kiosk_shell_get_identity (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return self->identity;
}

/* Cancelled when the shopper's session ends (reset): pass it to every async call of a page. */
GCancellable *
aisle_kiosk_shell_get_cancellable (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return self->cancellable;
}

const char *
aisle_kiosk_shell_get_page_name (AisleKioskShell *self)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
aisle_kiosk_shell_get_page (AisleKioskShell *self,
                            const char      *name)
{
  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

void
aisle_kiosk_shell_show (AisleKioskShell *self,
                        const char      *name)
{
  GtkWidget *page;

  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));

  page = gtk_stack_get_child_by_name (self->stack, name);
  g_return_if_fail (page != NULL);
  gtk_stack_set_visible_child (self->stack, page);
  arm_idle (self);
  _aisle_kiosk_shell_update_camera (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
}

void
aisle_kiosk_shell_show_card (AisleKioskShell *self,
                             const char      *name,
                             const char      *member_id,
                             const char      *number,
                             gint64           mutation_id)
{
  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));

  aisle_kiosk_card_page_set_member (AISLE_KIOSK_CARD_PAGE (self->card_page), name, member_id,
                                    number, mutation_id);
  aisle_kiosk_shell_show (self, "card");
}

/* A known phone number: a message that says nothing about who has it. */
void
aisle_kiosk_shell_show_notice (AisleKioskShell *self)
{
  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));

  aisle_kiosk_card_page_show_notice (AISLE_KIOSK_CARD_PAGE (self->card_page));
  aisle_kiosk_shell_show (self, "card");
}

void
aisle_kiosk_shell_earn_for (AisleKioskShell *self,
                            const char      *member_id)
{
  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));

  aisle_kiosk_earn_page_set_member (AISLE_KIOSK_EARN_PAGE (self->earn_page), member_id);
  aisle_kiosk_shell_show (self, "earn");
}

/**
 * aisle_kiosk_shell_reset:
 * @self: the shell
 *
 * Ends the shopper's session: cancels their pending work, replaces every page that held their
 * input and returns to the welcome screen.
 */
void
aisle_kiosk_shell_reset (AisleKioskShell *self)
{
  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));

  stop_idle (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_stack_set_visible_child (self->stack, self->welcome_page);
  build_shopper_pages (self);
  _aisle_kiosk_shell_update_camera (self);
  load_identity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_NAME]);
}

/* Someone is there: restart the idle timer and put away "Are you still there?". */
void
aisle_kiosk_shell_poke (AisleKioskShell *self)
{
  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));

  arm_idle (self);
}

void
aisle_kiosk_shell_open_staff (AisleKioskShell *self)
{
  g_return_if_fail (AISLE_IS_KIOSK_SHELL (self));

  /* A fresh page: a half-typed PIN from before is never shown again. */
  replace_page (self, &self->staff_page, aisle_kiosk_staff_page_new (self), "staff");
  aisle_kiosk_shell_show (self, "staff");
}

/**
 * aisle_kiosk_shell_verify_code:
 * @self: the shell
 * @code: a code as the window classified it (without keys)
 *
 * Classifies @code's bytes again with the kiosk's key ring, so signed member cards are checked.
 *
 * Returns: (transfer full): the verified code
 */
AisleCode *
aisle_kiosk_shell_verify_code (AisleKioskShell *self,
                               AisleCode       *code)
{
  AisleCodesContext context = { 0 };
  GBytes *raw;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (AISLE_IS_KIOSK_SHELL (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (aisle_code_get_kind (code) != AISLE_CODE_KIND_MEMBER_CARD || self->identity == NULL)
    return aisle_code_ref (code);
  raw = aisle_code_get_raw (code);
  data = g_bytes_get_data (raw, &len);
  context.key_ring = self->identity->key_ring;
  return aisle_codes_classify (data != NULL ? data : (const guint8 *) "", len, &context);
}

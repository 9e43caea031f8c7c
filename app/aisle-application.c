/* aisle-application.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-application.h"
#include "aisle-build-env.h"
#include "aisle-capture.h"
#include "aisle-resources.h"
#include "aisle-window.h"

struct _AisleApplication
{
  AdwApplication   parent_instance;

  /* Owned */
  GSettings       *settings;        /* NULL when the schema is not installed: defaults apply */
  AisleSyncStatus *sync_status;     /* one per device, shared by its windows */
  char            *cache_path;      /* --cache, or NULL for the default */
  AisleMode        mode;            /* --mode, when mode_set */
  int              exit_status;
  guint            mode_set : 1;
};

G_DEFINE_FINAL_TYPE (AisleApplication, aisle_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "mode", 'm', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Run as a staff tablet or a shopper kiosk (overrides the “mode” setting)"), "tablet|kiosk" },
  { "cache", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("The device cache file to open"), N_("FILE") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static char *
default_cache_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "aisle", "cache.db", NULL);
}

static AisleMode
resolve_mode (AisleApplication *self)
{
  g_autofree char *name = NULL;
  AisleMode mode = AISLE_MODE_TABLET;

  if (self->mode_set)
    return self->mode;

  if (self->settings != NULL)
    name = g_settings_get_string (self->settings, "mode");
  if (name != NULL && !aisle_mode_from_string (name, &mode))
    g_warning ("unknown mode “%s” in settings, using tablet", name);

  return mode;
}

static int
aisle_application_handle_local_options (GApplication *app,
                                        GVariantDict *options)
{
  AisleApplication *self = AISLE_APPLICATION (app);
  const char *mode = NULL;
  const char *cache = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "mode", "&s", &mode))
    {
      AisleMode parsed;

      if (!aisle_mode_from_string (mode, &parsed))
        {
          /* Translators: do not translate "tablet" and "kiosk" */
          g_printerr (_("Unknown mode “%s”: use tablet or kiosk\n"), mode);
          return 2;
        }
      aisle_application_set_mode (self, parsed);
    }

  if (g_variant_dict_lookup (options, "cache", "^&ay", &cache) && *cache != '\0')
    {
      g_autofree char *absolute = g_canonicalize_filename (cache, NULL);

      aisle_application_set_cache_path (self, absolute);
    }

  return G_APPLICATION_CLASS (aisle_application_parent_class)->handle_local_options (app, options);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AisleApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Aisle authors", NULL };

  adw_show_about_window (window,
                         "application-name", _("Aisle"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Membership, points and stock for the shop floor, online and offline"),
                         "developers", developers,
                         "copyright", "© 2026 The Aisle authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AisleApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close the windows first so that each cancels its work and drops its cache. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
aisle_application_startup (GApplication *app)
{
  AisleApplication *self = AISLE_APPLICATION (app);
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  /* AdwApplication loads style.css and the icons from the resource base path. */
  G_APPLICATION_CLASS (aisle_application_parent_class)->startup (app);

  source = aisle_build_env_get_schema_source ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_message ("the settings schema %s is not installed; using defaults", APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  /* A store device's cursor does not blink: GTK fades a blinking cursor in and out on every
   * frame, so a focused entry repaints the window 60 times a second for ten seconds after each
   * keystroke (CPU and battery), and each keystroke's own frame waits for that animation's next
   * slot instead of being drawn at once (docs/benchmarks.md, Tablet). */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
}

static void
aisle_application_activate (GApplication *app)
{
  AisleApplication *self = AISLE_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  AisleMode mode;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  mode = resolve_mode (self);

  /* A kiosk offers no keyboard way out (issue 7: only a manager PIN). */
  if (mode == AISLE_MODE_TABLET)
    {
      const char *quit_accels[] = { "<Control>q", NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
    }
  else
    {
      const char *no_accels[] = { NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", no_accels);
    }

  window = GTK_WINDOW (aisle_window_new (ADW_APPLICATION (self), mode,
                                         aisle_application_get_cache_path (self),
                                         self->sync_status));
  /* The wedge scanner's timing is per site (scanner models differ), so it is a setting. */
  if (self->settings != NULL)
    g_settings_bind (self->settings, "scanner-max-gap",
                     aisle_window_get_wedge (AISLE_WINDOW (window)), "max-gap",
                     G_SETTINGS_BIND_GET);
  aisle_capture_prepare_window (AISLE_WINDOW (window));
  aisle_capture_attach (AISLE_WINDOW (window));
  gtk_window_present (window);
}

static void
aisle_application_dispose (GObject *object)
{
  AisleApplication *self = (AisleApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->sync_status);

  G_OBJECT_CLASS (aisle_application_parent_class)->dispose (object);
}

static void
aisle_application_finalize (GObject *object)
{
  AisleApplication *self = (AisleApplication *)object;

  g_clear_pointer (&self->cache_path, g_free);

  G_OBJECT_CLASS (aisle_application_parent_class)->finalize (object);
}

static void
aisle_application_class_init (AisleApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = aisle_application_dispose;
  object_class->finalize = aisle_application_finalize;

  app_class->activate = aisle_application_activate;
  app_class->handle_local_options = aisle_application_handle_local_options;
  app_class->startup = aisle_application_startup;

  /* Referencing the bundle keeps its object (and its registering constructor) in the link
   * even though the app lives in a static library. */
  g_assert (aisle_get_resource () != NULL);
}

static void
aisle_application_init (AisleApplication *self)
{
  self->sync_status = aisle_sync_status_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Membership, points and stock for the shop floor."));
}

AisleApplication *
aisle_application_new (GApplicationFlags flags)
{
  return g_object_new (AISLE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags,
                       /* The same resources serve the .Devel id. */
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

GSettings *
aisle_application_get_settings (AisleApplication *self)
{
  g_return_val_if_fail (AISLE_IS_APPLICATION (self), NULL);

  return self->settings;
}

AisleSyncStatus *
aisle_application_get_sync_status (AisleApplication *self)
{
  g_return_val_if_fail (AISLE_IS_APPLICATION (self), NULL);

  return self->sync_status;
}

AisleMode
aisle_application_get_mode (AisleApplication *self)
{
  g_return_val_if_fail (AISLE_IS_APPLICATION (self), AISLE_MODE_TABLET);

  return resolve_mode (self);
}

void
aisle_application_set_mode (AisleApplication *self,
                            AisleMode         mode)
{
  g_return_if_fail (AISLE_IS_APPLICATION (self));

  self->mode = mode;
  self->mode_set = TRUE;
}

const char *
aisle_application_get_cache_path (AisleApplication *self)
{
  g_return_val_if_fail (AISLE_IS_APPLICATION (self), NULL);

  if (self->cache_path == NULL)
    self->cache_path = default_cache_path ();

  return self->cache_path;
}

void
aisle_application_set_cache_path (AisleApplication *self,
                                  const char       *cache_path)
{
  g_return_if_fail (AISLE_IS_APPLICATION (self));

  g_free (self->cache_path);
  self->cache_path = g_strdup (cache_path);
}

int
aisle_application_get_exit_status (AisleApplication *self)
{
  g_return_val_if_fail (AISLE_IS_APPLICATION (self), 1);

  return self->exit_status;
}

void
aisle_application_quit_with_status (AisleApplication *self,
                                    int               status)
{
  g_return_if_fail (AISLE_IS_APPLICATION (self));

  self->exit_status = status;
  g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
}

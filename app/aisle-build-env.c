/* aisle-build-env.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-build-env.h"

/* AISLE_BUILD_ROOT and its subdirectories are defined by app/meson.build. */

gboolean
aisle_build_env_is_uninstalled (void)
{
  static gsize once = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&once))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *root = g_canonicalize_filename (AISLE_BUILD_ROOT, NULL);
      g_autofree char *prefix = g_strconcat (root, G_DIR_SEPARATOR_S, NULL);

      uninstalled = exe != NULL && g_str_has_prefix (exe, prefix);
      g_once_init_leave (&once, 1);
    }

  return uninstalled;
}

const char *
aisle_build_env_get_locale_dir (void)
{
  if (aisle_build_env_is_uninstalled ()
      && g_file_test (AISLE_BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
    return AISLE_BUILD_LOCALEDIR;

  return LOCALEDIR;
}

/* The default source, with the build tree's compiled schema in front when uninstalled
 * (unless GSETTINGS_SCHEMA_DIR already says where to look). Transfer full; NULL if none. */
GSettingsSchemaSource *
aisle_build_env_get_schema_source (void)
{
  GSettingsSchemaSource *parent = g_settings_schema_source_get_default ();
  g_autofree char *compiled = g_build_filename (AISLE_BUILD_SCHEMADIR, "gschemas.compiled", NULL);

  if (aisle_build_env_is_uninstalled ()
      && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL
      && g_file_test (compiled, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) error = NULL;
      GSettingsSchemaSource *source;

      source = g_settings_schema_source_new_from_directory (AISLE_BUILD_SCHEMADIR, parent,
                                                            FALSE, &error);
      if (source != NULL)
        return source;
      g_warning ("could not read the build tree's schemas: %s", error->message);
    }

  return parent != NULL ? g_settings_schema_source_ref (parent) : NULL;
}

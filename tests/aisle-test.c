/* aisle-test.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "aisle-test.h"

void
aisle_test_init (int    *argc,
                 char ***argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GIO_USE_VFS", "local", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

char *
aisle_test_data_path (const char *relpath)
{
  const char *root = g_getenv ("AISLE_TESTDATA");
  g_autofree char *path = NULL;

  if (root == NULL || *root == '\0')
    root = "../shared/testdata";
  path = g_build_filename (root, relpath, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf ("test data %s not found (is ../shared beside the project?)",
                                              path);
      g_test_skip (msg);
      return NULL;
    }
  return g_steal_pointer (&path);
}

char *
aisle_test_mkdtemp (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("aisle-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
rm_rf (const char *path)
{
  GDir *dir;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
aisle_test_rmdir (const char *path)
{
  if (path != NULL)
    rm_rf (path);
}

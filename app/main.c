/* main.c: the `aisle` program.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "aisle-application.h"
#include "aisle-build-env.h"
#include "aisle-capture.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AisleApplication) app = NULL;
  int status;

  aisle_capture_mark_process_start ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, aisle_build_env_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Aisle"));

  app = aisle_application_new (G_APPLICATION_DEFAULT_FLAGS);
  status = g_application_run (G_APPLICATION (app), argc, argv);
  if (status == 0)
    status = aisle_application_get_exit_status (app);

  return status;
}

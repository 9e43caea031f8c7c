/* aisle-test.h: shared set-up for every test executable.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* g_test_init() with isolated XDG dirs and the memory GSettings backend. */
void   aisle_test_init           (int    *argc,
                                  char ***argv);
/* The absolute path of ../shared/testdata/@relpath, or NULL (and the test marked skipped with a
 * clear message) when shared/ is not beside the project. */
char  *aisle_test_data_path      (const char *relpath);
/* A fresh temporary directory for this test, removed by aisle_test_rmdir(). */
char  *aisle_test_mkdtemp        (void);
void   aisle_test_rmdir          (const char *path);

G_END_DECLS

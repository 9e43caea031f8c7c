/* aisle-test-ui.h: helpers shared by the UI tests (the real window under Xvfb).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*AisleTestCondition) (gpointer data);

/* aisle_test_init() for UI tests, keeping the system's XDG_DATA_DIRS (GTK needs shared-mime-info
 * and the Adwaita icon theme, which G_TEST_OPTION_ISOLATE_DIRS hides) for the test subprocesses. */
void       aisle_test_ui_init               (int                *argc,
                                             char             ***argv);
/* Adds a UI test that runs in a subprocess of its own (an application and its window cannot be
 * made twice in one process), like g_test_add(): a zeroed @Fixture, @fsetup and @fteardown
 * (either may be NULL) around @ftest, which get @tdata. */
#define aisle_test_ui_add(path, Fixture, tdata, fsetup, ftest, fteardown)                      \
  G_STMT_START {                                                                              \
    void (*add_setup_) (Fixture *, gconstpointer) = fsetup;                                   \
    void (*add_test_) (Fixture *, gconstpointer) = ftest;                                     \
    void (*add_teardown_) (Fixture *, gconstpointer) = fteardown;                             \
    aisle_test_ui_add_vtable (path, sizeof (Fixture), tdata, (GTestFixtureFunc) add_setup_,   \
                              (GTestFixtureFunc) add_test_, (GTestFixtureFunc) add_teardown_); \
  } G_STMT_END
void       aisle_test_ui_add_vtable         (const char         *path,
                                             gsize               fixture_size,
                                             gconstpointer       tdata,
                                             GTestFixtureFunc    setup,
                                             GTestFixtureFunc    test,
                                             GTestFixtureFunc    teardown);
/* The same for a test without a fixture. */
void       aisle_test_ui_add_func           (const char         *path,
                                             GTestFunc           test);
/* Puts the system's data dirs back after isolation replaced them (call in each fixture). */
void       aisle_test_ui_restore_data_dirs  (void);

/* Spins the default main context until @cond holds; FALSE if @timeout_ms passed first. */
gboolean   aisle_test_ui_wait_until         (AisleTestCondition  cond,
                                             gpointer            data,
                                             guint               timeout_ms);
/* Runs whatever is ready on the default main context, without blocking. */
void       aisle_test_ui_spin               (void);
/* The accessible label of @widget (transfer full), or NULL. */
char      *aisle_test_ui_accessible_label   (GtkWidget          *widget);
/* The first widget under @root whose accessible label is @label, as a screen reader finds it. */
GtkWidget *aisle_test_ui_find_by_label      (GtkWidget          *root,
                                             const char         *label);
/* A mapped GtkLabel under @root showing exactly @text. */
GtkWidget *aisle_test_ui_find_visible_label (GtkWidget          *root,
                                             const char         *text);
/* Whether any label or editable under @root contains @needle. */
gboolean   aisle_test_ui_tree_has_text      (GtkWidget          *root,
                                             const char         *needle);
/* Resizes @window to @width x @height, waits for it to draw at that size and saves it as
 * NAME.png in $AISLE_SCREENSHOT_DIR (`./run screenshots` points it at docs/screenshots/) or, by
 * default, in the build's tests/screenshots/. Fails the test if the window cannot be drawn. */
void       aisle_test_ui_screenshot         (GtkWindow          *window,
                                             int                 width,
                                             int                 height,
                                             const char         *name);
/* Writes four known members (林美玲, 林志明, 王小明, 陳淑芬) to the cache at @path. */
void       aisle_test_ui_seed_cache         (const char         *path);

G_END_DECLS

/* aisle-test-ui.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <string.h>

#include "aisle-model.h"
#include "aisle-store.h"
#include "aisle-test.h"
#include "aisle-test-ui.h"

/* The system's data dirs, from before G_TEST_OPTION_ISOLATE_DIRS replaced them. */
static char *system_data_dirs;

void
aisle_test_ui_init (int    *argc,
                    char ***argv)
{
  const char *data_dirs = g_getenv ("AISLE_TEST_SYSTEM_DATA_DIRS");

  /* A test's subprocess inherits the isolated XDG_DATA_DIRS; the original rides along. */
  if (data_dirs == NULL)
    data_dirs = g_getenv ("XDG_DATA_DIRS");
  system_data_dirs = g_strdup (data_dirs != NULL && *data_dirs != '\0'
                               ? data_dirs : "/usr/local/share:/usr/share");
  g_setenv ("AISLE_TEST_SYSTEM_DATA_DIRS", system_data_dirs, TRUE);
  aisle_test_init (argc, argv);
}

void
aisle_test_ui_restore_data_dirs (void)
{
  g_assert_nonnull (system_data_dirs);
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the default main context until @cond holds; FALSE if the deadline passed first. */
gboolean
aisle_test_ui_wait_until (AisleTestCondition  cond,
                          gpointer            data,
                          guint               timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (20, wake_cb, NULL);
  gboolean ok = TRUE;

  while (!cond (data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          ok = FALSE;
          break;
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake);
  return ok;
}

void
aisle_test_ui_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The accessible label of @widget, or NULL if it has none. GTK 4.8 has no getter; the test
 * API returns the current value when it differs from the one asked for. */
char *
aisle_test_ui_accessible_label (GtkWidget *widget)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "\x1f" "no widget is called this");
  return value;
}

GtkWidget *
aisle_test_ui_find_by_label (GtkWidget  *root,
                          const char *label)
{
  g_autofree char *value = aisle_test_ui_accessible_label (root);

  if (value != NULL && g_strcmp0 (value, label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = aisle_test_ui_find_by_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A GtkLabel showing exactly @text that is drawn (mapped). */
GtkWidget *
aisle_test_ui_find_visible_label (GtkWidget  *root,
                    const char *text)
{
  if (GTK_IS_LABEL (root)
      && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = aisle_test_ui_find_visible_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
aisle_test_ui_tree_has_text (GtkWidget  *root,
               const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  if (GTK_IS_EDITABLE (root) && strstr (gtk_editable_get_text (GTK_EDITABLE (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (aisle_test_ui_tree_has_text (child, needle))
        return TRUE;
    }

  return FALSE;
}

static AisleMember *
make_member (const char *name,
             const char *phone,
             const char *number,
             const char *tier,
             gint64      last_activity_at)
{
  AisleMember *member = aisle_member_new ();

  member->id = aisle_uuid_new ();
  member->name = g_strdup (name);
  member->phone = g_strdup (phone);
  member->number = g_strdup (number);
  member->tier = g_strdup (tier);
  member->enrolled_at = 1700000000;
  member->last_activity_at = last_activity_at;
  return member;
}

/* A few members with known names and phones, written through the store API. */
void
aisle_test_ui_seed_cache (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = NULL;
  struct { const char *name, *phone, *number, *tier; } members[] = {
    { "林美玲", "0912345678", "M0000123", "gold" },
    { "林志明", "0933111222", "M0000124", "silver" },
    { "王小明", "0987654321", "M0000125", "basic" },
    { "陳淑芬", "0921000999", NULL, "basic" },
  };

  store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(AisleMember) member = make_member (members[i].name, members[i].phone,
                                                   members[i].number, members[i].tier,
                                                   1760000000 + i);

      aisle_store_upsert_member (store, member, &error);
      g_assert_no_error (error);
    }
}

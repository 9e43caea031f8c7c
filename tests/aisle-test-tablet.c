/* aisle-test-tablet.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <sodium.h>
#include <sqlite3.h>

#include "aisle-demo.h"
#include "aisle-session.h"
#include "aisle-signin-page.h"
#include "aisle-store.h"
#include "aisle-sync.h"
#include "aisle-test-tablet.h"
#include "aisle-test-ui.h"

#define WAIT_MS 60000

static void
set_state (AisleStore *store,
           const char *key,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (aisle_store_set_sync_state (store, key, value, &error));
  g_assert_no_error (error);
}

static void
set_key (AisleStore   *store,
         const char   *key,
         const guint8 *bytes,
         gsize         len)
{
  g_autofree char *text = g_base64_encode (bytes, len);

  set_state (store, key, text);
}

void
aisle_test_tablet_make_cache (const char          *path,
                              guint                members,
                              AisleTestTabletKeys *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
  AisleDemoOptions options;
  guint8 hub_pk[AISLE_CODES_PUBLIC_KEY_BYTES];
  guint8 device_sk[AISLE_CODES_SECRET_KEY_BYTES];

  g_assert_no_error (error);
  aisle_demo_options_init (&options);
  options.n_members = members;
  options.n_products = 300;
  options.pin_opslimit = crypto_pwhash_OPSLIMIT_MIN;
  options.pin_memlimit = crypto_pwhash_MEMLIMIT_MIN;
  g_assert_true (aisle_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (aisle_codes_generate_key (hub_pk, keys->hub_secret_key));
  g_assert_true (aisle_codes_generate_key (keys->device_public_key, device_sk));
  set_key (store, AISLE_SYNC_KEY_HUB_PUBLIC_KEY, hub_pk, sizeof hub_pk);
  set_key (store, AISLE_SYNC_KEY_DEVICE_PUBLIC_KEY, keys->device_public_key,
           sizeof keys->device_public_key);
  set_key (store, AISLE_SYNC_KEY_DEVICE_SECRET_KEY, device_sk, sizeof device_sk);
  set_state (store, AISLE_SYNC_KEY_DEVICE_ID, "tablet-test");
  set_state (store, AISLE_SYNC_KEY_STORE_ID, AISLE_TEST_TABLET_STORE);
  set_state (store, AISLE_SYNC_KEY_HUB_URL, AISLE_TEST_TABLET_HUB_URL);
}

void
aisle_test_tablet_seed_staff (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
  g_autoptr(AisleStaff) staff = aisle_staff_new ();
  char hash[crypto_pwhash_STRBYTES];

  g_assert_no_error (error);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str (hash, "1234", 4, crypto_pwhash_OPSLIMIT_MIN,
                                      crypto_pwhash_MEMLIMIT_MIN), ==, 0);
  staff->id = g_strdup ("S0001");
  staff->branch_id = g_strdup (AISLE_TEST_TABLET_STORE);
  staff->name = g_strdup ("陳店長");
  staff->role = AISLE_STAFF_ROLE_MANAGER;
  staff->pin_hash = g_strdup (hash);
  staff->active = TRUE;
  g_assert_true (aisle_store_upsert_staff (store, staff, &error));
  g_assert_no_error (error);
}

void
aisle_test_tablet_press_pin (GtkWidget  *keypad,
                             const char *pin)
{
  GtkWidget *ok;

  for (const char *p = pin; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };
      GtkWidget *button = aisle_test_ui_find_by_label (keypad, digit);

      g_assert_nonnull (button);
      g_assert_true (GTK_IS_BUTTON (button) && gtk_widget_is_sensitive (button));
      /* A click, now: gtk_widget_activate() would emit "clicked" only after 250 ms. */
      g_signal_emit_by_name (button, "clicked");
    }
  ok = aisle_test_ui_find_by_label (keypad, "Enter PIN");
  g_assert_nonnull (ok);
  g_assert_true (gtk_widget_is_sensitive (ok));
  g_signal_emit_by_name (ok, "clicked");
}

typedef struct
{
  AisleWindow *window;
  const char  *staff_id;
} SelectWait;

static gboolean
staff_selected (gpointer data)
{
  SelectWait *w = data;
  GtkWidget *page = aisle_window_get_page (w->window, "signin");

  return g_strcmp0 (aisle_signin_page_get_selected (AISLE_SIGNIN_PAGE (page)), w->staff_id) == 0;
}

static gboolean
page_idle (gpointer data)
{
  return !aisle_signin_page_get_busy (data);
}

gboolean
aisle_test_tablet_sign_in (AisleWindow *window,
                           const char  *staff_id,
                           const char  *pin)
{
  g_autofree char *badge = g_strconcat ("AS-", staff_id, NULL);
  GtkWidget *page = aisle_window_get_page (window, "signin");
  GtkWidget *keypad;
  SelectWait wait = { window, staff_id };

  g_assert_nonnull (page);
  aisle_window_dispatch_scan (window, AISLE_SCAN_SOURCE_WEDGE, (const guint8 *) badge,
                              strlen (badge), AISLE_SYMBOLOGY_NONE);
  if (!aisle_test_ui_wait_until (staff_selected, &wait, WAIT_MS))
    g_error ("the badge %s never selected its staff member", badge);
  keypad = aisle_test_ui_find_by_label (page, "PIN keypad");
  g_assert_nonnull (keypad);
  /* The keypad opens once the lock check is done; a locked staff member's stays shut. */
  g_assert_true (aisle_test_ui_wait_until (page_idle, page, WAIT_MS));
  if (!gtk_widget_is_sensitive (keypad))
    return FALSE;
  aisle_test_tablet_press_pin (keypad, pin);
  g_assert_true (aisle_test_ui_wait_until (page_idle, page, WAIT_MS));
  return aisle_session_get_signed_in (aisle_window_get_session (window));
}

static gboolean
staff_listed (gpointer data)
{
  return aisle_signin_page_get_n_staff (data) >= 0;
}

void
aisle_test_tablet_sign_in_if_asked (AisleWindow *window)
{
  GtkWidget *page = aisle_window_get_page (window, "signin");

  if (g_strcmp0 (aisle_window_get_page_name (window), "signin") != 0)
    return;
  g_assert_true (aisle_test_ui_wait_until (staff_listed, page, WAIT_MS));
  /* A cache without staff (a fresh device) stays on sign-in: the test checks that itself. */
  if (aisle_signin_page_get_n_staff (AISLE_SIGNIN_PAGE (page)) == 0)
    return;
  if (!aisle_test_tablet_sign_in (window, "S0001", "1234"))
    g_error ("S0001 could not sign in with 1234");
}

/* --- the main menu and the store performance PIN prompt ------------------------------------ */

static gboolean
has_mapped_label (GtkWidget  *root,
                  const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_mapped_label (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
popover_mapped (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

gboolean
aisle_test_tablet_menu_has (AisleWindow *window,
                            const char  *label)
{
  GtkWidget *button = aisle_test_ui_find_by_label (GTK_WIDGET (window), "Main menu");
  gboolean found;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (aisle_test_ui_wait_until (popover_mapped, button, WAIT_MS));
  aisle_test_ui_spin ();
  found = has_mapped_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                            label);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  aisle_test_ui_spin ();
  return found;
}

GtkWindow *
aisle_test_tablet_pin_prompt (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          aisle_test_ui_find_by_label (window, "Your PIN for store performance") != NULL)
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
prompt_shown (gpointer data)
{
  return aisle_test_tablet_pin_prompt () != NULL;
}

void
aisle_test_tablet_enter_dashboard_pin (AisleWindow *window,
                                       const char  *pin)
{
  GtkWindow *prompt;

  gtk_widget_activate_action (GTK_WIDGET (window), "window.show-store-performance", NULL);
  if (!aisle_test_ui_wait_until (prompt_shown, NULL, WAIT_MS))
    g_error ("Store Performance did not ask for the PIN");
  prompt = aisle_test_tablet_pin_prompt ();
  aisle_test_tablet_press_pin (aisle_test_ui_find_by_label (GTK_WIDGET (prompt),
                                                            "Your PIN for store performance"),
                               pin);
}

static gboolean
transition_done (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

void
aisle_test_tablet_screenshots (AisleWindow *window,
                               const char  *name)
{
  g_autofree char *portrait = g_strconcat (name, "-portrait", NULL);
  GtkWidget *stack = gtk_widget_get_parent (aisle_window_get_page (window, "signin"));

  g_assert_true (aisle_test_ui_wait_until (transition_done, stack, 60000));
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, name);
  aisle_test_ui_screenshot (GTK_WINDOW (window), 800, 1280, portrait);
}

char *
aisle_test_tablet_query (const char *path,
                         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

gboolean
aisle_test_tablet_on_signin (gpointer window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         !aisle_window_get_loading (AISLE_WINDOW (window)) &&
         g_strcmp0 (aisle_window_get_page_name (AISLE_WINDOW (window)), "signin") == 0;
}

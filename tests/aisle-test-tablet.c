/* aisle-test-tablet.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <sodium.h>

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

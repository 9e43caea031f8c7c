/* test-ui-coupon.c: the tablet window, paired with a real hub on loopback, scanning coupons its
 * cache does not have (issued after the last sync, or another member's): the hub is asked, the
 * answer cached, and the coupon redeemed or refused in words; offline, the tablet says it cannot
 * check the coupon now and changes nothing.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "aisle-application.h"
#include "aisle-profile-page.h"
#include "aisle-test.h"
#include "aisle-test-tablet.h"
#include "aisle-test-ui.h"
#include "aisle-window.h"
#include "test-hub-fixture.h"
#include "test-sync-common.h"

#define WAIT_MS 60000
#define MEMBER "00000000-0000-4000-8780-000000000001"    /* enrolled at TPE01 */
#define STRANGER "00000000-0000-4000-8780-000000000002"  /* enrolled at TPE02 */

typedef struct
{
  Fixture           hub;
  char             *cache_path;
  AisleApplication *app;
  AisleWindow      *window;     /* weak */
  gboolean          ran;
} Test;

/* The first column of the first row of @sql on the tablet's cache file (NULL if none). */
static char *
query (Test       *test,
       const char *sql)
{
  return aisle_test_tablet_query (test->cache_path, sql);
}

static gint64
query_int (Test       *test,
           const char *sql)
{
  g_autofree char *text = query (test, sql);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : -1;
}

static Device *
pair_device (Test       *test,
             const char *path,
             const char *store,
             const char *mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = admin (&test->hub, NULL, "pair-code", store, mode, NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", test->hub.port);
  Device *d = device_open (path, test->hub.session);

  g_assert_true (device_pair (d, url, g_strstrip (code), &error));
  g_assert_no_error (error);
  return d;
}

/* The hub (stores TPE01 and TPE02, staff S0001-S0003 with PIN 1234); a tablet of TPE01, paired
 * and synced, that enrolled MEMBER; a kiosk of TPE02 that enrolled STRANGER. The app then
 * opens the tablet's cache. */
static void
test_set_up (Test *test)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kiosk_path = NULL;

  aisle_test_ui_restore_data_dirs ();
  setup (&test->hub, NULL);
  test->cache_path = g_build_filename (test->hub.dir, "tablet.db", NULL);
  kiosk_path = g_build_filename (test->hub.dir, "kiosk.db", NULL);
  {
    g_autoptr(Device) tablet = pair_device (test, test->cache_path, "TPE01", "tablet");
    g_autoptr(Device) kiosk = pair_device (test, kiosk_path, "TPE02", "kiosk");

    device_enrol (tablet, MEMBER, "蔡佩珊", "0911000222", "S0001");
    device_enrol (kiosk, STRANGER, "蔡佩珊", "0922000333", NULL);
    g_assert_true (device_sync (kiosk, &error));
    g_assert_true (device_sync (tablet, &error));
    g_assert_no_error (error);
  }
  test->app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
  aisle_application_set_cache_path (test->app, test->cache_path);
  aisle_application_set_mode (test->app, AISLE_MODE_TABLET);
}

static void
test_tear_down (Test *test)
{
  g_assert_null (test->window);
  aisle_test_ui_spin ();
  g_clear_object (&test->app);
  aisle_test_ui_spin ();
  g_free (test->cache_path);
  teardown (&test->hub, NULL);
}

/* Issues a coupon on the hub, as the issuing system would, while the hub serves; returns its
 * printed code. */
static char *
issue (Test       *test,
       const char *body,
       const char *member_id,
       gint64      valid_until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (test->hub.db, AISLE_STORE_OPEN_NONE, &error);
  g_autoptr(AisleCoupon) coupon = aisle_coupon_new ();

  g_assert_no_error (error);
  coupon->code = aisle_codes_make_coupon_code (body, &error);
  g_assert_no_error (error);
  coupon->member_id = g_strdup (member_id);
  coupon->title = g_strdup ("週年慶 NT$150");
  coupon->value = 15000;
  coupon->valid_until = valid_until;
  g_assert_true (aisle_store_upsert_coupon (store, coupon, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&coupon->code);
}

static void
scan (Test       *test,
      const char *text)
{
  aisle_window_dispatch_scan (test->window, AISLE_SCAN_SOURCE_WEDGE, (const guint8 *) text,
                              strlen (text), AISLE_SYMBOLOGY_NONE);
}

static gboolean
profile_settled (gpointer data)
{
  AisleProfilePage *page = data;

  return !aisle_profile_page_get_busy (page) && aisle_profile_page_get_member (page) != NULL &&
         g_strcmp0 (aisle_profile_page_get_member_id (page), MEMBER) == 0;
}

static AisleProfilePage *
profile (Test *test)
{
  return AISLE_PROFILE_PAGE (aisle_window_get_page (test->window, "profile"));
}

typedef struct
{
  AisleProfilePage *page;
  const char       *text;
} MessageWait;

static gboolean
message_has (gpointer data)
{
  MessageWait *w = data;

  return !aisle_profile_page_get_busy (w->page) &&
         strstr (aisle_profile_page_get_message (w->page), w->text) != NULL;
}

static void
expect_message (Test       *test,
                const char *text)
{
  MessageWait w = { profile (test), text };

  if (!aisle_test_ui_wait_until (message_has, &w, WAIT_MS))
    g_error ("the profile never said “%s” (it says “%s”)", text,
             aisle_profile_page_get_message (w.page));
}

/* Opens MEMBER's profile by scanning a card the tablet signed itself (cards verify against the
 * device's own key too). */
static void
open_member (Test *test)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret64 = query (test, "SELECT value FROM sync_state WHERE key = "
                                           "'device_secret_key'");
  gsize length = 0;
  g_autofree guint8 *secret = g_base64_decode (secret64, &length);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *card = NULL;

  g_assert_cmpuint (length, ==, AISLE_CODES_SECRET_KEY_BYTES);
  card = aisle_codes_sign_member_card (MEMBER, now - 60, now + 86400, secret, &error);
  g_assert_no_error (error);
  scan (test, card);
  if (!aisle_test_ui_wait_until (profile_settled, profile (test), WAIT_MS))
    g_error ("the member card never opened the profile");
}

static gint64
queued (Test       *test,
        const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE name = "
                                          "'coupon.redeem' AND args_json LIKE '%%%s%%'", code);

  return query_int (test, sql);
}

static gint64
cached (Test       *test,
        const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM coupons WHERE code = '%s'", code);

  return query_int (test, sql);
}

static gboolean
hub_redeemed (gpointer data)
{
  Test *test = data;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM coupon_redemptions WHERE code = '%s'",
                                          (const char *) g_object_get_data (G_OBJECT (test->window), "code"));

  return hub_query_int (&test->hub, sql) == 1;
}

static void
body (Test *test)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *fresh = NULL, *expired = NULL, *theirs = NULL, *later = NULL;
  g_autofree char *unknown = aisle_codes_make_coupon_code ("NOSUCH1", NULL);

  g_assert_true (aisle_test_tablet_sign_in (test->window, "S0001", "1234"));
  open_member (test);

  /* Issued after the tablet's last sync: asked of the hub, cached, redeemed at once. */
  fresh = issue (test, "FRESH01", MEMBER, now + 30 * 86400);
  g_assert_cmpint (cached (test, fresh), ==, 0);
  scan (test, fresh);
  expect_message (test, "Redeemed “週年慶 NT$150”");
  g_assert_cmpint (query_int (test, "SELECT count(*) FROM coupons WHERE redeemed_at > 0"), ==, 1);
  aisle_test_tablet_screenshots (test->window, "tablet-coupon-online");
  /* The hub applies it with the tablet's next sync. */
  g_object_set_data_full (G_OBJECT (test->window), "code", g_strdup (fresh), g_free);
  g_assert_true (aisle_test_ui_wait_until (hub_redeemed, test, WAIT_MS));

  expired = issue (test, "OLD0001", MEMBER, now - 86400);
  scan (test, expired);
  expect_message (test, "expired on");
  g_assert_cmpint (queued (test, expired), ==, 0);

  theirs = issue (test, "THEIRS1", STRANGER, now + 86400);
  scan (test, theirs);
  expect_message (test, "belongs to another member");
  g_assert_cmpint (cached (test, theirs), ==, 0);

  scan (test, unknown);
  expect_message (test, "the hub does not know it either");
  g_assert_cmpint (cached (test, unknown), ==, 0);

  /* The hub is down: nothing to check against, so nothing changes. */
  later = issue (test, "LATER01", MEMBER, now + 86400);
  stop_hub (&test->hub, SIGTERM);
  scan (test, later);
  expect_message (test, "cannot be reached to check it now");
  g_assert_cmpint (cached (test, later), ==, 0);
  g_assert_cmpint (queued (test, later), ==, 0);
  aisle_test_tablet_screenshots (test->window, "tablet-coupon-offline");
}

static void
on_activate_cb (GApplication *app,
                Test         *test)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AISLE_IS_WINDOW (window));
  g_set_weak_pointer (&test->window, AISLE_WINDOW (window));
  g_assert_true (aisle_test_ui_wait_until (aisle_test_tablet_on_signin, window, WAIT_MS));
  body (test);
  test->ran = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_coupon_online (void)
{
  Test test = { 0 };

  test_set_up (&test);
  g_signal_connect_after (test.app, "activate", G_CALLBACK (on_activate_cb), &test);
  g_assert_cmpint (g_application_run (G_APPLICATION (test.app), 0, NULL), ==, 0);
  g_assert_true (test.ran);
  test_tear_down (&test);
}

int
main (int   argc,
      char *argv[])
{
  aisle_test_ui_init (&argc, &argv);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  aisle_test_ui_add_func ("/aisle/app/tablet/coupon-online", test_coupon_online);
  return g_test_run ();
}

/* test-ui-tablet.c: the staff tablet in the real window under Xvfb (issue 6): sign-in and its
 * lock-out, finding a member by phone suffix and by a scanned card, the 360° profile, binding
 * and the binding QR, stock with a reservation, and a coupon redeemed twice.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache is the demo data at test size with the keys a paired tablet keeps; codes are
 * delivered where the scanner delivers them (aisle_window_dispatch_scan()). Widgets are found
 * by accessible label and driven as staff drive them. Waits spin the main loop until a
 * condition holds, with a generous deadline; nothing here asserts timing. Each page is saved
 * at 1280x800 and 800x1280 (docs/screenshots/).
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "aisle-application.h"
#include "aisle-member-search-page.h"
#include "aisle-pin-keypad.h"
#include "aisle-profile-page.h"
#include "aisle-signin-page.h"
#include "aisle-stock-page.h"
#include "aisle-test.h"
#include "aisle-test-tablet.h"
#include "aisle-test-ui.h"
#include "aisle-window.h"

#define WAIT_MS 60000

typedef struct _Fixture Fixture;
typedef void (*TestBody) (Fixture *fixture);

struct _Fixture
{
  char                *dir;
  char                *cache_path;
  AisleApplication    *app;
  AisleWindow         *window;     /* weak */
  TestBody             body;
  gboolean             ran;
  AisleTestTabletKeys  keys;
};

/* --- helpers ------------------------------------------------------------------------------ */

/* The first column of the first row of @sql on the cache file (NULL if none). */
static char *
query (Fixture    *fixture,
       const char *sql)
{
  return aisle_test_tablet_query (fixture->cache_path, sql);
}

static void
fixture_set_up (Fixture *fixture)
{
  aisle_test_ui_restore_data_dirs ();
  fixture->dir = aisle_test_mkdtemp ();
  fixture->cache_path = g_build_filename (fixture->dir, "cache.db", NULL);
  aisle_test_tablet_make_cache (fixture->cache_path, 300, &fixture->keys);
  fixture->app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
  aisle_application_set_cache_path (fixture->app, fixture->cache_path);
  aisle_application_set_mode (fixture->app, AISLE_MODE_TABLET);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_assert_null (fixture->window);
  aisle_test_ui_spin ();
  g_clear_object (&fixture->app);
  aisle_test_ui_spin ();
  aisle_test_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->cache_path, g_free);
}

static void
on_activate_cb (GApplication *app,
                Fixture      *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AISLE_IS_WINDOW (window));
  g_set_weak_pointer (&fixture->window, AISLE_WINDOW (window));
  g_assert_true (aisle_test_ui_wait_until (aisle_test_tablet_on_signin, window, WAIT_MS));
  fixture->body (fixture);
  fixture->ran = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
run_app (Fixture  *fixture,
         TestBody  body)
{
  fixture->body = body;
  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (on_activate_cb), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (fixture->app), 0, NULL), ==, 0);
  g_assert_true (fixture->ran);
}

static void
scan (Fixture    *fixture,
      const char *text)
{
  aisle_window_dispatch_scan (fixture->window, AISLE_SCAN_SOURCE_WEDGE, (const guint8 *) text,
                              strlen (text), AISLE_SYMBOLOGY_NONE);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TextWait;

static gboolean
text_shown (gpointer data)
{
  TextWait *w = data;

  return aisle_test_ui_tree_has_text (w->root, w->text);
}

static void
expect_text (Fixture    *fixture,
             const char *text)
{
  TextWait w = { GTK_WIDGET (fixture->window), text };

  if (!aisle_test_ui_wait_until (text_shown, &w, WAIT_MS))
    g_error ("“%s” never appeared", text);
}

typedef struct
{
  Fixture    *fixture;
  const char *page;
} PageWait;

static gboolean
page_shown (gpointer data)
{
  PageWait *w = data;

  return g_strcmp0 (aisle_window_get_page_name (w->fixture->window), w->page) == 0;
}

static void
expect_page (Fixture    *fixture,
             const char *page)
{
  PageWait w = { fixture, page };

  if (!aisle_test_ui_wait_until (page_shown, &w, WAIT_MS))
    g_error ("the page “%s” never showed (still “%s”)", page,
             aisle_window_get_page_name (fixture->window));
}

static gboolean
profile_settled (gpointer data)
{
  AisleProfilePage *page = data;

  return !aisle_profile_page_get_busy (page) && aisle_profile_page_get_member (page) != NULL;
}

static AisleProfilePage *
profile_page (Fixture *fixture)
{
  AisleProfilePage *page = AISLE_PROFILE_PAGE (aisle_window_get_page (fixture->window, "profile"));

  expect_page (fixture, "profile");
  g_assert_true (aisle_test_ui_wait_until (profile_settled, page, WAIT_MS));
  return page;
}

static gboolean
profile_message_has (gpointer data)
{
  TextWait *w = data;

  return strstr (aisle_profile_page_get_message (AISLE_PROFILE_PAGE (w->root)), w->text) != NULL;
}

static void
expect_profile_message (Fixture    *fixture,
                        const char *text)
{
  TextWait w = { aisle_window_get_page (fixture->window, "profile"), text };

  if (!aisle_test_ui_wait_until (profile_message_has, &w, WAIT_MS))
    g_error ("the profile never said “%s” (it says “%s”)", text,
             aisle_profile_page_get_message (AISLE_PROFILE_PAGE (w.root)));
}

typedef struct
{
  Fixture    *fixture;
  const char *member_id;
} MemberWait;

static gboolean
profile_shows (gpointer data)
{
  MemberWait *w = data;
  AisleProfilePage *page = AISLE_PROFILE_PAGE (aisle_window_get_page (w->fixture->window,
                                                                      "profile"));

  return g_strcmp0 (aisle_window_get_page_name (w->fixture->window), "profile") == 0 &&
         g_strcmp0 (aisle_profile_page_get_member_id (page), w->member_id) == 0 &&
         profile_settled (page);
}

static void
open_member_card (Fixture    *fixture,
                  const char *member_id)
{
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *card = aisle_codes_sign_member_card (member_id, now - 60, now + 86400,
                                                        fixture->keys.hub_secret_key, &error);

  g_assert_no_error (error);
  scan (fixture, card);
  if (!aisle_test_ui_wait_until (profile_shows, &(MemberWait) { fixture, member_id }, WAIT_MS))
    g_error ("the card of %s never opened their profile", member_id);
}

static gint64
count_outbox (Fixture    *fixture,
              const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM outbox WHERE name = '%s'", name);
  g_autofree char *n = query (fixture, sql);

  return g_ascii_strtoll (n, NULL, 10);
}

/* --- sign-in ------------------------------------------------------------------------------ */

static gboolean
keypad_insensitive (gpointer data)
{
  return !gtk_widget_is_sensitive (data);
}

static gboolean
text_gone (gpointer data)
{
  return !text_shown (data);
}

static void
body_sign_in (Fixture *fixture)
{
  GtkWidget *page = aisle_window_get_page (fixture->window, "signin");
  AisleSession *session = aisle_window_get_session (fixture->window);
  GtkWidget *keypad = aisle_test_ui_find_by_label (page, "PIN keypad");
  g_autofree char *name = query (fixture, "SELECT name FROM staff WHERE id = 'S0002'");
  GtkWidget *row;

  g_assert_false (aisle_session_get_signed_in (session));

  /* The store's staff are listed by name; tapping one picks them. */
  g_assert_nonnull (name);
  expect_text (fixture, name);
  row = aisle_test_ui_find_by_label (page, name);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (aisle_signin_page_get_selected (AISLE_SIGNIN_PAGE (page)), ==, "S0002");
  aisle_test_tablet_screenshots (fixture->window, "tablet-signin");

  /* Nothing about members before sign-in: a member number is refused. */
  scan (fixture, "M0000001");
  expect_text (fixture, "Sign in first");
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "signin");

  /* Four wrong PINs are counted down in words ... */
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *left = g_strdup_printf ("Wrong PIN. %u more wrong", 5 - i);

      aisle_test_tablet_press_pin (keypad, "9999");
      expect_text (fixture, left);
    }
  /* ... the fifth locks S0002 out for five minutes, and says until when. */
  aisle_test_tablet_press_pin (keypad, "9999");
  expect_text (fixture, "locked out on this tablet for 5 minutes");
  g_assert_true (aisle_test_ui_wait_until (keypad_insensitive, keypad, WAIT_MS));
  g_assert_false (aisle_session_get_signed_in (session));
  /* The earlier "Sign in first" toast would cover the page: let it time out first. */
  {
    TextWait w = { GTK_WIDGET (fixture->window), "Sign in first: tap" };

    g_assert_true (aisle_test_ui_wait_until (text_gone, &w, WAIT_MS));
  }
  aisle_test_tablet_screenshots (fixture->window, "tablet-signin-locked");

  /* Picking them again still says locked, and the right PIN cannot be entered. */
  g_assert_false (aisle_test_tablet_sign_in (fixture->window, "S0002", "1234"));
  expect_text (fixture, "locked out on this tablet for 5 minutes");
  g_assert_false (aisle_session_get_signed_in (session));

  /* Another staff member is not affected: a manager signs in with a badge. */
  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0001", "1234"));
  g_assert_true (aisle_session_get_is_manager (session));
  expect_page (fixture, "member-search");
  /* Managers get the Store Performance entry; it asks for the PIN again (the session keeps
   * none), and a wrong one opens nothing. */
  g_assert_true (aisle_test_tablet_menu_has (fixture->window, "Store Performance"));
  aisle_test_tablet_enter_dashboard_pin (fixture->window, "9999");
  {
    TextWait w = { GTK_WIDGET (aisle_test_tablet_pin_prompt ()), "Wrong PIN. 4 more wrong" };

    g_assert_true (aisle_test_ui_wait_until (text_shown, &w, WAIT_MS));
  }
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "member-search");
  g_assert_null (aisle_window_get_page (fixture->window, "store-performance"));

  /* Sign-out closes the prompt too. */
  g_assert_nonnull (aisle_test_tablet_pin_prompt ());

  /* Sign-out leaves nothing behind. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.sign-out", NULL);
  expect_page (fixture, "signin");
  g_assert_false (aisle_session_get_signed_in (session));
  g_assert_null (aisle_test_tablet_pin_prompt ());
}

static void
test_sign_in (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  run_app (&fixture, body_sign_in);
  fixture_tear_down (&fixture);
}

static void
body_idle_sign_out (Fixture *fixture)
{
  AisleSession *session = aisle_window_get_session (fixture->window);
  PageWait w = { fixture, "signin" };

  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0002", "1234"));
  expect_page (fixture, "member-search");
  /* An associate never sees Store Performance, and the action opens nothing. */
  g_assert_false (aisle_session_get_is_manager (session));
  g_assert_false (aisle_test_tablet_menu_has (fixture->window, "Store Performance"));
  g_assert_true (aisle_test_tablet_menu_has (fixture->window, "Sign Out"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.show-store-performance", NULL);
  aisle_test_ui_spin ();
  g_assert_null (aisle_test_tablet_pin_prompt ());
  g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "member-search");
  /* A tablet left alone signs itself out (shortened here from five minutes). */
  aisle_session_set_idle_seconds (session, 1);
  g_assert_true (aisle_test_ui_wait_until (page_shown, &w, WAIT_MS));
  g_assert_false (aisle_session_get_signed_in (session));
}

static void
test_idle_sign_out (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  run_app (&fixture, body_idle_sign_out);
  fixture_tear_down (&fixture);
}

/* --- finding a member and the profile ----------------------------------------------------- */

static gboolean
search_idle (gpointer data)
{
  return !aisle_member_search_page_get_busy (data);
}

static void
body_find_member (Fixture *fixture)
{
  GtkWidget *search = aisle_window_get_page (fixture->window, "member-search");
  GtkWidget *entry;
  GtkWidget *label;
  AisleProfilePage *profile;
  /* A member who bought in a store and online, with a phone. */
  g_autofree char *member_id = query (fixture,
    "SELECT m.id FROM members m JOIN orders o ON o.member_id = m.id WHERE m.phone IS NOT NULL "
    "GROUP BY m.id HAVING sum(o.channel = 'store') > 0 AND sum(o.channel != 'store') > 0 "
    "ORDER BY m.id LIMIT 1");
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *other_id = NULL;
  g_autofree char *other_name = NULL;
  g_autofree char *masked = NULL;

  g_assert_nonnull (member_id);
  sql = g_strdup_printf ("SELECT name FROM members WHERE id = '%s'", member_id);
  name = query (fixture, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT phone FROM members WHERE id = '%s'", member_id);
  phone = query (fixture, sql);

  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0002", "1234"));
  expect_page (fixture, "member-search");

  /* By the last four digits of the phone: the member is among the results; tap them. */
  entry = aisle_test_ui_find_by_label (GTK_WIDGET (fixture->window), "Search members");
  gtk_editable_set_text (GTK_EDITABLE (entry), phone + strlen (phone) - 4);
  expect_text (fixture, name);
  g_assert_true (aisle_test_ui_wait_until (search_idle, search, WAIT_MS));
  label = aisle_test_ui_find_visible_label (search, name);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_activate (gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW)));
  profile = profile_page (fixture);
  g_assert_cmpstr (aisle_profile_page_get_member_id (profile), ==, member_id);

  /* The timeline has both channels; the phone is masked until revealed. */
  expect_text (fixture, "In store ·");
  expect_text (fixture, "Online shop ·");
  masked = aisle_phone_mask (phone);
  g_assert_true (aisle_test_ui_tree_has_text (GTK_WIDGET (profile), masked));
  g_assert_false (aisle_test_ui_tree_has_text (GTK_WIDGET (profile), phone));
  aisle_test_tablet_screenshots (fixture->window, "tablet-profile");

  /* Revealing the phone shows it and logs who looked. */
  {
    GtkWidget *reveal = aisle_test_ui_find_by_label (GTK_WIDGET (profile),
                                                     "Show the full phone number");

    g_assert_nonnull (reveal);
    g_signal_emit_by_name (reveal, "clicked");
  }
  expect_profile_message (fixture, "is logged");
  g_assert_true (aisle_test_ui_tree_has_text (GTK_WIDGET (profile), phone));
  g_free (sql);
  sql = g_strdup_printf ("SELECT staff_id FROM phone_reveals WHERE member_id = '%s'", member_id);
  {
    g_autofree char *who = query (fixture, sql);

    g_assert_cmpstr (who, ==, "S0002");
  }

  /* A scanned member card (signed by the hub's key) opens that member. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT id FROM members WHERE id != '%s' ORDER BY id DESC LIMIT 1",
                         member_id);
  other_id = query (fixture, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT name FROM members WHERE id = '%s'", other_id);
  other_name = query (fixture, sql);
  open_member_card (fixture, other_id);
  expect_text (fixture, other_name);
  profile = profile_page (fixture);
  g_assert_cmpstr (aisle_profile_page_get_member_id (profile), ==, other_id);

  /* The window.open-member action (the needs-attention list) opens by member number. */
  {
    g_autofree char *number = NULL;

    g_free (sql);
    sql = g_strdup_printf ("SELECT number FROM members WHERE id = '%s'", member_id);
    number = query (fixture, sql);
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.open-member", "s", number);
    g_assert_true (aisle_test_ui_wait_until (profile_shows, &(MemberWait) { fixture, member_id },
                                             WAIT_MS));
  }

  /* A card signed by a key this tablet does not trust is not opened. */
  {
    guint8 pk[AISLE_CODES_PUBLIC_KEY_BYTES], sk[AISLE_CODES_SECRET_KEY_BYTES];
    g_autoptr(GError) error = NULL;
    g_autofree char *forged = NULL;
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    g_assert_true (aisle_codes_generate_key (pk, sk));
    forged = aisle_codes_sign_member_card (other_id, now - 60, now + 86400, sk, &error);
    scan (fixture, forged);
    aisle_test_ui_spin ();
    g_assert_cmpstr (aisle_window_get_page_name (fixture->window), ==, "scan");
  }
}

static void
test_find_member (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  run_app (&fixture, body_find_member);
  fixture_tear_down (&fixture);
}

/* --- binding ------------------------------------------------------------------------------ */

static gboolean
dialog_open (gpointer data)
{
  GtkWindow **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_mapped (GTK_WIDGET (w)))
        {
          *dialog = w;
          return TRUE;
        }
    }
  return FALSE;
}

static void
body_bind (Fixture *fixture)
{
  g_autofree char *member_id = query (fixture,
    "SELECT id FROM members WHERE id NOT IN (SELECT member_id FROM bindings WHERE until = 0) "
    "ORDER BY id LIMIT 1");
  g_autofree char *staff_name = query (fixture, "SELECT name FROM staff WHERE id = 'S0002'");
  g_autofree char *bound = query (fixture,
    "SELECT member_id FROM bindings WHERE until = 0 AND staff_id != 'S0002' "
    "ORDER BY since DESC LIMIT 1");
  AisleProfilePage *profile;
  GtkWidget *bind;
  GtkWindow *dialog = NULL;
  const char *link;

  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0002", "1234"));
  open_member_card (fixture, member_id);
  profile = profile_page (fixture);
  expect_text (fixture, "Not bound to an associate yet");

  /* "Bind to Me": queued as binding.create and shown at once. */
  bind = aisle_test_ui_find_by_label (GTK_WIDGET (profile), "Bind to me");
  g_assert_nonnull (bind);
  g_assert_true (gtk_widget_is_sensitive (bind));
  g_signal_emit_by_name (bind, "clicked");
  expect_profile_message (fixture, "Bound to you");
  expect_text (fixture, staff_name);
  g_assert_cmpint (count_outbox (fixture, "binding.create"), ==, 1);

  /* Scanning their card again says so rather than queue another binding. */
  open_member_card (fixture, member_id);
  expect_profile_message (fixture, "already bound to you");
  g_assert_cmpint (count_outbox (fixture, "binding.create"), ==, 1);

  /* A member bound last week to a colleague: refused with the reason, nothing queued. */
  g_assert_nonnull (bound);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE bindings SET since = %" G_GINT64_FORMAT
                                            " WHERE member_id = '%s' AND until = 0",
                                            g_get_real_time () / G_USEC_PER_SEC - 7 * 86400,
                                            bound);

    g_free (query (fixture, sql));
  }
  open_member_card (fixture, bound);
  profile_page (fixture);
  {
    GtkWidget *button = aisle_test_ui_find_by_label (GTK_WIDGET (profile), "Bind to me");

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
  }
  expect_profile_message (fixture, "only a manager can move them");
  g_assert_cmpint (count_outbox (fixture, "binding.create"), ==, 1);

  /* The binding QR: a link signed by this tablet's key, naming the associate and store. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.show-binding-qr", NULL);
  g_assert_true (aisle_test_ui_wait_until (dialog_open, &dialog, WAIT_MS));
  link = g_object_get_data (G_OBJECT (dialog), "aisle-binding-link");
  g_assert_nonnull (link);
  g_assert_true (g_str_has_prefix (link, AISLE_TEST_TABLET_HUB_URL "/j/"));
  {
    g_autoptr(AisleKeyRing) ring = aisle_key_ring_new ();
    g_autoptr(AisleCode) code = NULL;
    AisleCodesContext context = { 0 };

    aisle_key_ring_add (ring, fixture->keys.device_public_key, "tablet-test", FALSE);
    context.key_ring = ring;
    code = aisle_codes_classify_text (link, &context);
    g_assert_cmpint (aisle_code_get_kind (code), ==, AISLE_CODE_KIND_BINDING_LINK);
    g_assert_true (aisle_code_is_valid (code));
    g_assert_cmpstr (aisle_code_get_token (code)->staff_id, ==, "S0002");
    g_assert_cmpstr (aisle_code_get_token (code)->branch_id, ==, AISLE_TEST_TABLET_STORE);
  }
  aisle_test_ui_screenshot (dialog, 1280, 800, "tablet-binding-qr");
  gtk_window_destroy (dialog);
}

static void
test_bind (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  run_app (&fixture, body_bind);
  fixture_tear_down (&fixture);
}

/* --- stock and reservation ---------------------------------------------------------------- */

static gboolean
stock_settled (gpointer data)
{
  AisleStockPage *page = data;

  return !aisle_stock_page_get_busy (page) && aisle_stock_page_get_product_id (page) != NULL;
}

static gboolean
stock_message_has (gpointer data)
{
  TextWait *w = data;

  return strstr (aisle_stock_page_get_message (AISLE_STOCK_PAGE (w->root)), w->text) != NULL;
}

static void
body_stock (Fixture *fixture)
{
  /* A product with available stock at a nearby store (not TPE01). */
  g_autofree char *product = query (fixture,
    "SELECT s.product_id FROM stock s JOIN product_barcodes b ON b.product_id = s.product_id "
    "WHERE s.location_id NOT IN ('TPE01', 'online') AND s.on_hand - s.reserved > 0 "
    "ORDER BY s.product_id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT barcode FROM product_barcodes "
                                          "WHERE product_id = '%s' AND length (barcode) = 13 "
                                          "LIMIT 1", product);
  g_autofree char *barcode = query (fixture, sql);
  g_autofree char *location = NULL;
  g_autofree char *store_name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *member_id = query (fixture, "SELECT id FROM members ORDER BY id LIMIT 1");
  AisleStockPage *stock = AISLE_STOCK_PAGE (aisle_window_get_page (fixture->window, "stock"));
  TextWait w = { GTK_WIDGET (stock), "Reserved 1 ×" };
  GtkWidget *button;

  g_assert_nonnull (barcode);
  g_free (sql);
  sql = g_strdup_printf ("SELECT location_id FROM stock WHERE product_id = '%s' AND location_id "
                         "NOT IN ('TPE01', 'online') AND on_hand - reserved > 0 "
                         "ORDER BY location_id LIMIT 1", product);
  location = query (fixture, sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT name FROM stores WHERE id = '%s'", location);
  store_name = query (fixture, sql);

  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0002", "1234"));
  open_member_card (fixture, member_id);
  profile_page (fixture);

  /* Scanning the product's EAN opens its stock: here, nearby by distance, online. */
  scan (fixture, barcode);
  expect_page (fixture, "stock");
  g_assert_true (aisle_test_ui_wait_until (stock_settled, stock, WAIT_MS));
  g_assert_cmpstr (aisle_stock_page_get_product_id (stock), ==, product);
  expect_text (fixture, "Online warehouse");
  expect_text (fixture, store_name);
  aisle_test_tablet_screenshots (fixture->window, "tablet-stock");

  /* Reserve at the nearby store for the open member. */
  label = g_strdup_printf ("Reserve at %s", store_name);
  button = aisle_test_ui_find_by_label (GTK_WIDGET (stock), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  if (!aisle_test_ui_wait_until (stock_message_has, &w, WAIT_MS))
    g_error ("no reservation message: “%s”", aisle_stock_page_get_message (stock));
  g_assert_cmpint (count_outbox (fixture, "reservation.create"), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT json_extract (args_json, '$.store_id') || ' ' || "
                         "json_extract (args_json, '$.member_id') FROM outbox "
                         "WHERE name = 'reservation.create'");
  {
    g_autofree char *args = query (fixture, sql);
    g_autofree char *expect = g_strdup_printf ("%s %s", location, member_id);

    g_assert_cmpstr (args, ==, expect);
  }

  /* Order for delivery from the online warehouse. */
  button = aisle_test_ui_find_by_label (GTK_WIDGET (stock), "Order for delivery to the customer");
  g_assert_nonnull (button);
  if (gtk_widget_is_sensitive (button))
    {
      TextWait d = { GTK_WIDGET (stock), "for delivery to" };

      g_signal_emit_by_name (button, "clicked");
      g_assert_true (aisle_test_ui_wait_until (stock_message_has, &d, WAIT_MS));
      g_assert_cmpint (count_outbox (fixture, "reservation.create"), ==, 2);
    }
}

static void
test_stock (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  run_app (&fixture, body_stock);
  fixture_tear_down (&fixture);
}

/* --- coupons ------------------------------------------------------------------------------ */

static gboolean
hint_gone (gpointer data)
{
  return !aisle_test_ui_tree_has_text (data, "Open the customer’s profile first");
}

static void
body_coupon (Fixture *fixture)
{
  g_autofree char *code = query (fixture, "SELECT code FROM coupons WHERE redeemed_at = 0 "
                                           "AND member_id IS NOT NULL ORDER BY code LIMIT 1");
  g_autofree char *sql = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *other = NULL;

  g_assert_nonnull (code);
  /* Valid today, whatever today is. */
  sql = g_strdup_printf ("UPDATE coupons SET valid_from = 0, valid_until = %" G_GINT64_FORMAT
                         " WHERE code = '%s' RETURNING member_id",
                         g_get_real_time () / G_USEC_PER_SEC + 30 * 86400, code);
  member_id = query (fixture, sql);
  g_assert_nonnull (member_id);

  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0001", "1234"));

  /* Without a profile open, the coupon waits for one. */
  scan (fixture, code);
  expect_text (fixture, "Open the customer’s profile first");
  g_assert_cmpint (count_outbox (fixture, "coupon.redeem"), ==, 0);

  open_member_card (fixture, member_id);
  profile_page (fixture);
  scan (fixture, code);
  expect_profile_message (fixture, "Redeemed");
  g_assert_cmpint (count_outbox (fixture, "coupon.redeem"), ==, 1);
  profile_page (fixture);

  /* The second time: refused, with when and where it was used. */
  scan (fixture, code);
  expect_profile_message (fixture, "was already used on");
  g_assert_cmpint (count_outbox (fixture, "coupon.redeem"), ==, 1);
  /* The first hint's toast would read wrong over an open profile: let it time out first. */
  g_assert_true (aisle_test_ui_wait_until (hint_gone, fixture->window, WAIT_MS));
  aisle_test_tablet_screenshots (fixture->window, "tablet-coupon-refused");

  /* Another member's coupon, and a code that is not ours, are refused too. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT code FROM coupons WHERE member_id != '%s' AND redeemed_at = 0 "
                         "ORDER BY code LIMIT 1", member_id);
  other = query (fixture, sql);
  scan (fixture, other);
  expect_profile_message (fixture, "belongs to another member");
  {
    g_autofree char *foreign = aisle_codes_make_coupon_code ("ZZTOP99", NULL);

    scan (fixture, foreign);
    expect_profile_message (fixture, "is not one of ours");
  }
  g_assert_cmpint (count_outbox (fixture, "coupon.redeem"), ==, 1);
}

static void
test_coupon (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  run_app (&fixture, body_coupon);
  fixture_tear_down (&fixture);
}

/* --- e-invoices --------------------------------------------------------------------------- */

/* The first valid e-invoice QR of shared/testdata (a real receipt), or NULL to skip. */
static char *
real_invoice (void)
{
  g_autofree char *path = aisle_test_data_path ("einvoice/public-strings.tsv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (path == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');
      g_autoptr(AisleCode) code = NULL;

      if (tab == NULL)
        continue;
      code = aisle_codes_classify_text (tab + 1, NULL);
      if (aisle_code_get_kind (code) == AISLE_CODE_KIND_EINVOICE && aisle_code_is_valid (code))
        return g_strdup (tab + 1);
    }
  return NULL;
}

static char *invoice_qr;

static void
body_invoice (Fixture *fixture)
{
  g_autoptr(AisleCode) code = aisle_codes_classify_text (invoice_qr, NULL);
  const AisleEInvoice *invoice = aisle_code_get_einvoice (code);
  g_autofree char *member_id = query (fixture, "SELECT id FROM members ORDER BY id LIMIT 1");
  g_autofree char *sql = NULL;

  g_assert_true (aisle_test_tablet_sign_in (fixture->window, "S0002", "1234"));
  open_member_card (fixture, member_id);

  /* A real receipt from years ago: too old to earn points, explained, nothing queued. */
  scan (fixture, invoice_qr);
  expect_profile_message (fixture, "cannot earn points any more");
  g_assert_cmpint (count_outbox (fixture, "invoice.register"), ==, 0);

  /* Already registered to this member (the hub's record in the cache): said so. */
  sql = g_strdup_printf ("INSERT INTO invoices (number, date, random_code, seller_id, total, "
                         "member_id, points, registered_at) VALUES ('%s', '%s', '%s', '%s', 100, "
                         "'%s', 1, 1) RETURNING number", invoice->number, invoice->date,
                         invoice->random_code, invoice->seller_id, member_id);
  g_free (query (fixture, sql));
  scan (fixture, invoice_qr);
  expect_profile_message (fixture, "is already registered to this member");
  g_assert_cmpint (count_outbox (fixture, "invoice.register"), ==, 0);
}

static void
test_invoice (void)
{
  Fixture fixture = { 0 };

  invoice_qr = real_invoice ();
  if (invoice_qr == NULL)
    {
      g_test_skip ("no e-invoice samples in shared/testdata");
      return;
    }
  fixture_set_up (&fixture);
  run_app (&fixture, body_invoice);
  fixture_tear_down (&fixture);
  g_clear_pointer (&invoice_qr, g_free);
}

/* --- accessibility ------------------------------------------------------------------------ */

static void
body_keypad (Fixture *fixture)
{
  g_autoptr(GtkWidget) keypad = g_object_ref_sink (aisle_pin_keypad_new ());

  aisle_pin_keypad_set_max_length (AISLE_PIN_KEYPAD (keypad), 4);
  aisle_pin_keypad_set_text (AISLE_PIN_KEYPAD (keypad), "12a3456");
  g_assert_cmpstr (aisle_pin_keypad_get_text (AISLE_PIN_KEYPAD (keypad)), ==, "1234");
  aisle_pin_keypad_clear (AISLE_PIN_KEYPAD (keypad));
  g_assert_cmpstr (aisle_pin_keypad_get_text (AISLE_PIN_KEYPAD (keypad)), ==, "");
  /* Every key has a name a screen reader can say. */
  for (const char *p = "0123456789"; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };

      g_assert_nonnull (aisle_test_ui_find_by_label (keypad, digit));
    }
  g_assert_nonnull (aisle_test_ui_find_by_label (keypad, "Delete last digit"));
  g_assert_nonnull (aisle_test_ui_find_by_label (keypad, "Enter PIN"));
}

static void
test_keypad (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  run_app (&fixture, body_keypad);
  fixture_tear_down (&fixture);
}

/* --- main --------------------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  aisle_test_ui_init (&argc, &argv);
  g_setenv ("LANGUAGE", "C", TRUE);

  aisle_test_ui_add_func ("/aisle/app/tablet/keypad", test_keypad);
  aisle_test_ui_add_func ("/aisle/app/tablet/sign-in", test_sign_in);
  aisle_test_ui_add_func ("/aisle/app/tablet/idle-sign-out", test_idle_sign_out);
  aisle_test_ui_add_func ("/aisle/app/tablet/find-member", test_find_member);
  aisle_test_ui_add_func ("/aisle/app/tablet/bind", test_bind);
  aisle_test_ui_add_func ("/aisle/app/tablet/stock", test_stock);
  aisle_test_ui_add_func ("/aisle/app/tablet/coupon", test_coupon);
  aisle_test_ui_add_func ("/aisle/app/tablet/invoice", test_invoice);

  return g_test_run ();
}

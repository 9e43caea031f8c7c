/* test-ui-kiosk.c: the kiosk's screens in the real window under Xvfb, against a real hub.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk's cache is paired with a hub on loopback before the application starts, as a
 * shop's IT would do; the application then syncs with it on its own. Widgets are found by
 * accessible label and driven as a shopper would (the keypad's keys, the Join button), scans
 * come in through aisle_window_dispatch_scan() as the camera and wedge deliver them. Waits spin
 * the main loop until a condition holds, with a generous deadline: no timing assertions.
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <signal.h>
#include <string.h>

#include "aisle-store-kiosk.h"
#include "aisle-test.h"
#include "aisle-test-ui.h"
#include "test-ui-kiosk-common.h"

/* --- enrolment, card, points, idle reset --------------------------------------------------- */

typedef struct
{
  AisleMember  *member;
  AisleConsent *consent;
} Enrolled;

static gpointer
read_enrolled (AisleStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Enrolled *out = g_new0 (Enrolled, 1);

  out->member = aisle_store_get_member_by_phone (store, data, NULL);
  if (out->member != NULL)
    out->consent = aisle_store_get_latest_consent (store, out->member->id, NULL);
  return out;
}

/* A tablet of the same store pairs afresh and pulls: the member and the consents arrive. */
static void
check_on_tablet (KioskTest  *test,
                 const char *name,
                 const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (test->hub.dir, "tablet.db", NULL);
  g_autofree char *code = admin (&test->hub, NULL, "pair-code", "TPE01", "tablet", NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", test->hub.port);
  g_autoptr(Device) tablet = device_open (path, test->hub.session);
  Enrolled *enrolled;

  g_assert_true (device_pair (tablet, url, g_strstrip (code), &error));
  g_assert_no_error (error);
  g_assert_true (device_sync (tablet, &error));
  g_assert_no_error (error);
  enrolled = device_run (tablet, read_enrolled, (gpointer) phone, &error);
  g_assert_no_error (error);
  g_assert_nonnull (enrolled->member);
  g_assert_cmpstr (enrolled->member->name, ==, name);
  g_assert_nonnull (enrolled->member->number);
  g_assert_cmpstr (enrolled->member->home_branch_id, ==, "TPE01");
  g_assert_nonnull (enrolled->consent);
  g_assert_true (enrolled->consent->privacy);
  g_assert_false (enrolled->consent->marketing);
  g_assert_cmpstr (enrolled->consent->channel, ==, "kiosk");
  g_assert_cmpuint (strlen (enrolled->consent->text_hash), ==, 64);
  aisle_member_free (enrolled->member);
  aisle_consent_free (enrolled->consent);
  g_free (enrolled);
}

static gboolean
idle_panel_shown (gpointer data)
{
  KioskTest *test = data;

  return aisle_test_ui_find_visible_label (GTK_WIDGET (test->window), "Are you still there?") != NULL;
}

static void
body_enrol (KioskTest *test)
{
  GtkWidget *window = GTK_WIDGET (test->window);
  g_autoptr(AisleCode) code = aisle_codes_classify_text (test->invoice, NULL);
  const AisleEInvoice *invoice = aisle_code_get_einvoice (code);

  leave_fullscreen (test);
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-welcome");
  aisle_test_ui_screenshot (GTK_WINDOW (window), 800, 1280, "kiosk-welcome-portrait");

  click_button (window, "Join");
  wait_for_page (test, "join");

  /* A wrong number is refused in words, and nothing is sent. */
  tap_digits (kiosk_page (test, "join"), "0287654321");
  wait_for_label (test, "This is not a Taiwanese mobile number. It starts with 09 and has 10 digits.");
  click_button (kiosk_page (test, "join"), "Clear");

  fill_join_form (test, SHOPPER_NAME, SHOPPER_PHONE);
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-join");
  aisle_test_ui_screenshot (GTK_WINDOW (window), 800, 1280, "kiosk-join-portrait");
  /* Marketing consent is left as it starts: unticked. */
  g_assert_false (gtk_check_button_get_active (find_check (kiosk_page (test, "join"), "Send me offers and news (optional)")));

  /* Join on the phone instead: a QR code with the signed enrolment link; back again, the
   * form still holds what was typed. */
  click_button (kiosk_page (test, "join"), "Join on your phone");
  {
    GtkWidget *qr = find_control (kiosk_page (test, "join"), "Enrolment code for your phone");
    GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (qr));

    g_assert_true (gtk_widget_get_mapped (qr));
    g_assert_nonnull (paintable);
    g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), >=, 200);
  }
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-join-phone");
  click_button (kiosk_page (test, "join"), "Back to the form");
  click_button (kiosk_page (test, "join"), "Read the privacy policy");
  wait_for_shown_text (test, "We never sell your data.");
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-policy");
  click_button (kiosk_page (test, "join"), "Back to the form");
  g_assert_cmpstr (gtk_editable_get_text (find_entry (kiosk_page (test, "join"), "Name")), ==, SHOPPER_NAME);

  click_button (kiosk_page (test, "join"), "Join now");
  wait_for_page (test, "card");
  wait_for_label (test, "Welcome, " SHOPPER_NAME "!");
  /* Online: the hub's member number is on the card. */
  wait_for_text (test, "Member number 1");
  g_assert_true (gtk_widget_get_visible (find_control (kiosk_page (test, "card"), "Your member card code")));
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-card");

  check_on_tablet (test, SHOPPER_NAME, SHOPPER_PHONE);

  /* Earn points with a real e-invoice, then try it again. */
  click_button (kiosk_page (test, "card"), "Earn points with an e-invoice");
  wait_for_page (test, "earn");
  scan_text (test, test->invoice);
  wait_for_text (test, "points added");
  wait_for_text (test, invoice->number);
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-earn");

  click_button (kiosk_page (test, "earn"), "Scan another invoice");
  scan_text (test, test->invoice);
  wait_for_label (test, "No points for this invoice");
  wait_for_text (test, "This invoice has already been registered.");

  /* An invoice of a seller that is not ours: the hub refuses it and the kiosk says why. */
  click_button (kiosk_page (test, "earn"), "Scan another invoice");
  scan_text (test, test->foreign_invoice);
  wait_for_text (test, "This invoice is not from one of our stores.");
  /* Scanned again, it gets the same reason, not "already registered". */
  click_button (kiosk_page (test, "earn"), "Scan another invoice");
  g_assert_false (gtk_widget_get_mapped (find_control (kiosk_page (test, "earn"), "Done")));
  scan_text (test, test->foreign_invoice);
  wait_for_shown_text (test, "This invoice is not from one of our stores.");

  /* The shopper walks away: "Are you still there?", then everything of theirs is gone. */
  g_object_set (kiosk_shell (test), "countdown", 3, NULL);
  g_object_set (kiosk_shell (test), "idle-timeout", 1, NULL);
  aisle_kiosk_shell_poke (kiosk_shell (test));
  if (!aisle_test_ui_wait_until (idle_panel_shown, test, WAIT_TIMEOUT_MS))
    g_error ("“Are you still there?” never appeared");
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-idle");
  wait_for_page (test, "welcome");
  g_assert_false (aisle_test_ui_tree_has_text (window, SHOPPER_NAME));
  g_assert_false (aisle_test_ui_tree_has_text (window, "987654321"));
  g_assert_false (aisle_test_ui_tree_has_text (window, invoice->number));
  g_assert_false (aisle_test_ui_tree_has_text (window, "points added"));
  g_assert_false (aisle_test_ui_tree_has_text (window, "Member number"));
}

static void
test_enrol (KioskTest     *test,
            gconstpointer  data)
{
  if (!pick_invoices (test))
    return;
  run_kiosk (test, body_enrol);
}

/* --- the idle reset clears a half-filled form ---------------------------------------------- */

static void
body_idle_form (KioskTest *test)
{
  GtkWidget *window = GTK_WIDGET (test->window);
  guint timeout = 0;

  click_button (window, "Join");
  wait_for_page (test, "join");
  fill_join_form (test, "李大同", "0911222333");
  gtk_check_button_set_active (find_check (kiosk_page (test, "join"), "Send me offers and news (optional)"),
                               TRUE);
  g_assert_true (aisle_test_ui_tree_has_text (window, "李大同"));

  /* The timeout follows the `idle-timeout` setting (45 s by default)... */
  g_object_get (kiosk_shell (test), "idle-timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 45);
  g_settings_set_uint (aisle_application_get_settings (test->app), "idle-timeout", 20);
  g_object_get (kiosk_shell (test), "idle-timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 20);
  /* ... which cannot go below 15 s: the test shortens it on the shell itself. */
  g_object_set (kiosk_shell (test), "countdown", 1, "idle-timeout", 1, NULL);
  aisle_kiosk_shell_poke (kiosk_shell (test));
  wait_for_page (test, "welcome");

  g_assert_false (aisle_test_ui_tree_has_text (window, "李大同"));
  g_assert_false (aisle_test_ui_tree_has_text (window, "0911"));
  /* The next shopper's form starts empty, consents unticked. */
  click_button (window, "Join");
  wait_for_page (test, "join");
  g_assert_cmpstr (gtk_editable_get_text (find_entry (kiosk_page (test, "join"), "Mobile number")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (find_entry (kiosk_page (test, "join"), "Name")), ==, "");
  g_assert_false (gtk_check_button_get_active (find_check (kiosk_page (test, "join"), "I agree to the privacy policy (required)")));
  g_assert_false (gtk_check_button_get_active (find_check (kiosk_page (test, "join"), "Send me offers and news (optional)")));
}

static void
test_idle_form (KioskTest     *test,
                gconstpointer  data)
{
  run_kiosk (test, body_idle_form);
}

/* --- a known phone number gets the neutral answer -------------------------------------------- */

static void
body_known_phone (KioskTest *test)
{
  GtkWidget *window = GTK_WIDGET (test->window);

  click_button (window, "Join");
  wait_for_page (test, "join");
  fill_join_form (test, "王小明", "0912345678");
  click_button (kiosk_page (test, "join"), "Join now");
  wait_for_page (test, "card");
  wait_for_text (test, "We cannot start a new membership with this mobile number here.");
  /* Nothing about the member who has the number. */
  g_assert_false (aisle_test_ui_tree_has_text (window, "陳大文"));
  g_assert_false (aisle_test_ui_tree_has_text (window, "Member number"));
}

static void
test_known_phone (KioskTest     *test,
                  gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *response = NULL;

  /* A member enrolled on the tablet, pulled by the kiosk as a member of its store. */
  body = g_strdup ("{\"mutations\":[{\"id\":1,\"name\":\"member.enrol\",\"created_at\":1767225600,"
                   "\"args\":{\"member_id\":\"11111111-1111-4111-8111-111111111111\",\"name\":\"陳大文\","
                   "\"phone\":\"0912345678\",\"consent\":{\"policy_version\":\"2026-01\","
                   "\"text_hash\":\"ab\",\"privacy\":true,\"marketing\":false}}}]}");
  g_assert_cmpuint (call (&test->hub, NULL, "POST", "/v1/sync/push", test->hub.token, body,
                          &response), ==, 200);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(Device) device = device_open (test->cache_path, test->hub.session);

    g_assert_true (device_sync (device, &error));
    g_assert_no_error (error);
  }
  run_kiosk (test, body_known_phone);
}

/* --- joining offline ----------------------------------------------------------------------- */

static void
body_offline (KioskTest *test)
{
  click_button (GTK_WIDGET (test->window), "Join");
  wait_for_page (test, "join");
  fill_join_form (test, "吳建國", "0955666777");
  click_button (kiosk_page (test, "join"), "Join now");
  wait_for_page (test, "card");
  wait_for_label (test, "Welcome, 吳建國!");
  wait_for_label (test, "Your member number will be assigned when the kiosk is online.");
  /* The card is signed by the kiosk's own key, without the hub. */
  g_assert_true (gtk_widget_get_visible (find_control (kiosk_page (test, "card"), "Your member card code")));

  /* Offline, the kiosk still refuses what its cache can tell: another seller's invoice, by
   * the hub's own_seller_ids as pulled at pairing. Nothing is queued for the hub. */
  click_button (kiosk_page (test, "card"), "Earn points with an e-invoice");
  wait_for_page (test, "earn");
  scan_text (test, test->foreign_invoice);
  wait_for_label (test, "No points for this invoice");
  wait_for_text (test, "This invoice is not from one of our stores.");
}

static gpointer
point_at_hub (AisleStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return GINT_TO_POINTER (aisle_store_set_sync_state (store, AISLE_SYNC_KEY_HUB_URL, data, error));
}

static void
test_offline (KioskTest     *test,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  if (!pick_invoices (test))
    return;
  stop_hub (&test->hub, SIGTERM);
  test->offline = TRUE;
  run_kiosk (test, body_offline);

  /* The hub is back (on a new port): the queued enrolment goes through, and a tablet of the
   * store pulls the member with the number the hub assigned. */
  start_hub (&test->hub);
  url = g_strdup_printf ("http://127.0.0.1:%u", test->hub.port);
  {
    g_autoptr(Device) kiosk = device_open (test->cache_path, test->hub.session);

    g_assert_true (GPOINTER_TO_INT (device_run (kiosk, point_at_hub, url, &error)));
    g_assert_no_error (error);
    device_close (g_steal_pointer (&kiosk));
    kiosk = device_open (test->cache_path, test->hub.session);
    g_assert_true (device_sync (kiosk, &error));
    g_assert_no_error (error);
  }
  check_on_tablet (test, "吳建國", "0955666777");
  g_assert_cmpint (hub_query_int (&test->hub, "SELECT count(*) FROM invoices"), ==, 0);
}

/* --- check a product by a scanned barcode ---------------------------------------------------- */

static void
body_product (KioskTest *test)
{
  GtkWidget *window = GTK_WIDGET (test->window);

  leave_fullscreen (test);

  /* From the welcome screen a barcode goes straight to the product. */
  scan_text (test, PRODUCT_BARCODE);
  wait_for_page (test, "product");
  wait_for_label (test, "高山烏龍茶 150g");
  wait_for_label (test, "Aisle Tea · NT$450");
  wait_for_label (test, "In this store: 5 available");
  wait_for_label (test, "台北南港店: 3 available");
  wait_for_label (test, "Online: 12 available");
  aisle_test_ui_screenshot (GTK_WINDOW (window), 1280, 800, "kiosk-product");

  /* An unknown product, and something that is not a product at all. */
  click_button (kiosk_page (test, "product"), "Check another product");
  scan_text (test, "4710088410016");
  wait_for_label (test, "We could not find this product");
  click_button (kiosk_page (test, "product"), "Check another product");
  scan_text (test, "AS-S0001");
  wait_for_text (test, "That is not a product barcode.");
}

static void
test_product (KioskTest     *test,
              gconstpointer  data)
{
  run_kiosk (test, body_product);
}

static void
body_product_camera (KioskTest *test)
{
  AisleCamera *camera = aisle_kiosk_shell_get_camera (kiosk_shell (test));

  /* The camera runs only on screens that ask for a scan: not on the welcome screen. */
  g_assert_cmpint (aisle_camera_get_state (camera), ==, AISLE_CAMERA_STOPPED);
  click_button (GTK_WIDGET (test->window), "Check a Product");
  wait_for_page (test, "product");
  wait_for_label (test, "高山烏龍茶 150g");
  wait_for_label (test, "In this store: 5 available");
  g_assert_cmpint (aisle_camera_get_state (camera), ==, AISLE_CAMERA_PLAYING);

  click_button (kiosk_page (test, "product"), "Done");
  wait_for_page (test, "welcome");
  g_assert_cmpint (aisle_camera_get_state (camera), ==, AISLE_CAMERA_STOPPED);
}

static void
test_product_camera (KioskTest     *test,
                     gconstpointer  data)
{
  use_ean13_camera (test, PRODUCT_BARCODE);
  run_kiosk (test, body_product_camera);
}

/* --- leaving kiosk mode needs a manager's PIN ------------------------------------------------ */

static void
open_staff_page (KioskTest *test)
{
  GtkWidget *corner = find_control (GTK_WIDGET (test->window), "Staff settings");
  GListModel *controllers = gtk_widget_observe_controllers (corner);
  gboolean pressed = FALSE;

  /* Hold the hidden corner. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_LONG_PRESS (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 10.0, 10.0);
          pressed = TRUE;
        }
    }
  g_object_unref (controllers);
  g_assert_true (pressed);
  wait_for_page (test, "staff");
}

static void
enter_pin (KioskTest  *test,
           const char *staff,
           const char *pin)
{
  GtkWidget *staff_page = kiosk_page (test, "staff");
  GtkWidget *keypad = find_control (staff_page, "PIN");

  gtk_editable_set_text (find_entry (staff_page, "Staff number"), staff);
  for (const char *p = pin; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };

      click_button (keypad, key);
    }
  click_button (keypad, "Enter PIN");
}

static void
body_manager_exit (KioskTest *test)
{

  leave_fullscreen (test);
  open_staff_page (test);

  /* A wrong PIN, and an associate with the right one: both stay in the kiosk. */
  enter_pin (test, "S0003", "9999");
  wait_for_label (test, "Wrong staff number or PIN.");
  aisle_test_ui_screenshot (GTK_WINDOW (test->window), 1280, 800, "kiosk-staff");
  g_assert_null (aisle_test_ui_find_visible_label (GTK_WIDGET (test->window), "Kiosk settings"));
  enter_pin (test, "S0001", "1234");
  wait_for_label (test, "Only a store manager can leave kiosk mode.");
  g_assert_false (gtk_widget_get_mapped (find_control (kiosk_page (test, "staff"), "Exit kiosk mode")));

  /* The manager, by badge then PIN. */
  scan_text (test, "AS-S0003");
  enter_pin (test, "S0003", "1234");
  wait_for_label (test, "台北信義店 (TPE01)");
  g_assert_true (gtk_widget_get_mapped (find_control (kiosk_page (test, "staff"), "Exit kiosk mode")));
  /* The idle timeout is the application's setting. */
  g_assert_true (gtk_widget_is_sensitive (find_control (kiosk_page (test, "staff"), "Idle timeout in seconds")));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (find_control (kiosk_page (test, "staff"),
                                                                       "Idle timeout in seconds"))), ==, 45);
  aisle_test_ui_screenshot (GTK_WINDOW (test->window), 1280, 800, "kiosk-settings");

  click_button (kiosk_page (test, "staff"), "Exit kiosk mode");
}

static gboolean
window_gone (gpointer data)
{
  return ((KioskTest *) data)->window == NULL;
}

static void
body_manager_exit_and_wait (KioskTest *test)
{
  body_manager_exit (test);
  if (!aisle_test_ui_wait_until (window_gone, test, WAIT_TIMEOUT_MS))
    g_error ("the kiosk window stayed open after the manager left");
}

static void
test_manager_exit (KioskTest     *test,
                   gconstpointer  data)
{
  run_kiosk (test, body_manager_exit_and_wait);
}

/* Each case runs in its own process, as in test-ui-window.c. */
int
main (int   argc,
      char *argv[])
{
  aisle_test_ui_init (&argc, &argv);
  g_setenv ("LANGUAGE", "C", TRUE);
  /* The hub is on loopback; GNOME's proxy settings are not among the build's schemas. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  aisle_test_ui_add ("/aisle/app/kiosk/enrol", KioskTest, NULL,
                     test_set_up, test_enrol, test_tear_down);
  aisle_test_ui_add ("/aisle/app/kiosk/idle-clears-form", KioskTest, NULL,
                     test_set_up, test_idle_form, test_tear_down);
  aisle_test_ui_add ("/aisle/app/kiosk/known-phone", KioskTest, NULL,
                     test_set_up, test_known_phone, test_tear_down);
  aisle_test_ui_add ("/aisle/app/kiosk/offline", KioskTest, NULL,
                     test_set_up, test_offline, test_tear_down);
  aisle_test_ui_add ("/aisle/app/kiosk/product", KioskTest, NULL,
                     test_set_up, test_product, test_tear_down);
  aisle_test_ui_add ("/aisle/app/kiosk/product-camera", KioskTest, NULL,
                     test_set_up, test_product_camera, test_tear_down);
  aisle_test_ui_add ("/aisle/app/kiosk/manager-exit", KioskTest, NULL,
                     test_set_up, test_manager_exit, test_tear_down);

  return g_test_run ();
}

/* test-ui-kiosk-common.c: the kiosk UI tests' fixture and helpers.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-test"

#include "config.h"

#include <string.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "aisle-scan-image.h"
#include "aisle-test.h"
#include "aisle-test-ui.h"
#include "test-ui-kiosk-common.h"

/* --- set-up: a hub with a product, a paired kiosk cache ---------------------------------- */

static void
seed_product (KioskTest *test)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (test->hub.db, AISLE_STORE_OPEN_NONE, &error);
  g_autoptr(AisleProduct) product = aisle_product_new ();
  const struct { const char *location; gint64 on_hand; gint64 reserved; } stock[] = {
    { "TPE01", 5, 0 }, { "TPE02", 4, 1 }, { AISLE_LOCATION_ONLINE, 12, 0 },
  };

  g_assert_no_error (error);
  product->id = g_strdup ("SKU-TEA-01");
  product->name = g_strdup ("高山烏龍茶 150g");
  product->brand = g_strdup ("Aisle Tea");
  product->category = g_strdup ("tea");
  product->price = 45000;
  product->barcodes = g_strsplit (PRODUCT_BARCODE, ",", -1);
  g_assert_true (aisle_store_upsert_product (store, product, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (stock); i++)
    {
      g_autoptr(AisleStock) s = aisle_stock_new ();

      s->product_id = g_strdup (product->id);
      s->location_id = g_strdup (stock[i].location);
      s->on_hand = stock[i].on_hand;
      s->reserved = stock[i].reserved;
      s->updated_at = 1767225600;
      g_assert_true (aisle_store_set_stock (store, s, &error));
      g_assert_no_error (error);
    }
}

/* Two real e-invoices from shared/testdata with different sellers; the first seller becomes
 * one of "our" sellers on the hub. */
gboolean
pick_invoices (KioskTest *test)
{
  g_autofree char *path = aisle_test_data_path ("einvoice/public-strings.tsv");
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seller = NULL;

  if (path == NULL)
    return FALSE;
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL && test->foreign_invoice == NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');
      g_autoptr(AisleCode) code = NULL;
      const AisleEInvoice *invoice;

      if (tab == NULL)
        continue;
      code = aisle_codes_classify_text (tab + 1, NULL);
      if (aisle_code_get_kind (code) != AISLE_CODE_KIND_EINVOICE || !aisle_code_is_valid (code))
        continue;
      invoice = aisle_code_get_einvoice (code);
      if (invoice->total_amount < 20)
        continue;
      if (test->invoice == NULL)
        {
          test->invoice = g_strdup (tab + 1);
          seller = g_strdup (invoice->seller_id);
        }
      else if (g_strcmp0 (invoice->seller_id, seller) != 0)
        test->foreign_invoice = g_strdup (tab + 1);
    }
  g_assert_nonnull (test->invoice);
  g_assert_nonnull (test->foreign_invoice);
  g_free (admin (&test->hub, NULL, "setting", "set", "own_seller_ids", seller, NULL));
  return TRUE;
}

static void
pair_kiosk (KioskTest *test)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = admin (&test->hub, NULL, "pair-code", "TPE01", "kiosk", NULL);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", test->hub.port);
  g_autoptr(Device) device = device_open (test->cache_path, test->hub.session);

  g_assert_true (device_pair (device, url, g_strstrip (code), &error));
  g_assert_no_error (error);
  g_assert_true (device_sync (device, &error));
  g_assert_no_error (error);
}

void
test_set_up (KioskTest     *test,
             gconstpointer  data)
{
  aisle_test_ui_restore_data_dirs ();
  setup (&test->hub, NULL);
  /* Real invoices are years old: let the hub take them, and make points countable. */
  g_free (admin (&test->hub, NULL, "setting", "set", "invoice_max_age_days", "100000", NULL));
  g_free (admin (&test->hub, NULL, "setting", "set", "earn_per_point.invoice", "1000", NULL));
  seed_product (test);
  test->cache_path = g_build_filename (test->hub.dir, "kiosk.db", NULL);
  pair_kiosk (test);
  test->app = aisle_application_new (G_APPLICATION_NON_UNIQUE);
  aisle_application_set_cache_path (test->app, test->cache_path);
}

void
test_tear_down (KioskTest     *test,
                gconstpointer  data)
{
  g_assert_null (test->window);
  aisle_test_ui_spin ();
  g_clear_object (&test->app);
  aisle_test_ui_spin ();
  teardown (&test->hub, NULL);
  g_clear_pointer (&test->cache_path, g_free);
  g_clear_pointer (&test->invoice, g_free);
  g_clear_pointer (&test->foreign_invoice, g_free);
  g_clear_pointer (&test->pipeline, g_free);
}

/* --- running the application ------------------------------------------------------------- */

static gboolean
window_synced (gpointer data)
{
  KioskTest *test = data;
  AisleSyncClient *client;

  if (test->window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (test->window)) ||
      aisle_window_get_loading (test->window))
    return FALSE;
  client = aisle_window_get_sync_client (test->window);
  return client != NULL && (test->offline || aisle_sync_client_get_online (client)) &&
         !aisle_sync_client_get_syncing (client) &&
         aisle_kiosk_shell_get_identity (AISLE_KIOSK_SHELL (aisle_window_get_page (test->window, "kiosk"))) != NULL;
}

static void
on_activate_cb (GApplication *app,
                KioskTest    *test)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (AISLE_IS_WINDOW (window));
  g_set_weak_pointer (&test->window, AISLE_WINDOW (window));
  if (!aisle_test_ui_wait_until (window_synced, test, WAIT_TIMEOUT_MS))
    g_error ("the kiosk never synced with the hub");
  g_assert_cmpstr (aisle_window_get_page_name (test->window), ==, "kiosk");

  test->body (test);
  test->ran = TRUE;
  if (test->window != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

void
run_kiosk (KioskTest *test,
           TestBody   body)
{
  int status;

  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  /* No camera unless the test shows one a frame: an empty pipeline fails at once. */
  g_settings_set_string (settings, "camera-pipeline", test->pipeline != NULL ? test->pipeline : "");
  aisle_application_set_mode (test->app, AISLE_MODE_KIOSK);
  test->body = body;
  g_signal_connect_after (test->app, "activate", G_CALLBACK (on_activate_cb), test);
  status = g_application_run (G_APPLICATION (test->app), 0, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (test->ran);
  g_assert_null (test->window);
}

/* --- helpers ------------------------------------------------------------------------------ */

AisleKioskShell *
kiosk_shell (KioskTest *test)
{
  return AISLE_KIOSK_SHELL (aisle_window_get_page (test->window, "kiosk"));
}

GtkWidget *
kiosk_page (KioskTest  *test,
            const char *name)
{
  GtkWidget *widget = aisle_kiosk_shell_get_page (kiosk_shell (test), name);

  g_assert_nonnull (widget);
  return widget;
}

GtkWidget *
find_control (GtkWidget  *root,
              const char *label)
{
  GtkWidget *widget = aisle_test_ui_find_by_label (root, label);

  if (widget == NULL)
    g_error ("no control labelled “%s”", label);
  return widget;
}

/* The entry labelled @label (its caption label carries the same words). */
GtkWidget *
find_typed (GtkWidget  *root,
            const char *label,
            GType       type)
{
  g_autofree char *value = aisle_test_ui_accessible_label (root);

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && g_strcmp0 (value, label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_typed (child, label, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkEditable *
find_entry (GtkWidget  *root,
            const char *label)
{
  GtkWidget *entry = find_typed (root, label, GTK_TYPE_EDITABLE);

  if (entry == NULL)
    g_error ("no entry labelled “%s”", label);
  return GTK_EDITABLE (entry);
}

GtkCheckButton *
find_check (GtkWidget  *root,
            const char *label)
{
  GtkWidget *check = find_typed (root, label, GTK_TYPE_CHECK_BUTTON);

  if (check == NULL)
    g_error ("no check box labelled “%s”", label);
  return GTK_CHECK_BUTTON (check);
}

void
click_button (GtkWidget  *root,
              const char *label)
{
  GtkWidget *button = find_typed (root, label, GTK_TYPE_BUTTON);

  if (button == NULL)
    g_error ("no button labelled “%s”", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

typedef struct
{
  KioskTest  *test;
  const char *text;
} Wait;

static gboolean
page_is (gpointer data)
{
  Wait *wait = data;

  return g_strcmp0 (aisle_kiosk_shell_get_page_name (kiosk_shell (wait->test)), wait->text) == 0;
}

void
wait_for_page (KioskTest  *test,
               const char *name)
{
  Wait wait = { test, name };

  if (!aisle_test_ui_wait_until (page_is, &wait, WAIT_TIMEOUT_MS))
    g_error ("the kiosk never showed its “%s” kiosk_page (still on “%s”)", name,
             aisle_kiosk_shell_get_page_name (kiosk_shell (test)));
}

static gboolean
label_shown (gpointer data)
{
  Wait *wait = data;

  return aisle_test_ui_find_visible_label (GTK_WIDGET (wait->test->window), wait->text) != NULL;
}

void
wait_for_label (KioskTest  *test,
                const char *text)
{
  Wait wait = { test, text };

  if (!aisle_test_ui_wait_until (label_shown, &wait, WAIT_TIMEOUT_MS))
    g_error ("“%s” never appeared", text);
}

static gboolean
text_shown (gpointer data)
{
  Wait *wait = data;

  return aisle_test_ui_tree_has_text (GTK_WIDGET (wait->test->window), wait->text);
}

void
wait_for_text (KioskTest  *test,
               const char *text)
{
  Wait wait = { test, text };

  if (!aisle_test_ui_wait_until (text_shown, &wait, WAIT_TIMEOUT_MS))
    g_error ("no text containing “%s” appeared", text);
}

static gboolean
shown_label_contains (GtkWidget  *root,
                      const char *needle)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shown_label_contains (child, needle))
      return TRUE;
  return FALSE;
}

static gboolean
text_on_screen (gpointer data)
{
  Wait *wait = data;

  return shown_label_contains (GTK_WIDGET (wait->test->window), wait->text);
}

/* Waits for a label on screen (not a hidden page's) containing @text. */
void
wait_for_shown_text (KioskTest  *test,
                     const char *text)
{
  Wait wait = { test, text };

  if (!aisle_test_ui_wait_until (text_on_screen, &wait, WAIT_TIMEOUT_MS))
    g_error ("no label on screen with “%s” appeared", text);
}

void
scan_text (KioskTest  *test,
           const char *text)
{
  aisle_window_dispatch_scan (test->window, AISLE_SCAN_SOURCE_WEDGE, (const guint8 *) text,
                              strlen (text), AISLE_SYMBOLOGY_NONE);
}

/* Without a window manager (Xvfb) nobody answers a mapped window's request to leave
 * fullscreen, and a fullscreen window keeps its size: unmap it, leave fullscreen, map it
 * again, so the screenshots can take the landscape and portrait kiosk sizes. */
void
leave_fullscreen (KioskTest *test)
{
  gtk_widget_set_visible (GTK_WIDGET (test->window), FALSE);
  gtk_window_unfullscreen (GTK_WINDOW (test->window));
  gtk_window_present (GTK_WINDOW (test->window));
  aisle_test_ui_spin ();
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (test->window)));
}

/* Types @digits on the on-screen keypad under @root, key by key. */
void
tap_digits (GtkWidget  *root,
            const char *digits)
{
  GtkWidget *keypad = find_control (root, "Number keypad");

  for (const char *p = digits; *p != '\0'; p++)
    {
      char key[2] = { *p, '\0' };

      click_button (keypad, key);
    }
}

void
fill_join_form (KioskTest  *test,
                const char *name,
                const char *phone)
{
  GtkWidget *join = kiosk_page (test, "join");

  tap_digits (join, phone);
  gtk_editable_set_text (find_entry (join, "Name"), name);
  gtk_check_button_set_active (find_check (join, "I agree to the privacy policy (required)"),
                               TRUE);
}


void
use_ean13_camera (KioskTest  *test,
                  const char *digits)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *gray = NULL;
  g_autofree char *path = g_build_filename (test->hub.dir, "ean13.png", NULL);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint width, height, x0, y0;

  gray = aisle_scan_image_render_ean13 (digits, 2, 120, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (width, <=, 320);
  g_assert_cmpuint (height, <=, 240);
  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  x0 = (320 - width) / 2;
  y0 = (240 - height) / 2;
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = pixels + (y0 + y) * stride + (x0 + x) * 3;

        p[0] = p[1] = p[2] = gray[y * width + x];
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  g_free (test->pipeline);
  test->pipeline = g_strdup_printf ("filesrc location=\"%s\" ! pngdec ! imagefreeze ! videoconvert "
                                    "! video/x-raw,width=320,height=240,framerate=10/1", path);
}

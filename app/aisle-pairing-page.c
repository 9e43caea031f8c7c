/* aisle-pairing-page.c: pairs an unpaired device with the hub, then runs the initial sync.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A device with no token opens here. Staff type the hub's address (prefilled from GSettings
 * hub-url) and the one-time code IT printed; the sync client makes the device's key, exchanges
 * the code for a token, and the page then shows the initial sync's progress. The "paired"
 * signal tells the window to show its home page. No network or disk work happens here: the
 * client does it asynchronously and reports back on the main context. A pairing code scanned
 * while the page shows (the window's code-scanned) is filled in and submitted.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "aisle-pairing-page.h"
#include "aisle-window.h"

struct _AislePairingPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwEntryRow     *code_row;
  AdwEntryRow     *hub_url_row;
  GtkLabel        *message_label;
  GtkButton       *pair_button;
  GtkProgressBar  *progress_bar;
  AdwStatusPage   *status_page;

  /* Owned */
  AisleSyncClient *client;
  GCancellable    *cancellable;
  gulong           rows_handler;
  gulong           total_handler;
  gulong           scan_handler;
  GtkWidget       *scan_window;    /* the root AisleWindow while mapped (not owned) */
  gint64           sync_started;   /* monotonic µs */
  guint64          rows_at_start;
};

G_DEFINE_FINAL_TYPE (AislePairingPage, aisle_pairing_page, GTK_TYPE_WIDGET)

enum
{
  PAIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (AislePairingPage *self,
          gboolean          busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->hub_url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pair_button), !busy);
}

/* "12,345": digits grouped by three, as both English and Traditional Chinese write them. */
static char *
format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
format_time_left (double seconds)
{
  guint n;

  if (seconds < 90)
    {
      n = (guint) MAX (1, seconds + 0.5);
      /* Translators: time left of the initial sync, in seconds */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u second left",
                                           "about %u seconds left", n), n);
    }
  n = (guint) (seconds / 60 + 0.5);
  /* Translators: time left of the initial sync, in minutes */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "about %u minute left",
                                       "about %u minutes left", n), n);
}

/* The hub says how many rows remain after each page (rows-total); the rate so far gives the
 * time left. Before the first page, or from an older hub, the bar pulses instead. */
static void
rows_changed_cb (AislePairingPage *self)
{
  guint64 rows = aisle_sync_client_get_rows_received (self->client) - self->rows_at_start;
  guint64 total = aisle_sync_client_get_rows_total (self->client);
  double seconds = (g_get_monotonic_time () - self->sync_started) / (double) G_USEC_PER_SEC;
  g_autofree char *count = format_count (rows);
  g_autofree char *text = NULL;

  if (total > self->rows_at_start && total - self->rows_at_start >= rows && rows > 0)
    {
      guint64 all = total - self->rows_at_start;
      g_autofree char *of = format_count (all);
      g_autofree char *left = format_time_left (seconds * (all - rows) / rows);

      gtk_progress_bar_set_fraction (self->progress_bar, (double) rows / all);
      /* Translators: "12,345 of 120,000 rows — about 8 seconds left" */
      text = g_strdup_printf (_("%s of %s rows — %s"), count, of, left);
    }
  else
    {
      gtk_progress_bar_pulse (self->progress_bar);
      /* Translators: %s is a number of rows */
      text = g_strdup_printf (_("Downloading the store’s data: %s rows received"), count);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_label_set_label (self->message_label, text);
}

static void
initial_sync_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AislePairingPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!aisle_sync_client_sync_finish (AISLE_SYNC_CLIENT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_signal_handler (&self->rows_handler, self->client);
  g_clear_signal_handler (&self->total_handler, self->client);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  set_busy (self, FALSE);
  /* Paired either way: a failed initial sync is retried by the scheduler, and the status in
   * the header says why. */
  if (error != NULL)
    g_message ("initial sync: %s", error->message);
  g_signal_emit (self, signals[PAIRED], 0);
}

/* The client's errors are for logs; staff read these. */
static const char *
describe_pair_error (AislePairingPage *self,
                     const GError     *error)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->hub_url_row));

  if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_PAIRING))
    {
      if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
        return _("The hub address must start with http:// or https://.");
      return _("The hub refused this pairing code: it is wrong, already used or expired. Ask IT for a new one.");
    }
  if (g_error_matches (error, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_OFFLINE))
    return _("The hub cannot be reached. Check the address and the network, then try again.");
  return error->message;
}

static void
pair_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(AislePairingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!aisle_sync_client_pair_finish (AISLE_SYNC_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      gtk_label_set_label (self->message_label, describe_pair_error (self, error));
      return;
    }
  text = g_strdup_printf (_("Paired with store %s. Downloading the store’s data…"),
                          aisle_sync_client_get_store_id (self->client));
  gtk_label_set_label (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  self->sync_started = g_get_monotonic_time ();
  self->rows_at_start = aisle_sync_client_get_rows_received (self->client);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  self->rows_handler = g_signal_connect_swapped (self->client, "notify::rows-received",
                                                 G_CALLBACK (rows_changed_cb), self);
  self->total_handler = g_signal_connect_swapped (self->client, "notify::rows-total",
                                                  G_CALLBACK (rows_changed_cb), self);
  aisle_sync_client_sync_async (self->client, self->cancellable, initial_sync_cb,
                                g_object_ref (self));
}

static void
on_pair_button_clicked_cb (AislePairingPage *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->hub_url_row));
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code_row));

  if (self->client == NULL)
    return;
  if (*url == '\0' || *code == '\0')
    {
      gtk_label_set_label (self->message_label, _("Type the hub address and the pairing code."));
      return;
    }
  set_busy (self, TRUE);
  gtk_label_set_label (self->message_label, _("Pairing…"));
  aisle_sync_client_pair_async (self->client, url, code, NULL, self->cancellable, pair_cb,
                                g_object_ref (self));
}

/* A pairing code as `aisle-hub admin pair-code` prints it (12 characters of an alphabet
 * without look-alikes, in groups of 4), or NULL. Case, spaces and dashes do not matter. */
static char *
normalize_pairing_code (const char *text)
{
  static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  GString *code = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      char ch = g_ascii_toupper (*p);

      if (ch == '-' || ch == ' ')
        continue;
      if (strchr (alphabet, ch) == NULL || code->len >= 14)
        {
          g_string_free (code, TRUE);
          return NULL;
        }
      if (code->len == 4 || code->len == 9)
        g_string_append_c (code, '-');
      g_string_append_c (code, ch);
    }
  if (code->len != 14)
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  return g_string_free (code, FALSE);
}

/* A pairing code scanned (camera or wedge) while this page shows: fill it in and pair. */
static void
on_code_scanned_cb (AislePairingPage *self,
                    AisleCode        *code,
                    AisleScanSource   source)
{
  g_autofree char *text = normalize_pairing_code (aisle_code_get_text (code));

  if (text == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->pair_button)))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), text);
  on_pair_button_clicked_cb (self);
}

static void
aisle_pairing_page_map (GtkWidget *widget)
{
  AislePairingPage *self = AISLE_PAIRING_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (aisle_pairing_page_parent_class)->map (widget);
  root = gtk_widget_get_root (widget);
  if (AISLE_IS_WINDOW (root) && self->scan_handler == 0)
    {
      self->scan_window = GTK_WIDGET (root);
      self->scan_handler = g_signal_connect_swapped (root, "code-scanned",
                                                     G_CALLBACK (on_code_scanned_cb), self);
    }
}

static void
aisle_pairing_page_unmap (GtkWidget *widget)
{
  AislePairingPage *self = AISLE_PAIRING_PAGE (widget);

  if (self->scan_window != NULL)
    g_clear_signal_handler (&self->scan_handler, self->scan_window);
  self->scan_window = NULL;
  GTK_WIDGET_CLASS (aisle_pairing_page_parent_class)->unmap (widget);
}

static void
aisle_pairing_page_dispose (GObject *object)
{
  AislePairingPage *self = AISLE_PAIRING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->client != NULL)
    {
      g_clear_signal_handler (&self->rows_handler, self->client);
      g_clear_signal_handler (&self->total_handler, self->client);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), AISLE_TYPE_PAIRING_PAGE);
  G_OBJECT_CLASS (aisle_pairing_page_parent_class)->dispose (object);
}

static void
aisle_pairing_page_class_init (AislePairingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_pairing_page_dispose;
  widget_class->map = aisle_pairing_page_map;
  widget_class->unmap = aisle_pairing_page_unmap;

  signals[PAIRED] = g_signal_new ("paired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/aisleretail/Aisle/ui/aisle-pairing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AislePairingPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, AislePairingPage, hub_url_row);
  gtk_widget_class_bind_template_child (widget_class, AislePairingPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AislePairingPage, pair_button);
  gtk_widget_class_bind_template_child (widget_class, AislePairingPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AislePairingPage, status_page);
  gtk_widget_class_bind_template_callback (widget_class, on_pair_button_clicked_cb);
}

static void
aisle_pairing_page_init (AislePairingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
aisle_pairing_page_new (void)
{
  return g_object_new (AISLE_TYPE_PAIRING_PAGE, NULL);
}

void
aisle_pairing_page_set_client (AislePairingPage *self,
                               AisleSyncClient  *client)
{
  g_return_if_fail (AISLE_IS_PAIRING_PAGE (self));

  g_set_object (&self->client, client);
}

void
aisle_pairing_page_set_hub_url (AislePairingPage *self,
                                const char       *hub_url)
{
  g_return_if_fail (AISLE_IS_PAIRING_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->hub_url_row), hub_url != NULL ? hub_url : "");
}

void
aisle_pairing_page_set_code (AislePairingPage *self,
                             const char       *code)
{
  g_return_if_fail (AISLE_IS_PAIRING_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code);
}

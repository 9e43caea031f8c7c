/* aisle-kiosk-earn-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Points for an e-invoice go to a member, so the shopper first scans their member card (a
 * signed token: the kiosk never looks members up by anything a stranger could type), or comes
 * here straight from joining. The invoice is then an `invoice.register` mutation. The hub
 * decides whether it counts (this retailer's sellers, its age, once per invoice) and how many
 * points it earns; the page waits a few seconds for that answer and shows it in words. What
 * the cache can tell is refused at once, online or not: an invoice it already holds, one too
 * old or dated ahead, one of another seller (by the hub's settings as last pulled).
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "aisle-kiosk-earn-page.h"
#include "aisle-kiosk-shell.h"
#include "aisle-store-kiosk.h"
#include "aisle-store-profile.h"

#define WAIT_FOR_HUB_MS 10000
#define POLL_MS 250

struct _AisleKioskEarnPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkButton       *again_button;
  GtkButton       *card_cancel_button;
  GtkLabel        *card_message;
  GtkPicture      *card_preview;
  GtkButton       *done_button;
  GtkButton       *invoice_cancel_button;
  GtkLabel        *invoice_message;
  GtkPicture      *invoice_preview;
  GtkLabel        *result_message;
  GtkLabel        *result_title;
  GtkSpinner      *spinner;
  GtkStack        *stack;

  /* Borrowed */
  AisleKioskShell *shell;

  /* Owned */
  char            *member_id;
  AisleCode       *invoice_code; /* the invoice in flight */
  char            *number;
  gint64           total;        /* its total, minor units */
  gint64           mutation_id;
  gint64           wait_deadline;
  guint            poll_source;
  gboolean         busy;
};

G_DEFINE_FINAL_TYPE (AisleKioskEarnPage, aisle_kiosk_earn_page, GTK_TYPE_WIDGET)

static char *
format_money (gint64 minor)
{
  if (minor % 100 == 0)
    return g_strdup_printf ("NT$%" G_GINT64_FORMAT, minor / 100);
  return g_strdup_printf ("NT$%" G_GINT64_FORMAT ".%02d", minor / 100, (int) (minor % 100));
}

static void
show_result (AisleKioskEarnPage *self,
             const char         *title,
             const char         *reason)
{
  g_autofree char *money = format_money (self->total);
  g_autofree char *text = NULL;

  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);
  /* Translators: the first %s is an e-invoice number, the second its total, e.g. NT$65 */
  text = g_strdup_printf (_("Invoice %s, %s."), self->number, money);
  if (reason != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", text, reason);
      gtk_label_set_label (self->result_message, both);
    }
  else
    gtk_label_set_label (self->result_message, text);
  gtk_label_set_label (self->result_title, title);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

static void
show_points (AisleKioskEarnPage *self,
             gint64              points)
{
  g_autofree char *title = NULL;
  int n = (int) CLAMP (points, 0, G_MAXINT);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: points credited for an e-invoice */
                                        "%d point added", "%d points added", (gulong) n), n);
  show_result (self, title, NULL);
}

static void
show_refusal (AisleKioskEarnPage *self,
              const char         *reason)
{
  show_result (self, _("No points for this invoice"), reason);
}

static const char *
reason_for (const char *code,
            const char *message)
{
  if (g_strcmp0 (code, "forbidden") == 0)
    return _("This invoice is not from one of our stores.");
  if (g_strcmp0 (code, "conflict") == 0 && message != NULL && strstr (message, "older") != NULL)
    return _("This invoice is too old to earn points.");
  if (g_strcmp0 (code, "conflict") == 0)
    return _("This invoice has already been registered.");
  if (g_strcmp0 (code, "not_found") == 0)
    return _("Your membership is not active yet. Please try again later.");
  return _("Please ask one of our staff for help.");
}

/* --- the hub's answer ---------------------------------------------------------------------- */

typedef struct
{
  char   *number;
  gint64  mutation_id;
} EarnJob;

static void
earn_job_free (EarnJob *job)
{
  g_free (job->number);
  g_free (job);
}

static gboolean poll_outcome_cb (gpointer user_data);

static gpointer
outcome_job (AisleStore  *store,
             gpointer     data,
             GCancellable  *cancellable,
             GError     **error)
{
  EarnJob *job = data;

  return aisle_store_kiosk_get_outcome (store, job->mutation_id, NULL, job->number, error);
}

static void
on_outcome_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AisleKioskEarnPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleKioskOutcome) outcome = aisle_worker_run_finish (AISLE_WORKER (object), result,
                                                                  &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (outcome == NULL || (outcome->state == AISLE_KIOSK_OUTCOME_PENDING &&
                          g_get_monotonic_time () / 1000 >= self->wait_deadline))
    {
      show_result (self, _("Invoice saved"),
                   _("Your points will be added as soon as this kiosk is back online."));
      return;
    }
  switch (outcome->state)
    {
    case AISLE_KIOSK_OUTCOME_PENDING:
      self->poll_source = g_timeout_add (POLL_MS, poll_outcome_cb, self);
      break;

    case AISLE_KIOSK_OUTCOME_REJECTED:
      show_refusal (self, reason_for (outcome->code, outcome->message));
      break;

    case AISLE_KIOSK_OUTCOME_APPLIED:
    default:
      show_points (self, outcome->invoice != NULL ? outcome->invoice->points : 0);
      break;
    }
}

static gboolean
poll_outcome_cb (gpointer user_data)
{
  AisleKioskEarnPage *self = user_data;
  AisleWorker *worker = aisle_kiosk_shell_get_worker (self->shell);
  EarnJob *job;

  self->poll_source = 0;
  if (worker == NULL)
    return G_SOURCE_REMOVE;
  job = g_new0 (EarnJob, 1);
  job->number = g_strdup (self->number);
  job->mutation_id = self->mutation_id;
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, outcome_job, job,
                          (GDestroyNotify) earn_job_free,
                          (GDestroyNotify) aisle_kiosk_outcome_free,
                          aisle_kiosk_shell_get_cancellable (self->shell), on_outcome_cb, self);
  return G_SOURCE_REMOVE;
}

static void
on_registered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AisleKioskEarnPage *self = user_data;
  AisleSyncClient *client = AISLE_SYNC_CLIENT (object);
  g_autoptr(GError) error = NULL;
  gint64 id = aisle_sync_client_mutate_finish (client, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (id == 0)
    {
      g_warning ("Could not save an e-invoice: %s", error->message);
      show_refusal (self, _("This kiosk could not save your invoice. Please ask one of our "
                            "staff for help."));
      return;
    }
  self->mutation_id = id;
  if (!aisle_sync_client_get_online (client) || !aisle_sync_client_get_paired (client))
    {
      show_result (self, _("Invoice saved"),
                   _("Your points will be added as soon as this kiosk is back online."));
      return;
    }
  aisle_sync_client_sync_now (client);
  self->wait_deadline = g_get_monotonic_time () / 1000 + WAIT_FOR_HUB_MS;
  self->poll_source = g_timeout_add (POLL_MS, poll_outcome_cb, self);
}

/* --- registering --------------------------------------------------------------------------- */

typedef struct
{
  AisleCode *code;
  char      *member_id;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_clear_pointer (&job->code, aisle_code_unref);
  g_free (job->member_id);
  g_free (job);
}

/* The cache's verdict: 0 on a cache error, else CHECK_REGISTERED or 1 + an AisleInvoiceCheck. */
#define CHECK_REGISTERED 100

static gpointer
check_invoice_job (AisleStore    *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  CheckJob *job = data;
  const AisleEInvoice *invoice = aisle_code_get_einvoice (job->code);
  g_autoptr(GError) local_error = NULL;
  gboolean registered = FALSE;
  AisleInvoiceCheck check;

  if (!aisle_store_kiosk_invoice_registered (store, invoice->number, &registered, error))
    return NULL;
  if (registered)
    return GINT_TO_POINTER (CHECK_REGISTERED);
  check = aisle_store_check_invoice (store, invoice->number, invoice->date, invoice->seller_id,
                                     job->member_id, g_get_real_time () / G_USEC_PER_SEC,
                                     &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return GINT_TO_POINTER (1 + check);
}

/* What the cache alone can refuse; NULL to ask the hub. An invoice held but refused here before
 * (not "registered" above) goes to the hub again, for its reason. */
static const char *
local_refusal (int answer)
{
  if (answer == CHECK_REGISTERED)
    return _("This invoice has already been registered.");
  switch (answer - 1)
    {
    case AISLE_INVOICE_TOO_OLD:
      return _("This invoice is too old to earn points.");
    case AISLE_INVOICE_FUTURE:
      return _("This invoice is dated in the future. Please check it with our staff.");
    case AISLE_INVOICE_FOREIGN_SELLER:
      return _("This invoice is not from one of our stores.");
    default:
      return NULL;
    }
}

static void
on_invoice_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  AisleKioskEarnPage *self = user_data;
  g_autoptr(GError) error = NULL;
  int answer = GPOINTER_TO_INT (aisle_worker_run_finish (AISLE_WORKER (object), result, &error));
  AisleSyncClient *client = aisle_kiosk_shell_get_sync_client (self->shell);
  const AisleEInvoice *invoice = self->invoice_code != NULL
                                 ? aisle_code_get_einvoice (self->invoice_code) : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *args = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer != 0 && local_refusal (answer) != NULL)
    {
      show_refusal (self, local_refusal (answer));
      return;
    }
  if (answer == 0 && error != NULL)
    g_warning ("Could not check an invoice: %s", error->message);
  if (answer == 0 || client == NULL || invoice == NULL)
    {
      show_refusal (self, _("This kiosk cannot register invoices right now. Please ask one of "
                            "our staff for help."));
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, invoice->number);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, invoice->date);
  json_builder_set_member_name (builder, "random_code");
  json_builder_add_string_value (builder, invoice->random_code);
  json_builder_set_member_name (builder, "seller_id");
  json_builder_add_string_value (builder, invoice->seller_id);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, self->total);
  json_builder_set_member_name (builder, "member_id");
  json_builder_add_string_value (builder, self->member_id);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  args = json_to_string (root, FALSE);
  aisle_sync_client_mutate_async (client, "invoice.register", args, NULL,
                                  aisle_kiosk_shell_get_cancellable (self->shell),
                                  on_registered_cb, self);
}

static void
register_invoice (AisleKioskEarnPage *self,
                  AisleCode          *code)
{
  const AisleEInvoice *invoice = aisle_code_get_einvoice (code);
  AisleWorker *worker = aisle_kiosk_shell_get_worker (self->shell);
  CheckJob *job;

  if (worker == NULL || self->busy)
    return;
  self->busy = TRUE;
  g_free (self->number);
  self->number = g_strdup (invoice->number);
  self->total = invoice->total_amount * 100;
  g_clear_pointer (&self->invoice_code, aisle_code_unref);
  self->invoice_code = aisle_code_ref (code);
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "working");
  job = g_new0 (CheckJob, 1);
  job->code = aisle_code_ref (code);
  job->member_id = g_strdup (self->member_id);
  aisle_worker_run_async (worker, G_PRIORITY_DEFAULT, check_invoice_job, job,
                          (GDestroyNotify) check_job_free, NULL,
                          aisle_kiosk_shell_get_cancellable (self->shell), on_invoice_checked_cb,
                          self);
}

void
aisle_kiosk_earn_page_handle_code (AisleKioskEarnPage *self,
                                   AisleCode          *code)
{
  GtkLabel *message;

  g_return_if_fail (AISLE_IS_KIOSK_EARN_PAGE (self));

  if (self->busy)
    return;
  /* The camera keeps seeing the invoice just registered: that is not a second attempt (the
   * shopper presses "Scan another invoice" for one). */
  if (aisle_code_get_kind (code) == AISLE_CODE_KIND_EINVOICE && aisle_code_is_valid (code) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "result") == 0 &&
      g_strcmp0 (aisle_code_get_einvoice (code)->number, self->number) == 0)
    return;
  message = self->member_id == NULL ? self->card_message : self->invoice_message;
  switch (aisle_code_get_kind (code))
    {
    case AISLE_CODE_KIND_MEMBER_CARD:
      if (aisle_code_is_valid (code) && aisle_code_get_token (code)->member_id != NULL)
        aisle_kiosk_earn_page_set_member (self, aisle_code_get_token (code)->member_id);
      else if (aisle_code_has_error (code, AISLE_CODES_ERROR_EXPIRED))
        gtk_label_set_label (self->card_message, _("This member card has expired. Our staff at "
                                                   "the counter can give you a new one."));
      else
        gtk_label_set_label (self->card_message, _("This member card cannot be read here. "
                                                   "Please ask one of our staff."));
      if (!aisle_code_is_valid (code))
        gtk_stack_set_visible_child_name (self->stack, "card");
      break;

    case AISLE_CODE_KIND_EINVOICE:
      if (self->member_id == NULL)
        gtk_label_set_label (message, _("First scan your member card, then your e-invoice."));
      else if (!aisle_code_is_valid (code))
        gtk_label_set_label (message, _("This e-invoice code cannot be read. Please try again."));
      else
        register_invoice (self, code);
      break;

    case AISLE_CODE_KIND_EINVOICE_RIGHT:
      gtk_label_set_label (message, _("That is the right-hand code. Please scan the QR code on "
                                      "the left of your e-invoice."));
      break;

    default:
      gtk_label_set_label (message, self->member_id == NULL
                           ? _("That is not a member card. Please scan the code of your member card.")
                           : _("That is not an e-invoice. Please scan the QR code on the left of "
                               "your e-invoice."));
      break;
    }
}

void
aisle_kiosk_earn_page_set_member (AisleKioskEarnPage *self,
                                  const char         *member_id)
{
  g_return_if_fail (AISLE_IS_KIOSK_EARN_PAGE (self));

  g_free (self->member_id);
  self->member_id = g_strdup (member_id);
  gtk_stack_set_visible_child_name (self->stack, member_id != NULL ? "invoice" : "card");
}

static void
on_again_clicked_cb (AisleKioskEarnPage *self)
{
  gtk_label_set_label (self->invoice_message,
                       _("Hold the QR code on the left of your e-invoice under the scanner."));
  gtk_stack_set_visible_child_name (self->stack, self->member_id != NULL ? "invoice" : "card");
}

static void
on_done_clicked_cb (AisleKioskEarnPage *self)
{
  aisle_kiosk_shell_reset (self->shell);
}

static void
aisle_kiosk_earn_page_dispose (GObject *object)
{
  AisleKioskEarnPage *self = AISLE_KIOSK_EARN_PAGE (object);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_KIOSK_EARN_PAGE);

  G_OBJECT_CLASS (aisle_kiosk_earn_page_parent_class)->dispose (object);
}

static void
aisle_kiosk_earn_page_finalize (GObject *object)
{
  AisleKioskEarnPage *self = AISLE_KIOSK_EARN_PAGE (object);

  g_free (self->member_id);
  g_free (self->number);
  g_clear_pointer (&self->invoice_code, aisle_code_unref);

  G_OBJECT_CLASS (aisle_kiosk_earn_page_parent_class)->finalize (object);
}

static void
aisle_kiosk_earn_page_class_init (AisleKioskEarnPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_kiosk_earn_page_dispose;
  object_class->finalize = aisle_kiosk_earn_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-kiosk-earn-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, again_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, card_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, card_message);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, invoice_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, invoice_message);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, result_message);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, card_preview);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, invoice_preview);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskEarnPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskearnpage");
}

static void
aisle_kiosk_earn_page_init (AisleKioskEarnPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aisle_kiosk_earn_page_new (AisleKioskShell *shell)
{
  AisleKioskEarnPage *self = g_object_new (AISLE_TYPE_KIOSK_EARN_PAGE, NULL);

  self->shell = shell;
  aisle_kiosk_shell_bind_preview (shell, self->card_preview);
  aisle_kiosk_shell_bind_preview (shell, self->invoice_preview);
  return GTK_WIDGET (self);
}

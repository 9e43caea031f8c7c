/* aisle-kiosk-product-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answers from the cache only (a scan answers at once, online or not): the product, its price
 * and the available stock (on hand minus reserved) here, in the nearby stores the cache holds
 * stock for, and in the online warehouse. No customer data is involved.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>

#include "aisle-kiosk-product-page.h"
#include "aisle-kiosk-shell.h"
#include "aisle-store-kiosk.h"

#define MAX_NEARBY 3

struct _AisleKioskProductPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkPicture      *prompt_preview;
  GtkButton       *again_button;
  GtkButton       *done_button;
  GtkButton       *prompt_cancel_button;
  GtkLabel        *prompt_message;
  GtkLabel        *result_message;
  GtkLabel        *result_title;
  GtkBox          *stock_box;
  GtkStack        *stack;

  /* Borrowed */
  AisleKioskShell *shell;
};

G_DEFINE_FINAL_TYPE (AisleKioskProductPage, aisle_kiosk_product_page, GTK_TYPE_WIDGET)

static char *
format_money (gint64 minor)
{
  if (minor % 100 == 0)
    return g_strdup_printf ("NT$%" G_GINT64_FORMAT, minor / 100);
  return g_strdup_printf ("NT$%" G_GINT64_FORMAT ".%02d", minor / 100, (int) (minor % 100));
}

static void
clear_stock (AisleKioskProductPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stock_box))) != NULL)
    gtk_box_remove (self->stock_box, child);
}

static void
add_stock_line (AisleKioskProductPage *self,
                const char            *text,
                gboolean               strong)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, strong ? "title-3" : "kiosk-message");
  gtk_box_append (self->stock_box, label);
}

static char *
count_text (gint64 available)
{
  int n = (int) MIN (available, G_MAXINT);

  if (n <= 0)
    return g_strdup (_("out of stock"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: units in stock */
                                       "%d available", "%d available", (gulong) n), n);
}

static void
show_product (AisleKioskProductPage *self,
              AisleKioskProduct     *info)
{
  g_autofree char *price = format_money (info->product->price);
  g_autofree char *here = NULL;
  g_autofree char *line = NULL;
  guint shown = 0;

  clear_stock (self);
  gtk_label_set_label (self->result_title, info->product->name);
  if (info->product->brand != NULL && *info->product->brand != '\0')
    {
      g_autofree char *text = g_strdup_printf ("%s · %s", info->product->brand, price);
      gtk_label_set_label (self->result_message, text);
    }
  else
    gtk_label_set_label (self->result_message, price);

  here = count_text (info->here != NULL ? info->here->available : 0);
  /* Translators: %s is e.g. "3 available" or "out of stock" */
  line = g_strdup_printf (_("In this store: %s"), here);
  add_stock_line (self, line, TRUE);
  for (guint i = 0; i < info->nearby->len && shown < MAX_NEARBY; i++)
    {
      const AisleKioskStock *s = g_ptr_array_index (info->nearby, i);
      g_autofree char *count = NULL;
      g_autofree char *text = NULL;

      if (s->available <= 0)
        continue;
      count = count_text (s->available);
      /* Translators: a nearby store's name, then e.g. "3 available" */
      text = g_strdup_printf (_("%s: %s"), s->name, count);
      add_stock_line (self, text, FALSE);
      shown++;
    }
  if (shown == 0)
    add_stock_line (self, _("Not available in nearby stores"), FALSE);
  {
    g_autofree char *count = count_text (info->online != NULL ? info->online->available : 0);
    g_autofree char *text = g_strdup_printf (_("Online: %s"), count);

    add_stock_line (self, text, FALSE);
  }
  gtk_stack_set_visible_child_name (self->stack, "result");
}

typedef struct
{
  char *barcode;
  char *store_id;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_free (job->barcode);
  g_free (job->store_id);
  g_free (job);
}

static gpointer
check_job (AisleStore  *store,
           gpointer     data,
           GCancellable  *cancellable,
           GError     **error)
{
  CheckJob *job = data;

  return aisle_store_kiosk_check_product (store, job->barcode, job->store_id, error);
}

static void
on_checked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AisleKioskProductPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleKioskProduct) info = aisle_worker_run_finish (AISLE_WORKER (object), result,
                                                               &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (info != NULL)
    {
      show_product (self, info);
      return;
    }
  if (!g_error_matches (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not check a product: %s", error->message);
  clear_stock (self);
  gtk_label_set_label (self->result_title, _("We could not find this product"));
  gtk_label_set_label (self->result_message, _("Please ask one of our staff: they will gladly "
                                               "check it for you."));
  gtk_stack_set_visible_child_name (self->stack, "result");
}

void
aisle_kiosk_product_page_handle_code (AisleKioskProductPage *self,
                                      AisleCode             *code)
{
  const AisleKioskIdentity *identity;
  AisleWorker *worker;
  CheckJob *job;

  g_return_if_fail (AISLE_IS_KIOSK_PRODUCT_PAGE (self));

  worker = aisle_kiosk_shell_get_worker (self->shell);
  if (aisle_code_get_kind (code) != AISLE_CODE_KIND_PRODUCT)
    {
      gtk_label_set_label (self->prompt_message, _("That is not a product barcode. Please scan "
                                                   "the barcode on the product or its label."));
      gtk_stack_set_visible_child_name (self->stack, "prompt");
      return;
    }
  if (!aisle_code_is_valid (code))
    {
      gtk_label_set_label (self->prompt_message, _("This barcode did not scan cleanly. Please "
                                                   "try again."));
      gtk_stack_set_visible_child_name (self->stack, "prompt");
      return;
    }
  if (worker == NULL)
    return;
  identity = aisle_kiosk_shell_get_identity (self->shell);
  job = g_new0 (CheckJob, 1);
  job->barcode = g_strdup (aisle_code_get_product (code)->digits);
  job->store_id = g_strdup (identity != NULL ? identity->store_id : NULL);
  aisle_worker_run_async (worker, G_PRIORITY_HIGH, check_job, job,
                          (GDestroyNotify) check_job_free,
                          (GDestroyNotify) aisle_kiosk_product_free,
                          aisle_kiosk_shell_get_cancellable (self->shell), on_checked_cb, self);
}

static void
on_again_clicked_cb (AisleKioskProductPage *self)
{
  gtk_label_set_label (self->prompt_message, _("Hold the product’s barcode under the scanner "
                                               "to see its price and where it is in stock."));
  gtk_stack_set_visible_child_name (self->stack, "prompt");
}

static void
on_done_clicked_cb (AisleKioskProductPage *self)
{
  aisle_kiosk_shell_reset (self->shell);
}

static void
aisle_kiosk_product_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AISLE_TYPE_KIOSK_PRODUCT_PAGE);

  G_OBJECT_CLASS (aisle_kiosk_product_page_parent_class)->dispose (object);
}

static void
aisle_kiosk_product_page_class_init (AisleKioskProductPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_kiosk_product_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-kiosk-product-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, again_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, prompt_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, prompt_message);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, result_message);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, result_title);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, stock_box);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, prompt_preview);
  gtk_widget_class_bind_template_child (widget_class, AisleKioskProductPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislekioskproductpage");
}

static void
aisle_kiosk_product_page_init (AisleKioskProductPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
aisle_kiosk_product_page_new (AisleKioskShell *shell)
{
  AisleKioskProductPage *self = g_object_new (AISLE_TYPE_KIOSK_PRODUCT_PAGE, NULL);

  self->shell = shell;
  aisle_kiosk_shell_bind_preview (shell, self->prompt_preview);
  return GTK_WIDGET (self);
}

/* aisle-stock-page.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search as you type (names, brands, barcodes; aisle_store_search_products()) or a scanned
 * EAN opens a product; its stock is listed here first, then the nearby stores by distance,
 * then the online warehouse (aisle_store_lookup_stock()). With a customer's profile open,
 * a store row offers "Reserve" (reservation.create at that store) and the online row "Order
 * for Delivery" (a reservation of warehouse stock for that member, which the online shop
 * ships). Everything is read from the cache; the hub checks stock again when it applies a
 * reservation.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "aisle-profile-rows.h"
#include "aisle-stock-page.h"
#include "aisle-store-stock.h"

#define MAX_RESULTS 30
#define RESERVATION_DAYS 3

struct _AisleStockPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkBox              *customer_box;
  GtkLabel            *customer_label;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *levels_group;
  GtkLabel            *message_label;
  GtkLabel            *product_detail_label;
  GtkSearchEntry      *product_entry;
  GtkListBox          *product_list;
  GtkLabel            *product_name_label;
  GtkBox              *root_box;
  GtkStack            *stack;

  /* Owned */
  AisleWorker         *worker;
  AisleSession        *session;
  AisleSyncClient     *sync_client;
  GCancellable        *search_cancellable;   /* the search in flight, replaced per keystroke */
  GCancellable        *cancellable;          /* everything else; cancelled in dispose */
  GPtrArray           *results;              /* AisleProduct shown in product_list */
  GPtrArray           *level_rows;
  AisleStockLookup    *lookup;
  AisleMember         *customer;
  char                *branch_id;
  guint                pending;
};

G_DEFINE_FINAL_TYPE (AisleStockPage, aisle_stock_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_pending (AisleStockPage *self,
             int             delta)
{
  gboolean was_busy = self->pending > 0;

  self->pending = (guint) ((int) self->pending + delta);
  if (was_busy != (self->pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_message (AisleStockPage *self,
              const char     *text,
              gboolean        error)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
update_customer (AisleStockPage *self)
{
  g_autofree char *text = NULL;

  if (self->customer != NULL)
    /* Translators: the member reservations are made for: name and member number */
    text = g_strdup_printf (_("Reserving for %s (%s)"), self->customer->name,
                            self->customer->number != NULL ? self->customer->number : "—");
  else
    text = g_strdup (_("No customer open: open a member’s profile to reserve or order for them."));
  gtk_label_set_text (self->customer_label, text);
}

/* --- the product's stock ------------------------------------------------------------------ */

static void on_reserve_clicked_cb (GtkButton *button, AisleStockPage *self);

static void
clear_levels (AisleStockPage *self)
{
  for (guint i = 0; i < self->level_rows->len; i++)
    adw_preferences_group_remove (self->levels_group, g_ptr_array_index (self->level_rows, i));
  g_ptr_array_set_size (self->level_rows, 0);
}

static GtkWidget *
make_level_row (AisleStockPage        *self,
                const AisleStockLevel *level,
                guint                  index)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  g_autofree char *button_label = NULL;
  const char *name = level->name != NULL ? level->name : level->location_id;

  switch (level->place)
    {
    case AISLE_STOCK_PLACE_HERE:
      /* Translators: the stock row of the tablet's own store */
      title = g_strdup_printf (_("Here · %s"), name);
      button_label = g_strdup_printf (_("Reserve here for the customer"));
      break;
    case AISLE_STOCK_PLACE_NEARBY:
      if (level->distance_km >= 0)
        /* Translators: a nearby store and its distance, e.g. "台北南港店 · 7.5 km" */
        title = g_strdup_printf (_("%s · %.1f km"), name, level->distance_km);
      else
        title = g_strdup (name);
      button_label = g_strdup_printf (_("Reserve at %s"), name);
      break;
    case AISLE_STOCK_PLACE_ONLINE:
    default:
      title = g_strdup (_("Online warehouse"));
      button_label = g_strdup (_("Order for delivery to the customer"));
      break;
    }
  /* Translators: available and reserved units */
  subtitle = g_strdup_printf (_("%d available · %d reserved"), (int) level->available,
                              (int) level->reserved);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  label = g_strdup_printf ("%s. %s", title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  button = gtk_button_new_with_mnemonic (level->place == AISLE_STOCK_PLACE_ONLINE
                                           ? _("_Order for Delivery") : _("_Reserve"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (button, -1, 48);
  gtk_widget_set_sensitive (button, self->customer != NULL && level->available > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  button_label, -1);
  if (self->customer == NULL)
    gtk_widget_set_tooltip_text (button, _("Open a member’s profile first"));
  else if (level->available <= 0)
    gtk_widget_set_tooltip_text (button, _("None available"));
  g_object_set_data (G_OBJECT (button), "level-index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_reserve_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
show_lookup (AisleStockPage *self)
{
  const AisleProduct *p = self->lookup->product;
  g_autofree char *price = aisle_format_money (p->price);
  g_autofree char *detail = NULL;
  const char *barcode = p->barcodes != NULL && p->barcodes[0] != NULL ? p->barcodes[0] : NULL;

  gtk_label_set_text (self->product_name_label, p->name);
  detail = g_strdup_printf ("%s%s%s · %s", p->brand != NULL ? p->brand : "",
                            p->brand != NULL ? " · " : "", price,
                            barcode != NULL ? barcode : p->id);
  gtk_label_set_text (self->product_detail_label, detail);
  clear_levels (self);
  for (guint i = 0; i < self->lookup->levels->len; i++)
    {
      GtkWidget *row = make_level_row (self, g_ptr_array_index (self->lookup->levels, i), i);

      adw_preferences_group_add (self->levels_group, row);
      g_ptr_array_add (self->level_rows, row);
    }
  if (self->lookup->levels->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      const char *text = _("No stock of this product in this store, nearby or online");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
      adw_preferences_group_add (self->levels_group, row);
      g_ptr_array_add (self->level_rows, row);
    }
  gtk_stack_set_visible_child_name (self->stack, "product");
}

typedef struct
{
  char *product_id;
  char *barcode;
  char *branch_id;
} LookupData;

static void
lookup_data_free (LookupData *d)
{
  g_free (d->product_id);
  g_free (d->barcode);
  g_free (d->branch_id);
  g_free (d);
}

static gpointer
lookup_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LookupData *d = data;

  if (d->product_id == NULL)
    {
      g_autoptr(AisleProduct) product = aisle_store_get_product_by_barcode (store, d->barcode,
                                                                            error);

      if (product == NULL)
        return NULL;
      d->product_id = g_strdup (product->id);
    }
  return aisle_store_lookup_stock (store, d->product_id, d->branch_id, error);
}

static void
on_lookup_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AisleStockPage *self = user_data;
  g_autoptr(GError) error = NULL;
  AisleStockLookup *lookup = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  if (lookup == NULL)
    {
      if (g_error_matches (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
        show_message (self, _("This product is not in the catalogue on this tablet."), TRUE);
      else
        {
          g_warning ("stock lookup: %s", error->message);
          show_message (self, _("The stock could not be read from the tablet’s cache."), TRUE);
        }
      return;
    }
  g_clear_pointer (&self->lookup, aisle_stock_lookup_free);
  self->lookup = lookup;
  show_lookup (self);
}

static void
start_lookup (AisleStockPage *self,
              const char     *product_id,
              const char     *barcode)
{
  LookupData *d;

  if (self->worker == NULL)
    return;
  d = g_new0 (LookupData, 1);
  d->product_id = g_strdup (product_id);
  d->barcode = g_strdup (barcode);
  d->branch_id = g_strdup (self->branch_id);
  set_pending (self, 1);
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, lookup_job, d,
                          (GDestroyNotify) lookup_data_free,
                          (GDestroyNotify) aisle_stock_lookup_free, self->cancellable,
                          on_lookup_done_cb, self);
}

/* --- reserving ---------------------------------------------------------------------------- */

typedef struct
{
  AisleStockPage *self;
  char           *success;
} ReserveData;

static void
on_reserved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ReserveData *d = user_data;
  g_autoptr(GError) error = NULL;
  AisleStockPage *self = d->self;

  if (aisle_sync_client_mutate_finish (AISLE_SYNC_CLIENT (object), result, &error) > 0)
    {
      show_message (self, d->success, FALSE);
      if (self->lookup != NULL)
        start_lookup (self, self->lookup->product->id, NULL);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("reservation: %s", error->message);
      show_message (self, _("The reservation could not be saved on this tablet. Nothing was reserved; try again."), TRUE);
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_pending (self, -1);
  g_object_unref (self);
  g_free (d->success);
  g_free (d);
}

static void
on_reserve_clicked_cb (GtkButton      *button,
                       AisleStockPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "level-index"));
  const AisleStockLevel *level;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *id = g_uuid_string_random ();
  ReserveData *d;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (self->lookup == NULL || index >= self->lookup->levels->len || self->customer == NULL)
    return;
  if (self->sync_client == NULL || self->session == NULL ||
      !aisle_session_get_signed_in (self->session))
    {
      show_message (self, _("Sign in first."), TRUE);
      return;
    }
  level = g_ptr_array_index (self->lookup->levels, index);
  if (level->available <= 0)
    {
      show_message (self, _("None available there any more."), TRUE);
      return;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "reservation_id");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "member_id");
  json_builder_add_string_value (b, self->customer->id);
  json_builder_set_member_name (b, "product_id");
  json_builder_add_string_value (b, self->lookup->product->id);
  json_builder_set_member_name (b, "store_id");
  json_builder_add_string_value (b, level->location_id);
  json_builder_set_member_name (b, "quantity");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "expires_at");
  json_builder_add_int_value (b, now + RESERVATION_DAYS * 86400);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);

  d = g_new0 (ReserveData, 1);
  d->self = g_object_ref (self);
  if (level->place == AISLE_STOCK_PLACE_ONLINE)
    /* Translators: product name, member name */
    d->success = g_strdup_printf (_("Ordered 1 × %s from the online warehouse for delivery to %s."),
                                  self->lookup->product->name, self->customer->name);
  else
    /* Translators: product name, store name, member name, days */
    d->success = g_strdup_printf (_("Reserved 1 × %s at %s for %s, held for %d days."),
                                  self->lookup->product->name,
                                  level->name != NULL ? level->name : level->location_id,
                                  self->customer->name, RESERVATION_DAYS);
  set_pending (self, 1);
  aisle_sync_client_mutate_async (self->sync_client, "reservation.create", json,
                                  aisle_session_get_staff_id (self->session), self->cancellable,
                                  on_reserved_cb, d);
}

/* --- searching ---------------------------------------------------------------------------- */

static gpointer
search_job (AisleStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return aisle_store_search_products (store, data, MAX_RESULTS, error);
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AisleStockPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) products = aisle_worker_run_finish (AISLE_WORKER (object), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Every new search cancels the one before: this is the current one. */
  g_clear_object (&self->search_cancellable);
  set_pending (self, -1);
  if (products == NULL)
    {
      g_warning ("product search: %s", error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->product_list))) != NULL)
    gtk_list_box_remove (self->product_list, child);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  self->results = g_steal_pointer (&products);
  for (guint i = 0; i < self->results->len; i++)
    {
      const AisleProduct *p = g_ptr_array_index (self->results, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *price = aisle_format_money (p->price);
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s", p->brand != NULL ? p->brand : "",
                                                   p->brand != NULL ? " · " : "", price);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_size_request (row, -1, 56);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      p->name, -1);
      gtk_list_box_append (self->product_list, row);
    }
  if (self->results->len > 0)
    {
      show_message (self, NULL, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "results");
    }
  else
    show_message (self, _("No product matches. Try the barcode, a brand or fewer words."), TRUE);
}

/* Searches the catalogue as staff type; an empty query goes back to the hint. */
void
aisle_stock_page_search (AisleStockPage *self,
                         const char     *text)
{
  g_autofree char *query = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));

  if (self->search_cancellable != NULL)
    {
      g_cancellable_cancel (self->search_cancellable);
      g_clear_object (&self->search_cancellable);
      set_pending (self, -1);
    }
  if (*query == '\0' || self->worker == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  self->search_cancellable = g_cancellable_new ();
  set_pending (self, 1);
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, search_job, g_steal_pointer (&query),
                          g_free, (GDestroyNotify) g_ptr_array_unref, self->search_cancellable,
                          on_search_done_cb, self);
}

static void
on_product_entry_search_changed_cb (AisleStockPage *self)
{
  aisle_stock_page_search (self, gtk_editable_get_text (GTK_EDITABLE (self->product_entry)));
}

static void
on_product_entry_activate_cb (AisleStockPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->product_list, 0);

  if (first != NULL && self->results != NULL && self->results->len > 0)
    aisle_stock_page_show_product (self, ((AisleProduct *) g_ptr_array_index (self->results, 0))->id);
}

static void
on_product_list_row_activated_cb (AisleStockPage *self,
                                  GtkListBoxRow  *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->results != NULL && index >= 0 && (guint) index < self->results->len)
    aisle_stock_page_show_product (self,
                                   ((AisleProduct *) g_ptr_array_index (self->results, index))->id);
}

/* --- GObject ------------------------------------------------------------------------------ */

static void
aisle_stock_page_dispose (GObject *object)
{
  AisleStockPage *self = AISLE_STOCK_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_ptr_array_set_size (self->level_rows, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), AISLE_TYPE_STOCK_PAGE);
  g_clear_object (&self->worker);
  g_clear_object (&self->session);
  g_clear_object (&self->sync_client);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->lookup, aisle_stock_lookup_free);
  g_clear_pointer (&self->customer, aisle_member_free);

  G_OBJECT_CLASS (aisle_stock_page_parent_class)->dispose (object);
}

static void
aisle_stock_page_finalize (GObject *object)
{
  AisleStockPage *self = AISLE_STOCK_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->level_rows, g_ptr_array_unref);
  g_free (self->branch_id);

  G_OBJECT_CLASS (aisle_stock_page_parent_class)->finalize (object);
}

static void
aisle_stock_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AisleStockPage *self = AISLE_STOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->pending > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
aisle_stock_page_class_init (AisleStockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = aisle_stock_page_dispose;
  object_class->finalize = aisle_stock_page_finalize;
  object_class->get_property = aisle_stock_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/aisle-stock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, customer_box);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, customer_label);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, levels_group);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, product_detail_label);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, product_entry);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, product_list);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, product_name_label);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, AisleStockPage, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_product_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_product_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_product_list_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "aislestockpage");
}

static void
aisle_stock_page_init (AisleStockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->level_rows = g_ptr_array_new ();
  update_customer (self);
}

GtkWidget *
aisle_stock_page_new (void)
{
  return g_object_new (AISLE_TYPE_STOCK_PAGE, NULL);
}

void
aisle_stock_page_set_worker (AisleStockPage *self,
                             AisleWorker    *worker)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));

  g_set_object (&self->worker, worker);
}

void
aisle_stock_page_set_session (AisleStockPage *self,
                              AisleSession   *session)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));

  g_set_object (&self->session, session);
}

void
aisle_stock_page_set_sync_client (AisleStockPage  *self,
                                  AisleSyncClient *client)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));

  g_set_object (&self->sync_client, client);
}

void
aisle_stock_page_set_branch_id (AisleStockPage *self,
                                const char     *branch_id)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));

  g_free (self->branch_id);
  self->branch_id = g_strdup (branch_id);
}

/* The member reservations and delivery orders are for (the open profile), or %NULL. */
void
aisle_stock_page_set_customer (AisleStockPage    *self,
                               const AisleMember *member)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));

  g_clear_pointer (&self->customer, aisle_member_free);
  if (member != NULL)
    self->customer = aisle_member_copy (member);
  update_customer (self);
  if (self->lookup != NULL)
    show_lookup (self);
}

void
aisle_stock_page_show_product (AisleStockPage *self,
                               const char     *product_id)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));
  g_return_if_fail (product_id != NULL);

  show_message (self, NULL, FALSE);
  start_lookup (self, product_id, NULL);
}

/* A scanned EAN/UPC: the product with that barcode (the cache's normal form). */
void
aisle_stock_page_show_barcode (AisleStockPage *self,
                               const char     *barcode)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));
  g_return_if_fail (barcode != NULL);

  show_message (self, NULL, FALSE);
  start_lookup (self, NULL, barcode);
}

const char *
aisle_stock_page_get_product_id (AisleStockPage *self)
{
  g_return_val_if_fail (AISLE_IS_STOCK_PAGE (self), NULL);

  return self->lookup != NULL ? self->lookup->product->id : NULL;
}

const char *
aisle_stock_page_get_message (AisleStockPage *self)
{
  g_return_val_if_fail (AISLE_IS_STOCK_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
           ? gtk_label_get_text (self->message_label) : "";
}

gboolean
aisle_stock_page_get_busy (AisleStockPage *self)
{
  g_return_val_if_fail (AISLE_IS_STOCK_PAGE (self), FALSE);

  return self->pending > 0;
}

/* Back to the empty search (sign-out). */
void
aisle_stock_page_clear (AisleStockPage *self)
{
  g_return_if_fail (AISLE_IS_STOCK_PAGE (self));

  g_clear_pointer (&self->lookup, aisle_stock_lookup_free);
  clear_levels (self);
  aisle_stock_page_set_customer (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->product_entry), "");
  show_message (self, NULL, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* aisle-profile-rows.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One function per kind of row, so the profile page only arranges them. Every row carries
 * an accessible label that reads as a sentence, since the title and subtitle alone lose
 * their order for a screen reader.
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "aisle-profile-rows.h"

/* NT$ with thousands separators; cents only when there are any. */
char *
aisle_format_money (gint64 minor)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gint64 whole = ABS (minor) / 100;
  gint64 cents = ABS (minor) % 100;
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT, whole);
  gsize len = strlen (plain);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (digits, ',');
      g_string_append_c (digits, plain[i]);
    }
  if (cents != 0)
    g_string_append_printf (digits, ".%02d", (int) cents);
  return g_strdup_printf ("%sNT$%s", minor < 0 ? "−" : "", digits->str);
}

char *
aisle_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("");
}

char *
aisle_format_date_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

const char *
aisle_channel_get_label (AisleChannel channel)
{
  switch (channel)
    {
    case AISLE_CHANNEL_STORE:
      /* Translators: an order's sales channel */
      return C_("channel", "In store");
    case AISLE_CHANNEL_ONLINE:
      return C_("channel", "Online shop");
    case AISLE_CHANNEL_APP:
      return C_("channel", "App");
    default:
      return "";
    }
}

const char *
aisle_order_status_get_label (AisleOrderStatus status)
{
  switch (status)
    {
    case AISLE_ORDER_STATUS_PLACED:
      return C_("order status", "Placed");
    case AISLE_ORDER_STATUS_PAID:
      return C_("order status", "Paid");
    case AISLE_ORDER_STATUS_SHIPPED:
      return C_("order status", "Shipped");
    case AISLE_ORDER_STATUS_DELIVERED:
      return C_("order status", "Delivered");
    case AISLE_ORDER_STATUS_COMPLETED:
      return C_("order status", "Completed");
    case AISLE_ORDER_STATUS_CANCELLED:
      return C_("order status", "Cancelled");
    case AISLE_ORDER_STATUS_REFUNDED:
      return C_("order status", "Refunded");
    default:
      return "";
    }
}

const char *
aisle_fulfilment_get_label (AisleFulfilment fulfilment)
{
  switch (fulfilment)
    {
    case AISLE_FULFILMENT_IN_STORE:
      return C_("fulfilment", "Taken in store");
    case AISLE_FULFILMENT_DELIVERY:
      return C_("fulfilment", "Home delivery");
    case AISLE_FULFILMENT_PICKUP:
      return C_("fulfilment", "Store pickup");
    default:
      return "";
    }
}

/* Why an order was credited to a store or associate (分潤), in words. */
char *
aisle_credit_reason_describe (const char *reason)
{
  g_autofree char *head = NULL;
  const char *colon;

  if (reason == NULL || *reason == '\0' || g_str_equal (reason, "unattributed"))
    return g_strdup (_("not credited to anyone"));
  if (g_str_equal (reason, "sold_by"))
    return g_strdup (_("sold it"));
  colon = strchr (reason, ':');
  head = colon != NULL ? g_strndup (reason, colon - reason) : g_strdup (reason);
  if (g_str_equal (head, "binding"))
    return g_strdup (_("the member’s bound associate"));
  if (g_str_equal (head, "referral"))
    {
      g_autofree char *code = g_strdup (colon + 1);
      char *at = strchr (code, '@');

      if (at != NULL)
        *at = '\0';
      /* Translators: %s is a referral code */
      return g_strdup_printf (_("referral code %s"), code);
    }
  return g_strdup (reason);
}

static void
set_label (GtkWidget  *widget,
           const char *title,
           const char *subtitle)
{
  g_autofree char *text = g_strdup_printf ("%s. %s", title, subtitle != NULL ? subtitle : "");

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  set_label (row, title, subtitle);
  return row;
}

/* The items, delivery and attribution rows are built when the order is first opened: a
 * profile shows many orders and most are never opened, and each row costs widgets. */
typedef struct
{
  AisleOrder *order;
  char       *credit;
} OrderDetail;

static void
order_detail_free (OrderDetail *d)
{
  aisle_order_free (d->order);
  g_free (d->credit);
  g_free (d);
}

static void
on_order_expanded_cb (AdwExpanderRow *row,
                      GParamSpec     *pspec,
                      gpointer        user_data)
{
  OrderDetail *d = g_object_get_data (G_OBJECT (row), "aisle-order-detail");
  const AisleOrder *order;

  if (d == NULL || !adw_expander_row_get_expanded (row))
    return;
  order = d->order;
  for (guint i = 0; order->items != NULL && i < order->items->len; i++)
    {
      const AisleOrderItem *item = g_ptr_array_index (order->items, i);
      g_autofree char *price = aisle_format_money ((gint64) (item->unit_price * item->quantity));
      g_autofree char *qty = NULL;

      /* Translators: an order line: quantity and line total, e.g. "× 2 · NT$240" */
      qty = g_strdup_printf (_("× %g · %s"), item->quantity, price);
      adw_expander_row_add_row (row, make_row (item->name, qty));
    }
  if (order->fulfilment == AISLE_FULFILMENT_DELIVERY || order->tracking != NULL)
    adw_expander_row_add_row (row, make_row (_("Delivery tracking"),
                                             order->tracking != NULL ? order->tracking
                                                                     : _("No tracking number yet")));
  adw_expander_row_add_row (row, make_row (_("Credited to"), d->credit));
  /* Built once; the rows stay for the next time it is opened. */
  g_object_set_data (G_OBJECT (row), "aisle-order-detail", NULL);
}

GtkWidget *
aisle_profile_order_row_new (const AisleProfile *profile,
                             const AisleOrder   *order)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *money = aisle_format_money (order->total);
  g_autofree char *date = aisle_format_date (order->placed_at);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *reason = aisle_credit_reason_describe (order->credit_reason);
  OrderDetail *detail = g_new0 (OrderDetail, 1);
  const char *where = aisle_profile_branch_name (profile, order->branch_id);

  /* Translators: an order in the timeline: channel, then the total, e.g. "Online shop · NT$1,200" */
  title = g_strdup_printf (_("%s · %s"), aisle_channel_get_label (order->channel), money);
  subtitle = g_strdup_printf ("%s · %s · %s%s%s", date, aisle_order_status_get_label (order->status),
                              aisle_fulfilment_get_label (order->fulfilment),
                              where != NULL ? " · " : "", where != NULL ? where : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  set_label (row, title, subtitle);

  detail->order = aisle_order_copy (order);
  if (order->credited_staff_id != NULL)
    /* Translators: attribution: associate, store, and why, e.g. "王小明 at 台北信義店: sold it" */
    detail->credit = g_strdup_printf (_("%s at %s: %s"),
                                      aisle_profile_staff_name (profile, order->credited_staff_id),
                                      order->credited_branch_id != NULL
                                        ? aisle_profile_branch_name (profile, order->credited_branch_id)
                                        : "—",
                                      reason);
  else if (order->credited_branch_id != NULL)
    detail->credit = g_strdup_printf ("%s: %s",
                                      aisle_profile_branch_name (profile, order->credited_branch_id),
                                      reason);
  else
    detail->credit = g_strdup (reason);
  g_object_set_data_full (G_OBJECT (row), "aisle-order-detail", detail,
                          (GDestroyNotify) order_detail_free);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_order_expanded_cb), NULL);
  return row;
}

GtkWidget *
aisle_profile_reservation_row_new (const AisleProfile     *profile,
                                   const AisleReservation *r,
                                   const char             *here_branch_id)
{
  const char *product = g_hash_table_lookup (profile->product_names, r->product_id);
  g_autofree char *until = aisle_format_date (r->expires_at);
  g_autofree char *subtitle = NULL;
  const char *where;
  GtkWidget *row;

  if (g_strcmp0 (r->branch_id, AISLE_LOCATION_ONLINE) == 0)
    where = _("Online warehouse, for delivery");
  else
    where = aisle_profile_branch_name (profile, r->branch_id);
  /* Translators: a reservation: quantity, where it is held, until when */
  subtitle = g_strdup_printf (_("%d held at %s until %s"), (int) r->quantity, where, until);
  row = make_row (product != NULL ? product : r->product_id, subtitle);
  set_label (row, product != NULL ? product : r->product_id, subtitle);
  if (g_strcmp0 (r->branch_id, here_branch_id) == 0)
    {
      GtkWidget *badge = gtk_label_new (_("Here"));

      gtk_widget_add_css_class (badge, "tier-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  return row;
}

GtkWidget *
aisle_profile_coupon_row_new (const AisleCoupon *coupon,
                              gint64             now)
{
  g_autofree char *value = aisle_format_money (coupon->value);
  g_autofree char *until = aisle_format_date (coupon->valid_until);
  g_autofree char *used = aisle_format_date (coupon->redeemed_at);
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (coupon->redeemed_at != 0)
    /* Translators: %s is a date */
    state = g_strdup_printf (_("Used on %s"), used);
  else if (coupon->valid_until != 0 && coupon->valid_until <= now)
    state = g_strdup_printf (_("Expired on %s"), until);
  else
    state = g_strdup_printf (_("Valid until %s"), until);
  subtitle = g_strdup_printf ("%s · %s · %s", value, state, coupon->code);
  row = make_row (coupon->title, subtitle);
  set_label (row, coupon->title, subtitle);
  if (coupon->redeemed_at != 0 || (coupon->valid_until != 0 && coupon->valid_until <= now))
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

GtkWidget *
aisle_profile_note_row_new (const AisleProfile *profile,
                            const AisleNote    *note)
{
  g_autofree char *when = aisle_format_date_time (note->at);
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", when,
                                               note->staff_id != NULL
                                                 ? aisle_profile_staff_name (profile, note->staff_id)
                                                 : "—");
  GtkWidget *row = make_row (note->text, subtitle);

  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  set_label (row, note->text, subtitle);
  return row;
}

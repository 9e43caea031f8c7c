/* aisle-store-orders.c: orders with their items (a JSON array in the order's row), and
 * reservations. Points, coupons and invoices live in aisle-store-commerce.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "aisle-store-private.h"

/* --- orders -------------------------------------------------------------------------------- */

#define ORDER_COLUMNS \
  "id, member_id, channel, fulfilment, status, tracking, store_id, total, placed_at, " \
  "credited_staff_id, credited_store_id, credit_reason"

/**
 * _aisle_order_items_to_json:
 * @order: an order
 *
 * The order's items as the JSON array stored in orders.items (data/sql/009-order-items.sql):
 * the wire's "items", in line order.
 *
 * Returns: (transfer full): the JSON text
 */
char *
_aisle_order_items_to_json (const AisleOrder *order)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; order->items != NULL && i < order->items->len; i++)
    {
      const AisleOrderItem *item = g_ptr_array_index (order->items, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "product_id");
      json_builder_add_string_value (builder, item->product_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, item->name != NULL ? item->name : "");
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_double_value (builder, item->quantity);
      json_builder_set_member_name (builder, "unit_price");
      json_builder_add_int_value (builder, item->unit_price);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Migration 009's C step: fills orders.items from order_items and drops that table. Triggers
 * on orders (the hub logs every order update for the devices) are set aside meanwhile: moving
 * the items changes no order, so nothing must be logged or recomputed. */
gboolean
_aisle_store_migrate_order_items (AisleStore  *self,
                                  GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);

  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self,
                                                   "SELECT name, sql FROM sqlite_master "
                                                   "WHERE type = 'trigger' AND tbl_name = 'orders'",
                                                   error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_ptr_array_add (names, _aisle_column_dup (stmt, 0));
        g_ptr_array_add (creates, _aisle_column_dup (stmt, 1));
      }
    if (rc != SQLITE_DONE)
      {
        _aisle_store_set_error (self, rc, "listing the triggers on orders", error);
        return FALSE;
      }
  }
  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP TRIGGER \"%w\"", (const char *) g_ptr_array_index (names, i));
      gboolean ok = _aisle_store_exec (self, drop, error);

      sqlite3_free (drop);
      if (!ok)
        return FALSE;
    }
  if (!_aisle_store_exec (self,
                          "UPDATE orders SET items = i.items FROM "
                          "(SELECT order_id, json_group_array(json_object('product_id', "
                          "product_id, 'name', name, 'quantity', quantity, 'unit_price', "
                          "unit_price)) AS items FROM (SELECT * FROM order_items "
                          "ORDER BY order_id, line) GROUP BY order_id) AS i "
                          "WHERE orders.id = i.order_id; "
                          "DROP TABLE order_items", error))
    return FALSE;
  for (guint i = 0; i < creates->len; i++)
    if (!_aisle_store_exec (self, g_ptr_array_index (creates, i), error))
      return FALSE;
  return TRUE;
}

static gboolean
upsert_order_inner (AisleStore        *self,
                    const AisleOrder  *order,
                    GError           **error)
{
  g_auto(AisleStmt) stmt = NULL;
  g_autofree char *items = _aisle_order_items_to_json (order);

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO orders (" ORDER_COLUMNS ", items) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                               "ON CONFLICT (id) DO UPDATE SET member_id = excluded.member_id, "
                               "channel = excluded.channel, fulfilment = excluded.fulfilment, "
                               "status = excluded.status, tracking = excluded.tracking, "
                               "store_id = excluded.store_id, total = excluded.total, "
                               "placed_at = excluded.placed_at, "
                               "credited_staff_id = excluded.credited_staff_id, "
                               "credited_store_id = excluded.credited_store_id, "
                               "credit_reason = excluded.credit_reason, "
                               "items = excluded.items", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, order->id);
  _aisle_bind_text (stmt, 2, order->member_id);
  _aisle_bind_text (stmt, 3, aisle_channel_to_string (order->channel));
  _aisle_bind_text (stmt, 4, aisle_fulfilment_to_string (order->fulfilment));
  _aisle_bind_text (stmt, 5, aisle_order_status_to_string (order->status));
  _aisle_bind_text (stmt, 6, order->tracking);
  _aisle_bind_text (stmt, 7, order->branch_id);
  sqlite3_bind_int64 (stmt, 8, order->total);
  sqlite3_bind_int64 (stmt, 9, order->placed_at);
  _aisle_bind_text (stmt, 10, order->credited_staff_id);
  _aisle_bind_text (stmt, 11, order->credited_branch_id);
  _aisle_bind_text (stmt, 12, order->credit_reason);
  _aisle_bind_text (stmt, 13, items);
  return _aisle_store_step_done (self, stmt, "saving an order", error);
}

/**
 * aisle_store_upsert_order:
 * @self: an #AisleStore
 * @order: the order; its items replace the stored ones
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_upsert_order (AisleStore        *self,
                          const AisleOrder  *order,
                          GError           **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (order != NULL, FALSE);

  if (!_aisle_require_id (order->id, "order id", error))
    return FALSE;
  if (aisle_channel_to_string (order->channel) == NULL ||
      aisle_fulfilment_to_string (order->fulfilment) == NULL ||
      aisle_order_status_to_string (order->status) == NULL)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "order %s: unknown channel, fulfilment or status", order->id);
      return FALSE;
    }
  for (guint i = 0; order->items != NULL && i < order->items->len; i++)
    if (!_aisle_require_id (((AisleOrderItem *) g_ptr_array_index (order->items, i))->product_id,
                            "order item product id", error))
      return FALSE;

  if (!aisle_store_begin (self, error))
    return FALSE;
  if (!upsert_order_inner (self, order, error) || !aisle_store_commit (self, error))
    {
      aisle_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

/* Reads ORDER_COLUMNS followed by items. */
static AisleOrder *
order_from_row (sqlite3_stmt  *stmt,
                char         **out_items)
{
  AisleOrder *o = aisle_order_new ();

  o->id = _aisle_column_dup (stmt, 0);
  o->member_id = _aisle_column_dup (stmt, 1);
  aisle_channel_from_string ((const char *) sqlite3_column_text (stmt, 2), &o->channel);
  aisle_fulfilment_from_string ((const char *) sqlite3_column_text (stmt, 3), &o->fulfilment);
  aisle_order_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &o->status);
  o->tracking = _aisle_column_dup (stmt, 5);
  o->branch_id = _aisle_column_dup (stmt, 6);
  o->total = sqlite3_column_int64 (stmt, 7);
  o->placed_at = sqlite3_column_int64 (stmt, 8);
  o->credited_staff_id = _aisle_column_dup (stmt, 9);
  o->credited_branch_id = _aisle_column_dup (stmt, 10);
  o->credit_reason = _aisle_column_dup (stmt, 11);
  *out_items = _aisle_column_dup (stmt, 12);
  return o;
}

/* Fills @order's items from the JSON array of its orders.items. */
static gboolean
load_items (AisleStore  *self,
            AisleOrder  *order,
            const char  *items,
            GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  if (items == NULL)
    return TRUE;
  stmt = _aisle_store_prepare (self,
                               "SELECT json_extract(value, '$.product_id'), "
                               "json_extract(value, '$.name'), json_extract(value, '$.quantity'), "
                               "json_extract(value, '$.unit_price') FROM json_each(?1) "
                               "ORDER BY key", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, items);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AisleOrderItem *item = aisle_order_item_new ();

      item->product_id = _aisle_column_dup (stmt, 0);
      item->name = _aisle_column_dup (stmt, 1);
      item->quantity = sqlite3_column_double (stmt, 2);
      item->unit_price = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (order->items, item);
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "reading order items", error);
      return FALSE;
    }
  return TRUE;
}

/**
 * aisle_store_get_order:
 * @self: an #AisleStore
 * @id: the order id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the order with its items, or %NULL (NOT_FOUND if absent)
 */
AisleOrder *
aisle_store_get_order (AisleStore  *self,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(AisleOrder) order = NULL;
  g_autofree char *items = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self,
                                                   "SELECT " ORDER_COLUMNS ", items FROM orders "
                                                   "WHERE id = ?1", error);
    int rc;

    if (stmt == NULL)
      return NULL;
    _aisle_bind_text (stmt, 1, id);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        if (rc == SQLITE_DONE)
          g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no order %s", id);
        else
          _aisle_store_set_error (self, rc, "reading an order", error);
        return NULL;
      }
    order = order_from_row (stmt, &items);
  }
  if (!load_items (self, order, items, error))
    return NULL;
  return g_steal_pointer (&order);
}

/**
 * aisle_store_list_orders_for_member:
 * @self: an #AisleStore
 * @member_id: the member
 * @limit: the most orders to return
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleOrder): the member's orders from every
 *   channel, with their items, newest first
 */
GPtrArray *
aisle_store_list_orders_for_member (AisleStore  *self,
                                    const char  *member_id,
                                    guint        limit,
                                    GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_order_free);
  items = g_ptr_array_new_with_free_func (g_free);
  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self,
                                                   "SELECT " ORDER_COLUMNS ", items FROM orders "
                                                   "WHERE member_id = ?1 "
                                                   "ORDER BY placed_at DESC, id LIMIT ?2", error);
    int rc;

    if (stmt == NULL)
      return NULL;
    _aisle_bind_text (stmt, 1, member_id);
    sqlite3_bind_int64 (stmt, 2, limit);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        char *text = NULL;

        g_ptr_array_add (list, order_from_row (stmt, &text));
        g_ptr_array_add (items, text);
      }
    if (rc != SQLITE_DONE)
      {
        _aisle_store_set_error (self, rc, "listing orders", error);
        return NULL;
      }
  }
  for (guint i = 0; i < list->len; i++)
    if (!load_items (self, g_ptr_array_index (list, i), g_ptr_array_index (items, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

/* --- reservations -------------------------------------------------------------------------- */

#define RESERVATION_COLUMNS \
  "id, member_id, product_id, store_id, quantity, status, created_at, expires_at, staff_id"

static AisleReservation *
reservation_from_row (sqlite3_stmt *stmt)
{
  AisleReservation *r = aisle_reservation_new ();

  r->id = _aisle_column_dup (stmt, 0);
  r->member_id = _aisle_column_dup (stmt, 1);
  r->product_id = _aisle_column_dup (stmt, 2);
  r->branch_id = _aisle_column_dup (stmt, 3);
  r->quantity = sqlite3_column_int64 (stmt, 4);
  aisle_reservation_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &r->status);
  r->created_at = sqlite3_column_int64 (stmt, 6);
  r->expires_at = sqlite3_column_int64 (stmt, 7);
  r->staff_id = _aisle_column_dup (stmt, 8);
  return r;
}

gboolean
aisle_store_upsert_reservation (AisleStore              *self,
                                const AisleReservation  *reservation,
                                GError                 **error)
{
  g_auto(AisleStmt) stmt = NULL;
  const char *status;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (reservation != NULL, FALSE);

  status = aisle_reservation_status_to_string (reservation->status);
  if (!_aisle_require_id (reservation->id, "reservation id", error) ||
      !_aisle_require_id (reservation->member_id, "reservation member id", error) ||
      !_aisle_require_id (reservation->product_id, "reservation product id", error) ||
      !_aisle_require_id (reservation->branch_id, "reservation store id", error) ||
      !_aisle_require_id (status, "reservation status", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO reservations (" RESERVATION_COLUMNS ") "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                               "ON CONFLICT (id) DO UPDATE SET member_id = excluded.member_id, "
                               "product_id = excluded.product_id, store_id = excluded.store_id, "
                               "quantity = excluded.quantity, status = excluded.status, "
                               "created_at = excluded.created_at, "
                               "expires_at = excluded.expires_at, staff_id = excluded.staff_id",
                               error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, reservation->id);
  _aisle_bind_text (stmt, 2, reservation->member_id);
  _aisle_bind_text (stmt, 3, reservation->product_id);
  _aisle_bind_text (stmt, 4, reservation->branch_id);
  sqlite3_bind_int64 (stmt, 5, reservation->quantity);
  _aisle_bind_text (stmt, 6, status);
  sqlite3_bind_int64 (stmt, 7, reservation->created_at);
  sqlite3_bind_int64 (stmt, 8, reservation->expires_at);
  _aisle_bind_text (stmt, 9, reservation->staff_id);
  return _aisle_store_step_done (self, stmt, "saving a reservation", error);
}

/**
 * aisle_store_get_reservation:
 * @self: an #AisleStore
 * @id: the reservation id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the reservation, or %NULL (NOT_FOUND if absent)
 */
AisleReservation *
aisle_store_get_reservation (AisleStore  *self,
                             const char  *id,
                             GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " RESERVATION_COLUMNS " FROM reservations WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return reservation_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no reservation %s", id);
  else
    _aisle_store_set_error (self, rc, "reading a reservation", error);
  return NULL;
}

/**
 * aisle_store_list_open_reservations:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleReservation): open reservations, newest
 *   first
 */
GPtrArray *
aisle_store_list_open_reservations (AisleStore  *self,
                                    const char  *member_id,
                                    GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " RESERVATION_COLUMNS " FROM reservations "
                               "WHERE member_id = ?1 AND status = 'open' "
                               "ORDER BY created_at DESC", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_reservation_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, reservation_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing reservations", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* aisle-store-orders.c: orders with their items, the points ledger, coupons, invoices and
 * reservations.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"

/* --- orders -------------------------------------------------------------------------------- */

#define ORDER_COLUMNS \
  "id, member_id, channel, fulfilment, status, tracking, store_id, total, placed_at, " \
  "credited_staff_id, credited_store_id, credit_reason"

static gboolean
upsert_order_inner (AisleStore        *self,
                    const AisleOrder  *order,
                    GError           **error)
{
  {
    g_auto(AisleStmt) stmt = NULL;

    stmt = _aisle_store_prepare (self,
                                 "INSERT INTO orders (" ORDER_COLUMNS ") "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                 "ON CONFLICT (id) DO UPDATE SET member_id = excluded.member_id, "
                                 "channel = excluded.channel, fulfilment = excluded.fulfilment, "
                                 "status = excluded.status, tracking = excluded.tracking, "
                                 "store_id = excluded.store_id, total = excluded.total, "
                                 "placed_at = excluded.placed_at, "
                                 "credited_staff_id = excluded.credited_staff_id, "
                                 "credited_store_id = excluded.credited_store_id, "
                                 "credit_reason = excluded.credit_reason", error);
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
    if (!_aisle_store_step_done (self, stmt, "saving an order", error))
      return FALSE;
  }
  {
    g_auto(AisleStmt) del = _aisle_store_prepare (self,
                                                  "DELETE FROM order_items WHERE order_id = ?1",
                                                  error);
    if (del == NULL)
      return FALSE;
    _aisle_bind_text (del, 1, order->id);
    if (!_aisle_store_step_done (self, del, "saving order items", error))
      return FALSE;
  }
  for (guint i = 0; order->items != NULL && i < order->items->len; i++)
    {
      const AisleOrderItem *item = g_ptr_array_index (order->items, i);
      g_auto(AisleStmt) ins = NULL;

      ins = _aisle_store_prepare (self,
                                  "INSERT INTO order_items (order_id, line, product_id, name, "
                                  "quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (ins == NULL)
        return FALSE;
      _aisle_bind_text (ins, 1, order->id);
      sqlite3_bind_int (ins, 2, (int) i + 1);
      _aisle_bind_text (ins, 3, item->product_id);
      _aisle_bind_text (ins, 4, item->name != NULL ? item->name : "");
      sqlite3_bind_double (ins, 5, item->quantity);
      sqlite3_bind_int64 (ins, 6, item->unit_price);
      if (!_aisle_store_step_done (self, ins, "saving an order item", error))
        return FALSE;
    }
  return TRUE;
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

static AisleOrder *
order_from_row (sqlite3_stmt *stmt)
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
  return o;
}

static gboolean
load_items (AisleStore  *self,
            AisleOrder  *order,
            GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  stmt = _aisle_store_prepare (self,
                               "SELECT product_id, name, quantity, unit_price FROM order_items "
                               "WHERE order_id = ?1 ORDER BY line", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, order->id);
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

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self,
                                                   "SELECT " ORDER_COLUMNS " FROM orders "
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
    order = order_from_row (stmt);
  }
  if (!load_items (self, order, error))
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

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_order_free);
  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self,
                                                   "SELECT " ORDER_COLUMNS " FROM orders "
                                                   "WHERE member_id = ?1 "
                                                   "ORDER BY placed_at DESC, id LIMIT ?2", error);
    int rc;

    if (stmt == NULL)
      return NULL;
    _aisle_bind_text (stmt, 1, member_id);
    sqlite3_bind_int64 (stmt, 2, limit);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (list, order_from_row (stmt));
    if (rc != SQLITE_DONE)
      {
        _aisle_store_set_error (self, rc, "listing orders", error);
        return NULL;
      }
  }
  for (guint i = 0; i < list->len; i++)
    if (!load_items (self, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}

/* --- points -------------------------------------------------------------------------------- */

/**
 * aisle_store_append_points:
 * @self: an #AisleStore
 * @entry: the ledger entry
 * @error: return location for a #GError
 *
 * Appends to the ledger and moves the member's cached balance by the same delta, in one
 * transaction, so the profile shows the new balance at once.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_append_points (AisleStore              *self,
                           const AislePointsEntry  *entry,
                           GError                 **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (!_aisle_require_id (entry->id, "points entry id", error) ||
      !_aisle_require_id (entry->member_id, "points member id", error) ||
      !_aisle_require_id (entry->reason, "points reason", error))
    return FALSE;

  if (!aisle_store_begin (self, error))
    return FALSE;
  {
    g_auto(AisleStmt) ins = _aisle_store_prepare (self,
                                                  "INSERT INTO points_ledger (id, member_id, "
                                                  "delta, reason, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                                                  error);
    if (ins == NULL)
      goto fail;
    _aisle_bind_text (ins, 1, entry->id);
    _aisle_bind_text (ins, 2, entry->member_id);
    sqlite3_bind_int64 (ins, 3, entry->delta);
    _aisle_bind_text (ins, 4, entry->reason);
    sqlite3_bind_int64 (ins, 5, entry->at);
    if (!_aisle_store_step_done (self, ins, "recording points", error))
      goto fail;
  }
  {
    g_auto(AisleStmt) upd = _aisle_store_prepare (self,
                                                  "UPDATE members SET points = points + ?2 "
                                                  "WHERE id = ?1", error);
    if (upd == NULL)
      goto fail;
    _aisle_bind_text (upd, 1, entry->member_id);
    sqlite3_bind_int64 (upd, 2, entry->delta);
    if (!_aisle_store_step_done (self, upd, "updating the points balance", error))
      goto fail;
  }
  if (!aisle_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  aisle_store_rollback (self);
  return FALSE;
}

/**
 * aisle_store_get_points_balance:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: the sum of the member's ledger (0 for none), or 0 with @error set
 */
gint64
aisle_store_get_points_balance (AisleStore  *self,
                                const char  *member_id,
                                GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), 0);
  g_return_val_if_fail (member_id != NULL, 0);

  stmt = _aisle_store_prepare (self,
                               "SELECT total (delta) FROM points_ledger WHERE member_id = ?1",
                               error);
  if (stmt == NULL)
    return 0;
  _aisle_bind_text (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _aisle_store_set_error (self, rc, "summing points", error);
      return 0;
    }
  return (gint64) sqlite3_column_double (stmt, 0);
}

/**
 * aisle_store_list_points:
 * @self: an #AisleStore
 * @member_id: the member
 * @limit: the most entries to return
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AislePointsEntry): the ledger, newest first
 */
GPtrArray *
aisle_store_list_points (AisleStore  *self,
                         const char  *member_id,
                         guint        limit,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT id, member_id, delta, reason, at FROM points_ledger "
                               "WHERE member_id = ?1 ORDER BY at DESC, id LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_points_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AislePointsEntry *e = aisle_points_entry_new ();

      e->id = _aisle_column_dup (stmt, 0);
      e->member_id = _aisle_column_dup (stmt, 1);
      e->delta = sqlite3_column_int64 (stmt, 2);
      e->reason = _aisle_column_dup (stmt, 3);
      e->at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing points", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* --- coupons ------------------------------------------------------------------------------- */

#define COUPON_COLUMNS \
  "code, member_id, title, value, valid_from, valid_until, redeemed_at, redeemed_store_id"

static AisleCoupon *
coupon_from_row (sqlite3_stmt *stmt)
{
  AisleCoupon *c = aisle_coupon_new ();

  c->code = _aisle_column_dup (stmt, 0);
  c->member_id = _aisle_column_dup (stmt, 1);
  c->title = _aisle_column_dup (stmt, 2);
  c->value = sqlite3_column_int64 (stmt, 3);
  c->valid_from = sqlite3_column_int64 (stmt, 4);
  c->valid_until = sqlite3_column_int64 (stmt, 5);
  c->redeemed_at = sqlite3_column_int64 (stmt, 6);
  c->redeemed_branch_id = _aisle_column_dup (stmt, 7);
  return c;
}

gboolean
aisle_store_upsert_coupon (AisleStore         *self,
                           const AisleCoupon  *coupon,
                           GError            **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (coupon != NULL, FALSE);

  if (!_aisle_require_id (coupon->code, "coupon code", error) ||
      !_aisle_require_id (coupon->title, "coupon title", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO coupons (" COUPON_COLUMNS ") "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                               "ON CONFLICT (code) DO UPDATE SET member_id = excluded.member_id, "
                               "title = excluded.title, value = excluded.value, "
                               "valid_from = excluded.valid_from, "
                               "valid_until = excluded.valid_until, "
                               "redeemed_at = excluded.redeemed_at, "
                               "redeemed_store_id = excluded.redeemed_store_id", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, coupon->code);
  _aisle_bind_text (stmt, 2, coupon->member_id);
  _aisle_bind_text (stmt, 3, coupon->title);
  sqlite3_bind_int64 (stmt, 4, coupon->value);
  sqlite3_bind_int64 (stmt, 5, coupon->valid_from);
  sqlite3_bind_int64 (stmt, 6, coupon->valid_until);
  sqlite3_bind_int64 (stmt, 7, coupon->redeemed_at);
  _aisle_bind_text (stmt, 8, coupon->redeemed_branch_id);
  return _aisle_store_step_done (self, stmt, "saving a coupon", error);
}

/**
 * aisle_store_get_coupon:
 * @self: an #AisleStore
 * @code: the coupon code as scanned
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the coupon, or %NULL (NOT_FOUND if unknown)
 */
AisleCoupon *
aisle_store_get_coupon (AisleStore  *self,
                        const char  *code,
                        GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = _aisle_store_prepare (self, "SELECT " COUPON_COLUMNS " FROM coupons WHERE code = ?1",
                               error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return coupon_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no coupon %s", code);
  else
    _aisle_store_set_error (self, rc, "reading a coupon", error);
  return NULL;
}

/**
 * aisle_store_list_coupons_for_member:
 * @self: an #AisleStore
 * @member_id: the member
 * @usable_only: only unredeemed coupons valid at @now
 * @now: the current Unix time (used with @usable_only)
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleCoupon): the coupons, latest expiry first
 */
GPtrArray *
aisle_store_list_coupons_for_member (AisleStore  *self,
                                     const char  *member_id,
                                     gboolean     usable_only,
                                     gint64       now,
                                     GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " COUPON_COLUMNS " FROM coupons WHERE member_id = ?1 "
                               "AND (?2 = 0 OR (redeemed_at = 0 AND valid_from <= ?3 "
                               "AND (valid_until = 0 OR valid_until > ?3))) "
                               "ORDER BY valid_until DESC, code", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, usable_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, now);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_coupon_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, coupon_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing coupons", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * aisle_store_redeem_coupon:
 * @self: an #AisleStore
 * @code: the coupon code
 * @branch_id: (nullable): where it was redeemed
 * @at: when
 * @error: return location for a #GError
 *
 * Marks the coupon used. A coupon already used fails with %AISLE_STORE_ERROR_CONSTRAINT
 * (a single UPDATE guarded by redeemed_at = 0, so two redemptions cannot both succeed).
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_redeem_coupon (AisleStore  *self,
                           const char  *code,
                           const char  *branch_id,
                           gint64       at,
                           GError     **error)
{
  g_autoptr(AisleCoupon) existing = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (at <= 0)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "a coupon is redeemed at a positive time");
      return FALSE;
    }
  {
    g_auto(AisleStmt) stmt = _aisle_store_prepare (self,
                                                   "UPDATE coupons SET redeemed_at = ?2, "
                                                   "redeemed_store_id = ?3 "
                                                   "WHERE code = ?1 AND redeemed_at = 0", error);
    if (stmt == NULL)
      return FALSE;
    _aisle_bind_text (stmt, 1, code);
    sqlite3_bind_int64 (stmt, 2, at);
    _aisle_bind_text (stmt, 3, branch_id);
    if (!_aisle_store_step_done (self, stmt, "redeeming a coupon", error))
      return FALSE;
    if (sqlite3_changes (self->db) == 1)
      return TRUE;
  }
  existing = aisle_store_get_coupon (self, code, error);
  if (existing == NULL)
    return FALSE;
  g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT,
               "coupon %s was already used", code);
  return FALSE;
}

/* --- invoices ------------------------------------------------------------------------------ */

gboolean
aisle_store_upsert_invoice (AisleStore          *self,
                            const AisleInvoice  *invoice,
                            GError             **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (invoice != NULL, FALSE);

  if (!_aisle_require_id (invoice->number, "invoice number", error) ||
      !_aisle_require_id (invoice->date, "invoice date", error) ||
      !_aisle_require_id (invoice->random_code, "invoice random code", error) ||
      !_aisle_require_id (invoice->seller_id, "invoice seller id", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO invoices (number, date, random_code, seller_id, "
                               "total, member_id, points, registered_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                               "ON CONFLICT (number) DO UPDATE SET date = excluded.date, "
                               "random_code = excluded.random_code, "
                               "seller_id = excluded.seller_id, total = excluded.total, "
                               "member_id = excluded.member_id, points = excluded.points, "
                               "registered_at = excluded.registered_at", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, invoice->number);
  _aisle_bind_text (stmt, 2, invoice->date);
  _aisle_bind_text (stmt, 3, invoice->random_code);
  _aisle_bind_text (stmt, 4, invoice->seller_id);
  sqlite3_bind_int64 (stmt, 5, invoice->total);
  _aisle_bind_text (stmt, 6, invoice->member_id);
  sqlite3_bind_int64 (stmt, 7, invoice->points);
  sqlite3_bind_int64 (stmt, 8, invoice->registered_at);
  return _aisle_store_step_done (self, stmt, "saving an invoice", error);
}

/**
 * aisle_store_get_invoice:
 * @self: an #AisleStore
 * @number: the invoice number, e.g. "AB12345678"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the invoice, or %NULL (NOT_FOUND if not registered here)
 */
AisleInvoice *
aisle_store_get_invoice (AisleStore  *self,
                         const char  *number,
                         GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT number, date, random_code, seller_id, total, member_id, "
                               "points, registered_at FROM invoices WHERE number = ?1", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      AisleInvoice *inv = aisle_invoice_new ();

      inv->number = _aisle_column_dup (stmt, 0);
      inv->date = _aisle_column_dup (stmt, 1);
      inv->random_code = _aisle_column_dup (stmt, 2);
      inv->seller_id = _aisle_column_dup (stmt, 3);
      inv->total = sqlite3_column_int64 (stmt, 4);
      inv->member_id = _aisle_column_dup (stmt, 5);
      inv->points = sqlite3_column_int64 (stmt, 6);
      inv->registered_at = sqlite3_column_int64 (stmt, 7);
      return inv;
    }
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no invoice %s", number);
  else
    _aisle_store_set_error (self, rc, "reading an invoice", error);
  return NULL;
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

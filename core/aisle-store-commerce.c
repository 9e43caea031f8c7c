/* aisle-store-commerce.c: the points ledger with the members' cached balances, coupons and
 * registered e-invoices.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"

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

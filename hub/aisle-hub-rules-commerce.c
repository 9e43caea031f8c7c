/* aisle-hub-rules-commerce.c: coupons, e-invoices (points) and reservations (stock), and the
 * coupon lookup of GET /v1/coupons.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <string.h>

#include "aisle-hub-sqlite-private.h"

char *_aisle_hub_sqlite_lookup_coupon (AisleHubDb *db, const AisleHubDevice *device,
                                       const char *code, const char *member_id, GError **error);


gboolean
aisle_hub_rule_coupon_redeem (AisleHubRuleContext  *ctx,
                              GError              **error)
{
  g_autoptr(AisleCoupon) coupon = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *member_id = NULL;
  g_auto(AisleStmt) claim = NULL;
  const char *code, *member_arg;

  ARG_STR ("code", TRUE, code);
  ARG_STR ("member_id", FALSE, member_arg);
  coupon = aisle_store_get_coupon (ctx->hub->store, code, &local_error);
  if (coupon == NULL)
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  if (member_arg != NULL)
    {
      member_id = aisle_hub_resolve_member (ctx->hub, member_arg, NULL);
      if (member_id == NULL)
        return aisle_hub_reject (ctx, "not_found", "no member %s", member_arg);
      if (coupon->member_id != NULL && g_strcmp0 (coupon->member_id, member_id) != 0)
        return aisle_hub_reject (ctx, "forbidden", "coupon %s belongs to another member", code);
    }
  if (coupon->redeemed_at != 0)
    return aisle_hub_reject (ctx, "conflict", "coupon %s was already used", code);
  if ((coupon->valid_from != 0 && ctx->now < coupon->valid_from) ||
      (coupon->valid_until != 0 && ctx->now > coupon->valid_until))
    return aisle_hub_reject (ctx, "conflict", "coupon %s is not valid today", code);

  /* The redemption row's primary key is the single-use guarantee, whatever else races. */
  claim = aisle_store_prepare_cached (ctx->hub->store,
                                "INSERT OR IGNORE INTO coupon_redemptions (code, member_id, store_id, "
                                "staff_id, device_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (claim == NULL)
    return FALSE;
  aisle_sqlite_bind_text (claim, 1, code);
  aisle_sqlite_bind_text (claim, 2, member_id != NULL ? member_id : coupon->member_id);
  aisle_sqlite_bind_text (claim, 3, ctx->device->store_id);
  aisle_sqlite_bind_text (claim, 4, ctx->staff->id);
  aisle_sqlite_bind_text (claim, 5, ctx->device->id);
  sqlite3_bind_int64 (claim, 6, ctx->now);
  if (!aisle_hub_step (ctx->hub, claim, error))
    return FALSE;
  if (sqlite3_changes (ctx->hub->db) == 0)
    return aisle_hub_reject (ctx, "conflict", "coupon %s was already used", code);
  if (!aisle_store_redeem_coupon (ctx->hub->store, code, ctx->device->store_id, ctx->now,
                                  &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

/* An e-invoice date is printed in the ROC calendar, yyyMMdd (year 113 = 2024). */
static GDateTime *
parse_roc_date (const char *text)
{
  gint64 value;
  int year, month, day;

  if (text == NULL || strlen (text) != 7 ||
      !g_ascii_string_to_unsigned (text, 10, 0, 9999999, (guint64 *) &value, NULL))
    return NULL;
  year = (int) (value / 10000) + 1911;
  month = (int) (value / 100 % 100);
  day = (int) (value % 100);
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return NULL;
  return g_date_time_new_utc (year, month, day, 0, 0, 0);
}

gboolean
aisle_hub_rule_invoice_register (AisleHubRuleContext  *ctx,
                                 GError              **error)
{
  g_autoptr(AisleInvoice) invoice = aisle_invoice_new ();
  g_autoptr(AisleInvoice) known = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *member_id = NULL;
  g_autofree char *own = NULL;
  g_auto(GStrv) sellers = NULL;
  g_autofree char *reason = NULL;
  const char *number, *date_text, *random_code, *seller, *member_arg;
  gint64 total = 0, per_point, max_age;

  ARG_STR ("number", TRUE, number);
  ARG_STR ("date", TRUE, date_text);
  ARG_STR ("random_code", TRUE, random_code);
  ARG_STR ("seller_id", TRUE, seller);
  ARG_STR ("member_id", TRUE, member_arg);
  ARG_INT ("total", TRUE, total);
  if (total < 0)
    return aisle_hub_reject (ctx, "invalid", "total must not be negative");
  if (!g_regex_match_simple ("^[A-Z]{2}[0-9]{8}$", number, 0, 0))
    return aisle_hub_reject (ctx, "invalid", "\"%s\" is not an e-invoice number", number);
  date = parse_roc_date (date_text);
  if (date == NULL)
    return aisle_hub_reject (ctx, "invalid", "\"%s\" is not an ROC date (yyyMMdd)", date_text);

  own = aisle_hub_sqlite_get_setting (ctx->hub, "own_seller_ids");
  sellers = g_strsplit (own != NULL ? own : "", ",", -1);
  for (guint i = 0; sellers[i] != NULL; i++)
    g_strstrip (sellers[i]);
  if (!g_strv_contains ((const char * const *) sellers, seller))
    return aisle_hub_reject (ctx, "forbidden", "seller %s is not one of this retailer's", seller);
  max_age = aisle_hub_sqlite_get_setting_int (ctx->hub, "invoice_max_age_days", 60);
  if (g_date_time_to_unix (date) < ctx->now - max_age * 86400)
    return aisle_hub_reject (ctx, "conflict", "invoice %s is older than %" G_GINT64_FORMAT " days",
                             number, max_age);
  if (g_date_time_to_unix (date) > ctx->now + 86400)
    return aisle_hub_reject (ctx, "invalid", "invoice %s is dated in the future", number);

  member_id = aisle_hub_resolve_member (ctx->hub, member_arg, NULL);
  if (member_id == NULL)
    return aisle_hub_reject (ctx, "not_found", "no member %s", member_arg);

  /* Points are credited once per invoice, whoever scans it again. */
  known = aisle_store_get_invoice (ctx->hub->store, number, &local_error);
  if (known != NULL)
    return aisle_hub_reject (ctx, "conflict", "invoice %s was already registered", number);
  if (!g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  g_clear_error (&local_error);

  per_point = MAX (1, aisle_hub_sqlite_get_setting_int (ctx->hub, "earn_per_point.invoice", 10000));
  invoice->number = g_strdup (number);
  invoice->date = g_strdup (date_text);
  invoice->random_code = g_strdup (random_code);
  invoice->seller_id = g_strdup (seller);
  invoice->total = total;
  invoice->member_id = g_strdup (member_id);
  invoice->points = total / per_point;
  invoice->registered_at = ctx->now;
  if (!aisle_store_upsert_invoice (ctx->hub->store, invoice, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  reason = g_strdup_printf ("invoice:%s", number);
  if (!aisle_hub_add_points (ctx->hub, member_id, invoice->points, reason, ctx->now, error))
    return FALSE;
  ctx->result->detail_json = g_strdup_printf ("{\"points\":%" G_GINT64_FORMAT "}", invoice->points);
  return TRUE;
}

/* Moves @delta units between on_hand-available and reserved at one location; refuses to let
 * the available count go negative. Returns FALSE with @error only on infrastructure errors;
 * *out_ok says whether there was enough stock. */
static gboolean
reserve_stock (AisleHubSqlite  *hub,
               const char      *product_id,
               const char      *location,
               gint64           delta,
               gint64           now,
               gboolean        *out_ok,
               GError         **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                 "UPDATE stock SET reserved = reserved + ?3, "
                                                 "updated_at = ?4 WHERE product_id = ?1 AND "
                                                 "location_id = ?2 AND reserved + ?3 >= 0 AND "
                                                 "on_hand - reserved - ?3 >= 0", error);

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, product_id);
  aisle_sqlite_bind_text (stmt, 2, location);
  sqlite3_bind_int64 (stmt, 3, delta);
  sqlite3_bind_int64 (stmt, 4, now);
  if (!aisle_hub_step (hub, stmt, error))
    return FALSE;
  *out_ok = sqlite3_changes (hub->db) == 1;
  return TRUE;
}

gboolean
aisle_hub_rule_reservation_create (AisleHubRuleContext  *ctx,
                                   GError              **error)
{
  g_autoptr(AisleReservation) r = aisle_reservation_new ();
  g_autoptr(AisleReservation) known = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *member_id = NULL;
  const char *id, *member_arg, *product, *store;
  gint64 quantity = 0, expires = 0;
  gboolean ok = FALSE;

  ARG_STR ("reservation_id", TRUE, id);
  ARG_STR ("member_id", TRUE, member_arg);
  ARG_STR ("product_id", TRUE, product);
  ARG_STR ("store_id", TRUE, store);
  ARG_INT ("quantity", TRUE, quantity);
  ARG_INT ("expires_at", FALSE, expires);
  if (quantity < 1 || quantity > 1000)
    return aisle_hub_reject (ctx, "invalid", "quantity must be 1-1000");
  member_id = aisle_hub_resolve_member (ctx->hub, member_arg, NULL);
  if (member_id == NULL)
    return aisle_hub_reject (ctx, "not_found", "no member %s", member_arg);
  known = aisle_store_get_reservation (ctx->hub->store, id, NULL);
  if (known != NULL)
    return aisle_hub_reject (ctx, "conflict", "reservation %s exists", id);
  if (!reserve_stock (ctx->hub, product, store, quantity, ctx->now, &ok, error))
    return FALSE;
  if (!ok)
    return aisle_hub_reject (ctx, "conflict", "not enough stock of %s at %s", product, store);

  r->id = g_strdup (id);
  r->member_id = g_steal_pointer (&member_id);
  r->product_id = g_strdup (product);
  r->branch_id = g_strdup (store);
  r->quantity = quantity;
  r->status = AISLE_RESERVATION_OPEN;
  r->created_at = ctx->now;
  r->expires_at = expires != 0 ? expires : ctx->now + 3 * 86400;
  r->staff_id = g_strdup (ctx->staff->id);
  if (!aisle_store_upsert_reservation (ctx->hub->store, r, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

gboolean
aisle_hub_rule_reservation_cancel (AisleHubRuleContext  *ctx,
                                   GError              **error)
{
  g_autoptr(AisleReservation) r = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *id;
  gboolean ok = FALSE;

  ARG_STR ("reservation_id", TRUE, id);
  r = aisle_store_get_reservation (ctx->hub->store, id, &local_error);
  if (r == NULL)
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  if (r->status != AISLE_RESERVATION_OPEN)
    return aisle_hub_reject (ctx, "conflict", "reservation %s is not open", id);
  if (!reserve_stock (ctx->hub, r->product_id, r->branch_id, -r->quantity, ctx->now, &ok, error))
    return FALSE;
  r->status = AISLE_RESERVATION_CANCELLED;
  if (!aisle_store_upsert_reservation (ctx->hub->store, r, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

/* --- GET /v1/coupons: a coupon the tablet's cache does not have ---------------------------- */

static gboolean
in_store_scope (AisleHubSqlite  *self,
                const char      *member_id,
                const char      *store_id,
                gboolean        *out_in,
                GError         **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                       "SELECT 1 FROM member_scope WHERE "
                                                       "member_id = ?1 AND store_id = ?2", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, member_id);
  aisle_sqlite_bind_text (stmt, 2, store_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (self->store, rc, "reading a member's scope", error);
      return FALSE;
    }
  *out_in = rc == SQLITE_ROW;
  return TRUE;
}

/* The store's scope rules (DESIGN.md, Data flow 1) hold for a looked-up coupon too: a coupon
 * without an owner goes to every device; one of the member at the counter (@member_arg, an
 * alias resolved) or of a member in the device's store's scope is answered in full; of anyone
 * else, the device learns only that it is another member's, not whose. Nothing enters the
 * scope: the coupon's owner is not the customer at the counter. */
char *
_aisle_hub_sqlite_lookup_coupon (AisleHubDb            *db,
                                 const AisleHubDevice  *device,
                                 const char            *code,
                                 const char            *member_arg,
                                 GError               **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autoptr(AisleCoupon) coupon = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  coupon = aisle_store_get_coupon (self->store, code, &local_error);
  if (coupon == NULL)
    {
      if (!g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_strdup ("{\"coupon\":null}");
    }
  if (coupon->member_id != NULL)
    {
      g_autofree char *member_id = member_arg != NULL
                                   ? aisle_hub_resolve_member (self, member_arg, NULL) : NULL;
      gboolean visible = g_strcmp0 (member_id, coupon->member_id) == 0;

      if (!visible && !in_store_scope (self, coupon->member_id, device->store_id, &visible, error))
        return NULL;
      if (!visible)
        return g_strdup ("{\"coupon\":null,\"other_member\":true}");
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "coupon");
  json_builder_add_value (builder, aisle_protocol_coupon_to_json (coupon));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return aisle_protocol_to_string (root);
}

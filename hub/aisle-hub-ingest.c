/* aisle-hub-ingest.c: online orders from a shop's webhook: idempotent upsert, attribution
 * (分潤) and points.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include "aisle-hub-sqlite-private.h"

static gboolean
has_points_reason (AisleHubSqlite *hub,
                   const char     *reason)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                 "SELECT 1 FROM points_ledger WHERE reason = ?1 "
                                                 "LIMIT 1", NULL);

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, reason);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gint64
points_for (AisleHubSqlite *hub,
            const char     *reason)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                 "SELECT coalesce (sum (delta), 0) FROM points_ledger "
                                                 "WHERE reason = ?1", NULL);

  if (stmt == NULL)
    return 0;
  aisle_sqlite_bind_text (stmt, 1, reason);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* Attribution at order time: a referral code in the shop link wins (the associate sent this
 * customer), else the member's active binding; the reason is stored with the order. */
static void
attribute (AisleHubSqlite *hub,
           AisleOrder     *order,
           const char     *referral,
           gint64          now)
{
  if (referral != NULL)
    {
      g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                     "SELECT r.staff_id, s.store_id FROM referral_codes r "
                                                     "JOIN staff s ON s.id = r.staff_id WHERE r.code = ?1",
                                                     NULL);
      if (stmt != NULL)
        {
          aisle_sqlite_bind_text (stmt, 1, referral);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              order->credited_staff_id = aisle_hub_column_dup (stmt, 0);
              order->credited_branch_id = aisle_hub_column_dup (stmt, 1);
              order->credit_reason = g_strdup_printf ("referral:%s@%" G_GINT64_FORMAT, referral, now);
              return;
            }
        }
    }
  if (order->member_id != NULL)
    {
      g_autoptr(AisleBinding) b = aisle_store_get_active_binding (hub->store, order->member_id, NULL);

      if (b != NULL)
        {
          order->credited_staff_id = g_strdup (b->staff_id);
          order->credited_branch_id = g_strdup (b->branch_id);
          order->credit_reason = g_strdup_printf ("binding:%s@%" G_GINT64_FORMAT, b->id, now);
          return;
        }
    }
  order->credit_reason = g_strdup ("unattributed");
}

char *
aisle_hub_sqlite_ingest_order (AisleHubSqlite        *hub,
                               const AisleHubIngest  *ingest,
                               GError               **error)
{
  static const char * const fields[] = { "order_id", "status", "member_id", "phone", "total",
                                         "placed_at", "fulfilment", "tracking", "referral_code",
                                         "items", NULL };
  g_autoptr(AisleOrder) existing = NULL;
  g_autoptr(AisleOrder) order = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *earn_reason = NULL;
  g_autofree char *refund_reason = NULL;
  const char *shop_id, *status, *member_arg, *phone, *fulfilment, *tracking, *referral;
  AisleOrderStatus status_value;
  AisleFulfilment fulfilment_value = AISLE_FULFILMENT_DELIVERY;
  gint64 total = 0, placed_at = 0;
  JsonNode *items;
  gboolean created;

  if (!aisle_protocol_check_fields (ingest->order, fields, "the order", error))
    return NULL;
#define STR(name, req, out) \
  out = aisle_protocol_get_string (ingest->order, name, req, &local_error); \
  if (local_error != NULL) { g_propagate_error (error, g_steal_pointer (&local_error)); return NULL; }
  STR ("order_id", TRUE, shop_id);
  STR ("status", TRUE, status);
  STR ("member_id", FALSE, member_arg);
  STR ("phone", FALSE, phone);
  STR ("fulfilment", FALSE, fulfilment);
  STR ("tracking", FALSE, tracking);
  STR ("referral_code", FALSE, referral);
#undef STR
  if (!aisle_protocol_get_int (ingest->order, "total", TRUE, &total, error) ||
      !aisle_protocol_get_int (ingest->order, "placed_at", FALSE, &placed_at, error))
    return NULL;
  if (!aisle_order_status_from_string (status, &status_value))
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "unknown order status \"%s\"", status);
      return NULL;
    }
  if (fulfilment != NULL && !aisle_fulfilment_from_string (fulfilment, &fulfilment_value))
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "unknown fulfilment \"%s\"", fulfilment);
      return NULL;
    }
  if (total < 0)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "total must not be negative");
      return NULL;
    }

  id = g_strdup_printf ("web:%s", shop_id);
  if (!aisle_store_begin (hub->store, error))
    return NULL;
  existing = aisle_store_get_order (hub->store, id, NULL);
  created = existing == NULL;
  if (existing != NULL)
    {
      /* A re-sent order updates its status and tracking, never duplicates or re-attributes. */
      order = g_steal_pointer (&existing);
      order->status = status_value;
      if (tracking != NULL)
        {
          g_free (order->tracking);
          order->tracking = g_strdup (tracking);
        }
    }
  else
    {
      order = aisle_order_new ();
      order->id = g_strdup (id);
      order->channel = AISLE_CHANNEL_ONLINE;
      order->fulfilment = fulfilment_value;
      order->status = status_value;
      order->tracking = g_strdup (tracking);
      order->total = total;
      order->placed_at = placed_at != 0 ? placed_at : ingest->now;
      order->items = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_order_item_free);
      if (member_arg != NULL)
        order->member_id = aisle_hub_resolve_member (hub, member_arg, NULL);
      else if (phone != NULL)
        {
          g_autofree char *normal = aisle_phone_normalize (phone);
          g_autoptr(AisleMember) m = normal != NULL ? aisle_store_get_member_by_phone (hub->store, normal, NULL)
                                                    : NULL;
          if (m != NULL)
            order->member_id = g_strdup (m->id);
        }
      items = json_object_get_member (ingest->order, "items");
      if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
        {
          for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
            {
              JsonNode *node = json_array_get_element (json_node_get_array (items), i);
              g_autoptr(AisleOrderItem) item = aisle_order_item_new ();
              JsonObject *o;
              const char *product, *name;
              gint64 quantity = 1, price = 0;

              if (!JSON_NODE_HOLDS_OBJECT (node))
                {
                  g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "item %u is not an object", i);
                  goto fail;
                }
              o = json_node_get_object (node);
              product = aisle_protocol_get_string (o, "product_id", TRUE, error);
              if (product == NULL)
                goto fail;
              name = aisle_protocol_get_string (o, "name", FALSE, NULL);
              if (!aisle_protocol_get_int (o, "quantity", FALSE, &quantity, error) ||
                  !aisle_protocol_get_int (o, "unit_price", FALSE, &price, error))
                goto fail;
              item->product_id = g_strdup (product);
              item->name = g_strdup (name != NULL ? name : product);
              item->quantity = (double) quantity;
              item->unit_price = price;
              g_ptr_array_add (order->items, g_steal_pointer (&item));
            }
        }
      attribute (hub, order, referral, order->placed_at);
    }

  if (!aisle_store_upsert_order (hub->store, order, &local_error))
    {
      if (local_error->domain == AISLE_STORE_ERROR &&
          local_error->code == AISLE_STORE_ERROR_INVALID)
        local_error->domain = AISLE_ERROR, local_error->code = AISLE_ERROR_INVALID;
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  if (order->member_id != NULL)
    {
      earn_reason = g_strdup_printf ("order:%s", order->id);
      refund_reason = g_strdup_printf ("refund:%s", order->id);
      if (status_value == AISLE_ORDER_STATUS_REFUNDED || status_value == AISLE_ORDER_STATUS_CANCELLED)
        {
          /* A refund reverses exactly the points the order earned, once. */
          gint64 earned = points_for (hub, earn_reason);

          if (earned > 0 && !has_points_reason (hub, refund_reason) &&
              !aisle_hub_add_points (hub, order->member_id, -earned, refund_reason, ingest->now, error))
            goto fail;
        }
      else if (!has_points_reason (hub, earn_reason))
        {
          gint64 per_point = MAX (1, aisle_hub_sqlite_get_setting_int (hub, "earn_per_point.online", 10000));

          if (!aisle_hub_add_points (hub, order->member_id, order->total / per_point, earn_reason,
                                     ingest->now, error))
            goto fail;
        }
    }
  /* The order (or its refund) moves the member's 12-month spend, and so maybe the tier. */
  if (!aisle_hub_update_tier (hub, order->member_id, ingest->now, error))
    goto fail;
  if (!aisle_store_commit (hub->store, error))
    goto fail;

  {
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    json_builder_begin_object (b);
    json_builder_set_member_name (b, "order_id");
    json_builder_add_string_value (b, order->id);
    json_builder_set_member_name (b, "status");
    json_builder_add_string_value (b, created ? "created" : "updated");
    json_builder_set_member_name (b, "member_id");
    if (order->member_id != NULL)
      json_builder_add_string_value (b, order->member_id);
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "credited_staff_id");
    if (order->credited_staff_id != NULL)
      json_builder_add_string_value (b, order->credited_staff_id);
    else
      json_builder_add_null_value (b);
    json_builder_set_member_name (b, "credit_reason");
    json_builder_add_string_value (b, order->credit_reason != NULL ? order->credit_reason : "");
    json_builder_end_object (b);
    root = json_builder_get_root (b);
    return aisle_protocol_to_string (root);
  }

fail:
  aisle_store_rollback (hub->store);
  return NULL;
}

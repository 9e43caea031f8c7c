/* aisle-protocol-records.c: the records of the sync wire format to and from JSON.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-protocol"

#include "config.h"

#include "aisle-protocol.h"
#include "aisle-protocol-private.h"

/* --- records to JSON ----------------------------------------------------------------------- */

JsonNode *
aisle_protocol_branch_to_json (const AisleBranch *b)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", b->id);
  _aisle_protocol_add_string (builder, "name", b->name);
  _aisle_protocol_add_string (builder, "address", b->address);
  _aisle_protocol_add_string (builder, "phone", b->phone);
  _aisle_protocol_add_double (builder, "latitude", b->latitude);
  _aisle_protocol_add_double (builder, "longitude", b->longitude);
  END_RECORD ();
}

/* The PIN hash travels to the staff's own store devices so that a tablet can sign staff in
 * offline; it is an argon2id string, never the PIN. */
JsonNode *
aisle_protocol_staff_to_json (const AisleStaff *s)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", s->id);
  _aisle_protocol_add_string (builder, "store_id", s->branch_id);
  _aisle_protocol_add_string (builder, "name", s->name);
  _aisle_protocol_add_string (builder, "role", aisle_staff_role_to_string (s->role));
  _aisle_protocol_add_string (builder, "pin_hash", s->pin_hash);
  _aisle_protocol_add_bool (builder, "active", s->active);
  END_RECORD ();
}

JsonNode *
aisle_protocol_member_to_json (const AisleMember *m)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", m->id);
  _aisle_protocol_add_string (builder, "number", m->number);
  _aisle_protocol_add_string (builder, "name", m->name);
  _aisle_protocol_add_string (builder, "phone", m->phone);
  _aisle_protocol_add_int (builder, "birth_month", m->birth_month);
  _aisle_protocol_add_string (builder, "tier", m->tier);
  _aisle_protocol_add_int (builder, "points", m->points);
  _aisle_protocol_add_string (builder, "home_store_id", m->home_branch_id);
  _aisle_protocol_add_int (builder, "enrolled_at", m->enrolled_at);
  _aisle_protocol_add_int (builder, "last_activity_at", m->last_activity_at);
  END_RECORD ();
}

JsonNode *
aisle_protocol_consent_to_json (const AisleConsent *c)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_int (builder, "seq", c->seq);
  _aisle_protocol_add_string (builder, "member_id", c->member_id);
  _aisle_protocol_add_string (builder, "policy_version", c->policy_version);
  _aisle_protocol_add_string (builder, "text_hash", c->text_hash);
  _aisle_protocol_add_bool (builder, "privacy", c->privacy);
  _aisle_protocol_add_bool (builder, "marketing", c->marketing);
  _aisle_protocol_add_int (builder, "at", c->at);
  _aisle_protocol_add_string (builder, "channel", c->channel);
  _aisle_protocol_add_string (builder, "device_id", c->device_id);
  END_RECORD ();
}

JsonNode *
aisle_protocol_binding_to_json (const AisleBinding *b)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", b->id);
  _aisle_protocol_add_string (builder, "member_id", b->member_id);
  _aisle_protocol_add_string (builder, "staff_id", b->staff_id);
  _aisle_protocol_add_string (builder, "store_id", b->branch_id);
  _aisle_protocol_add_int (builder, "since", b->since);
  _aisle_protocol_add_int (builder, "until", b->until);
  _aisle_protocol_add_string (builder, "source", b->source);
  END_RECORD ();
}

JsonNode *
aisle_protocol_product_to_json (const AisleProduct *p)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", p->id);
  _aisle_protocol_add_string (builder, "name", p->name);
  _aisle_protocol_add_string (builder, "brand", p->brand);
  _aisle_protocol_add_string (builder, "category", p->category);
  _aisle_protocol_add_int (builder, "price", p->price);
  json_builder_set_member_name (builder, "barcodes");
  json_builder_begin_array (builder);
  for (guint i = 0; p->barcodes != NULL && p->barcodes[i] != NULL; i++)
    json_builder_add_string_value (builder, p->barcodes[i]);
  json_builder_end_array (builder);
  _aisle_protocol_add_int (builder, "popularity", p->popularity);
  END_RECORD ();
}

JsonNode *
aisle_protocol_stock_to_json (const AisleStock *s)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "product_id", s->product_id);
  _aisle_protocol_add_string (builder, "location_id", s->location_id);
  _aisle_protocol_add_int (builder, "on_hand", s->on_hand);
  _aisle_protocol_add_int (builder, "reserved", s->reserved);
  _aisle_protocol_add_int (builder, "updated_at", s->updated_at);
  END_RECORD ();
}

JsonNode *
aisle_protocol_order_to_json (const AisleOrder *o)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", o->id);
  _aisle_protocol_add_string (builder, "member_id", o->member_id);
  _aisle_protocol_add_string (builder, "channel", aisle_channel_to_string (o->channel));
  _aisle_protocol_add_string (builder, "fulfilment", aisle_fulfilment_to_string (o->fulfilment));
  _aisle_protocol_add_string (builder, "status", aisle_order_status_to_string (o->status));
  _aisle_protocol_add_string (builder, "tracking", o->tracking);
  _aisle_protocol_add_string (builder, "store_id", o->branch_id);
  _aisle_protocol_add_int (builder, "total", o->total);
  _aisle_protocol_add_int (builder, "placed_at", o->placed_at);
  _aisle_protocol_add_string (builder, "credited_staff_id", o->credited_staff_id);
  _aisle_protocol_add_string (builder, "credited_store_id", o->credited_branch_id);
  _aisle_protocol_add_string (builder, "credit_reason", o->credit_reason);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; o->items != NULL && i < o->items->len; i++)
    {
      const AisleOrderItem *item = g_ptr_array_index (o->items, i);

      json_builder_begin_object (builder);
      _aisle_protocol_add_string (builder, "product_id", item->product_id);
      _aisle_protocol_add_string (builder, "name", item->name);
      _aisle_protocol_add_double (builder, "quantity", item->quantity);
      _aisle_protocol_add_int (builder, "unit_price", item->unit_price);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  END_RECORD ();
}

JsonNode *
aisle_protocol_points_to_json (const AislePointsEntry *e)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", e->id);
  _aisle_protocol_add_string (builder, "member_id", e->member_id);
  _aisle_protocol_add_int (builder, "delta", e->delta);
  _aisle_protocol_add_string (builder, "reason", e->reason);
  _aisle_protocol_add_int (builder, "at", e->at);
  END_RECORD ();
}

JsonNode *
aisle_protocol_coupon_to_json (const AisleCoupon *c)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "code", c->code);
  _aisle_protocol_add_string (builder, "member_id", c->member_id);
  _aisle_protocol_add_string (builder, "title", c->title);
  _aisle_protocol_add_int (builder, "value", c->value);
  _aisle_protocol_add_int (builder, "valid_from", c->valid_from);
  _aisle_protocol_add_int (builder, "valid_until", c->valid_until);
  _aisle_protocol_add_int (builder, "redeemed_at", c->redeemed_at);
  _aisle_protocol_add_string (builder, "redeemed_store_id", c->redeemed_branch_id);
  END_RECORD ();
}

JsonNode *
aisle_protocol_invoice_to_json (const AisleInvoice *i)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "number", i->number);
  _aisle_protocol_add_string (builder, "date", i->date);
  _aisle_protocol_add_string (builder, "random_code", i->random_code);
  _aisle_protocol_add_string (builder, "seller_id", i->seller_id);
  _aisle_protocol_add_int (builder, "total", i->total);
  _aisle_protocol_add_string (builder, "member_id", i->member_id);
  _aisle_protocol_add_int (builder, "points", i->points);
  _aisle_protocol_add_int (builder, "registered_at", i->registered_at);
  END_RECORD ();
}

JsonNode *
aisle_protocol_reservation_to_json (const AisleReservation *r)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", r->id);
  _aisle_protocol_add_string (builder, "member_id", r->member_id);
  _aisle_protocol_add_string (builder, "product_id", r->product_id);
  _aisle_protocol_add_string (builder, "store_id", r->branch_id);
  _aisle_protocol_add_int (builder, "quantity", r->quantity);
  _aisle_protocol_add_string (builder, "status", aisle_reservation_status_to_string (r->status));
  _aisle_protocol_add_int (builder, "created_at", r->created_at);
  _aisle_protocol_add_int (builder, "expires_at", r->expires_at);
  _aisle_protocol_add_string (builder, "staff_id", r->staff_id);
  END_RECORD ();
}

JsonNode *
aisle_protocol_note_to_json (const AisleNote *n)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_string (builder, "id", n->id);
  _aisle_protocol_add_string (builder, "member_id", n->member_id);
  _aisle_protocol_add_string (builder, "staff_id", n->staff_id);
  _aisle_protocol_add_string (builder, "text", n->text);
  _aisle_protocol_add_int (builder, "at", n->at);
  END_RECORD ();
}

/* --- records from JSON --------------------------------------------------------------------- */

AisleMember *
aisle_protocol_member_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(AisleMember) m = aisle_member_new ();
  JsonObject *o = _aisle_protocol_require_object (node, "a member", error);
  gint64 month = 0;

  if (o == NULL)
    return NULL;
  GET_STR (o, "id", TRUE, m->id);
  GET_STR (o, "number", FALSE, m->number);
  GET_STR (o, "name", TRUE, m->name);
  GET_STR (o, "phone", FALSE, m->phone);
  GET_INT (o, "birth_month", FALSE, month);
  m->birth_month = (int) CLAMP (month, 0, 12);
  GET_STR (o, "tier", FALSE, m->tier);
  GET_INT (o, "points", FALSE, m->points);
  GET_STR (o, "home_store_id", FALSE, m->home_branch_id);
  GET_INT (o, "enrolled_at", FALSE, m->enrolled_at);
  GET_INT (o, "last_activity_at", FALSE, m->last_activity_at);
  return g_steal_pointer (&m);
}

AisleBinding *
aisle_protocol_binding_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(AisleBinding) b = aisle_binding_new ();
  JsonObject *o = _aisle_protocol_require_object (node, "a binding", error);

  if (o == NULL)
    return NULL;
  GET_STR (o, "id", TRUE, b->id);
  GET_STR (o, "member_id", TRUE, b->member_id);
  GET_STR (o, "staff_id", TRUE, b->staff_id);
  GET_STR (o, "store_id", TRUE, b->branch_id);
  GET_INT (o, "since", FALSE, b->since);
  GET_INT (o, "until", FALSE, b->until);
  GET_STR (o, "source", FALSE, b->source);
  return g_steal_pointer (&b);
}

AisleCoupon *
aisle_protocol_coupon_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(AisleCoupon) c = aisle_coupon_new ();
  JsonObject *o = _aisle_protocol_require_object (node, "a coupon", error);

  if (o == NULL)
    return NULL;
  GET_STR (o, "code", TRUE, c->code);
  GET_STR (o, "member_id", FALSE, c->member_id);
  GET_STR (o, "title", FALSE, c->title);
  GET_INT (o, "value", FALSE, c->value);
  GET_INT (o, "valid_from", FALSE, c->valid_from);
  GET_INT (o, "valid_until", FALSE, c->valid_until);
  GET_INT (o, "redeemed_at", FALSE, c->redeemed_at);
  GET_STR (o, "redeemed_store_id", FALSE, c->redeemed_branch_id);
  return g_steal_pointer (&c);
}

/* aisle-model.c: the plain records, their boxed types and enum names.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-model"

#include "config.h"

#include <string.h>

#include "aisle-model.h"

/* Each record gets a boxed type from one macro, so that a new field only needs a line in its
 * copy and free functions below. Written out rather than G_DEFINE_BOXED_TYPE, whose GCC path
 * converts arguments to a union type, which -Wpedantic (warning_level=3) rejects. */
#define AISLE_DEFINE_RECORD(TypeName, type_name)                                         \
  GType                                                                                   \
  type_name##_get_type (void)                                                             \
  {                                                                                       \
    static gsize type_id = 0;                                                             \
    if (g_once_init_enter (&type_id))                                                     \
      {                                                                                   \
        GType id = g_boxed_type_register_static (g_intern_static_string (#TypeName),      \
                                                 (GBoxedCopyFunc) type_name##_copy,       \
                                                 (GBoxedFreeFunc) type_name##_free);      \
        g_once_init_leave (&type_id, id);                                                 \
      }                                                                                   \
    return type_id;                                                                       \
  }

/* --- AisleBranch -------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleBranch, aisle_branch)

AisleBranch *
aisle_branch_new (void)
{
  return g_new0 (AisleBranch, 1);
}

AisleBranch *
aisle_branch_copy (const AisleBranch *self)
{
  AisleBranch *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_branch_new ();
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->address = g_strdup (self->address);
  copy->phone = g_strdup (self->phone);
  copy->latitude = self->latitude;
  copy->longitude = self->longitude;
  return copy;
}

void
aisle_branch_free (AisleBranch *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->address);
  g_free (self->phone);
  g_free (self);
}

/* --- AisleStaff --------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleStaff, aisle_staff)

AisleStaff *
aisle_staff_new (void)
{
  AisleStaff *self = g_new0 (AisleStaff, 1);

  self->active = TRUE;
  return self;
}

AisleStaff *
aisle_staff_copy (const AisleStaff *self)
{
  AisleStaff *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_staff_new ();
  copy->id = g_strdup (self->id);
  copy->branch_id = g_strdup (self->branch_id);
  copy->name = g_strdup (self->name);
  copy->role = self->role;
  copy->pin_hash = g_strdup (self->pin_hash);
  copy->active = self->active;
  return copy;
}

void
aisle_staff_free (AisleStaff *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->branch_id);
  g_free (self->name);
  g_free (self->pin_hash);
  g_free (self);
}

/* --- AisleMember -------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleMember, aisle_member)

AisleMember *
aisle_member_new (void)
{
  return g_new0 (AisleMember, 1);
}

AisleMember *
aisle_member_copy (const AisleMember *self)
{
  AisleMember *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_member_new ();
  copy->id = g_strdup (self->id);
  copy->number = g_strdup (self->number);
  copy->name = g_strdup (self->name);
  copy->phone = g_strdup (self->phone);
  copy->birth_month = self->birth_month;
  copy->tier = g_strdup (self->tier);
  copy->points = self->points;
  copy->home_branch_id = g_strdup (self->home_branch_id);
  copy->enrolled_at = self->enrolled_at;
  copy->last_activity_at = self->last_activity_at;
  return copy;
}

void
aisle_member_free (AisleMember *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->number);
  g_free (self->name);
  g_free (self->phone);
  g_free (self->tier);
  g_free (self->home_branch_id);
  g_free (self);
}

/* --- AisleConsent ------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleConsent, aisle_consent)

AisleConsent *
aisle_consent_new (void)
{
  return g_new0 (AisleConsent, 1);
}

AisleConsent *
aisle_consent_copy (const AisleConsent *self)
{
  AisleConsent *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_consent_new ();
  copy->seq = self->seq;
  copy->member_id = g_strdup (self->member_id);
  copy->policy_version = g_strdup (self->policy_version);
  copy->text_hash = g_strdup (self->text_hash);
  copy->privacy = self->privacy;
  copy->marketing = self->marketing;
  copy->at = self->at;
  copy->channel = g_strdup (self->channel);
  copy->device_id = g_strdup (self->device_id);
  return copy;
}

void
aisle_consent_free (AisleConsent *self)
{
  if (self == NULL)
    return;
  g_free (self->member_id);
  g_free (self->policy_version);
  g_free (self->text_hash);
  g_free (self->channel);
  g_free (self->device_id);
  g_free (self);
}

/* --- AisleBinding ------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleBinding, aisle_binding)

AisleBinding *
aisle_binding_new (void)
{
  return g_new0 (AisleBinding, 1);
}

AisleBinding *
aisle_binding_copy (const AisleBinding *self)
{
  AisleBinding *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_binding_new ();
  copy->id = g_strdup (self->id);
  copy->member_id = g_strdup (self->member_id);
  copy->staff_id = g_strdup (self->staff_id);
  copy->branch_id = g_strdup (self->branch_id);
  copy->since = self->since;
  copy->until = self->until;
  copy->source = g_strdup (self->source);
  return copy;
}

void
aisle_binding_free (AisleBinding *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->member_id);
  g_free (self->staff_id);
  g_free (self->branch_id);
  g_free (self->source);
  g_free (self);
}

/* --- AisleProduct ------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleProduct, aisle_product)

AisleProduct *
aisle_product_new (void)
{
  return g_new0 (AisleProduct, 1);
}

AisleProduct *
aisle_product_copy (const AisleProduct *self)
{
  AisleProduct *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_product_new ();
  copy->id = g_strdup (self->id);
  copy->name = g_strdup (self->name);
  copy->brand = g_strdup (self->brand);
  copy->category = g_strdup (self->category);
  copy->price = self->price;
  copy->barcodes = g_strdupv (self->barcodes);
  copy->popularity = self->popularity;
  return copy;
}

void
aisle_product_free (AisleProduct *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->brand);
  g_free (self->category);
  g_strfreev (self->barcodes);
  g_free (self);
}

/* --- AisleStock --------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleStock, aisle_stock)

AisleStock *
aisle_stock_new (void)
{
  return g_new0 (AisleStock, 1);
}

AisleStock *
aisle_stock_copy (const AisleStock *self)
{
  AisleStock *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_stock_new ();
  copy->product_id = g_strdup (self->product_id);
  copy->location_id = g_strdup (self->location_id);
  copy->on_hand = self->on_hand;
  copy->reserved = self->reserved;
  copy->updated_at = self->updated_at;
  return copy;
}

void
aisle_stock_free (AisleStock *self)
{
  if (self == NULL)
    return;
  g_free (self->product_id);
  g_free (self->location_id);
  g_free (self);
}

/* --- AisleOrderItem ----------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleOrderItem, aisle_order_item)

AisleOrderItem *
aisle_order_item_new (void)
{
  return g_new0 (AisleOrderItem, 1);
}

AisleOrderItem *
aisle_order_item_copy (const AisleOrderItem *self)
{
  AisleOrderItem *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_order_item_new ();
  copy->product_id = g_strdup (self->product_id);
  copy->name = g_strdup (self->name);
  copy->quantity = self->quantity;
  copy->unit_price = self->unit_price;
  return copy;
}

void
aisle_order_item_free (AisleOrderItem *self)
{
  if (self == NULL)
    return;
  g_free (self->product_id);
  g_free (self->name);
  g_free (self);
}

/* --- AisleOrder --------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleOrder, aisle_order)

AisleOrder *
aisle_order_new (void)
{
  AisleOrder *self = g_new0 (AisleOrder, 1);

  /* Never NULL, so callers can append items without checking. */
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_order_item_free);
  return self;
}

AisleOrder *
aisle_order_copy (const AisleOrder *self)
{
  AisleOrder *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_order_new ();
  copy->id = g_strdup (self->id);
  copy->member_id = g_strdup (self->member_id);
  copy->channel = self->channel;
  copy->fulfilment = self->fulfilment;
  copy->status = self->status;
  copy->tracking = g_strdup (self->tracking);
  copy->branch_id = g_strdup (self->branch_id);
  copy->total = self->total;
  copy->placed_at = self->placed_at;
  copy->credited_staff_id = g_strdup (self->credited_staff_id);
  copy->credited_branch_id = g_strdup (self->credited_branch_id);
  copy->credit_reason = g_strdup (self->credit_reason);
  if (self->items != NULL)
    for (guint i = 0; i < self->items->len; i++)
      g_ptr_array_add (copy->items, aisle_order_item_copy (g_ptr_array_index (self->items, i)));
  return copy;
}

void
aisle_order_free (AisleOrder *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->member_id);
  g_free (self->tracking);
  g_free (self->branch_id);
  g_free (self->credited_staff_id);
  g_free (self->credited_branch_id);
  g_free (self->credit_reason);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self);
}

/* --- AislePointsEntry --------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AislePointsEntry, aisle_points_entry)

AislePointsEntry *
aisle_points_entry_new (void)
{
  return g_new0 (AislePointsEntry, 1);
}

AislePointsEntry *
aisle_points_entry_copy (const AislePointsEntry *self)
{
  AislePointsEntry *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_points_entry_new ();
  copy->id = g_strdup (self->id);
  copy->member_id = g_strdup (self->member_id);
  copy->delta = self->delta;
  copy->reason = g_strdup (self->reason);
  copy->at = self->at;
  return copy;
}

void
aisle_points_entry_free (AislePointsEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->member_id);
  g_free (self->reason);
  g_free (self);
}

/* --- AisleCoupon -------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleCoupon, aisle_coupon)

AisleCoupon *
aisle_coupon_new (void)
{
  return g_new0 (AisleCoupon, 1);
}

AisleCoupon *
aisle_coupon_copy (const AisleCoupon *self)
{
  AisleCoupon *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_coupon_new ();
  copy->code = g_strdup (self->code);
  copy->member_id = g_strdup (self->member_id);
  copy->title = g_strdup (self->title);
  copy->value = self->value;
  copy->valid_from = self->valid_from;
  copy->valid_until = self->valid_until;
  copy->redeemed_at = self->redeemed_at;
  copy->redeemed_branch_id = g_strdup (self->redeemed_branch_id);
  return copy;
}

void
aisle_coupon_free (AisleCoupon *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->member_id);
  g_free (self->title);
  g_free (self->redeemed_branch_id);
  g_free (self);
}

/* --- AisleInvoice ------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleInvoice, aisle_invoice)

AisleInvoice *
aisle_invoice_new (void)
{
  return g_new0 (AisleInvoice, 1);
}

AisleInvoice *
aisle_invoice_copy (const AisleInvoice *self)
{
  AisleInvoice *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_invoice_new ();
  copy->number = g_strdup (self->number);
  copy->date = g_strdup (self->date);
  copy->random_code = g_strdup (self->random_code);
  copy->seller_id = g_strdup (self->seller_id);
  copy->total = self->total;
  copy->member_id = g_strdup (self->member_id);
  copy->points = self->points;
  copy->registered_at = self->registered_at;
  return copy;
}

void
aisle_invoice_free (AisleInvoice *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->date);
  g_free (self->random_code);
  g_free (self->seller_id);
  g_free (self->member_id);
  g_free (self);
}

/* --- AisleReservation --------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleReservation, aisle_reservation)

AisleReservation *
aisle_reservation_new (void)
{
  return g_new0 (AisleReservation, 1);
}

AisleReservation *
aisle_reservation_copy (const AisleReservation *self)
{
  AisleReservation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_reservation_new ();
  copy->id = g_strdup (self->id);
  copy->member_id = g_strdup (self->member_id);
  copy->product_id = g_strdup (self->product_id);
  copy->branch_id = g_strdup (self->branch_id);
  copy->quantity = self->quantity;
  copy->status = self->status;
  copy->created_at = self->created_at;
  copy->expires_at = self->expires_at;
  copy->staff_id = g_strdup (self->staff_id);
  return copy;
}

void
aisle_reservation_free (AisleReservation *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->member_id);
  g_free (self->product_id);
  g_free (self->branch_id);
  g_free (self->staff_id);
  g_free (self);
}

/* --- AisleNote ---------------------------------------------------------------------------- */

AISLE_DEFINE_RECORD (AisleNote, aisle_note)

AisleNote *
aisle_note_new (void)
{
  return g_new0 (AisleNote, 1);
}

AisleNote *
aisle_note_copy (const AisleNote *self)
{
  AisleNote *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_note_new ();
  copy->id = g_strdup (self->id);
  copy->member_id = g_strdup (self->member_id);
  copy->staff_id = g_strdup (self->staff_id);
  copy->text = g_strdup (self->text);
  copy->at = self->at;
  return copy;
}

void
aisle_note_free (AisleNote *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->member_id);
  g_free (self->staff_id);
  g_free (self->text);
  g_free (self);
}

/* --- AisleMutation ------------------------------------------------------------------------ */

AISLE_DEFINE_RECORD (AisleMutation, aisle_mutation)

AisleMutation *
aisle_mutation_new (void)
{
  return g_new0 (AisleMutation, 1);
}

AisleMutation *
aisle_mutation_copy (const AisleMutation *self)
{
  AisleMutation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = aisle_mutation_new ();
  copy->id = self->id;
  copy->name = g_strdup (self->name);
  copy->args_json = g_strdup (self->args_json);
  copy->staff_id = g_strdup (self->staff_id);
  copy->created_at = self->created_at;
  return copy;
}

void
aisle_mutation_free (AisleMutation *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->args_json);
  g_free (self->staff_id);
  g_free (self);
}

/* --- enum names --------------------------------------------------------------------------- */

/* The names are the stable strings stored in the cache and sent on the wire: never rename. */
static const char * const channel_names[] = {
  [AISLE_CHANNEL_STORE] = "store",
  [AISLE_CHANNEL_ONLINE] = "online",
  [AISLE_CHANNEL_APP] = "app",
};

static const char * const fulfilment_names[] = {
  [AISLE_FULFILMENT_IN_STORE] = "in_store",
  [AISLE_FULFILMENT_DELIVERY] = "delivery",
  [AISLE_FULFILMENT_PICKUP] = "pickup",
};

static const char * const order_status_names[] = {
  [AISLE_ORDER_STATUS_PLACED] = "placed",
  [AISLE_ORDER_STATUS_PAID] = "paid",
  [AISLE_ORDER_STATUS_SHIPPED] = "shipped",
  [AISLE_ORDER_STATUS_DELIVERED] = "delivered",
  [AISLE_ORDER_STATUS_COMPLETED] = "completed",
  [AISLE_ORDER_STATUS_CANCELLED] = "cancelled",
  [AISLE_ORDER_STATUS_REFUNDED] = "refunded",
};

static const char * const staff_role_names[] = {
  [AISLE_STAFF_ROLE_ASSOCIATE] = "associate",
  [AISLE_STAFF_ROLE_MANAGER] = "manager",
};

static const char * const reservation_status_names[] = {
  [AISLE_RESERVATION_OPEN] = "open",
  [AISLE_RESERVATION_FULFILLED] = "fulfilled",
  [AISLE_RESERVATION_CANCELLED] = "cancelled",
  [AISLE_RESERVATION_EXPIRED] = "expired",
};

static const char *
name_of (const char * const *names,
         guint               n_names,
         guint               value)
{
  return value < n_names ? names[value] : NULL;
}

static gboolean
value_of (const char * const *names,
          guint               n_names,
          const char         *name,
          guint              *out)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], name) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

#define AISLE_DEFINE_ENUM_NAMES(Type, prefix, names)                                   \
  const char *                                                                          \
  prefix##_to_string (Type value)                                                       \
  {                                                                                     \
    return name_of (names, G_N_ELEMENTS (names), (guint) value);                        \
  }                                                                                     \
  gboolean                                                                              \
  prefix##_from_string (const char *name,                                               \
                        Type       *out)                                                \
  {                                                                                     \
    guint value;                                                                        \
    g_return_val_if_fail (out != NULL, FALSE);                                          \
    if (!value_of (names, G_N_ELEMENTS (names), name, &value))                          \
      return FALSE;                                                                     \
    *out = (Type) value;                                                                \
    return TRUE;                                                                        \
  }

AISLE_DEFINE_ENUM_NAMES (AisleChannel, aisle_channel, channel_names)
AISLE_DEFINE_ENUM_NAMES (AisleFulfilment, aisle_fulfilment, fulfilment_names)
AISLE_DEFINE_ENUM_NAMES (AisleOrderStatus, aisle_order_status, order_status_names)
AISLE_DEFINE_ENUM_NAMES (AisleStaffRole, aisle_staff_role, staff_role_names)
AISLE_DEFINE_ENUM_NAMES (AisleReservationStatus, aisle_reservation_status, reservation_status_names)

/* --- helpers ------------------------------------------------------------------------------ */

/**
 * aisle_uuid_new:
 *
 * Returns: (transfer full): a random (version 4) UUID, lower-case, 36 characters
 */
char *
aisle_uuid_new (void)
{
  return g_uuid_string_random ();
}

/* aisle-model.h: the plain records that the cache stores and the protocol carries.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conventions: ids of entities created on a device are UUID strings (lower-case, 36 chars);
 * times are Unix seconds (UTC) in a gint64, 0 meaning "unset"; money is in minor units
 * (cents: NT$120 is 12000) in a gint64; strings are UTF-8 and owned by the record. Every record
 * is a boxed type with _copy/_free and a g_autoptr cleanup.
 */

#pragma once

#include <glib-object.h>

#include "aisle-types.h"

G_BEGIN_DECLS

/* The online warehouse's location id in stock rows (stores use their own id). */
#define AISLE_LOCATION_ONLINE "online"

typedef enum
{
  AISLE_STAFF_ROLE_ASSOCIATE,
  AISLE_STAFF_ROLE_MANAGER,
} AisleStaffRole;

typedef enum
{
  AISLE_CHANNEL_STORE,
  AISLE_CHANNEL_ONLINE,
  AISLE_CHANNEL_APP,
} AisleChannel;

typedef enum
{
  AISLE_FULFILMENT_IN_STORE,
  AISLE_FULFILMENT_DELIVERY,
  AISLE_FULFILMENT_PICKUP,
} AisleFulfilment;

typedef enum
{
  AISLE_ORDER_STATUS_PLACED,
  AISLE_ORDER_STATUS_PAID,
  AISLE_ORDER_STATUS_SHIPPED,
  AISLE_ORDER_STATUS_DELIVERED,
  AISLE_ORDER_STATUS_COMPLETED,
  AISLE_ORDER_STATUS_CANCELLED,
  AISLE_ORDER_STATUS_REFUNDED,
} AisleOrderStatus;

typedef enum
{
  AISLE_RESERVATION_OPEN,
  AISLE_RESERVATION_FULFILLED,
  AISLE_RESERVATION_CANCELLED,
  AISLE_RESERVATION_EXPIRED,
} AisleReservationStatus;

/* A retail store (table `stores`). */
struct _AisleBranch
{
  char   *id;          /* short code, e.g. "TPE01" */
  char   *name;
  char   *address;
  char   *phone;
  double  latitude;
  double  longitude;
};

struct _AisleStaff
{
  char           *id;           /* staff number, e.g. "S0001"; also what the badge carries */
  char           *branch_id;
  char           *name;
  AisleStaffRole  role;
  char           *pin_hash;     /* argon2id string (crypto_pwhash_str), never the PIN */
  gboolean        active;
};

struct _AisleMember
{
  char   *id;                 /* UUID */
  char   *number;             /* human member number assigned by the hub, NULL until then */
  char   *name;
  char   *phone;              /* normalised 09xxxxxxxx */
  int     birth_month;        /* 1-12, 0 unknown */
  char   *tier;               /* "basic", "silver", "gold" */
  gint64  points;             /* cached balance (the ledger is the truth) */
  char   *home_branch_id;     /* store where they enrolled */
  gint64  enrolled_at;
  gint64  last_activity_at;   /* last order, visit or lookup: orders search results */
};

struct _AisleConsent
{
  gint64    seq;              /* ledger position, assigned by the cache */
  char     *member_id;
  char     *policy_version;
  char     *text_hash;        /* hex SHA-256 of the policy text shown */
  gboolean  privacy;          /* consent to the privacy policy (required to be a member) */
  gboolean  marketing;        /* marketing opt-in */
  gint64    at;
  char     *channel;          /* "kiosk", "tablet", "phone", "online" */
  char     *device_id;
};

struct _AisleBinding
{
  char   *id;                 /* UUID */
  char   *member_id;
  char   *staff_id;
  char   *branch_id;
  gint64  since;
  gint64  until;              /* 0 while active */
  char   *source;             /* "card_scan", "associate_qr", "referral", "manager" */
};

struct _AisleProduct
{
  char      *id;              /* SKU */
  char      *name;
  char      *brand;
  char      *category;
  gint64     price;           /* minor units */
  GStrv      barcodes;        /* one or more GTIN-13/8 or UPC-A strings */
  gint64     popularity;      /* units sold recently: orders product search results */
};

struct _AisleStock
{
  char   *product_id;
  char   *location_id;        /* a branch id or AISLE_LOCATION_ONLINE */
  gint64  on_hand;
  gint64  reserved;
  gint64  updated_at;
};

struct _AisleOrderItem
{
  char   *product_id;
  char   *name;               /* as sold */
  double  quantity;
  gint64  unit_price;         /* minor units */
};

struct _AisleOrder
{
  char             *id;               /* UUID, or the online shop's order id prefixed "web:" */
  char             *member_id;        /* nullable: anonymous purchase */
  AisleChannel      channel;
  AisleFulfilment   fulfilment;
  AisleOrderStatus  status;
  char             *tracking;         /* carrier tracking number/state, nullable */
  char             *branch_id;        /* where it was sold or picked up, nullable for online */
  gint64            total;            /* minor units */
  gint64            placed_at;
  char             *credited_staff_id;   /* attribution: associate credited, nullable */
  char             *credited_branch_id;  /* attribution: store credited, nullable */
  char             *credit_reason;       /* "sold_by", "binding:<id>", "referral:<code>" ... */
  GPtrArray        *items;            /* (element-type AisleOrderItem) */
};

struct _AislePointsEntry
{
  char   *id;                 /* UUID */
  char   *member_id;
  gint64  delta;              /* + earn, - spend/reversal */
  char   *reason;             /* "order:<id>", "invoice:<number>", "refund:<id>", "coupon:<code>" */
  gint64  at;
};

struct _AisleCoupon
{
  char   *code;
  char   *member_id;          /* nullable: bearer coupon */
  char   *title;
  gint64  value;              /* minor units off, or points */
  gint64  valid_from;
  gint64  valid_until;
  gint64  redeemed_at;        /* 0 if unused */
  char   *redeemed_branch_id;
};

struct _AisleInvoice
{
  char   *number;             /* track + number, e.g. "AB12345678" */
  char   *date;               /* ROC date yyyMMdd as printed */
  char   *random_code;        /* 4 digits */
  char   *seller_id;          /* 統一編號 */
  gint64  total;              /* minor units */
  char   *member_id;
  gint64  points;
  gint64  registered_at;
};

struct _AisleReservation
{
  char                   *id;         /* UUID */
  char                   *member_id;
  char                   *product_id;
  char                   *branch_id;  /* where it is held */
  gint64                  quantity;
  AisleReservationStatus  status;
  gint64                  created_at;
  gint64                  expires_at;
  char                   *staff_id;
};

struct _AisleNote
{
  char   *id;                 /* UUID */
  char   *member_id;
  char   *staff_id;
  char   *text;
  gint64  at;
};

/* An outbox entry: a named intent with JSON arguments (see DESIGN.md, Data flow). */
struct _AisleMutation
{
  gint64  id;                 /* 1, 2, 3 ... in outbox order, per device */
  char   *name;               /* "member.enrol", "binding.create", ... */
  char   *args_json;          /* a JSON object */
  char   *staff_id;           /* who did it, nullable for kiosk self-service */
  gint64  created_at;
};

#define AISLE_TYPE_BRANCH       (aisle_branch_get_type ())
#define AISLE_TYPE_STAFF        (aisle_staff_get_type ())
#define AISLE_TYPE_MEMBER       (aisle_member_get_type ())
#define AISLE_TYPE_CONSENT      (aisle_consent_get_type ())
#define AISLE_TYPE_BINDING      (aisle_binding_get_type ())
#define AISLE_TYPE_PRODUCT      (aisle_product_get_type ())
#define AISLE_TYPE_STOCK        (aisle_stock_get_type ())
#define AISLE_TYPE_ORDER_ITEM   (aisle_order_item_get_type ())
#define AISLE_TYPE_ORDER        (aisle_order_get_type ())
#define AISLE_TYPE_POINTS_ENTRY (aisle_points_entry_get_type ())
#define AISLE_TYPE_COUPON       (aisle_coupon_get_type ())
#define AISLE_TYPE_INVOICE      (aisle_invoice_get_type ())
#define AISLE_TYPE_RESERVATION  (aisle_reservation_get_type ())
#define AISLE_TYPE_NOTE         (aisle_note_get_type ())
#define AISLE_TYPE_MUTATION     (aisle_mutation_get_type ())

#define AISLE_DECLARE_RECORD(TypeName, type_name)                 \
  GType     type_name##_get_type (void) G_GNUC_CONST;             \
  TypeName *type_name##_new      (void);                          \
  TypeName *type_name##_copy     (const TypeName *self);          \
  void      type_name##_free     (TypeName *self);                \
  G_DEFINE_AUTOPTR_CLEANUP_FUNC (TypeName, type_name##_free)

AISLE_DECLARE_RECORD (AisleBranch, aisle_branch)
AISLE_DECLARE_RECORD (AisleStaff, aisle_staff)
AISLE_DECLARE_RECORD (AisleMember, aisle_member)
AISLE_DECLARE_RECORD (AisleConsent, aisle_consent)
AISLE_DECLARE_RECORD (AisleBinding, aisle_binding)
AISLE_DECLARE_RECORD (AisleProduct, aisle_product)
AISLE_DECLARE_RECORD (AisleStock, aisle_stock)
AISLE_DECLARE_RECORD (AisleOrderItem, aisle_order_item)
AISLE_DECLARE_RECORD (AisleOrder, aisle_order)
AISLE_DECLARE_RECORD (AislePointsEntry, aisle_points_entry)
AISLE_DECLARE_RECORD (AisleCoupon, aisle_coupon)
AISLE_DECLARE_RECORD (AisleInvoice, aisle_invoice)
AISLE_DECLARE_RECORD (AisleReservation, aisle_reservation)
AISLE_DECLARE_RECORD (AisleNote, aisle_note)
AISLE_DECLARE_RECORD (AisleMutation, aisle_mutation)

const char   *aisle_channel_to_string       (AisleChannel     channel);
gboolean      aisle_channel_from_string     (const char      *name,
                                             AisleChannel    *out);
const char   *aisle_fulfilment_to_string    (AisleFulfilment  fulfilment);
gboolean      aisle_fulfilment_from_string  (const char      *name,
                                             AisleFulfilment *out);
const char   *aisle_order_status_to_string  (AisleOrderStatus status);
gboolean      aisle_order_status_from_string (const char      *name,
                                              AisleOrderStatus *out);
const char   *aisle_staff_role_to_string    (AisleStaffRole   role);
gboolean      aisle_staff_role_from_string  (const char      *name,
                                             AisleStaffRole  *out);
const char   *aisle_reservation_status_to_string   (AisleReservationStatus  status);
gboolean      aisle_reservation_status_from_string (const char             *name,
                                                    AisleReservationStatus *out);

char         *aisle_uuid_new                (void);
char         *aisle_phone_normalize         (const char      *phone);
char         *aisle_phone_mask              (const char      *phone);
char         *aisle_barcode_to_gtin13       (const char      *barcode);
char         *aisle_upce_to_gtin13          (const char      *barcode);

G_END_DECLS

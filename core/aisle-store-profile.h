/* aisle-store-profile.h: what the tablet's 360° profile shows, read in one go, and the checks
 * the tablet makes before it queues a binding, a coupon redemption or an e-invoice.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-store.h"

G_BEGIN_DECLS

/* The hub's defaults of binding_lock_days and invoice_max_age_days (docs/operations.md), used
 * until the hub's own values arrive by pull (entity "setting"); the hub has the last word. */
#define AISLE_BINDING_LOCK_DAYS      90
#define AISLE_INVOICE_MAX_AGE_DAYS   60

typedef struct
{
  AisleMember   *member;
  AisleBinding  *binding;          /* the active binding, nullable */
  AisleConsent  *consent;          /* the latest consent, nullable */
  GPtrArray     *orders;           /* AisleOrder with items, newest first */
  GPtrArray     *reservations;     /* open AisleReservation, newest first */
  GPtrArray     *coupons;          /* AisleCoupon: usable first, then by validity */
  GPtrArray     *notes;            /* AisleNote, newest first */
  GStrv          tags;
  gint64         points;           /* the member's cached balance */
  guint          phone_reveals;    /* how often the phone was revealed on this device */
  /* Names for the ids above, so the page never asks again: id -> name */
  GHashTable    *branch_names;
  GHashTable    *staff_names;
  GHashTable    *product_names;
} AisleProfile;

void          aisle_profile_free                (AisleProfile *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleProfile, aisle_profile_free)
const char   *aisle_profile_branch_name         (const AisleProfile *self,
                                                 const char         *branch_id);
const char   *aisle_profile_staff_name          (const AisleProfile *self,
                                                 const char         *staff_id);

gint64        aisle_store_get_setting_int       (AisleStore   *self,
                                                 const char   *key,
                                                 gint64        fallback);

AisleProfile *aisle_store_load_profile          (AisleStore   *self,
                                                 const char   *member_id,
                                                 guint         max_orders,
                                                 gint64        now,
                                                 GError      **error);

/* The reveal of a member's full phone number is logged (who, when) on the device. */
gboolean      aisle_store_log_phone_reveal      (AisleStore   *self,
                                                 const char   *member_id,
                                                 const char   *staff_id,
                                                 gint64        at,
                                                 GError      **error);
guint         aisle_store_count_phone_reveals   (AisleStore   *self,
                                                 const char   *member_id,
                                                 GError      **error);

/* --- checks before queuing a change: the cache's view; the hub decides ---------------------- */

typedef enum
{
  AISLE_BIND_OK,
  AISLE_BIND_ALREADY_YOURS,       /* already bound to this associate: nothing to do */
  AISLE_BIND_LOCKED,              /* bound to another associate within the lock period */
  AISLE_BIND_NEEDS_MANAGER,       /* binding someone other than oneself */
} AisleBindCheck;

AisleBindCheck aisle_store_check_binding        (AisleStore    *self,
                                                 const char    *member_id,
                                                 const AisleStaff *staff,
                                                 const char    *associate_id,
                                                 gint64         now,
                                                 AisleBinding **out_active,
                                                 GError       **error);

typedef enum
{
  AISLE_COUPON_OK,
  AISLE_COUPON_UNKNOWN,           /* not in the cache: not one of ours, or not synced */
  AISLE_COUPON_REDEEMED,          /* already used (when and where in the coupon) */
  AISLE_COUPON_EXPIRED,
  AISLE_COUPON_NOT_YET_VALID,
  AISLE_COUPON_OTHER_MEMBER,      /* issued to another member */
} AisleCouponCheck;

AisleCouponCheck aisle_store_check_coupon       (AisleStore    *self,
                                                 const char    *code,
                                                 const char    *member_id,
                                                 gint64         now,
                                                 AisleCoupon  **out_coupon,
                                                 GError       **error);

typedef enum
{
  AISLE_INVOICE_OK,
  AISLE_INVOICE_ALREADY_YOURS,    /* already registered to this member */
  AISLE_INVOICE_TAKEN,            /* already registered to another member */
  AISLE_INVOICE_TOO_OLD,
  AISLE_INVOICE_FUTURE,
  AISLE_INVOICE_FOREIGN_SELLER,   /* not one of the retailer's sellers (when the cache knows) */
} AisleInvoiceCheck;

AisleInvoiceCheck aisle_store_check_invoice     (AisleStore    *self,
                                                 const char    *number,
                                                 const char    *roc_date,
                                                 const char    *seller_id,
                                                 const char    *member_id,
                                                 gint64         now,
                                                 GError       **error);

G_END_DECLS

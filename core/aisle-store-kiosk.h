/* aisle-store-kiosk.h: what the kiosk asks its cache, composed from the store's typed API.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here runs on the thread that owns the store (the app's AisleWorker). None of
 * them lists or searches members: the kiosk only ever asks yes/no questions about one phone
 * number, one product, one invoice or one of its own mutations.
 */

#pragma once

#include "aisle-codes.h"
#include "aisle-model.h"
#include "aisle-store.h"

G_BEGIN_DECLS

/* The device's identity for signing member cards and enrolment links. */
typedef struct
{
  char         *hub_url;       /* nullable: not paired */
  char         *store_id;      /* nullable */
  char         *store_name;    /* nullable */
  char         *device_id;     /* nullable */
  AisleKeyRing *key_ring;      /* the hub's, this device's and the other devices' public keys */
  guint8        secret_key[AISLE_CODES_SECRET_KEY_BYTES];
  gboolean      has_secret_key;
} AisleKioskIdentity;

void                aisle_kiosk_identity_free          (AisleKioskIdentity *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleKioskIdentity, aisle_kiosk_identity_free)

AisleKioskIdentity *aisle_store_kiosk_load_identity    (AisleStore  *store,
                                                        GError     **error);

/* Whether a member with this (normalised) mobile number is in the cache. */
gboolean            aisle_store_kiosk_phone_known      (AisleStore  *store,
                                                        const char  *phone,
                                                        gboolean    *out_known,
                                                        GError     **error);

/* Whether the invoice counts as registered: the cache holds it, and not only because a
 * registration of it that the hub refused was applied here optimistically. */
gboolean            aisle_store_kiosk_invoice_registered (AisleStore  *store,
                                                          const char  *number,
                                                          gboolean    *out_registered,
                                                          GError     **error);

/* A product and where it can be had; no customer data. */
typedef struct
{
  char   *location_id;
  char   *name;                /* the store's name, or NULL for the online warehouse */
  gint64  available;           /* on hand minus reserved, never below 0 */
} AisleKioskStock;

typedef struct
{
  AisleProduct *product;
  AisleKioskStock *here;       /* nullable: no stock row for this store */
  AisleKioskStock *online;     /* nullable */
  GPtrArray    *nearby;        /* (element-type AisleKioskStock): other stores, most first */
} AisleKioskProduct;

void                aisle_kiosk_product_free           (AisleKioskProduct *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleKioskProduct, aisle_kiosk_product_free)

AisleKioskProduct  *aisle_store_kiosk_check_product    (AisleStore  *store,
                                                        const char  *barcode,
                                                        const char  *store_id,
                                                        GError     **error);

/* What became of one of this device's mutations. */
typedef enum
{
  AISLE_KIOSK_OUTCOME_PENDING,   /* still in the outbox: not pushed yet */
  AISLE_KIOSK_OUTCOME_APPLIED,   /* the hub took it */
  AISLE_KIOSK_OUTCOME_REJECTED,  /* the hub refused it: see code and message */
} AisleKioskOutcomeState;

typedef struct
{
  AisleKioskOutcomeState  state;
  char                   *code;      /* the hub's wire code, for REJECTED */
  char                   *message;   /* the hub's reason, for REJECTED */
  AisleMember            *member;    /* member.enrol: the member as cached now, nullable */
  AisleInvoice           *invoice;   /* invoice.register: the invoice as cached now, nullable */
} AisleKioskOutcome;

void                aisle_kiosk_outcome_free           (AisleKioskOutcome *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleKioskOutcome, aisle_kiosk_outcome_free)

/* @member_id / @invoice_number: what to read back once the mutation has left the outbox. */
AisleKioskOutcome  *aisle_store_kiosk_get_outcome      (AisleStore  *store,
                                                        gint64       mutation_id,
                                                        const char  *member_id,
                                                        const char  *invoice_number,
                                                        GError     **error);

G_END_DECLS

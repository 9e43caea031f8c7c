/* aisle-store-staff.h: offline staff sign-in on a device: PIN check against the synced
 * argon2id hash, with lock-out after repeated wrong PINs.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-store.h"

G_BEGIN_DECLS

/* Five wrong PINs in a row lock the staff member out on this device for five minutes. */
#define AISLE_SIGN_IN_MAX_FAILURES  5
#define AISLE_SIGN_IN_LOCK_SECONDS  300

/**
 * AisleSignInStatus:
 * @AISLE_SIGN_IN_OK: the PIN is right; the failure count was reset
 * @AISLE_SIGN_IN_WRONG_PIN: the PIN is wrong; one more failure counted
 * @AISLE_SIGN_IN_LOCKED: too many wrong PINs: refused without checking until @locked_until
 * @AISLE_SIGN_IN_NO_PIN: the staff member has no PIN in the cache (not synced yet)
 * @AISLE_SIGN_IN_INACTIVE: the staff member has left
 * @AISLE_SIGN_IN_UNKNOWN: no such staff member in the cache
 */
typedef enum
{
  AISLE_SIGN_IN_OK,
  AISLE_SIGN_IN_WRONG_PIN,
  AISLE_SIGN_IN_LOCKED,
  AISLE_SIGN_IN_NO_PIN,
  AISLE_SIGN_IN_INACTIVE,
  AISLE_SIGN_IN_UNKNOWN,
} AisleSignInStatus;

typedef struct
{
  AisleSignInStatus  status;
  AisleStaff        *staff;         /* NULL for UNKNOWN */
  guint              failures;      /* wrong PINs in a row, after this attempt */
  guint              remaining;     /* wrong PINs left before the lock */
  gint64             locked_until;  /* Unix seconds, 0 when not locked */
} AisleSignIn;

void          aisle_sign_in_free             (AisleSignIn  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleSignIn, aisle_sign_in_free)

gboolean      aisle_staff_pin_verify         (const char   *pin_hash,
                                              const char   *pin);
AisleSignIn  *aisle_store_staff_sign_in      (AisleStore   *self,
                                              const char   *staff_id,
                                              const char   *pin,
                                              gint64        now,
                                              GError      **error);
gint64        aisle_store_staff_locked_until (AisleStore   *self,
                                              const char   *staff_id,
                                              gint64        now,
                                              GError      **error);

G_END_DECLS

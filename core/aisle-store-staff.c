/* aisle-store-staff.c: offline staff sign-in.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hub syncs each staff member's argon2id PIN hash (crypto_pwhash_str) to the devices of
 * their store, so a tablet signs staff in without the network. The lock-out is per device and
 * kept in staff_signin (005-tablet.sql): five wrong PINs in a row lock the staff member for five
 * minutes, during which no PIN is even checked; the count starts again after the lock. The
 * check costs one argon2id verification (about 0.1 s at the interactive limits) on the
 * store's thread, which is the point: it makes guessing slow.
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include <sodium.h>

#include "aisle-store-private.h"
#include "aisle-store-staff.h"

void
aisle_sign_in_free (AisleSignIn *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->staff, aisle_staff_free);
  g_free (self);
}

/**
 * aisle_staff_pin_verify:
 * @pin_hash: (nullable): an argon2id string from crypto_pwhash_str()
 * @pin: (nullable): the PIN typed
 *
 * Returns: %TRUE if @pin matches @pin_hash; %FALSE for a missing hash or PIN
 */
gboolean
aisle_staff_pin_verify (const char *pin_hash,
                        const char *pin)
{
  if (pin_hash == NULL || *pin_hash == '\0' || pin == NULL || *pin == '\0')
    return FALSE;
  if (sodium_init () < 0)
    return FALSE;
  return crypto_pwhash_str_verify (pin_hash, pin, strlen (pin)) == 0;
}

static gboolean
read_lock (AisleStore  *self,
           const char  *staff_id,
           guint       *failures,
           gint64      *locked_until,
           GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  *failures = 0;
  *locked_until = 0;
  stmt = _aisle_store_prepare (self,
                               "SELECT failures, locked_until FROM staff_signin WHERE staff_id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, staff_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *failures = (guint) sqlite3_column_int (stmt, 0);
      *locked_until = sqlite3_column_int64 (stmt, 1);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "reading the sign-in record", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_lock (AisleStore  *self,
            const char  *staff_id,
            guint        failures,
            gint64       locked_until,
            gint64       now,
            GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO staff_signin (staff_id, failures, locked_until, last_at) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (staff_id) DO UPDATE SET "
                               "failures = excluded.failures, locked_until = excluded.locked_until, "
                               "last_at = excluded.last_at", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, (int) failures);
  sqlite3_bind_int64 (stmt, 3, locked_until);
  sqlite3_bind_int64 (stmt, 4, now);
  return _aisle_store_step_done (self, stmt, "saving the sign-in record", error);
}

/**
 * aisle_store_staff_locked_until:
 * @self: an #AisleStore
 * @staff_id: the staff member
 * @now: the current time, Unix seconds
 * @error: return location for a #GError
 *
 * Returns: until when @staff_id is locked out on this device (Unix seconds), 0 if not locked,
 *   or -1 with @error set
 */
gint64
aisle_store_staff_locked_until (AisleStore  *self,
                                const char  *staff_id,
                                gint64       now,
                                GError     **error)
{
  guint failures;
  gint64 locked_until;

  g_return_val_if_fail (AISLE_IS_STORE (self), -1);
  g_return_val_if_fail (staff_id != NULL, -1);

  if (!read_lock (self, staff_id, &failures, &locked_until, error))
    return -1;
  return locked_until > now ? locked_until : 0;
}

/**
 * aisle_store_staff_sign_in:
 * @self: an #AisleStore
 * @staff_id: the staff member signing in
 * @pin: the PIN typed
 * @now: the current time, Unix seconds
 * @error: return location for a #GError
 *
 * Checks @pin against the staff member's synced hash and keeps the lock-out count: a wrong
 * PIN counts one failure, the fifth in a row locks the staff member on this device for
 * %AISLE_SIGN_IN_LOCK_SECONDS; while locked nothing is checked or counted; a right PIN
 * resets the count. Unknown, inactive and PIN-less staff are answered without counting.
 *
 * Returns: (transfer full): the outcome, or %NULL with @error set if the cache failed
 */
AisleSignIn *
aisle_store_staff_sign_in (AisleStore  *self,
                           const char  *staff_id,
                           const char  *pin,
                           gint64       now,
                           GError     **error)
{
  g_autoptr(AisleSignIn) result = g_new0 (AisleSignIn, 1);
  g_autoptr(GError) local_error = NULL;
  guint failures;
  gint64 locked_until;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (staff_id != NULL, NULL);

  result->staff = aisle_store_get_staff (self, staff_id, &local_error);
  if (result->staff == NULL)
    {
      if (!g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      result->status = AISLE_SIGN_IN_UNKNOWN;
      return g_steal_pointer (&result);
    }
  if (!result->staff->active)
    {
      result->status = AISLE_SIGN_IN_INACTIVE;
      return g_steal_pointer (&result);
    }
  if (result->staff->pin_hash == NULL || *result->staff->pin_hash == '\0')
    {
      result->status = AISLE_SIGN_IN_NO_PIN;
      return g_steal_pointer (&result);
    }

  if (!read_lock (self, staff_id, &failures, &locked_until, error))
    return NULL;
  if (locked_until > now)
    {
      result->status = AISLE_SIGN_IN_LOCKED;
      result->failures = failures;
      result->locked_until = locked_until;
      return g_steal_pointer (&result);
    }
  /* A lock that has run out starts a fresh count. */
  if (locked_until != 0)
    failures = 0;

  if (aisle_staff_pin_verify (result->staff->pin_hash, pin))
    {
      result->status = AISLE_SIGN_IN_OK;
      if (!write_lock (self, staff_id, 0, 0, now, error))
        return NULL;
      result->remaining = AISLE_SIGN_IN_MAX_FAILURES;
      return g_steal_pointer (&result);
    }

  failures++;
  locked_until = 0;
  if (failures >= AISLE_SIGN_IN_MAX_FAILURES)
    locked_until = now + AISLE_SIGN_IN_LOCK_SECONDS;
  if (!write_lock (self, staff_id, failures, locked_until, now, error))
    return NULL;
  result->status = locked_until != 0 ? AISLE_SIGN_IN_LOCKED : AISLE_SIGN_IN_WRONG_PIN;
  result->failures = failures;
  result->remaining = AISLE_SIGN_IN_MAX_FAILURES - MIN (failures, AISLE_SIGN_IN_MAX_FAILURES);
  result->locked_until = locked_until;
  return g_steal_pointer (&result);
}

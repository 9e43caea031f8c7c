/* aisle-device-keys.c: the device's key ring from its sync_state.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pairing stores the hub's public key and the device's own Ed25519 key pair in sync_state
 * (aisle-sync-client.c). Member cards the hub issues verify against the hub's key; links and
 * cards this device signs verify against its own. Every other device's key arrives by pull
 * (entity "device_key", the cache's device_keys table), so a card a kiosk signed offline
 * verifies on any tablet, and a revoked device's tokens are refused as revoked.
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include <string.h>

#include "aisle-device-keys.h"
#include "aisle-store-sqlite.h"
#include "aisle-sync.h"

void
aisle_device_keys_free (AisleDeviceKeys *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->key_ring, aisle_key_ring_unref);
  g_free (self->device_id);
  g_free (self->store_id);
  g_free (self->hub_url);
  memset (self->secret_key, 0, sizeof self->secret_key);
  g_free (self);
}

static gboolean
decode_key (const char *base64,
            guint8     *out,
            gsize       expected)
{
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  if (base64 == NULL || *base64 == '\0')
    return FALSE;
  raw = g_base64_decode (base64, &len);
  if (len != expected)
    {
      if (raw != NULL)
        memset (raw, 0, len);
      return FALSE;
    }
  memcpy (out, raw, expected);
  memset (raw, 0, len);
  return TRUE;
}

static char *
get_state (AisleStore  *store,
           const char  *key,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value = aisle_store_get_sync_state (store, key, &local_error);

  if (value == NULL && local_error != NULL &&
      !g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return value;
}

/**
 * aisle_store_add_synced_device_keys:
 * @store: the device cache
 * @ring: the key ring to add to
 * @own_device_id: (nullable): this device's id, whose key the caller added from sync_state
 * @error: return location for a #GError
 *
 * Adds the other devices' public keys that the pull brought (labelled with their device ids),
 * revoked ones as revoked. A key that does not decode is skipped.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_add_synced_device_keys (AisleStore    *store,
                                    AisleKeyRing  *ring,
                                    const char    *own_device_id,
                                    GError       **error)
{
  g_auto(AisleStmt) stmt = NULL;
  guint8 pk[AISLE_CODES_PUBLIC_KEY_BYTES];
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (ring != NULL, FALSE);

  stmt = aisle_store_prepare_cached (store, "SELECT device_id, public_key, revoked FROM device_keys "
                                            "ORDER BY device_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (id, own_device_id) == 0 ||
          !decode_key ((const char *) sqlite3_column_text (stmt, 1), pk, sizeof pk))
        continue;
      aisle_key_ring_add (ring, pk, id, sqlite3_column_int (stmt, 2) != 0);
    }
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (store, rc, "reading the device keys", error);
      return FALSE;
    }
  return TRUE;
}

/**
 * aisle_store_load_device_keys:
 * @store: the device cache
 * @error: return location for a #GError
 *
 * Reads the keys pairing stored. An unpaired device gets an empty ring (every signed token is
 * then "unknown key") and no secret key.
 *
 * Returns: (transfer full): the keys, or %NULL with @error set if the cache failed
 */
AisleDeviceKeys *
aisle_store_load_device_keys (AisleStore  *store,
                              GError     **error)
{
  g_autoptr(AisleDeviceKeys) keys = g_new0 (AisleDeviceKeys, 1);
  g_autofree char *hub_key = NULL;
  g_autofree char *device_key = NULL;
  g_autofree char *secret = NULL;
  GError *local_error = NULL;
  guint8 pk[AISLE_CODES_PUBLIC_KEY_BYTES];

  g_return_val_if_fail (AISLE_IS_STORE (store), NULL);

  keys->key_ring = aisle_key_ring_new ();
  hub_key = get_state (store, AISLE_SYNC_KEY_HUB_PUBLIC_KEY, &local_error);
  if (local_error == NULL)
    device_key = get_state (store, AISLE_SYNC_KEY_DEVICE_PUBLIC_KEY, &local_error);
  if (local_error == NULL)
    secret = get_state (store, AISLE_SYNC_KEY_DEVICE_SECRET_KEY, &local_error);
  if (local_error == NULL)
    keys->device_id = get_state (store, AISLE_SYNC_KEY_DEVICE_ID, &local_error);
  if (local_error == NULL)
    keys->store_id = get_state (store, AISLE_SYNC_KEY_STORE_ID, &local_error);
  if (local_error == NULL)
    keys->hub_url = get_state (store, AISLE_SYNC_KEY_HUB_URL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      if (secret != NULL)
        memset (secret, 0, strlen (secret));
      return NULL;
    }

  if (decode_key (hub_key, pk, sizeof pk))
    aisle_key_ring_add (keys->key_ring, pk, "hub", FALSE);
  if (decode_key (device_key, pk, sizeof pk))
    aisle_key_ring_add (keys->key_ring, pk, keys->device_id != NULL ? keys->device_id : "device",
                        FALSE);
  keys->has_secret_key = decode_key (secret, keys->secret_key, sizeof keys->secret_key);
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  if (!aisle_store_add_synced_device_keys (store, keys->key_ring, keys->device_id, error))
    return NULL;
  return g_steal_pointer (&keys);
}

/* aisle-device-keys.h: the signing keys a paired device knows, read from its cache: the key
 * ring that verifies member cards and links, and the device's own key that signs them.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-codes.h"
#include "aisle-store.h"

G_BEGIN_DECLS

typedef struct
{
  AisleKeyRing *key_ring;       /* the hub's key ("hub"), this device's and the other devices' (their ids) */
  char         *device_id;
  char         *store_id;
  char         *hub_url;
  gboolean      has_secret_key;
  guint8        secret_key[AISLE_CODES_SECRET_KEY_BYTES];   /* this device's, to sign links */
} AisleDeviceKeys;

void             aisle_device_keys_free       (AisleDeviceKeys *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleDeviceKeys, aisle_device_keys_free)

AisleDeviceKeys *aisle_store_load_device_keys (AisleStore      *store,
                                               GError         **error);
gboolean         aisle_store_add_synced_device_keys (AisleStore    *store,
                                                     AisleKeyRing  *ring,
                                                     const char    *own_device_id,
                                                     GError       **error);

G_END_DECLS

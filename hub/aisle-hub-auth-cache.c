/* aisle-hub-auth-cache.c: devices the DB worker authenticated, for the main thread's fast path.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An empty pull is the request devices make most, and its answer needs no database: the device
 * (from its token), its last_mutation_id and the change log's highest sequence. This cache
 * keeps the first two on the main thread; the storage's watch gives the third. Entries carry
 * the revocation counter (003-upkeep.sql) read before the worker authenticated the device: a
 * revocation since (aisle-hub admin, another process) moves it and so drops the entry, and the
 * server clears the whole cache when it sees it move. Main thread only.
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <string.h>

#include "aisle-hub-server-private.h"

/* Beyond this many devices the cache starts over rather than tracking use. */
#define MAX_ENTRIES 20000

typedef struct
{
  AisleHubDevice *device;
  gint64          epoch;
  gint64          seen;         /* Unix seconds of the last fast-path call, 0: none pending */
} Entry;

struct _AisleHubAuthCache
{
  GHashTable *entries;          /* token -> Entry; tokens are wiped when dropped */
};

static void
wipe_token (gpointer data)
{
  char *token = data;

  memset (token, 0, strlen (token));
  g_free (token);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  aisle_hub_device_free (entry->device);
  g_free (entry);
}

AisleHubAuthCache *
aisle_hub_auth_cache_new (void)
{
  AisleHubAuthCache *self = g_new0 (AisleHubAuthCache, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, wipe_token, entry_free);
  return self;
}

void
aisle_hub_auth_cache_free (AisleHubAuthCache *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

static AisleHubDevice *
device_copy (const AisleHubDevice *device)
{
  AisleHubDevice *copy = g_new0 (AisleHubDevice, 1);

  *copy = *device;
  copy->id = g_strdup (device->id);
  copy->name = g_strdup (device->name);
  copy->store_id = g_strdup (device->store_id);
  copy->mode = g_strdup (device->mode);
  copy->public_key = g_strdup (device->public_key);
  return copy;
}

/* The device @token names if it was authenticated in @epoch; records that it called at @now. */
const AisleHubDevice *
aisle_hub_auth_cache_lookup (AisleHubAuthCache *self,
                             const char        *token,
                             gint64             epoch,
                             gint64             now)
{
  Entry *entry = g_hash_table_lookup (self->entries, token);

  if (entry == NULL || entry->epoch != epoch)
    return NULL;
  entry->seen = now;
  return entry->device;
}

void
aisle_hub_auth_cache_store (AisleHubAuthCache    *self,
                            const char           *token,
                            const AisleHubDevice *device,
                            gint64                epoch)
{
  Entry *entry;

  if (g_hash_table_size (self->entries) >= MAX_ENTRIES)
    g_hash_table_remove_all (self->entries);
  entry = g_new0 (Entry, 1);
  entry->device = device_copy (device);
  entry->epoch = epoch;
  g_hash_table_replace (self->entries, g_strdup (token), entry);
}

void
aisle_hub_auth_cache_clear (AisleHubAuthCache *self)
{
  g_hash_table_remove_all (self->entries);
}

void
aisle_hub_auth_cache_forget (AisleHubAuthCache *self,
                             const char        *token)
{
  g_hash_table_remove (self->entries, token);
}

/* Device id -> Unix seconds for every fast-path call since the last take; NULL if none. */
GHashTable *
aisle_hub_auth_cache_take_seen (AisleHubAuthCache *self)
{
  GHashTable *seen = NULL;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;
      gint64 *time;

      if (entry->seen == 0)
        continue;
      if (seen == NULL)
        seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      time = g_new (gint64, 1);
      *time = entry->seen;
      g_hash_table_replace (seen, g_strdup (entry->device->id), time);
      entry->seen = 0;
    }
  return seen;
}

/* aisle-store-kiosk.c: the kiosk's questions to its cache.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built only from the store's and sync's typed API: no SQL of its own, so the cache schema has
 * one owner. Runs on the store's thread.
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "aisle-device-keys.h"
#include "aisle-protocol.h"
#include "aisle-store-kiosk.h"
#include "aisle-sync.h"

void
aisle_kiosk_identity_free (AisleKioskIdentity *self)
{
  if (self == NULL)
    return;
  sodium_memzero (self->secret_key, sizeof self->secret_key);
  g_free (self->hub_url);
  g_free (self->store_id);
  g_free (self->store_name);
  g_free (self->device_id);
  g_clear_pointer (&self->key_ring, aisle_key_ring_unref);
  g_free (self);
}

/**
 * aisle_store_kiosk_load_identity:
 * @store: the device cache
 * @error: return location for a #GError
 *
 * Reads the pairing (hub, store, device) and the keys from sync_state. An unpaired device gets
 * an identity without keys; only a failing read is an error.
 *
 * Returns: (transfer full): the identity, or %NULL with @error set
 */
AisleKioskIdentity *
aisle_store_kiosk_load_identity (AisleStore  *store,
                                 GError     **error)
{
  g_autoptr(AisleKioskIdentity) self = g_new0 (AisleKioskIdentity, 1);
  g_autoptr(AisleDeviceKeys) keys = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (store), NULL);

  /* The same keys every device reads (the hub's, its own, the other devices'). */
  keys = aisle_store_load_device_keys (store, error);
  if (keys == NULL)
    return NULL;
  self->hub_url = g_steal_pointer (&keys->hub_url);
  self->store_id = g_steal_pointer (&keys->store_id);
  self->device_id = g_steal_pointer (&keys->device_id);
  self->key_ring = g_steal_pointer (&keys->key_ring);
  self->has_secret_key = keys->has_secret_key;
  memcpy (self->secret_key, keys->secret_key, sizeof self->secret_key);

  if (self->store_id != NULL)
    {
      g_autoptr(AisleBranch) branch = aisle_store_get_branch (store, self->store_id, NULL);

      if (branch != NULL)
        self->store_name = g_strdup (branch->name);
    }
  return g_steal_pointer (&self);
}

/**
 * aisle_store_kiosk_phone_known:
 * @store: the device cache
 * @phone: a mobile number (normalised or as typed)
 * @out_known: (out): whether a member has it
 * @error: return location for a #GError
 *
 * Answers yes or no and nothing else: the kiosk never learns who has the number.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_kiosk_phone_known (AisleStore  *store,
                               const char  *phone,
                               gboolean    *out_known,
                               GError     **error)
{
  g_autoptr(AisleMember) member = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (phone != NULL && out_known != NULL, FALSE);

  member = aisle_store_get_member_by_phone (store, phone, &local_error);
  if (member == NULL && !g_error_matches (local_error, AISLE_STORE_ERROR,
                                          AISLE_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out_known = member != NULL;
  return TRUE;
}

/* Whether the hub refused a registration of @number from this device. */
static gboolean
refused_here (GPtrArray  *attention,
              const char *number)
{
  for (guint i = 0; i < attention->len; i++)
    {
      const AisleSyncAttention *a = g_ptr_array_index (attention, i);
      g_autoptr(JsonNode) args = NULL;

      if (g_strcmp0 (a->name, "invoice.register") != 0 || a->args_json == NULL)
        continue;
      args = aisle_protocol_parse (a->args_json, -1, NULL);
      if (args != NULL && JSON_NODE_HOLDS_OBJECT (args) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (args),
                                                                  "number", NULL),
                     number) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * aisle_store_kiosk_invoice_registered:
 * @store: the device cache
 * @number: the e-invoice number
 * @out_registered: (out): whether it is registered
 * @error: return location for a #GError
 *
 * A registration is applied to the cache at once and stays there when the hub refuses it (the
 * refusal lands in the needs-attention list), so an invoice in the cache is registered only if
 * no refusal of it is on record: scanned again, a refused invoice gets the hub's reason again
 * rather than "already registered".
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_kiosk_invoice_registered (AisleStore  *store,
                                      const char  *number,
                                      gboolean    *out_registered,
                                      GError     **error)
{
  g_autoptr(AisleInvoice) invoice = NULL;
  g_autoptr(GPtrArray) attention = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (store), FALSE);
  g_return_val_if_fail (number != NULL && out_registered != NULL, FALSE);

  *out_registered = FALSE;
  invoice = aisle_store_get_invoice (store, number, &local_error);
  if (invoice == NULL)
    {
      if (g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  attention = aisle_sync_cache_list_attention (store, error);
  if (attention == NULL)
    return FALSE;
  *out_registered = !refused_here (attention, number);
  return TRUE;
}

static void
kiosk_stock_free (AisleKioskStock *self)
{
  if (self == NULL)
    return;
  g_free (self->location_id);
  g_free (self->name);
  g_free (self);
}

void
aisle_kiosk_product_free (AisleKioskProduct *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->product, aisle_product_free);
  g_clear_pointer (&self->here, kiosk_stock_free);
  g_clear_pointer (&self->online, kiosk_stock_free);
  g_clear_pointer (&self->nearby, g_ptr_array_unref);
  g_free (self);
}

static int
compare_available (gconstpointer a,
                   gconstpointer b)
{
  const AisleKioskStock *sa = *(AisleKioskStock * const *) a;
  const AisleKioskStock *sb = *(AisleKioskStock * const *) b;

  if (sa->available != sb->available)
    return sa->available > sb->available ? -1 : 1;
  return g_strcmp0 (sa->name, sb->name);
}

/**
 * aisle_store_kiosk_check_product:
 * @store: the device cache
 * @barcode: the barcode as scanned
 * @store_id: (nullable): this device's store
 * @error: return location for a #GError
 *
 * The product with @barcode and its available stock here, in the other stores the cache holds
 * stock for (the nearby ones) and online.
 *
 * Returns: (transfer full): the product and its stock, or %NULL with @error set (NOT_FOUND if
 *   no product has @barcode)
 */
AisleKioskProduct *
aisle_store_kiosk_check_product (AisleStore  *store,
                                 const char  *barcode,
                                 const char  *store_id,
                                 GError     **error)
{
  g_autoptr(AisleKioskProduct) self = g_new0 (AisleKioskProduct, 1);
  g_autoptr(GPtrArray) stock = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (store), NULL);
  g_return_val_if_fail (barcode != NULL, NULL);

  self->product = aisle_store_get_product_by_barcode (store, barcode, error);
  if (self->product == NULL)
    return NULL;
  stock = aisle_store_list_stock (store, self->product->id, error);
  if (stock == NULL)
    return NULL;

  self->nearby = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_stock_free);
  for (guint i = 0; i < stock->len; i++)
    {
      const AisleStock *s = g_ptr_array_index (stock, i);
      AisleKioskStock *entry = g_new0 (AisleKioskStock, 1);

      entry->location_id = g_strdup (s->location_id);
      entry->available = MAX (0, s->on_hand - s->reserved);
      if (g_strcmp0 (s->location_id, AISLE_LOCATION_ONLINE) == 0)
        {
          g_clear_pointer (&self->online, kiosk_stock_free);
          self->online = entry;
          continue;
        }
      {
        g_autoptr(AisleBranch) branch = aisle_store_get_branch (store, s->location_id, NULL);

        entry->name = g_strdup (branch != NULL ? branch->name : s->location_id);
      }
      if (g_strcmp0 (s->location_id, store_id) == 0)
        {
          g_clear_pointer (&self->here, kiosk_stock_free);
          self->here = entry;
        }
      else
        g_ptr_array_add (self->nearby, entry);
    }
  g_ptr_array_sort (self->nearby, compare_available);
  return g_steal_pointer (&self);
}

void
aisle_kiosk_outcome_free (AisleKioskOutcome *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->message);
  g_clear_pointer (&self->member, aisle_member_free);
  g_clear_pointer (&self->invoice, aisle_invoice_free);
  g_free (self);
}

/**
 * aisle_store_kiosk_get_outcome:
 * @store: the device cache
 * @mutation_id: the id aisle_sync_cache_mutate() returned
 * @member_id: (nullable): a member to read back (member.enrol)
 * @invoice_number: (nullable): an invoice to read back (invoice.register)
 * @error: return location for a #GError
 *
 * Pending while the mutation is in the outbox; then rejected (with the hub's reason, from the
 * needs-attention list) or applied. The member or invoice is read as the cache holds it now:
 * after the hub applied an enrolment the member has its number, after it applied an invoice the
 * invoice has its points.
 *
 * Returns: (transfer full): the outcome, or %NULL with @error set
 */
AisleKioskOutcome *
aisle_store_kiosk_get_outcome (AisleStore  *store,
                               gint64       mutation_id,
                               const char  *member_id,
                               const char  *invoice_number,
                               GError     **error)
{
  g_autoptr(AisleKioskOutcome) self = g_new0 (AisleKioskOutcome, 1);
  g_autoptr(GPtrArray) queued = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (store), NULL);
  g_return_val_if_fail (mutation_id > 0, NULL);

  queued = aisle_store_outbox_list (store, mutation_id - 1, 1, error);
  if (queued == NULL)
    return NULL;
  if (queued->len > 0 && ((AisleMutation *) g_ptr_array_index (queued, 0))->id == mutation_id)
    self->state = AISLE_KIOSK_OUTCOME_PENDING;
  else
    {
      g_autoptr(GPtrArray) attention = aisle_sync_cache_list_attention (store, error);

      if (attention == NULL)
        return NULL;
      self->state = AISLE_KIOSK_OUTCOME_APPLIED;
      for (guint i = 0; i < attention->len; i++)
        {
          const AisleSyncAttention *a = g_ptr_array_index (attention, i);

          if (a->mutation_id != mutation_id)
            continue;
          self->state = AISLE_KIOSK_OUTCOME_REJECTED;
          self->code = g_strdup (a->code);
          self->message = g_strdup (a->message);
          break;
        }
    }
  if (member_id != NULL)
    self->member = aisle_store_get_member (store, member_id, NULL);
  if (invoice_number != NULL)
    self->invoice = aisle_store_get_invoice (store, invoice_number, NULL);
  return g_steal_pointer (&self);
}

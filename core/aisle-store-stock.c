/* aisle-store-stock.c: a product's stock across places, for the tablet.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cache holds the stock of its own store, of the nearby stores the hub chose for it and
 * of the online warehouse (docs/api.md, pull scope). Distances come from the stores' cached
 * coordinates; a store the cache has no record of is listed after the known ones.
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include "aisle-store-private.h"
#include "aisle-store-stock.h"

void
aisle_stock_level_free (AisleStockLevel *self)
{
  if (self == NULL)
    return;
  g_free (self->location_id);
  g_free (self->name);
  g_free (self->address);
  g_free (self);
}

void
aisle_stock_lookup_free (AisleStockLookup *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->product, aisle_product_free);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_free (self);
}

static int
compare_levels (gconstpointer a,
                gconstpointer b)
{
  const AisleStockLevel *x = *(AisleStockLevel * const *) a;
  const AisleStockLevel *y = *(AisleStockLevel * const *) b;

  if (x->place != y->place)
    return x->place < y->place ? -1 : 1;
  /* Unknown distances (-1) after the known ones. */
  if ((x->distance_km < 0) != (y->distance_km < 0))
    return x->distance_km < 0 ? 1 : -1;
  if (x->distance_km != y->distance_km)
    return x->distance_km < y->distance_km ? -1 : 1;
  return g_strcmp0 (x->location_id, y->location_id);
}

/**
 * aisle_store_lookup_stock:
 * @self: an #AisleStore
 * @product_id: the product
 * @here_branch_id: (nullable): this device's store; %NULL when not paired
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the product and its stock by place (here first, then the nearby
 *   stores by distance, then online), or %NULL with @error set (%AISLE_STORE_ERROR_NOT_FOUND
 *   for an unknown product)
 */
AisleStockLookup *
aisle_store_lookup_stock (AisleStore  *self,
                          const char  *product_id,
                          const char  *here_branch_id,
                          GError     **error)
{
  g_autoptr(AisleStockLookup) lookup = g_new0 (AisleStockLookup, 1);
  g_autoptr(AisleBranch) here = NULL;
  g_autoptr(GPtrArray) stock = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (product_id != NULL, NULL);

  lookup->product = aisle_store_get_product (self, product_id, error);
  if (lookup->product == NULL)
    return NULL;
  stock = aisle_store_list_stock (self, product_id, error);
  if (stock == NULL)
    return NULL;
  if (here_branch_id != NULL)
    here = aisle_store_get_branch (self, here_branch_id, NULL);

  lookup->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_stock_level_free);
  for (guint i = 0; i < stock->len; i++)
    {
      const AisleStock *s = g_ptr_array_index (stock, i);
      AisleStockLevel *level = g_new0 (AisleStockLevel, 1);

      level->location_id = g_strdup (s->location_id);
      level->on_hand = s->on_hand;
      level->reserved = s->reserved;
      level->available = MAX (0, s->on_hand - s->reserved);
      level->updated_at = s->updated_at;
      level->distance_km = -1;
      if (g_strcmp0 (s->location_id, AISLE_LOCATION_ONLINE) == 0)
        level->place = AISLE_STOCK_PLACE_ONLINE;
      else
        {
          g_autoptr(AisleBranch) branch = aisle_store_get_branch (self, s->location_id, NULL);

          level->place = g_strcmp0 (s->location_id, here_branch_id) == 0 ? AISLE_STOCK_PLACE_HERE
                                                                          : AISLE_STOCK_PLACE_NEARBY;
          if (branch != NULL)
            {
              level->name = g_strdup (branch->name);
              level->address = g_strdup (branch->address);
              if (here != NULL)
                level->distance_km = aisle_distance_km (here->latitude, here->longitude,
                                                        branch->latitude, branch->longitude);
            }
        }
      g_ptr_array_add (lookup->levels, level);
    }
  g_ptr_array_sort (lookup->levels, compare_levels);
  return g_steal_pointer (&lookup);
}

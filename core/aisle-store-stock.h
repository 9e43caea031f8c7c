/* aisle-store-stock.h: a product's stock as the tablet shows it: here, in nearby stores by
 * distance, and in the online warehouse.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-store.h"

G_BEGIN_DECLS

typedef enum
{
  AISLE_STOCK_PLACE_HERE,
  AISLE_STOCK_PLACE_NEARBY,
  AISLE_STOCK_PLACE_ONLINE,
} AisleStockPlace;

typedef struct
{
  AisleStockPlace  place;
  char            *location_id;   /* a store id or AISLE_LOCATION_ONLINE */
  char            *name;          /* the store's name; NULL online or when not cached */
  char            *address;
  double           distance_km;   /* from this store; -1 when unknown or online */
  gint64           on_hand;
  gint64           reserved;
  gint64           available;     /* on_hand - reserved, never below 0 */
  gint64           updated_at;
} AisleStockLevel;

typedef struct
{
  AisleProduct  *product;
  GPtrArray     *levels;          /* AisleStockLevel: here, nearby by distance, online */
} AisleStockLookup;

void              aisle_stock_level_free    (AisleStockLevel  *self);
void              aisle_stock_lookup_free   (AisleStockLookup *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleStockLookup, aisle_stock_lookup_free)

AisleStockLookup *aisle_store_lookup_stock  (AisleStore   *self,
                                             const char   *product_id,
                                             const char   *here_branch_id,
                                             GError      **error);

G_END_DECLS

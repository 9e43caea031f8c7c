/* aisle-stock-page.h: stock of a product here, nearby and online, with reservations and
 * delivery orders for the customer whose profile is open.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-session.h"
#include "aisle-sync.h"
#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_TYPE_STOCK_PAGE (aisle_stock_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleStockPage, aisle_stock_page, AISLE, STOCK_PAGE, GtkWidget)

GtkWidget  *aisle_stock_page_new             (void);
void        aisle_stock_page_set_worker      (AisleStockPage    *self,
                                              AisleWorker       *worker);
void        aisle_stock_page_set_session     (AisleStockPage    *self,
                                              AisleSession      *session);
void        aisle_stock_page_set_sync_client (AisleStockPage    *self,
                                              AisleSyncClient   *client);
void        aisle_stock_page_set_branch_id   (AisleStockPage    *self,
                                              const char        *branch_id);
void        aisle_stock_page_set_customer    (AisleStockPage    *self,
                                              const AisleMember *member);
void        aisle_stock_page_search          (AisleStockPage    *self,
                                              const char        *text);
void        aisle_stock_page_show_product    (AisleStockPage    *self,
                                              const char        *product_id);
void        aisle_stock_page_show_barcode    (AisleStockPage    *self,
                                              const char        *barcode);
const char *aisle_stock_page_get_product_id  (AisleStockPage    *self);
const char *aisle_stock_page_get_message     (AisleStockPage    *self);
gboolean    aisle_stock_page_get_busy        (AisleStockPage    *self);
void        aisle_stock_page_clear           (AisleStockPage    *self);

G_END_DECLS

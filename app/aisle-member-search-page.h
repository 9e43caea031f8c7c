/* aisle-member-search-page.h: find a member in the cache as you type (staff tablet).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-sync.h"
#include "aisle-worker.h"

G_BEGIN_DECLS

#define AISLE_TYPE_MEMBER_SEARCH_PAGE (aisle_member_search_page_get_type ())

G_DECLARE_FINAL_TYPE (AisleMemberSearchPage, aisle_member_search_page, AISLE, MEMBER_SEARCH_PAGE, GtkWidget)

GtkWidget   *aisle_member_search_page_new        (void);
AisleWorker *aisle_member_search_page_get_worker (AisleMemberSearchPage *self);
void         aisle_member_search_page_set_worker (AisleMemberSearchPage *self,
                                                  AisleWorker           *worker);
gboolean     aisle_member_search_page_get_busy   (AisleMemberSearchPage *self);
void         aisle_member_search_page_search     (AisleMemberSearchPage *self,
                                                  const char            *text);
void         aisle_member_search_page_reset      (AisleMemberSearchPage *self);
/* Tablets: a search that finds nothing in the cache asks the hub (online lookup). */
void         aisle_member_search_page_set_sync_client (AisleMemberSearchPage *self,
                                                       AisleSyncClient       *client);

G_END_DECLS

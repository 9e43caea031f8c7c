/* aisle-store-reports.h: the cache of the last store report per store (data/sql/007-reports.sql).
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *store_id;
  gint64  from;
  gint64  to;
  char   *json;       /* the hub's answer, as it came */
  gint64  as_of;      /* Unix seconds when it was fetched */
} AisleCachedReport;

void               aisle_cached_report_free (AisleCachedReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AisleCachedReport, aisle_cached_report_free)

gboolean           aisle_store_save_report  (AisleStore               *self,
                                             const AisleCachedReport  *report,
                                             GError                  **error);
/* The last report saved for @store_id, or %NULL with AISLE_STORE_ERROR_NOT_FOUND. */
AisleCachedReport *aisle_store_load_report  (AisleStore               *self,
                                             const char               *store_id,
                                             GError                  **error);

G_END_DECLS

/* aisle-types.h: forward declarations shared by core/, app/ and hub/.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The device cache (SQLite). Not to be confused with a retail store, which is an AisleBranch. */
typedef struct _AisleStore  AisleStore;
/* The single thread that owns a cache connection and runs queued jobs in priority order. */
typedef struct _AisleWorker AisleWorker;

/* Plain records (boxed types, see aisle-model.h). */
typedef struct _AisleBranch      AisleBranch;
typedef struct _AisleStaff       AisleStaff;
typedef struct _AisleMember      AisleMember;
typedef struct _AisleConsent     AisleConsent;
typedef struct _AisleBinding     AisleBinding;
typedef struct _AisleProduct     AisleProduct;
typedef struct _AisleStock       AisleStock;
typedef struct _AisleOrder       AisleOrder;
typedef struct _AisleOrderItem   AisleOrderItem;
typedef struct _AislePointsEntry AislePointsEntry;
typedef struct _AisleCoupon      AisleCoupon;
typedef struct _AisleInvoice     AisleInvoice;
typedef struct _AisleReservation AisleReservation;
typedef struct _AisleNote        AisleNote;
typedef struct _AisleMutation    AisleMutation;

G_END_DECLS

/* aisle-profile-rows.h: the rows of the tablet's profile page (orders, reservations, coupons,
 * notes) and the words and formats they use. Private to the tablet pages.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-store-profile.h"

G_BEGIN_DECLS

char       *aisle_format_money            (gint64                  minor);
char       *aisle_format_date             (gint64                  unix_time);
char       *aisle_format_date_time        (gint64                  unix_time);
const char *aisle_channel_get_label       (AisleChannel            channel);
const char *aisle_order_status_get_label  (AisleOrderStatus        status);
const char *aisle_fulfilment_get_label    (AisleFulfilment         fulfilment);
char       *aisle_credit_reason_describe  (const char             *reason);

GtkWidget  *aisle_profile_order_row_new       (const AisleProfile     *profile,
                                               const AisleOrder       *order);
GtkWidget  *aisle_profile_reservation_row_new (const AisleProfile     *profile,
                                               const AisleReservation *reservation,
                                               const char             *here_branch_id);
GtkWidget  *aisle_profile_coupon_row_new      (const AisleCoupon      *coupon,
                                               gint64                  now);
GtkWidget  *aisle_profile_note_row_new        (const AisleProfile     *profile,
                                               const AisleNote        *note);

G_END_DECLS

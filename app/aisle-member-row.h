/* aisle-member-row.h: one member in a list of search results.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "aisle-model.h"

G_BEGIN_DECLS

#define AISLE_TYPE_MEMBER_ROW (aisle_member_row_get_type ())

G_DECLARE_FINAL_TYPE (AisleMemberRow, aisle_member_row, AISLE, MEMBER_ROW, GtkListBoxRow)

GtkWidget         *aisle_member_row_new        (const AisleMember *member);
const AisleMember *aisle_member_row_get_member (AisleMemberRow    *self);
void               aisle_member_row_set_member (AisleMemberRow    *self,
                                                const AisleMember *member);
const char        *aisle_tier_get_label        (const char        *tier);

G_END_DECLS

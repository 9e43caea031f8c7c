/* aisle-mode.h: what a device running `aisle` is for, a staff tablet or a shopper kiosk.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  AISLE_MODE_TABLET,
  AISLE_MODE_KIOSK,
} AisleMode;

#define AISLE_TYPE_MODE (aisle_mode_get_type ())

GType        aisle_mode_get_type     (void) G_GNUC_CONST;
const char  *aisle_mode_to_string    (AisleMode   mode);
gboolean     aisle_mode_from_string  (const char *name,
                                      AisleMode  *out);

G_END_DECLS

/* aisle-error.h: the error codes every part of Aisle shares on the wire and in the UI.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define AISLE_ERROR (aisle_error_quark ())

/**
 * AisleErrorCode:
 * @AISLE_ERROR_FAILED: anything not covered below
 * @AISLE_ERROR_INVALID: the input is malformed or of the wrong type
 * @AISLE_ERROR_NOT_FOUND: the thing named does not exist
 * @AISLE_ERROR_CONFLICT: the write conflicts with the current state (taken, used, locked)
 * @AISLE_ERROR_FORBIDDEN: the caller may not do this
 * @AISLE_ERROR_UNAUTHORIZED: no or bad credentials
 * @AISLE_ERROR_TOO_LARGE: the input exceeds a limit
 * @AISLE_ERROR_UNAVAILABLE: a dependency (network, disk, hub) is not available now
 *
 * Codes shared by core, hub and app. Each has a stable wire name (aisle_error_code_to_string()).
 */
typedef enum
{
  AISLE_ERROR_FAILED,
  AISLE_ERROR_INVALID,
  AISLE_ERROR_NOT_FOUND,
  AISLE_ERROR_CONFLICT,
  AISLE_ERROR_FORBIDDEN,
  AISLE_ERROR_UNAUTHORIZED,
  AISLE_ERROR_TOO_LARGE,
  AISLE_ERROR_UNAVAILABLE,
} AisleErrorCode;

GQuark          aisle_error_quark             (void);
const char     *aisle_error_code_to_string    (AisleErrorCode  code);
AisleErrorCode  aisle_error_code_from_string  (const char     *name);

G_END_DECLS

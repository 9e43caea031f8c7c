/* aisle-error.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-error"

#include "config.h"

#include <string.h>

#include "aisle-error.h"

G_DEFINE_QUARK (aisle-error-quark, aisle_error)

static const char * const code_names[] = {
  [AISLE_ERROR_FAILED] = "failed",
  [AISLE_ERROR_INVALID] = "invalid",
  [AISLE_ERROR_NOT_FOUND] = "not_found",
  [AISLE_ERROR_CONFLICT] = "conflict",
  [AISLE_ERROR_FORBIDDEN] = "forbidden",
  [AISLE_ERROR_UNAUTHORIZED] = "unauthorized",
  [AISLE_ERROR_TOO_LARGE] = "too_large",
  [AISLE_ERROR_UNAVAILABLE] = "unavailable",
};

/**
 * aisle_error_code_to_string:
 * @code: an #AisleErrorCode
 *
 * Returns: (transfer none): the stable wire name of @code, "failed" for an unknown value
 */
const char *
aisle_error_code_to_string (AisleErrorCode code)
{
  if ((guint) code >= G_N_ELEMENTS (code_names))
    return code_names[AISLE_ERROR_FAILED];
  return code_names[code];
}

/**
 * aisle_error_code_from_string:
 * @name: (nullable): a wire name
 *
 * Returns: the code named @name, %AISLE_ERROR_FAILED for %NULL or an unknown name
 */
AisleErrorCode
aisle_error_code_from_string (const char *name)
{
  if (name == NULL)
    return AISLE_ERROR_FAILED;
  for (guint i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (strcmp (code_names[i], name) == 0)
      return (AisleErrorCode) i;
  return AISLE_ERROR_FAILED;
}

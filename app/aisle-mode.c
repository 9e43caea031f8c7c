/* aisle-mode.c
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle"

#include "config.h"

#include "aisle-mode.h"

/* The nicks are the values of the GSettings `mode` key and of `--mode`. */
static const GEnumValue mode_values[] = {
  { AISLE_MODE_TABLET, "AISLE_MODE_TABLET", "tablet" },
  { AISLE_MODE_KIOSK, "AISLE_MODE_KIOSK", "kiosk" },
  { 0, NULL, NULL },
};

GType
aisle_mode_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("AisleMode"), mode_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
aisle_mode_to_string (AisleMode mode)
{
  for (guint i = 0; mode_values[i].value_nick != NULL; i++)
    {
      if (mode_values[i].value == (int) mode)
        return mode_values[i].value_nick;
    }

  g_return_val_if_reached ("tablet");
}

gboolean
aisle_mode_from_string (const char *name,
                        AisleMode  *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; mode_values[i].value_nick != NULL; i++)
    {
      if (g_strcmp0 (mode_values[i].value_nick, name) == 0)
        {
          *out = mode_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

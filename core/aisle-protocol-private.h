/* aisle-protocol-private.h: helpers shared by the files of the wire format.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "aisle-protocol.h"

G_BEGIN_DECLS

void        _aisle_protocol_add_string     (JsonBuilder  *builder,
                                            const char   *name,
                                            const char   *value);
void        _aisle_protocol_add_int        (JsonBuilder  *builder,
                                            const char   *name,
                                            gint64        value);
void        _aisle_protocol_add_bool       (JsonBuilder  *builder,
                                            const char   *name,
                                            gboolean      value);
void        _aisle_protocol_add_double     (JsonBuilder  *builder,
                                            const char   *name,
                                            double        value);
JsonObject *_aisle_protocol_require_object (JsonNode     *node,
                                            const char   *what,
                                            GError      **error);

/* A record built as a JSON object, returned as its root node. */
#define BEGIN_RECORD() \
  g_autoptr(JsonBuilder) builder = json_builder_new (); \
  json_builder_begin_object (builder)
#define END_RECORD() \
  json_builder_end_object (builder); \
  return json_builder_get_root (builder)

/* Read a field into dest, or return NULL from the calling function with the error set. */
#define GET_STR(obj, field, req, dest)                                       \
  G_STMT_START {                                                             \
    g_autoptr(GError) e_ = NULL;                                             \
    const char *v_ = aisle_protocol_get_string (obj, field, req, &e_);       \
    if (e_ != NULL)                                                          \
      {                                                                      \
        g_propagate_error (error, g_steal_pointer (&e_));                    \
        return NULL;                                                         \
      }                                                                      \
    dest = g_strdup (v_);                                                    \
  } G_STMT_END
#define GET_INT(obj, field, req, dest)                                       \
  G_STMT_START {                                                             \
    gint64 v_ = 0;                                                           \
    if (!aisle_protocol_get_int (obj, field, req, &v_, error))               \
      return NULL;                                                           \
    dest = v_;                                                               \
  } G_STMT_END

G_END_DECLS

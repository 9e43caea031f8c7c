/* aisle-protocol.c: the sync wire format, shared by the hub and the app's sync client.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-protocol"

#include "config.h"

#include <string.h>

#include "aisle-protocol.h"
#include "aisle-protocol-private.h"

/* --- structs ------------------------------------------------------------------------------- */

AisleMutationResult *
aisle_mutation_result_new (void)
{
  return g_new0 (AisleMutationResult, 1);
}

void
aisle_mutation_result_free (AisleMutationResult *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->status);
  g_free (self->code);
  g_free (self->message);
  g_free (self->detail_json);
  g_free (self);
}

AisleChange *
aisle_change_new (void)
{
  return g_new0 (AisleChange, 1);
}

void
aisle_change_free (AisleChange *self)
{
  if (self == NULL)
    return;
  g_free (self->entity);
  g_free (self->entity_id);
  g_free (self->op);
  g_clear_pointer (&self->data, json_node_unref);
  g_free (self->data_json);
  g_free (self);
}

AislePullResponse *
aisle_pull_response_new (void)
{
  AislePullResponse *self = g_new0 (AislePullResponse, 1);

  self->remaining = -1;
  self->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_change_free);
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_mutation_result_free);
  return self;
}

void
aisle_pull_response_free (AislePullResponse *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->changes);
  g_ptr_array_unref (self->results);
  g_free (self);
}

/* --- helpers ------------------------------------------------------------------------------- */

char *
aisle_protocol_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/**
 * aisle_protocol_parse:
 *
 * Returns: (transfer full): the root node, which is always an object, or %NULL with
 *   %AISLE_ERROR_INVALID
 */
JsonNode *
aisle_protocol_parse (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID, "the body is empty");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "malformed JSON: %s",
                   local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "the body must be a JSON object");
      return NULL;
    }
  return json_node_ref (root);
}

char *
aisle_protocol_error_body (const char *code,
                           const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code != NULL ? code : "failed");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message != NULL ? message : "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return aisle_protocol_to_string (root);
}

gboolean
aisle_protocol_parse_error_body (const char  *data,
                                 gssize       length,
                                 char       **out_code,
                                 char       **out_message)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (data, length, NULL);
  JsonObject *object;

  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "code") ||
      json_node_get_value_type (json_object_get_member (object, "code")) != G_TYPE_STRING)
    return FALSE;
  if (out_code != NULL)
    *out_code = g_strdup (json_object_get_string_member (object, "code"));
  if (out_message != NULL)
    *out_message = g_strdup (json_object_get_string_member_with_default (object, "message", ""));
  return TRUE;
}

/**
 * aisle_protocol_check_fields:
 * @allowed: a %NULL-terminated list of the member names @object may have
 *
 * Unknown fields are an error rather than ignored: a client that misspells a field would
 * otherwise believe the hub honoured it.
 */
gboolean
aisle_protocol_check_fields (JsonObject          *object,
                             const char * const  *allowed,
                             const char          *what,
                             GError             **error)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "unknown field \"%s\" in %s",
                       name, what);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *member,
            gboolean     required,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "missing field \"%s\"", member);
      return NULL;
    }
  return node;
}

/* Returns NULL both when absent (no error unless required) and on a type error (error set). */
const char *
aisle_protocol_get_string (JsonObject  *object,
                           const char  *member,
                           gboolean     required,
                           GError     **error)
{
  JsonNode *node = get_member (object, member, required, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "field \"%s\" must be a string",
                   member);
      return NULL;
    }
  return json_node_get_string (node);
}

gboolean
aisle_protocol_get_int (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        gint64      *out,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_member (object, member, required, &local_error);

  if (node == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "field \"%s\" must be an integer",
                   member);
      return FALSE;
    }
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
aisle_protocol_get_bool (JsonObject  *object,
                         const char  *member,
                         gboolean     required,
                         gboolean    *out,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_member (object, member, required, &local_error);

  if (node == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "field \"%s\" must be a boolean",
                   member);
      return FALSE;
    }
  *out = json_node_get_boolean (node);
  return TRUE;
}

/* --- builders and readers shared with aisle-protocol-records.c ------------------------------ */

void
_aisle_protocol_add_string (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_aisle_protocol_add_int (JsonBuilder *builder,
                         const char  *name,
                         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
_aisle_protocol_add_bool (JsonBuilder *builder,
                          const char  *name,
                          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
_aisle_protocol_add_double (JsonBuilder *builder,
                            const char  *name,
                            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

JsonObject *
_aisle_protocol_require_object (JsonNode    *node,
                                const char  *what,
                                GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "%s must be a JSON object", what);
      return NULL;
    }
  return json_node_get_object (node);
}

/* --- push ---------------------------------------------------------------------------------- */

char *
aisle_protocol_push_request_to_string (GPtrArray *mutations)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mutations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < mutations->len; i++)
    {
      const AisleMutation *m = g_ptr_array_index (mutations, i);
      g_autoptr(JsonNode) args = aisle_protocol_parse (m->args_json, -1, NULL);

      json_builder_begin_object (builder);
      _aisle_protocol_add_int (builder, "id", m->id);
      _aisle_protocol_add_string (builder, "name", m->name);
      json_builder_set_member_name (builder, "args");
      if (args != NULL)
        json_builder_add_value (builder, g_steal_pointer (&args));
      else
        json_builder_add_null_value (builder);
      if (m->staff_id != NULL)
        _aisle_protocol_add_string (builder, "staff_id", m->staff_id);
      _aisle_protocol_add_int (builder, "created_at", m->created_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return aisle_protocol_to_string (root);
}

/**
 * aisle_protocol_push_request_parse:
 *
 * Checks the envelope only: every mutation has an integer id >= 1 (ascending), a string name,
 * an object of args, and no unknown fields. What the args mean is the hub's rules' business,
 * so a mutation with bad args is rejected one by one rather than failing the whole push.
 *
 * Returns: (transfer container) (element-type AisleMutation): the mutations in order
 */
GPtrArray *
aisle_protocol_push_request_parse (const char  *data,
                                   gssize       length,
                                   GError     **error)
{
  static const char * const top_fields[] = { "mutations", "client_id", NULL };
  static const char * const mutation_fields[] = { "id", "name", "args", "staff_id",
                                                  "created_at", NULL };
  g_autoptr(JsonNode) root = aisle_protocol_parse (data, length, error);
  g_autoptr(GPtrArray) mutations = NULL;
  JsonObject *object;
  JsonNode *list;
  JsonArray *array;
  gint64 previous = 0;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  if (!aisle_protocol_check_fields (object, top_fields, "the push", error))
    return NULL;
  list = json_object_get_member (object, "mutations");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                           "field \"mutations\" must be an array");
      return NULL;
    }
  array = json_node_get_array (list);
  if (json_array_get_length (array) > AISLE_PROTOCOL_MAX_PUSH)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_TOO_LARGE,
                   "at most %d mutations per push", AISLE_PROTOCOL_MAX_PUSH);
      return NULL;
    }

  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_mutation_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(AisleMutation) m = aisle_mutation_new ();
      JsonObject *mo = _aisle_protocol_require_object (json_array_get_element (array, i), "a mutation", error);
      JsonNode *args;

      if (mo == NULL || !aisle_protocol_check_fields (mo, mutation_fields, "a mutation", error))
        return NULL;
      GET_INT (mo, "id", TRUE, m->id);
      GET_STR (mo, "name", TRUE, m->name);
      GET_STR (mo, "staff_id", FALSE, m->staff_id);
      GET_INT (mo, "created_at", FALSE, m->created_at);
      if (m->id < 1 || m->id <= previous)
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                       "mutation ids must be ascending integers from 1 (got %" G_GINT64_FORMAT
                       " after %" G_GINT64_FORMAT ")", m->id, previous);
          return NULL;
        }
      previous = m->id;
      args = json_object_get_member (mo, "args");
      if (args == NULL || !JSON_NODE_HOLDS_OBJECT (args))
        {
          g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID,
                       "mutation %" G_GINT64_FORMAT ": field \"args\" must be an object", m->id);
          return NULL;
        }
      m->args_json = aisle_protocol_to_string (args);
      g_ptr_array_add (mutations, g_steal_pointer (&m));
    }
  return g_steal_pointer (&mutations);
}

JsonNode *
aisle_protocol_result_to_json (const AisleMutationResult *r)
{
  BEGIN_RECORD ();
  _aisle_protocol_add_int (builder, "id", r->id);
  _aisle_protocol_add_string (builder, "name", r->name);
  _aisle_protocol_add_string (builder, "status", r->status);
  if (r->code != NULL)
    _aisle_protocol_add_string (builder, "code", r->code);
  if (r->message != NULL)
    _aisle_protocol_add_string (builder, "message", r->message);
  if (r->detail_json != NULL)
    {
      g_autoptr(JsonNode) detail = aisle_protocol_parse (r->detail_json, -1, NULL);

      if (detail != NULL)
        {
          json_builder_set_member_name (builder, "detail");
          json_builder_add_value (builder, g_steal_pointer (&detail));
        }
    }
  if (r->at != 0)
    _aisle_protocol_add_int (builder, "at", r->at);
  END_RECORD ();
}

AisleMutationResult *
aisle_protocol_result_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(AisleMutationResult) r = aisle_mutation_result_new ();
  JsonObject *o = _aisle_protocol_require_object (node, "a mutation result", error);
  JsonNode *detail;

  if (o == NULL)
    return NULL;
  GET_INT (o, "id", TRUE, r->id);
  GET_STR (o, "name", FALSE, r->name);
  GET_STR (o, "status", TRUE, r->status);
  GET_STR (o, "code", FALSE, r->code);
  GET_STR (o, "message", FALSE, r->message);
  GET_INT (o, "at", FALSE, r->at);
  detail = json_object_get_member (o, "detail");
  if (detail != NULL && JSON_NODE_HOLDS_OBJECT (detail))
    r->detail_json = aisle_protocol_to_string (detail);
  return g_steal_pointer (&r);
}

char *
aisle_protocol_push_response_to_string (gint64     last_mutation_id,
                                        GPtrArray *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  _aisle_protocol_add_int (builder, "last_mutation_id", last_mutation_id);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; results != NULL && i < results->len; i++)
    json_builder_add_value (builder, aisle_protocol_result_to_json (g_ptr_array_index (results, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return aisle_protocol_to_string (root);
}

GPtrArray *
aisle_protocol_push_response_parse (const char  *data,
                                    gssize       length,
                                    gint64      *out_last_mutation_id,
                                    GError     **error)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (data, length, error);
  g_autoptr(GPtrArray) results = NULL;
  JsonObject *o;
  JsonNode *list;
  gint64 last = 0;

  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  if (!aisle_protocol_get_int (o, "last_mutation_id", TRUE, &last, error))
    return NULL;
  list = json_object_get_member (o, "results");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID, "\"results\" must be an array");
      return NULL;
    }
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_mutation_result_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      AisleMutationResult *r;

      r = aisle_protocol_result_from_json (json_array_get_element (json_node_get_array (list), i),
                                           error);
      if (r == NULL)
        return NULL;
      g_ptr_array_add (results, r);
    }
  if (out_last_mutation_id != NULL)
    *out_last_mutation_id = last;
  return g_steal_pointer (&results);
}

/* --- pull ---------------------------------------------------------------------------------- */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar ch = (guchar) *p;

      if (ch == '"' || ch == '\\')
        g_string_append_printf (out, "\\%c", ch);
      else if (ch < 0x20)
        g_string_append_printf (out, "\\u%04x", ch);
      else
        g_string_append_c (out, (char) ch);
    }
  g_string_append_c (out, '"');
}

/* Written with a GString rather than a JsonBuilder: a 1,000-change page is the hub's hottest
 * response, and the entities are already JsonNodes that only need serialising once. */
char *
aisle_protocol_pull_response_to_string (const AislePullResponse *response)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *out = g_string_sized_new (256 + response->changes->len * 256);

  g_string_append_printf (out, "{\"cursor\":%" G_GINT64_FORMAT ",\"more\":%s,"
                          "\"last_mutation_id\":%" G_GINT64_FORMAT ",",
                          response->cursor, response->more ? "true" : "false",
                          response->last_mutation_id);
  if (response->remaining >= 0)
    g_string_append_printf (out, "\"remaining\":%" G_GINT64_FORMAT ",", response->remaining);
  g_string_append (out, "\"changes\":[");
  for (guint i = 0; i < response->changes->len; i++)
    {
      const AisleChange *c = g_ptr_array_index (response->changes, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_printf (out, "{\"seq\":%" G_GINT64_FORMAT ",\"entity\":", c->seq);
      append_json_string (out, c->entity);
      g_string_append (out, ",\"id\":");
      append_json_string (out, c->entity_id);
      g_string_append_printf (out, ",\"op\":\"%s\",\"data\":",
                              g_strcmp0 (c->op, AISLE_CHANGE_DELETE) == 0 ? AISLE_CHANGE_DELETE
                                                                          : AISLE_CHANGE_PUT);
      if (c->data_json != NULL)
        g_string_append (out, c->data_json);
      else if (c->data != NULL)
        {
          json_generator_set_root (generator, c->data);
          json_generator_to_gstring (generator, out);
        }
      else
        g_string_append (out, "null");
      g_string_append_c (out, '}');
    }
  g_string_append (out, "],\"results\":[");
  for (guint i = 0; i < response->results->len; i++)
    {
      g_autoptr(JsonNode) node = aisle_protocol_result_to_json (g_ptr_array_index (response->results, i));

      json_generator_set_root (generator, node);
      if (i > 0)
        g_string_append_c (out, ',');
      json_generator_to_gstring (generator, out);
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

AislePullResponse *
aisle_protocol_pull_response_parse (const char  *data,
                                    gssize       length,
                                    GError     **error)
{
  g_autoptr(JsonNode) root = aisle_protocol_parse (data, length, error);
  g_autoptr(AislePullResponse) response = aisle_pull_response_new ();
  JsonObject *o;
  JsonNode *list;
  gboolean more = FALSE;

  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  if (!aisle_protocol_get_int (o, "cursor", TRUE, &response->cursor, error) ||
      !aisle_protocol_get_bool (o, "more", TRUE, &more, error) ||
      !aisle_protocol_get_int (o, "last_mutation_id", TRUE, &response->last_mutation_id, error))
    return NULL;
  response->more = more;
  if (json_object_has_member (o, "remaining") &&
      !aisle_protocol_get_int (o, "remaining", FALSE, &response->remaining, error))
    return NULL;

  list = json_object_get_member (o, "changes");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_INVALID, "\"changes\" must be an array");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      g_autoptr(AisleChange) c = aisle_change_new ();
      JsonObject *co = _aisle_protocol_require_object (json_array_get_element (json_node_get_array (list), i),
                                       "a change", error);
      JsonNode *d;

      if (co == NULL)
        return NULL;
      GET_INT (co, "seq", TRUE, c->seq);
      GET_STR (co, "entity", TRUE, c->entity);
      GET_STR (co, "id", TRUE, c->entity_id);
      GET_STR (co, "op", TRUE, c->op);
      d = json_object_get_member (co, "data");
      if (d != NULL && JSON_NODE_HOLDS_OBJECT (d))
        c->data = json_node_copy (d);
      g_ptr_array_add (response->changes, g_steal_pointer (&c));
    }

  list = json_object_get_member (o, "results");
  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
        {
          AisleMutationResult *r;

          r = aisle_protocol_result_from_json (json_array_get_element (json_node_get_array (list), i),
                                               error);
          if (r == NULL)
            return NULL;
          g_ptr_array_add (response->results, r);
        }
    }
  return g_steal_pointer (&response);
}

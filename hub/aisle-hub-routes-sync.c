/* aisle-hub-routes-sync.c: POST /v1/pair, POST /v1/sync/push, GET /v1/sync/pull.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "aisle-hub-server-private.h"

static JsonNode *
parse_body (AisleHubRequest *request)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;

  root = aisle_protocol_parse (data, (gssize) length, &error);
  if (root == NULL)
    {
      aisle_hub_request_fail_error (request, error);
      aisle_hub_request_finish (request);
    }
  return root;
}

/* --- pair ---------------------------------------------------------------------------------- */

typedef struct
{
  char *code;
  char *name;
  char *public_key;
} PairArgs;

static void
pair_args_free (gpointer data)
{
  PairArgs *args = data;

  if (args->code != NULL)
    memset (args->code, 0, strlen (args->code));
  g_free (args->code);
  g_free (args->name);
  g_free (args->public_key);
  g_free (args);
}

static void
pair_job (AisleHubRequest *request,
          AisleHubDb      *db)
{
  PairArgs *args = request->data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleHubPairing) pairing = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  pairing = db->vtable->pair (db, args->code, args->name, args->public_key, request->now, &error);
  if (pairing == NULL)
    {
      aisle_hub_request_fail_error (request, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, pairing->device->id);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, pairing->token);
  json_builder_set_member_name (builder, "store_id");
  json_builder_add_string_value (builder, pairing->device->store_id);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, pairing->device->mode);
  json_builder_set_member_name (builder, "hub_public_key");
  json_builder_add_string_value (builder, pairing->hub_public_key);
  json_builder_set_member_name (builder, "device_keys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < pairing->device_keys->len; i++)
    {
      const AisleHubDevice *d = g_ptr_array_index (pairing->device_keys, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "device_id");
      json_builder_add_string_value (builder, d->id);
      json_builder_set_member_name (builder, "store_id");
      json_builder_add_string_value (builder, d->store_id);
      json_builder_set_member_name (builder, "public_key");
      json_builder_add_string_value (builder, d->public_key);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  aisle_hub_request_ok (request, aisle_protocol_to_string (root));
  g_info ("paired device %s (%s) for store %s", pairing->device->id, pairing->device->mode,
          pairing->device->store_id);
}

void
aisle_hub_route_pair (AisleHubRequest *request)
{
  static const char * const fields[] = { "code", "name", "public_key", NULL };
  g_autoptr(JsonNode) root = parse_body (request);
  g_autoptr(GError) error = NULL;
  JsonObject *o;
  const char *code = NULL, *name = NULL, *key = NULL;
  PairArgs *args;

  if (root == NULL)
    return;
  o = json_node_get_object (root);
  if (aisle_protocol_check_fields (o, fields, "the pairing request", &error))
    code = aisle_protocol_get_string (o, "code", TRUE, &error);
  if (error == NULL)
    name = aisle_protocol_get_string (o, "name", FALSE, &error);
  if (error == NULL)
    key = aisle_protocol_get_string (o, "public_key", FALSE, &error);
  if (error == NULL && key != NULL)
    {
      gsize len = 0;
      g_autofree guchar *raw = NULL;

      if (g_regex_match_simple ("^[A-Za-z0-9+/]+={0,2}$", key, 0, 0))
        raw = g_base64_decode (key, &len);
      if (len != crypto_sign_PUBLICKEYBYTES)
        g_set_error_literal (&error, AISLE_ERROR, AISLE_ERROR_INVALID,
                             "public_key must be a base64 Ed25519 public key (32 bytes)");
    }
  if (error != NULL)
    {
      aisle_hub_request_fail_error (request, error);
      aisle_hub_request_finish (request);
      return;
    }
  args = g_new0 (PairArgs, 1);
  args->code = g_strdup (code);
  args->name = g_strdup (name);
  args->public_key = g_strdup (key);
  request->data = args;
  request->data_free = pair_args_free;
  aisle_hub_request_run (request, pair_job);
}

/* --- push ---------------------------------------------------------------------------------- */

static void
push_job (AisleHubRequest *request,
          AisleHubDb      *db)
{
  GPtrArray *mutations = request->data;
  g_autoptr(GError) error = NULL;
  gint64 last = 0;

  request->results = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_mutation_result_free);
  if (!db->vtable->push (db, request->device, mutations, request->now, request->results, &last,
                         &error))
    {
      if (last > request->device->last_mutation_id)
        request->device->last_mutation_id = last;
      aisle_hub_request_fail_error (request, error);
      return;
    }
  request->device->last_mutation_id = last;
  aisle_hub_request_ok (request, aisle_protocol_push_response_to_string (last, request->results));
}

void
aisle_hub_route_push (AisleHubRequest *request)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *mutations;
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;

  mutations = aisle_protocol_push_request_parse (data, (gssize) length, &error);
  if (mutations == NULL)
    {
      aisle_hub_request_fail_error (request, error);
      aisle_hub_request_finish (request);
      return;
    }
  request->data = mutations;
  request->data_free = (GDestroyNotify) g_ptr_array_unref;
  aisle_hub_request_run (request, push_job);
}

/* --- pull ---------------------------------------------------------------------------------- */

typedef struct
{
  gint64 cursor;
  guint  limit;
} PullArgs;

static void
pull_job (AisleHubRequest *request,
          AisleHubDb      *db)
{
  PullArgs *args = request->data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AislePullResponse) response = NULL;

  response = db->vtable->pull (db, request->device, args->cursor, args->limit, &error);
  if (response == NULL)
    {
      aisle_hub_request_fail_error (request, error);
      return;
    }
  request->pull_rows = response->changes->len;
  request->device->last_mutation_id = response->last_mutation_id;
  aisle_hub_request_ok (request, aisle_protocol_pull_response_to_string (response));
}

static gboolean
query_int (AisleHubRequest *request,
           const char      *name,
           gint64           min,
           gint64           max,
           gint64          *out)
{
  const char *text = request->query != NULL ? g_hash_table_lookup (request->query, name) : NULL;
  guint64 value;

  if (text == NULL)
    return TRUE;
  if (min < 0 || !g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &value, NULL))
    {
      g_autofree char *message = g_strdup_printf ("%s must be an integer from %" G_GINT64_FORMAT
                                                  " to %" G_GINT64_FORMAT, name, min, max);

      aisle_hub_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid", message);
      aisle_hub_request_finish (request);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

void
aisle_hub_route_pull (AisleHubRequest *request)
{
  PullArgs *args = g_new0 (PullArgs, 1);
  gint64 cursor = 0, limit = AISLE_PROTOCOL_MAX_PULL_PAGE;

  request->data = args;
  request->data_free = g_free;
  if (!query_int (request, "cursor", 0, G_MAXINT64, &cursor) ||
      !query_int (request, "limit", 1, AISLE_PROTOCOL_MAX_PULL_LIMIT, &limit))
    return;
  args->cursor = cursor;
  args->limit = (guint) limit;
  if (aisle_hub_server_try_empty_pull (request, cursor))
    return;
  aisle_hub_request_run (request, pull_job);
}

/* aisle-hub-routes-misc.c: member and coupon lookup, the orders webhook, health and metrics.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "aisle-hub-server-private.h"

/* --- GET /v1/members ----------------------------------------------------------------------- */

static void
members_job (AisleHubRequest *request,
             AisleHubDb      *db)
{
  g_autoptr(GError) error = NULL;
  const char *phone = g_hash_table_lookup (request->query, "phone");
  const char *number = g_hash_table_lookup (request->query, "number");
  const char *q = g_hash_table_lookup (request->query, "q");
  char *json;

  /* A kiosk is used by strangers: it never looks up other members (DESIGN.md). */
  if (g_strcmp0 (request->device->mode, "tablet") != 0)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                              "member lookup is for staff tablets only");
      return;
    }
  json = db->vtable->lookup_members (db, request->device, phone, number, q, 20, &error);
  if (json == NULL)
    aisle_hub_request_fail_error (request, error);
  else
    aisle_hub_request_ok (request, json);
}

void
aisle_hub_route_members (AisleHubRequest *request)
{
  const char *phone = NULL, *number = NULL, *q = NULL;
  guint given = 0;

  if (request->query != NULL)
    {
      phone = g_hash_table_lookup (request->query, "phone");
      number = g_hash_table_lookup (request->query, "number");
      q = g_hash_table_lookup (request->query, "q");
    }
  given = (phone != NULL) + (number != NULL) + (q != NULL);
  if (given != 1 || (q != NULL && g_utf8_strlen (q, -1) < 1) ||
      !g_utf8_validate (phone != NULL ? phone : number != NULL ? number : q, -1, NULL))
    {
      aisle_hub_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid",
                              "give exactly one of phone=, number= or q=");
      aisle_hub_request_finish (request);
      return;
    }
  aisle_hub_request_run (request, members_job);
}

/* --- GET /v1/coupons ---------------------------------------------------------------------- */

static void
coupons_job (AisleHubRequest *request,
             AisleHubDb      *db)
{
  g_autoptr(GError) error = NULL;
  char *json;

  /* Coupons are redeemed on staff tablets only (coupon.redeem), so only they look one up. */
  if (g_strcmp0 (request->device->mode, "tablet") != 0)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                              "coupon lookup is for staff tablets only");
      return;
    }
  json = db->vtable->lookup_coupon (db, request->device,
                                    g_hash_table_lookup (request->query, "code"),
                                    g_hash_table_lookup (request->query, "member_id"), &error);
  if (json == NULL)
    aisle_hub_request_fail_error (request, error);
  else
    aisle_hub_request_ok (request, json);
}

void
aisle_hub_route_coupons (AisleHubRequest *request)
{
  const char *code = request->query != NULL ? g_hash_table_lookup (request->query, "code") : NULL;
  const char *member = request->query != NULL ? g_hash_table_lookup (request->query, "member_id") : NULL;
  guint known = (code != NULL) + (member != NULL);

  if (code == NULL || *code == '\0' || strlen (code) > 64 || !g_utf8_validate (code, -1, NULL) ||
      (member != NULL && (*member == '\0' || !g_utf8_validate (member, -1, NULL))) ||
      g_hash_table_size (request->query) != known)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid",
                              "give code= (at most 64 characters) and optionally member_id=");
      aisle_hub_request_finish (request);
      return;
    }
  aisle_hub_request_run (request, coupons_job);
}

/* --- POST /v1/ingest/orders ---------------------------------------------------------------- */

typedef struct
{
  char     *channel;
  char     *signature;    /* lower-case hex */
  JsonNode *order;
} IngestArgs;

static void
ingest_args_free (gpointer data)
{
  IngestArgs *args = data;

  g_free (args->channel);
  g_free (args->signature);
  g_clear_pointer (&args->order, json_node_unref);
  g_free (args);
}

static void
ingest_job (AisleHubRequest *request,
            AisleHubDb      *db)
{
  IngestArgs *args = request->data;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *expected = NULL;
  AisleHubIngest ingest = { args->channel, NULL, request->now };
  gsize length = 0;
  const guint8 *body = g_bytes_get_data (request->body, &length);
  char *json;

  secret = db->vtable->channel_secret (db, args->channel, NULL);
  if (secret != NULL)
    expected = g_compute_hmac_for_data (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret),
                                        body, length);
  /* Compare in constant time; an unknown channel fails the same way as a bad signature. */
  if (expected == NULL || strlen (expected) != strlen (args->signature) ||
      sodium_memcmp (expected, args->signature, strlen (expected)) != 0)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                              "bad channel or signature");
      return;
    }
  ingest.order = json_node_get_object (args->order);
  json = db->vtable->ingest_order (db, &ingest, &error);
  if (json == NULL)
    aisle_hub_request_fail_error (request, error);
  else
    aisle_hub_request_ok (request, json);
}

void
aisle_hub_route_ingest (AisleHubRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *channel = soup_message_headers_get_one (headers, "X-Aisle-Channel");
  const char *signature = soup_message_headers_get_one (headers, "X-Aisle-Signature");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  IngestArgs *args;
  gsize length = 0;
  const char *data = request->body != NULL ? g_bytes_get_data (request->body, &length) : NULL;

  if (channel == NULL || signature == NULL || !g_str_has_prefix (signature, "sha256="))
    {
      aisle_hub_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                              "X-Aisle-Channel and X-Aisle-Signature: sha256=<hex> are required");
      aisle_hub_request_finish (request);
      return;
    }
  root = aisle_protocol_parse (data, (gssize) length, &error);
  if (root == NULL)
    {
      aisle_hub_request_fail_error (request, error);
      aisle_hub_request_finish (request);
      return;
    }
  args = g_new0 (IngestArgs, 1);
  args->channel = g_strdup (channel);
  args->signature = g_ascii_strdown (signature + strlen ("sha256="), -1);
  args->order = g_steal_pointer (&root);
  request->data = args;
  request->data_free = ingest_args_free;
  aisle_hub_request_run (request, ingest_job);
}

/* --- GET /healthz, GET /metrics ------------------------------------------------------------ */

static void
healthz_job (AisleHubRequest *request,
             AisleHubDb      *db)
{
  g_autoptr(GError) error = NULL;

  if (!db->vtable->check (db, &error))
    aisle_hub_request_fail (request, SOUP_STATUS_SERVICE_UNAVAILABLE, "unavailable",
                            error->message);
  else
    aisle_hub_request_ok (request, g_strdup ("{\"status\":\"ok\"}"));
}

void
aisle_hub_route_healthz (AisleHubRequest *request)
{
  aisle_hub_request_run (request, healthz_job);
}

static void
metrics_job (AisleHubRequest *request,
             AisleHubDb      *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *devices = db->vtable->device_metrics (db, &error);

  if (devices == NULL)
    {
      aisle_hub_request_fail_error (request, error);
      return;
    }
  request->status = SOUP_STATUS_OK;
  request->response = g_strconcat (request->data, devices, NULL);
  request->content_type = "text/plain; version=0.0.4";
}

void
aisle_hub_route_metrics (AisleHubRequest *request)
{
  /* Counters live on the main thread: snapshot them here, add the devices on the worker,
   * after the fast path's last-seen times (queued first). */
  aisle_hub_server_flush_seen (request->server);
  request->data = aisle_hub_server_metrics_text (request->server);
  request->data_free = g_free;
  aisle_hub_request_run (request, metrics_job);
}

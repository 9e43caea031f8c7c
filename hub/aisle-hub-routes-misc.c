/* aisle-hub-routes-misc.c: member lookup, the orders webhook, reports, health and metrics.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "aisle-hub-reports.h"
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

/* --- GET /v1/reports/store ----------------------------------------------------------------- */

/* A report is for a manager of that store, on a tablet of that store: the device's token plus
 * the manager's staff id and PIN (X-Aisle-Staff, X-Aisle-Staff-Pin), checked against the
 * argon2id hash. The figures (hub/aisle-hub-reports*.c) are added up on the DB worker for an
 * active manager of the store and handed out only once the PIN checks out. */
typedef struct
{
  char       *store;
  char       *staff_id;
  char       *pin;          /* wiped on free, never logged */
  AisleStaff *staff;        /* loaded by the DB job */
  AisleHubReportQuery query;
  char       *figure;
  char       *json;         /* the report, until the PIN is checked */
  GError     *error;        /* or why there is none */
} ReportArgs;

static void
report_args_free (gpointer data)
{
  ReportArgs *args = data;

  g_free (args->store);
  g_free (args->staff_id);
  if (args->pin != NULL)
    sodium_memzero (args->pin, strlen (args->pin));
  g_free (args->pin);
  g_clear_pointer (&args->staff, aisle_staff_free);
  g_free (args->figure);
  g_free (args->json);
  g_clear_error (&args->error);
  g_free (args);
}

/* In the offload pool: argon2id takes tens of milliseconds and 64 MiB, never on the DB worker. */
static void
reports_verify (AisleHubRequest *request)
{
  ReportArgs *args = request->data;
  const AisleStaff *staff = args->staff;
  g_autofree char *message = NULL;

  if (staff->pin_hash == NULL ||
      crypto_pwhash_str_verify (staff->pin_hash, args->pin, strlen (args->pin)) != 0)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                              "wrong staff id or PIN");
      return;
    }
  if (staff->role != AISLE_STAFF_ROLE_MANAGER || g_strcmp0 (staff->branch_id, args->store) != 0)
    {
      message = g_strdup_printf ("only a manager of store %s may see its report", args->store);
      aisle_hub_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden", message);
      return;
    }
  if (args->error != NULL)
    aisle_hub_request_fail_error (request, args->error);
  else
    aisle_hub_request_ok (request, g_steal_pointer (&args->json));
}

static void
reports_job (AisleHubRequest *request,
             AisleHubDb      *db)
{
  ReportArgs *args = request->data;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (request->device->mode, "tablet") != 0)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                              "reports are for managers on staff tablets");
      return;
    }
  if (g_strcmp0 (request->device->store_id, args->store) != 0)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                              "a device sees the report of its own store only");
      return;
    }
  args->staff = db->vtable->get_staff (db, args->staff_id, &error);
  if (args->staff == NULL)
    {
      if (g_error_matches (error, AISLE_ERROR, AISLE_ERROR_NOT_FOUND))
        aisle_hub_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                                "wrong staff id or PIN");
      else
        aisle_hub_request_fail_error (request, error);
      return;
    }
  if (!args->staff->active)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_FORBIDDEN, "forbidden",
                              "this staff member is no longer active");
      return;
    }
  /* Only for whom it is meant; the PIN is checked off the worker before anyone sees it. */
  if (args->staff->role == AISLE_STAFF_ROLE_MANAGER &&
      g_strcmp0 (args->staff->branch_id, args->store) == 0)
    {
      args->query.store_id = args->store;
      args->query.figure = args->figure;
      args->query.now = request->now;
      args->json = db->vtable->store_report (db, &args->query, &args->error);
    }
  request->offload = reports_verify;
}

void
aisle_hub_route_reports (AisleHubRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *staff = soup_message_headers_get_one (headers, "X-Aisle-Staff");
  const char *pin = soup_message_headers_get_one (headers, "X-Aisle-Staff-Pin");
  const char *store = request->query != NULL ? g_hash_table_lookup (request->query, "store") : NULL;
  const char *from = store != NULL ? g_hash_table_lookup (request->query, "from") : NULL;
  const char *to = store != NULL ? g_hash_table_lookup (request->query, "to") : NULL;
  const char *bucket = store != NULL ? g_hash_table_lookup (request->query, "bucket") : NULL;
  const char *figure = store != NULL ? g_hash_table_lookup (request->query, "figure") : NULL;
  const char *limit = store != NULL ? g_hash_table_lookup (request->query, "limit") : NULL;
  AisleHubReportQuery query = { NULL, 0, 0, AISLE_HUB_REPORT_BUCKET_AUTO, NULL, 1000, 0 };
  guint64 limit_value = 1000;
  ReportArgs *args;

  if (store == NULL || *store == '\0' || from == NULL || to == NULL ||
      !g_ascii_string_to_signed (from, 10, 0, AISLE_HUB_REPORT_MAX_TIME, &query.from, NULL) ||
      !g_ascii_string_to_signed (to, 10, 0, AISLE_HUB_REPORT_MAX_TIME, &query.to, NULL) ||
      !aisle_hub_report_bucket_parse (bucket, &query.bucket) ||
      (figure != NULL && (!g_utf8_validate (figure, -1, NULL) || strlen (figure) > 200)) ||
      (limit != NULL && !g_ascii_string_to_unsigned (limit, 10, 1, 10000, &limit_value, NULL)))
    {
      aisle_hub_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid",
                              "give store=, from= and to= (Unix seconds), and optionally "
                              "bucket=day|week|month, figure= and limit= (1-10000)");
      aisle_hub_request_finish (request);
      return;
    }
  if (staff == NULL || pin == NULL || *staff == '\0' || *pin == '\0')
    {
      aisle_hub_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                              "reports need a manager's X-Aisle-Staff and X-Aisle-Staff-Pin");
      aisle_hub_request_finish (request);
      return;
    }
  args = g_new0 (ReportArgs, 1);
  args->store = g_strdup (store);
  args->staff_id = g_strdup (staff);
  args->pin = g_strdup (pin);
  args->query = query;
  args->query.limit = (guint) limit_value;
  args->figure = g_strdup (figure);
  request->data = args;
  request->data_free = report_args_free;
  aisle_hub_request_run (request, reports_job);
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

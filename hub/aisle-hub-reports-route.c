/* aisle-hub-reports-route.c: GET /v1/reports/store: who may see a store's report.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report is for a manager of that store, on a tablet of that store: the device's token
 * (checked by the worker before the job), then the staff member (active, a manager of the
 * store), then the PIN (X-Aisle-Staff, X-Aisle-Staff-Pin) against its argon2id hash. The
 * figures (hub/aisle-hub-reports*.c) are added up on the DB worker only for an active manager
 * of the store, and handed out only once the PIN checks out, in the offload pool (argon2id
 * takes tens of milliseconds and 64 MiB: never on the DB worker).
 *
 * Wrong PINs are counted per staff member: after REPORT_PIN_TRIES wrong ones within
 * REPORT_PIN_WINDOW seconds the endpoint answers 429 for that staff member, even with the
 * right PIN, until the oldest of them is older than the window. The lock-out is checked after
 * the device (so only a paired tablet of the store learns of it), and a request that meets it
 * reaches neither the report nor argon2id.
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "aisle-hub-reports.h"
#include "aisle-hub-server-private.h"

#define REPORT_PIN_TRIES  5
#define REPORT_PIN_WINDOW (5 * 60)
#define REPORT_DEFAULT_LIMIT 1000
#define REPORT_MAX_LIMIT 10000
#define REPORT_MAX_FIGURE 200

/* --- wrong PINs ---------------------------------------------------------------------------- */

/* staff id -> GArray of gint64: the times of its recent wrong PINs, oldest first. Read on the
 * DB worker (the gate) and in the offload pool, written in the offload pool (the verdict):
 * hence the lock. The hub serves one server per process. */
static GMutex pin_lock;
static GHashTable *pin_failures;

/* Drops failures older than the window; returns how many are left. Call with pin_lock held. */
static guint
pin_failures_recent (const char *staff_id,
                     gint64      now,
                     gint64     *out_oldest)
{
  GArray *times = pin_failures != NULL ? g_hash_table_lookup (pin_failures, staff_id) : NULL;
  guint old = 0;

  if (times == NULL)
    return 0;
  while (old < times->len && g_array_index (times, gint64, old) <= now - REPORT_PIN_WINDOW)
    old++;
  g_array_remove_range (times, 0, old);
  if (times->len == 0)
    {
      g_hash_table_remove (pin_failures, staff_id);
      return 0;
    }
  if (out_oldest != NULL)
    *out_oldest = g_array_index (times, gint64, 0);
  return times->len;
}

/* Whether @staff_id has used up its wrong PINs; if so fails @request with 429. */
static gboolean
pin_locked_out (AisleHubRequest *request,
                const char      *staff_id)
{
  g_autofree char *message = NULL;
  gint64 oldest = 0;
  guint recent;

  g_mutex_lock (&pin_lock);
  recent = pin_failures_recent (staff_id, request->now, &oldest);
  g_mutex_unlock (&pin_lock);
  if (recent < REPORT_PIN_TRIES)
    return FALSE;
  message = g_strdup_printf ("too many wrong PINs for staff %s: try again in %" G_GINT64_FORMAT
                             " minutes", staff_id,
                             MAX ((oldest + REPORT_PIN_WINDOW - request->now + 59) / 60, 1));
  aisle_hub_request_fail (request, 429, "too_many_attempts", message);
  return TRUE;
}

static void
pin_note (const char *staff_id,
          gint64      now,
          gboolean    right)
{
  GArray *times;

  g_mutex_lock (&pin_lock);
  if (pin_failures == NULL)
    pin_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_array_unref);
  if (right)
    g_hash_table_remove (pin_failures, staff_id);
  else
    {
      /* the table holds only staff who got a PIN wrong lately: prune it as it grows */
      if (g_hash_table_size (pin_failures) > 1000)
        {
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, pin_failures);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              GArray *list = value;

              if (g_array_index (list, gint64, list->len - 1) <= now - REPORT_PIN_WINDOW)
                g_hash_table_iter_remove (&iter);
            }
        }
      times = g_hash_table_lookup (pin_failures, staff_id);
      if (times == NULL)
        {
          times = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (pin_failures, g_strdup (staff_id), times);
        }
      g_array_append_val (times, now);
    }
  g_mutex_unlock (&pin_lock);
}

/* --- the request --------------------------------------------------------------------------- */

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

/* In the offload pool, after reports_job. */
static void
reports_verify (AisleHubRequest *request)
{
  ReportArgs *args = request->data;
  const AisleStaff *staff = args->staff;
  g_autofree char *message = NULL;
  gboolean right;

  /* requests let through together: only the first REPORT_PIN_TRIES of them get a verdict */
  if (pin_locked_out (request, args->staff_id))
    return;
  right = staff->pin_hash != NULL &&
          crypto_pwhash_str_verify (staff->pin_hash, args->pin, strlen (args->pin)) == 0;
  pin_note (args->staff_id, request->now, right);
  if (!right)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                              "wrong staff id or PIN");
      return;
    }
  /* only now, with the PIN, does the answer tell whether they are a manager here */
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

/* On the DB worker, the device already authenticated. */
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
  /* locked out: no figures are added up, no PIN is checked */
  if (pin_locked_out (request, args->staff_id))
    return;
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

/* Whether @text could be an id or a figure name: 1 to @max printable ASCII characters, no
 * spaces. (Figures are defined in docs/api.md; an unknown one, or a store that is not the
 * device's, is answered after the checks of who is asking.) */
static gboolean
valid_name (const char *text,
            gsize       max)
{
  if (*text == '\0' || strlen (text) > max)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      return FALSE;
  return TRUE;
}

/* The first thing wrong with the query, or NULL; fills @query. */
static const char *
parse_query (GHashTable          *params,
             AisleHubReportQuery *query)
{
  const char *store = params != NULL ? g_hash_table_lookup (params, "store") : NULL;
  const char *from = params != NULL ? g_hash_table_lookup (params, "from") : NULL;
  const char *to = params != NULL ? g_hash_table_lookup (params, "to") : NULL;
  const char *bucket = params != NULL ? g_hash_table_lookup (params, "bucket") : NULL;
  const char *figure = params != NULL ? g_hash_table_lookup (params, "figure") : NULL;
  const char *limit = params != NULL ? g_hash_table_lookup (params, "limit") : NULL;
  guint64 limit_value = REPORT_DEFAULT_LIMIT;

  if (store == NULL || *store == '\0')
    return "give the store: store=";
  if (!valid_name (store, 64))
    return "store= is not a store id";
  if (from == NULL || to == NULL)
    return "give the period: from= and to= (Unix seconds, to= not included)";
  if (!g_ascii_string_to_signed (from, 10, 0, AISLE_HUB_REPORT_MAX_TIME, &query->from, NULL) ||
      !g_ascii_string_to_signed (to, 10, 0, AISLE_HUB_REPORT_MAX_TIME, &query->to, NULL))
    return "from= and to= must be Unix seconds between 1970 and the year 3000";
  if (query->from >= query->to)
    return "the period must end after it starts (from= before to=)";
  if (!aisle_hub_report_bucket_parse (bucket, &query->bucket))
    return "bucket= must be day, week, month or auto";
  if (figure != NULL && !valid_name (figure, REPORT_MAX_FIGURE))
    return "figure= is not a figure name (see docs/api.md)";
  if (limit != NULL &&
      !g_ascii_string_to_unsigned (limit, 10, 1, REPORT_MAX_LIMIT, &limit_value, NULL))
    return "limit= must be a number from 1 to 10000";
  query->store_id = store;
  query->figure = figure;
  query->limit = (guint) limit_value;
  return NULL;
}

void
aisle_hub_route_reports (AisleHubRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *staff = soup_message_headers_get_one (headers, "X-Aisle-Staff");
  const char *pin = soup_message_headers_get_one (headers, "X-Aisle-Staff-Pin");
  AisleHubReportQuery query = { NULL, 0, 0, AISLE_HUB_REPORT_BUCKET_AUTO, NULL, 0, 0 };
  const char *problem = parse_query (request->query, &query);
  ReportArgs *args;

  if (problem != NULL)
    {
      aisle_hub_request_fail (request, SOUP_STATUS_BAD_REQUEST, "invalid", problem);
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
  args->store = g_strdup (query.store_id);
  args->staff_id = g_strdup (staff);
  args->pin = g_strdup (pin);
  args->query = query;
  args->query.store_id = NULL;
  args->figure = g_strdup (query.figure);
  args->query.figure = NULL;
  request->data = args;
  request->data_free = report_args_free;
  aisle_hub_request_run (request, reports_job);
}

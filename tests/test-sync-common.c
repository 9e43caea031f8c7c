/* test-sync-common.c: a device (cache + worker + sync client) for the sync tests and helper.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sync"

#include "config.h"

#include <string.h>

#include "test-sync-common.h"

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

Device *
device_open (const char  *path,
             SoupSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AisleStore) store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, &error);
  g_autoptr(GAsyncResult) result = NULL;
  Device *d;

  g_assert_no_error (error);
  d = g_new0 (Device, 1);
  d->path = g_strdup (path);
  d->worker = aisle_worker_new (store);
  d->client = aisle_sync_client_new (d->worker, session);
  aisle_sync_client_set_timeout (d->client, 5);
  aisle_sync_client_load_async (d->client, NULL, store_result_cb, &result);
  g_assert_true (aisle_sync_client_load_finish (d->client, wait_for (&result), &error));
  g_assert_no_error (error);
  return d;
}

void
device_close (Device *d)
{
  aisle_sync_client_stop (d->client);
  /* Let queued completions (counts) run before the worker goes. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&d->client);
  g_clear_object (&d->worker);
  g_free (d->path);
  g_free (d);
}

gboolean
device_pair (Device      *d,
             const char  *hub_url,
             const char  *code,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aisle_sync_client_pair_async (d->client, hub_url, code, "test", NULL, store_result_cb, &result);
  return aisle_sync_client_pair_finish (d->client, wait_for (&result), error);
}

gboolean
device_sync (Device  *d,
             GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  aisle_sync_client_sync_async (d->client, NULL, store_result_cb, &result);
  ok = aisle_sync_client_sync_finish (d->client, wait_for (&result), error);
  /* The pending count is refreshed by a worker job after the cycle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ok;
}

gint64
device_mutate (Device      *d,
               const char  *name,
               const char  *args_json,
               const char  *staff_id,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aisle_sync_client_mutate_async (d->client, name, args_json, staff_id, NULL, store_result_cb,
                                  &result);
  return aisle_sync_client_mutate_finish (d->client, wait_for (&result), error);
}

void
device_enrol (Device     *d,
              const char *id,
              const char *name,
              const char *phone,
              const char *staff_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *args = g_strdup_printf ("{\"member_id\":\"%s\",\"name\":\"%s\",\"phone\":"
                                           "\"%s\",\"consent\":{\"policy_version\":\"2026-01\","
                                           "\"text_hash\":\"ab\",\"privacy\":true,"
                                           "\"marketing\":false}}", id, name, phone);

  g_assert_cmpint (device_mutate (d, "member.enrol", args, staff_id, &error), >, 0);
  g_assert_no_error (error);
}

gpointer
device_run (Device          *d,
            AisleWorkerFunc  func,
            gpointer         data,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  aisle_worker_run_async (d->worker, G_PRIORITY_DEFAULT, func, data, NULL, NULL, NULL,
                          store_result_cb, &result);
  return aisle_worker_run_finish (d->worker, wait_for (&result), error);
}

static gpointer
query_int_job (AisleStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 *value = g_new0 (gint64, 1);

  g_assert_cmpint (sqlite3_prepare_v2 (aisle_store_get_sqlite (store), data, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

gint64
device_query_int (Device     *d,
                  const char *sql)
{
  g_autofree gint64 *value = device_run (d, query_int_job, (gpointer) sql, NULL);

  g_assert_nonnull (value);
  return *value;
}

char *
coupon_code (guint  dev,
             gint64 i)
{
  return g_strdup_printf ("T%u%06" G_GINT64_FORMAT, dev, i);
}

static char *
member_uuid (guint  dev,
             gint64 i)
{
  return g_strdup_printf ("00000000-0000-4000-8%03u-%012" G_GINT64_MODIFIER "x", dev, i);
}

char *
make_mutation (guint        dev,
               gint64       i,
               const char **out_name)
{
  gint64 base = i - ((i - 1) % 4);   /* the enrolment this group of four is about */
  g_autofree char *member = member_uuid (dev, base);

  switch ((i - 1) % 4)
    {
    case 0:
      *out_name = "member.enrol";
      return g_strdup_printf ("{\"member_id\":\"%s\",\"name\":\"測試 %u-%" G_GINT64_FORMAT "\","
                              "\"phone\":\"09%u%07" G_GINT64_FORMAT "\",\"consent\":{"
                              "\"policy_version\":\"2026-01\",\"text_hash\":\"ab12\","
                              "\"privacy\":true,\"marketing\":false}}",
                              member, dev, i, dev, i);
    case 1:
      {
        g_autofree char *binding = member_uuid (dev + 100, i);

        *out_name = "binding.create";
        return g_strdup_printf ("{\"binding_id\":\"%s\",\"member_id\":\"%s\"}", binding, member);
      }
    case 2:
      {
        g_autofree char *code = coupon_code (dev, i);

        *out_name = "coupon.redeem";
        return g_strdup_printf ("{\"code\":\"%s\",\"member_id\":\"%s\"}", code, member);
      }
    default:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();

        *out_name = "invoice.register";
        return g_strdup_printf ("{\"number\":\"AB%u%07" G_GINT64_FORMAT "\",\"date\":\"%03d%02d%02d\","
                                "\"random_code\":\"1234\",\"seller_id\":\"24549210\","
                                "\"total\":25000,\"member_id\":\"%s\"}",
                                dev, i, g_date_time_get_year (now) - 1911,
                                g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                                member);
      }
    }
}

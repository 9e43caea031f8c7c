/* aisle-sync-lookup.c: online member and coupon lookup (tablets), cached on arrival.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md "Data flow" 2: reads come from the cache; a member who is not there is asked of the
 * hub (GET /v1/members) and then cached, so the next search finds them offline too.
 */

#define G_LOG_DOMAIN "aisle-sync"

#include "config.h"

#include "aisle-sync-private.h"

/* The GTask source tag of this file's async calls. */
static const char source_tag = 0;

typedef struct
{
  SoupMessage *msg;
  GPtrArray   *members;
} Lookup;

static void
lookup_free (Lookup *l)
{
  g_clear_object (&l->msg);
  g_clear_pointer (&l->members, g_ptr_array_unref);
  g_free (l);
}

static gpointer
cache_job (AisleStore    *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  if (!aisle_sync_cache_cache_members (store, data, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
cache_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *l = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Not being able to cache the answer does not make it wrong: show it anyway. */
  if (aisle_worker_run_finish (AISLE_WORKER (source), result, &error) == NULL)
    g_warning ("caching looked-up members: %s", error->message);
  g_task_return_pointer (task, g_steal_pointer (&l->members), (GDestroyNotify) g_ptr_array_unref);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  Lookup *l = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = _aisle_sync_client_http_finish (self, l->msg, result, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *list;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  root = aisle_protocol_parse (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                               NULL);
  list = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
         ? json_object_get_member (json_node_get_object (root), "members") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                               "The hub's member lookup answer is not valid");
      return;
    }
  l->members = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_member_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      AisleMember *m = aisle_protocol_member_from_json (node, &error);

      if (m == NULL)
        {
          g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                                   "The hub sent a member that is not valid: %s", error->message);
          return;
        }
      g_ptr_array_add (l->members, m);
    }
  if (l->members->len == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&l->members), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  aisle_worker_run_async (self->worker, G_PRIORITY_DEFAULT, cache_job,
                          g_ptr_array_ref (l->members), (GDestroyNotify) g_ptr_array_unref, NULL,
                          g_task_get_cancellable (task), cache_cb, task);
  task = NULL;   /* owned by the callback now */
}

/**
 * aisle_sync_client_lookup_members_async:
 * @self: an #AisleSyncClient
 * @query: what staff typed: a phone number, a member number or a name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the hub's answer
 * @user_data: data for @callback
 *
 * Asks the hub for members the cache does not have (tablets only: a kiosk gets a
 * %AISLE_SYNC_ERROR_HUB "forbidden"), and caches what it finds.
 */
void
aisle_sync_client_lookup_members_async (AisleSyncClient     *self,
                                        const char          *query,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  const char *param;
  Lookup *l;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &source_tag);
  if (self->token == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_NOT_PAIRED,
                               "This device is not paired with a hub");
      return;
    }
  switch (aisle_member_query_classify (query))
    {
    case AISLE_MEMBER_QUERY_NUMBER: param = "number"; break;
    case AISLE_MEMBER_QUERY_PHONE: param = "phone"; break;
    default: param = "q"; break;
    }
  escaped = g_uri_escape_string (query, NULL, FALSE);
  path = g_strdup_printf ("/v1/members?%s=%s", param, escaped);
  l = g_new0 (Lookup, 1);
  l->msg = _aisle_sync_client_message (self, "GET", self->hub_url, path, NULL, TRUE);
  g_task_set_task_data (task, l, (GDestroyNotify) lookup_free);
  _aisle_sync_client_send (self, l->msg, cancellable, lookup_cb, g_steal_pointer (&task));
}

GPtrArray *
aisle_sync_client_lookup_members_finish (AisleSyncClient  *self,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- GET /v1/coupons ---------------------------------------------------------------------- */

static const char coupon_source_tag = 0;

typedef struct
{
  SoupMessage      *msg;
  char             *code;
  char             *member_id;
  AisleCoupon      *coupon;     /* the hub's answer, nullable */
  gboolean          other_member;
  AisleCouponCheck  check;
} CouponLookup;

static void
coupon_lookup_free (CouponLookup *l)
{
  g_clear_object (&l->msg);
  g_free (l->code);
  g_free (l->member_id);
  g_clear_pointer (&l->coupon, aisle_coupon_free);
  g_free (l);
}

/* On the worker: caches the hub's coupon and checks it as for one the cache had. A coupon whose
 * owner the cache does not have (another member, who is in the store's scope but not yet
 * pulled) cannot be cached: the open member is in the cache, so it is someone else's. */
static gpointer
cache_coupon_job (AisleStore    *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CouponLookup *l = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(AisleCoupon) cached = NULL;

  if (!aisle_store_upsert_coupon (store, l->coupon, &local_error))
    {
      if (!g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      l->check = AISLE_COUPON_OTHER_MEMBER;
      return GINT_TO_POINTER (1);
    }
  l->check = aisle_store_check_coupon (store, l->code, l->member_id, g_get_real_time () / G_USEC_PER_SEC,
                                       &cached, error);
  if (error != NULL && *error != NULL)
    return NULL;
  if (cached != NULL)
    {
      aisle_coupon_free (l->coupon);
      l->coupon = g_steal_pointer (&cached);
    }
  return GINT_TO_POINTER (1);
}

static void
cache_coupon_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (aisle_worker_run_finish (AISLE_WORKER (source), result, &error) == NULL)
    g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_CACHE,
                             "Could not keep the hub's coupon: %s", error->message);
  else
    g_task_return_boolean (task, TRUE);
}

static void
coupon_lookup_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AisleSyncClient *self = g_task_get_source_object (task);
  CouponLookup *l = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = _aisle_sync_client_http_finish (self, l->msg, result, &error);
  g_autoptr(JsonNode) root = NULL;
  JsonNode *coupon = NULL;
  JsonNode *other = NULL;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  root = aisle_protocol_parse (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                               NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      coupon = json_object_get_member (json_node_get_object (root), "coupon");
      other = json_object_get_member (json_node_get_object (root), "other_member");
    }
  if (coupon == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                               "The hub's coupon lookup answer is not valid");
      return;
    }
  if (JSON_NODE_HOLDS_NULL (coupon))
    {
      l->check = other != NULL && JSON_NODE_HOLDS_VALUE (other) &&
                 json_node_get_value_type (other) == G_TYPE_BOOLEAN && json_node_get_boolean (other)
                 ? AISLE_COUPON_OTHER_MEMBER : AISLE_COUPON_UNKNOWN;
      g_task_return_boolean (task, TRUE);
      return;
    }
  l->coupon = aisle_protocol_coupon_from_json (coupon, &error);
  if (l->coupon == NULL || g_strcmp0 (l->coupon->code, l->code) != 0)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_HUB,
                               "The hub sent a coupon that is not valid: %s",
                               error != NULL ? error->message : "another code");
      return;
    }
  aisle_worker_run_async (self->worker, G_PRIORITY_HIGH, cache_coupon_job, l, NULL, NULL,
                          g_task_get_cancellable (task), cache_coupon_cb, task);
  task = NULL;   /* owned by the callback now */
}

/**
 * aisle_sync_client_lookup_coupon_async:
 * @self: an #AisleSyncClient
 * @code: the coupon code as scanned
 * @member_id: (nullable): the member whose profile is open
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the hub's answer
 * @user_data: data for @callback
 *
 * Asks the hub about a coupon the cache does not have (GET /v1/coupons; tablets only), caches
 * it, and checks it for @member_id as aisle_store_check_coupon() does for a cached one. When
 * the hub cannot be reached the callback gets %AISLE_SYNC_ERROR_OFFLINE and nothing changes.
 */
void
aisle_sync_client_lookup_coupon_async (AisleSyncClient     *self,
                                       const char          *code,
                                       const char          *member_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped_code = NULL;
  g_autofree char *path = NULL;
  CouponLookup *l;

  g_return_if_fail (AISLE_IS_SYNC_CLIENT (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) &coupon_source_tag);
  if (self->token == NULL)
    {
      g_task_return_new_error (task, AISLE_SYNC_ERROR, AISLE_SYNC_ERROR_NOT_PAIRED,
                               "This device is not paired with a hub");
      return;
    }
  escaped_code = g_uri_escape_string (code, NULL, FALSE);
  if (member_id != NULL)
    {
      g_autofree char *escaped_member = g_uri_escape_string (member_id, NULL, FALSE);

      path = g_strdup_printf ("/v1/coupons?code=%s&member_id=%s", escaped_code, escaped_member);
    }
  else
    path = g_strdup_printf ("/v1/coupons?code=%s", escaped_code);
  l = g_new0 (CouponLookup, 1);
  l->code = g_strdup (code);
  l->member_id = g_strdup (member_id);
  l->check = AISLE_COUPON_UNKNOWN;
  l->msg = _aisle_sync_client_message (self, "GET", self->hub_url, path, NULL, TRUE);
  g_task_set_task_data (task, l, (GDestroyNotify) coupon_lookup_free);
  _aisle_sync_client_send (self, l->msg, cancellable, coupon_lookup_cb, g_steal_pointer (&task));
}

/**
 * aisle_sync_client_lookup_coupon_finish:
 * @self: an #AisleSyncClient
 * @result: the #GAsyncResult
 * @out_coupon: (out) (optional) (transfer full): the coupon, when the hub showed it
 * @error: return location for a #GError
 *
 * Returns: the check (%AISLE_COUPON_UNKNOWN: the hub does not have it either), or
 *   %AISLE_COUPON_UNKNOWN with @error set when the hub could not be asked
 */
AisleCouponCheck
aisle_sync_client_lookup_coupon_finish (AisleSyncClient  *self,
                                        GAsyncResult     *result,
                                        AisleCoupon     **out_coupon,
                                        GError          **error)
{
  CouponLookup *l;

  g_return_val_if_fail (g_task_is_valid (result, self), AISLE_COUPON_UNKNOWN);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return AISLE_COUPON_UNKNOWN;
  l = g_task_get_task_data (G_TASK (result));
  if (out_coupon != NULL)
    *out_coupon = g_steal_pointer (&l->coupon);
  return l->check;
}

/* aisle-sync-lookup.c: online member lookup (tablets), cached on arrival.
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

/* aisle-hub-db-push.c: the SQLite backend's push: each mutation with last_mutation_id in one
 * transaction, rules checked against the acting staff, results kept for the next pull.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include "aisle-hub-sqlite-private.h"

gboolean _aisle_hub_sqlite_push (AisleHubDb *db, const AisleHubDevice *device, GPtrArray *mutations,
                                 gint64 now, GPtrArray *results, gint64 *out_last_mutation_id,
                                 GError **error);

/* --- push ---------------------------------------------------------------------------------- */

static gboolean
store_result (AisleHubSqlite            *self,
              const AisleHubDevice      *device,
              const AisleMutationResult *result,
              GError                   **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "INSERT OR REPLACE INTO mutation_results (device_id, "
                                                 "mutation_id, name, status, code, message, "
                                                 "detail_json, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                                 "?7, ?8)", error);
  g_auto(AisleStmt) log = NULL;
  g_autofree char *id_text = NULL;

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, device->id);
  sqlite3_bind_int64 (stmt, 2, result->id);
  aisle_sqlite_bind_text (stmt, 3, result->name);
  aisle_sqlite_bind_text (stmt, 4, result->status);
  aisle_sqlite_bind_text (stmt, 5, result->code);
  aisle_sqlite_bind_text (stmt, 6, result->message);
  aisle_sqlite_bind_text (stmt, 7, result->detail_json);
  sqlite3_bind_int64 (stmt, 8, result->at);
  if (!aisle_hub_step (self, stmt, error))
    return FALSE;

  log = aisle_store_prepare_cached (self->store,
                              "INSERT INTO change_log (entity, entity_id, device_id, store_id) "
                              "VALUES ('result', ?1, ?2, ?3)", error);
  if (log == NULL)
    return FALSE;
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, result->id);
  aisle_sqlite_bind_text (log, 1, id_text);
  aisle_sqlite_bind_text (log, 2, device->id);
  aisle_sqlite_bind_text (log, 3, device->store_id);
  return aisle_hub_step (self, log, error);
}

/* Validates the envelope of one mutation against its rule and the acting staff, then runs it.
 * Returns FALSE only on infrastructure errors. */
static gboolean
apply_one (AisleHubSqlite       *self,
           const AisleHubDevice *device,
           const AisleMutation  *mutation,
           gint64                now,
           AisleMutationResult  *result,
           GError              **error)
{
  AisleHubRuleContext ctx = { self, device, mutation, NULL, NULL, now, result };
  g_autoptr(JsonNode) args = NULL;
  g_autoptr(AisleStaff) staff = NULL;
  g_autoptr(GError) local_error = NULL;
  const AisleHubRule *rule;
  gboolean ok;

  rule = aisle_hub_rules_lookup (mutation->name);
  if (rule == NULL)
    return aisle_hub_reject (&ctx, "invalid", "unknown mutation \"%s\"", mutation->name);
  if ((rule->flags & AISLE_HUB_RULE_TABLET) != 0 && g_strcmp0 (device->mode, "tablet") != 0)
    return aisle_hub_reject (&ctx, "forbidden", "%s is for staff tablets only", mutation->name);

  args = aisle_protocol_parse (mutation->args_json, -1, &local_error);
  if (args == NULL)
    return aisle_hub_reject (&ctx, "invalid", "%s", local_error->message);
  ctx.args = json_node_get_object (args);
  if (!aisle_protocol_check_fields (ctx.args, rule->fields, mutation->name, &local_error))
    return aisle_hub_reject (&ctx, "invalid", "%s", local_error->message);

  if (mutation->staff_id != NULL)
    {
      staff = aisle_store_get_staff (self->store, mutation->staff_id, &local_error);
      if (staff == NULL)
        {
          if (!g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          return aisle_hub_reject (&ctx, "forbidden", "unknown staff %s", mutation->staff_id);
        }
      if (!staff->active || g_strcmp0 (staff->branch_id, device->store_id) != 0)
        return aisle_hub_reject (&ctx, "forbidden", "staff %s is not active at store %s",
                                 staff->id, device->store_id);
    }
  else if ((rule->flags & AISLE_HUB_RULE_STAFF) != 0)
    return aisle_hub_reject (&ctx, "forbidden", "%s needs a signed-in staff member",
                             mutation->name);
  ctx.staff = staff;

  if (!aisle_store_begin (self->store, error))
    return FALSE;
  ok = rule->func (&ctx, error);
  if (!ok || g_strcmp0 (result->status, AISLE_RESULT_REJECTED) == 0)
    {
      /* Undo a rule's partial writes; a rejection still counts as handled. */
      aisle_store_rollback (self->store);
      return ok;
    }
  return aisle_store_commit (self->store, error);
}

gboolean
_aisle_hub_sqlite_push (AisleHubDb            *db,
             const AisleHubDevice  *device,
             GPtrArray             *mutations,
             gint64                 now,
             GPtrArray             *results,
             gint64                *out_last_mutation_id,
             GError               **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  gint64 last = 0;

  for (guint i = 0; i < mutations->len; i++)
    {
      const AisleMutation *m = g_ptr_array_index (mutations, i);
      g_autoptr(AisleMutationResult) result = aisle_mutation_result_new ();
      g_auto(AisleStmt) read = NULL;
      int rc;

      result->id = m->id;
      result->name = g_strdup (m->name);
      result->at = now;

      /* One transaction per mutation: the rule's writes, its result and last_mutation_id
       * commit together or not at all (DESIGN.md, Sync protocol). */
      if (!aisle_store_begin (self->store, error))
        return FALSE;
      read = aisle_store_prepare_cached (self->store,
                                   "SELECT last_mutation_id, revoked FROM devices WHERE id = ?1", error);
      if (read == NULL)
        goto fail;
      aisle_sqlite_bind_text (read, 1, device->id);
      rc = sqlite3_step (read);
      if (rc != SQLITE_ROW)
        {
          aisle_store_set_sqlite_error (self->store, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc,
                                  "reading the device", error);
          goto fail;
        }
      last = sqlite3_column_int64 (read, 0);
      if (sqlite3_column_int (read, 1) != 0)
        {
          g_set_error (error, AISLE_HUB_ERROR, AISLE_HUB_ERROR_REVOKED, "device %s was revoked",
                       device->id);
          goto fail;
        }
      sqlite3_reset (read);

      if (m->id <= last)
        {
          aisle_store_rollback (self->store);
          result->status = g_strdup (AISLE_RESULT_DUPLICATE);
          g_ptr_array_add (results, g_steal_pointer (&result));
          continue;
        }
      if (m->id > last + 1)
        {
          g_set_error (error, AISLE_HUB_ERROR, AISLE_HUB_ERROR_OUT_OF_ORDER,
                       "mutation %" G_GINT64_FORMAT " is out of order: the hub has applied up to %"
                       G_GINT64_FORMAT ", so the next must be %" G_GINT64_FORMAT,
                       m->id, last, last + 1);
          goto fail;
        }

      result->status = g_strdup (AISLE_RESULT_APPLIED);
      if (!apply_one (self, device, m, now, result, error))
        goto fail;
      if (g_strcmp0 (result->status, AISLE_RESULT_REJECTED) == 0 || result->detail_json != NULL)
        {
          if (!store_result (self, device, result, error))
            goto fail;
        }
      {
        g_auto(AisleStmt) upd = aisle_store_prepare_cached (self->store,
                                                      "UPDATE devices SET last_mutation_id = ?2, "
                                                      "last_seen = ?3 WHERE id = ?1", error);
        if (upd == NULL)
          goto fail;
        aisle_sqlite_bind_text (upd, 1, device->id);
        sqlite3_bind_int64 (upd, 2, m->id);
        sqlite3_bind_int64 (upd, 3, now);
        if (!aisle_hub_step (self, upd, error))
          goto fail;
      }
      if (!aisle_store_commit (self->store, error))
        goto fail;
      last = m->id;
      g_ptr_array_add (results, g_steal_pointer (&result));
      continue;

    fail:
      aisle_store_rollback (self->store);
      *out_last_mutation_id = last;
      return FALSE;
    }

  if (mutations->len == 0)
    {
      g_auto(AisleStmt) read = aisle_store_prepare_cached (self->store,
                                                     "SELECT last_mutation_id FROM devices WHERE id = ?1",
                                                     error);
      if (read == NULL)
        return FALSE;
      aisle_sqlite_bind_text (read, 1, device->id);
      if (sqlite3_step (read) == SQLITE_ROW)
        last = sqlite3_column_int64 (read, 0);
    }
  *out_last_mutation_id = last;
  return TRUE;
}


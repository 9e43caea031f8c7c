/* aisle-hub-rules-audit.c: audit records tablets send as mutations.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * audit.phone_reveal: a staff member had a member's full phone number shown on a tablet. The
 * tablet logs it locally and queues this mutation in the same transaction
 * (aisle_store_log_phone_reveal()), so the chain's append-only record (007-audit.sql) misses no
 * reveal, even one made offline. Kiosks cannot send it (they never show a phone number).
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include "aisle-hub-sqlite-private.h"

/* A reveal's time may lag (an offline tablet) but not lead the hub's clock by more than this. */
#define REVEAL_MAX_SKEW (24 * 3600)

gboolean
aisle_hub_rule_audit_phone_reveal (AisleHubRuleContext  *ctx,
                                   GError              **error)
{
  g_auto(AisleStmt) stmt = NULL;
  g_autofree char *member_id = NULL;
  const char *member_arg;
  gint64 at = 0;

  ARG_STR ("member_id", TRUE, member_arg);
  ARG_INT ("at", TRUE, at);
  if (at <= 0 || at > ctx->now + REVEAL_MAX_SKEW)
    return aisle_hub_reject (ctx, "invalid", "field \"at\" must be a time no later than the hub's");
  member_id = aisle_hub_resolve_member (ctx->hub, member_arg, error);
  if (member_id == NULL)
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      return aisle_hub_reject (ctx, "not_found", "no member %s", member_arg);
    }

  stmt = aisle_store_prepare_cached (ctx->hub->store,
                                     "INSERT INTO phone_reveal_audit (member_id, staff_id, "
                                     "store_id, device_id, at, received_at) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, member_id);
  aisle_sqlite_bind_text (stmt, 2, ctx->staff->id);
  aisle_sqlite_bind_text (stmt, 3, ctx->device->store_id);
  aisle_sqlite_bind_text (stmt, 4, ctx->device->id);
  sqlite3_bind_int64 (stmt, 5, at);
  sqlite3_bind_int64 (stmt, 6, ctx->now);
  return aisle_hub_step (ctx->hub, stmt, error);
}

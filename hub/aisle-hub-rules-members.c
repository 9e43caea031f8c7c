/* aisle-hub-rules-members.c: the rule table, and the member rules: enrolment, consent,
 * bindings (專員綁定), notes and tags.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "aisle-hub-reports-private.h"
#include "aisle-hub-sqlite-private.h"

static const char * const enrol_fields[] = { "member_id", "name", "phone", "birth_month",
                                             "consent", "referral_code", NULL };
static const char * const consent_fields[] = { "policy_version", "text_hash", "privacy",
                                               "marketing", "channel", NULL };
static const char * const withdraw_fields[] = { "member_id", "marketing_only", "channel", NULL };
static const char * const binding_fields[] = { "binding_id", "member_id", "associate_id",
                                               "source", NULL };
static const char * const note_fields[] = { "note_id", "member_id", "text", NULL };
static const char * const tag_fields[] = { "member_id", "tags", NULL };
static const char * const coupon_fields[] = { "code", "member_id", NULL };
static const char * const invoice_fields[] = { "number", "date", "random_code", "seller_id",
                                               "total", "member_id", NULL };
static const char * const reserve_fields[] = { "reservation_id", "member_id", "product_id",
                                               "store_id", "quantity", "expires_at", NULL };
static const char * const cancel_fields[] = { "reservation_id", NULL };
static const char * const reveal_fields[] = { "member_id", "at", NULL };

static const AisleHubRule rules[] = {
  { "member.enrol", aisle_hub_rule_member_enrol, AISLE_HUB_RULE_ANY_DEVICE, enrol_fields },
  { "consent.withdraw", aisle_hub_rule_consent_withdraw, AISLE_HUB_RULE_ANY_DEVICE, withdraw_fields },
  { "binding.create", aisle_hub_rule_binding_create, AISLE_HUB_RULE_ANY_DEVICE | AISLE_HUB_RULE_STAFF,
    binding_fields },
  { "note.add", aisle_hub_rule_note_add, AISLE_HUB_RULE_TABLET | AISLE_HUB_RULE_STAFF, note_fields },
  { "tag.set", aisle_hub_rule_tag_set, AISLE_HUB_RULE_TABLET | AISLE_HUB_RULE_STAFF, tag_fields },
  { "coupon.redeem", aisle_hub_rule_coupon_redeem, AISLE_HUB_RULE_TABLET | AISLE_HUB_RULE_STAFF,
    coupon_fields },
  { "invoice.register", aisle_hub_rule_invoice_register, AISLE_HUB_RULE_ANY_DEVICE, invoice_fields },
  { "reservation.create", aisle_hub_rule_reservation_create,
    AISLE_HUB_RULE_TABLET | AISLE_HUB_RULE_STAFF, reserve_fields },
  { "reservation.cancel", aisle_hub_rule_reservation_cancel,
    AISLE_HUB_RULE_TABLET | AISLE_HUB_RULE_STAFF, cancel_fields },
  { "audit.phone_reveal", aisle_hub_rule_audit_phone_reveal,
    AISLE_HUB_RULE_TABLET | AISLE_HUB_RULE_STAFF, reveal_fields },
};

const AisleHubRule *
aisle_hub_rules_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].name, name) == 0)
      return &rules[i];
  return NULL;
}

gboolean
aisle_hub_reject (AisleHubRuleContext *ctx,
                  const char          *code,
                  const char          *format,
                  ...)
{
  va_list args;

  g_free (ctx->result->status);
  ctx->result->status = g_strdup (AISLE_RESULT_REJECTED);
  g_free (ctx->result->code);
  ctx->result->code = g_strdup (code);
  g_free (ctx->result->message);
  va_start (args, format);
  ctx->result->message = g_strdup_vprintf (format, args);
  va_end (args);
  return TRUE;
}

gboolean
aisle_hub_reject_or_fail (AisleHubRuleContext  *ctx,
                          GError               *store_error,
                          GError              **error)
{
  if (store_error->domain == AISLE_STORE_ERROR)
    {
      switch (store_error->code)
        {
        case AISLE_STORE_ERROR_NOT_FOUND:
          return aisle_hub_reject (ctx, "not_found", "%s", store_error->message);
        case AISLE_STORE_ERROR_CONSTRAINT:
          return aisle_hub_reject (ctx, "conflict", "%s", store_error->message);
        case AISLE_STORE_ERROR_INVALID:
          return aisle_hub_reject (ctx, "invalid", "%s", store_error->message);
        default:
          break;
        }
    }
  g_propagate_error (error, g_error_copy (store_error));
  return FALSE;
}

char *
aisle_hub_resolve_member (AisleHubSqlite  *hub,
                          const char      *member_id,
                          GError         **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                 "SELECT id FROM members WHERE id = ?1 UNION ALL "
                                                 "SELECT member_id FROM member_aliases WHERE alias_id = ?1 "
                                                 "LIMIT 1", error);

  if (stmt == NULL)
    return NULL;
  aisle_sqlite_bind_text (stmt, 1, member_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return aisle_hub_column_dup (stmt, 0);
  return NULL;
}

/* Appends to the ledger and keeps the cached balance in members.points in step; the balance
 * never goes below zero (a reversal larger than the balance takes what is left). */
gboolean
aisle_hub_add_points (AisleHubSqlite  *hub,
                      const char      *member_id,
                      gint64           delta,
                      const char      *reason,
                      gint64           at,
                      GError         **error)
{
  g_autoptr(AislePointsEntry) entry = aisle_points_entry_new ();
  g_auto(AisleStmt) upd = NULL;
  gint64 balance = aisle_store_get_points_balance (hub->store, member_id, NULL);

  if (balance + delta < 0)
    delta = -balance;
  if (delta == 0)
    return TRUE;
  entry->id = aisle_uuid_new ();
  entry->member_id = g_strdup (member_id);
  entry->delta = delta;
  entry->reason = g_strdup (reason);
  entry->at = at;
  if (!aisle_store_append_points (hub->store, entry, error))
    return FALSE;
  upd = aisle_store_prepare_cached (hub->store,
                              "UPDATE members SET points = (SELECT coalesce (sum (delta), 0) FROM "
                              "points_ledger WHERE member_id = ?1) WHERE id = ?1", error);
  if (upd == NULL)
    return FALSE;
  aisle_sqlite_bind_text (upd, 1, member_id);
  return aisle_hub_step (hub, upd, error);
}


static char *
next_member_number (AisleHubSqlite  *hub,
                    GError         **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (hub->store,
                                                 "SELECT number FROM members WHERE number GLOB "
                                                 "'[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' "
                                                 "ORDER BY number DESC LIMIT 1", error);
  gint64 last = 10000000;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
  return g_strdup_printf ("%08" G_GINT64_FORMAT, last + 1);
}

static gboolean
append_consent (AisleHubRuleContext  *ctx,
                const char           *member_id,
                JsonObject           *consent,
                GError              **error)
{
  g_autoptr(AisleConsent) c = aisle_consent_new ();
  g_autoptr(GError) local_error = NULL;
  const char *policy, *hash, *channel;
  gboolean privacy = FALSE, marketing = FALSE;

  if (!aisle_protocol_check_fields (consent, consent_fields, "consent", &local_error))
    return aisle_hub_reject (ctx, "invalid", "%s", local_error->message);
  policy = aisle_protocol_get_string (consent, "policy_version", TRUE, &local_error);
  if (local_error == NULL)
    hash = aisle_protocol_get_string (consent, "text_hash", TRUE, &local_error);
  if (local_error == NULL)
    channel = aisle_protocol_get_string (consent, "channel", FALSE, &local_error);
  if (local_error == NULL)
    aisle_protocol_get_bool (consent, "privacy", TRUE, &privacy, &local_error);
  if (local_error == NULL)
    aisle_protocol_get_bool (consent, "marketing", TRUE, &marketing, &local_error);
  if (local_error != NULL)
    return aisle_hub_reject (ctx, "invalid", "consent: %s", local_error->message);
  if (!privacy)
    return aisle_hub_reject (ctx, "invalid", "a member must accept the privacy policy");

  c->member_id = g_strdup (member_id);
  c->policy_version = g_strdup (policy);
  c->text_hash = g_strdup (hash);
  c->privacy = privacy;
  c->marketing = marketing;
  c->at = ctx->mutation->created_at != 0 ? ctx->mutation->created_at : ctx->now;
  c->channel = g_strdup (channel != NULL ? channel : ctx->device->mode);
  c->device_id = g_strdup (ctx->device->id);
  if (!aisle_store_append_consent (ctx->hub->store, c, NULL, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

gboolean
aisle_hub_rule_member_enrol (AisleHubRuleContext  *ctx,
                             GError              **error)
{
  g_autoptr(AisleMember) existing = NULL;
  g_autoptr(AisleMember) member = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *known = NULL;
  const char *id, *name, *phone_arg, *referral;
  JsonNode *consent;
  gint64 month = 0;

  ARG_STR ("member_id", TRUE, id);
  ARG_STR ("name", TRUE, name);
  ARG_STR ("phone", TRUE, phone_arg);
  ARG_STR ("referral_code", FALSE, referral);
  if (!aisle_protocol_get_int (ctx->args, "birth_month", FALSE, &month, &local_error))
    return aisle_hub_reject (ctx, "invalid", "%s", local_error->message);
  if (month < 0 || month > 12)
    return aisle_hub_reject (ctx, "invalid", "birth_month must be 0-12");
  consent = json_object_get_member (ctx->args, "consent");
  if (consent == NULL || !JSON_NODE_HOLDS_OBJECT (consent))
    return aisle_hub_reject (ctx, "invalid", "field \"consent\" must be an object");
  phone = aisle_phone_normalize (phone_arg);
  if (phone == NULL)
    return aisle_hub_reject (ctx, "invalid", "\"%s\" is not a Taiwan mobile number", phone_arg);
  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    return aisle_hub_reject (ctx, "invalid", "the name is empty or not UTF-8");

  known = aisle_hub_resolve_member (ctx->hub, id, NULL);
  if (known != NULL)
    return aisle_hub_reject (ctx, "conflict", "member id %s is already in use", id);

  /* One member per mobile number: a known number makes the device's UUID an alias. */
  existing = aisle_store_get_member_by_phone (ctx->hub->store, phone, &local_error);
  if (existing == NULL && !g_error_matches (local_error, AISLE_STORE_ERROR,
                                            AISLE_STORE_ERROR_NOT_FOUND))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  g_clear_error (&local_error);
  if (existing != NULL)
    {
      g_auto(AisleStmt) alias = aisle_store_prepare_cached (ctx->hub->store,
                                                      "INSERT INTO member_aliases (alias_id, "
                                                      "member_id, device_id, at) VALUES "
                                                      "(?1, ?2, ?3, ?4)", error);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) detail = NULL;

      if (alias == NULL)
        return FALSE;
      aisle_sqlite_bind_text (alias, 1, id);
      aisle_sqlite_bind_text (alias, 2, existing->id);
      aisle_sqlite_bind_text (alias, 3, ctx->device->id);
      sqlite3_bind_int64 (alias, 4, ctx->now);
      if (!aisle_hub_step (ctx->hub, alias, error) ||
          !append_consent (ctx, existing->id, json_node_get_object (consent), error))
        return FALSE;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, "existing");
      json_builder_set_member_name (builder, "member_id");
      json_builder_add_string_value (builder, existing->id);
      json_builder_set_member_name (builder, "number");
      json_builder_add_string_value (builder, existing->number);
      json_builder_end_object (builder);
      detail = json_builder_get_root (builder);
      ctx->result->detail_json = aisle_protocol_to_string (detail);
      return TRUE;
    }

  member = aisle_member_new ();
  member->id = g_strdup (id);
  member->number = next_member_number (ctx->hub, error);
  if (member->number == NULL)
    return FALSE;
  member->name = g_strdup (name);
  member->phone = g_strdup (phone);
  member->birth_month = (int) month;
  member->tier = g_strdup ("basic");
  member->home_branch_id = g_strdup (ctx->device->store_id);
  member->enrolled_at = ctx->mutation->created_at != 0 ? ctx->mutation->created_at : ctx->now;
  member->last_activity_at = ctx->now;
  if (!aisle_store_upsert_member (ctx->hub->store, member, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  if (!append_consent (ctx, id, json_node_get_object (consent), error))
    return FALSE;
  if (g_strcmp0 (ctx->result->status, AISLE_RESULT_REJECTED) == 0)
    return TRUE;
  /* enrolments per associate in the store report */
  if (ctx->staff != NULL && !aisle_hub_reports_note_enrolment (ctx->hub, id, ctx->staff->id, error))
    return FALSE;

  if (referral != NULL)
    {
      g_auto(AisleStmt) ref = aisle_store_prepare_cached (ctx->hub->store,
                                                    "SELECT r.staff_id, s.store_id FROM referral_codes r "
                                                    "JOIN staff s ON s.id = r.staff_id "
                                                    "WHERE r.code = ?1 AND s.active = 1", error);
      if (ref == NULL)
        return FALSE;
      aisle_sqlite_bind_text (ref, 1, referral);
      if (sqlite3_step (ref) == SQLITE_ROW)
        {
          g_autoptr(AisleBinding) b = aisle_binding_new ();

          b->id = aisle_uuid_new ();
          b->member_id = g_strdup (id);
          b->staff_id = aisle_hub_column_dup (ref, 0);
          b->branch_id = aisle_hub_column_dup (ref, 1);
          b->since = member->enrolled_at;
          b->source = g_strdup ("referral");
          if (!aisle_store_create_binding (ctx->hub->store, b, &local_error))
            return aisle_hub_reject_or_fail (ctx, local_error, error);
        }
    }
  return TRUE;
}

gboolean
aisle_hub_rule_consent_withdraw (AisleHubRuleContext  *ctx,
                                 GError              **error)
{
  g_autoptr(AisleConsent) latest = NULL;
  g_autoptr(AisleConsent) c = aisle_consent_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *member_id = NULL;
  const char *id, *channel;
  gboolean marketing_only = TRUE;

  ARG_STR ("member_id", TRUE, id);
  ARG_STR ("channel", FALSE, channel);
  if (!aisle_protocol_get_bool (ctx->args, "marketing_only", FALSE, &marketing_only, &local_error))
    return aisle_hub_reject (ctx, "invalid", "%s", local_error->message);
  member_id = aisle_hub_resolve_member (ctx->hub, id, NULL);
  if (member_id == NULL)
    return aisle_hub_reject (ctx, "not_found", "no member %s", id);
  latest = aisle_store_get_latest_consent (ctx->hub->store, member_id, &local_error);
  if (latest == NULL)
    return aisle_hub_reject_or_fail (ctx, local_error, error);

  /* Append-only: withdrawal is a new row that supersedes the last one. */
  c->member_id = g_strdup (member_id);
  c->policy_version = g_strdup (latest->policy_version);
  c->text_hash = g_strdup (latest->text_hash);
  c->privacy = marketing_only ? latest->privacy : FALSE;
  c->marketing = FALSE;
  c->at = ctx->now;
  c->channel = g_strdup (channel != NULL ? channel : ctx->device->mode);
  c->device_id = g_strdup (ctx->device->id);
  if (!aisle_store_append_consent (ctx->hub->store, c, NULL, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

gboolean
aisle_hub_rule_binding_create (AisleHubRuleContext  *ctx,
                               GError              **error)
{
  g_autoptr(AisleStaff) associate = NULL;
  g_autoptr(AisleBinding) active = NULL;
  g_autoptr(AisleBinding) b = aisle_binding_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *member_id = NULL;
  const char *id, *member_arg, *associate_id, *source;
  gint64 lock_days;

  ARG_STR ("binding_id", TRUE, id);
  ARG_STR ("member_id", TRUE, member_arg);
  ARG_STR ("associate_id", FALSE, associate_id);
  ARG_STR ("source", FALSE, source);
  if (associate_id == NULL)
    associate_id = ctx->staff->id;
  if (source != NULL && !g_strv_contains ((const char * const[]) { "card_scan", "associate_qr",
                                                                   "referral", "manager", NULL },
                                          source))
    return aisle_hub_reject (ctx, "invalid", "unknown binding source \"%s\"", source);

  member_id = aisle_hub_resolve_member (ctx->hub, member_arg, NULL);
  if (member_id == NULL)
    return aisle_hub_reject (ctx, "not_found", "no member %s", member_arg);
  associate = aisle_store_get_staff (ctx->hub->store, associate_id, &local_error);
  if (associate == NULL)
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  if (!associate->active)
    return aisle_hub_reject (ctx, "forbidden", "staff %s is not active", associate_id);
  /* Binding someone else to a member is a manager's call. */
  if (g_strcmp0 (associate->id, ctx->staff->id) != 0 && ctx->staff->role != AISLE_STAFF_ROLE_MANAGER)
    return aisle_hub_reject (ctx, "forbidden", "only a manager may bind a member to another associate");

  active = aisle_store_get_active_binding (ctx->hub->store, member_id, &local_error);
  if (active == NULL && !g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  g_clear_error (&local_error);
  lock_days = aisle_hub_sqlite_get_setting_int (ctx->hub, "binding_lock_days", 90);
  if (active != NULL)
    {
      if (g_strcmp0 (active->staff_id, associate->id) == 0)
        {
          ctx->result->detail_json = g_strdup_printf ("{\"result\":\"already_bound\",\"binding_id\":\"%s\"}",
                                                      active->id);
          return TRUE;
        }
      if (ctx->now < active->since + lock_days * 86400 && ctx->staff->role != AISLE_STAFF_ROLE_MANAGER)
        {
          g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (active->since + lock_days * 86400);
          g_autofree char *text = g_date_time_format (until, "%Y-%m-%d");

          return aisle_hub_reject (ctx, "conflict",
                                   "member is bound to associate %s until %s (lock period %"
                                   G_GINT64_FORMAT " days); a manager may rebind earlier",
                                   active->staff_id, text, lock_days);
        }
      if (!aisle_store_end_binding (ctx->hub->store, active->id, ctx->now, &local_error))
        return aisle_hub_reject_or_fail (ctx, local_error, error);
    }

  b->id = g_strdup (id);
  b->member_id = g_strdup (member_id);
  b->staff_id = g_strdup (associate->id);
  b->branch_id = g_strdup (associate->branch_id);
  b->since = ctx->now;
  b->source = g_strdup (source != NULL ? source
                                       : (active != NULL && ctx->staff->role == AISLE_STAFF_ROLE_MANAGER
                                            ? "manager" : "card_scan"));
  if (!aisle_store_create_binding (ctx->hub->store, b, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

gboolean
aisle_hub_rule_note_add (AisleHubRuleContext  *ctx,
                         GError              **error)
{
  g_autoptr(AisleNote) note = aisle_note_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *member_id = NULL;
  const char *id, *member_arg, *text;

  ARG_STR ("note_id", TRUE, id);
  ARG_STR ("member_id", TRUE, member_arg);
  ARG_STR ("text", TRUE, text);
  if (*text == '\0' || strlen (text) > 4000)
    return aisle_hub_reject (ctx, "invalid", "a note has 1 to 4000 bytes");
  member_id = aisle_hub_resolve_member (ctx->hub, member_arg, NULL);
  if (member_id == NULL)
    return aisle_hub_reject (ctx, "not_found", "no member %s", member_arg);
  note->id = g_strdup (id);
  note->member_id = g_steal_pointer (&member_id);
  note->staff_id = g_strdup (ctx->staff->id);
  note->text = g_strdup (text);
  note->at = ctx->now;
  if (!aisle_store_add_note (ctx->hub->store, note, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

gboolean
aisle_hub_rule_tag_set (AisleHubRuleContext  *ctx,
                        GError              **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *member_id = NULL;
  const char *member_arg;
  JsonNode *list;

  ARG_STR ("member_id", TRUE, member_arg);
  list = json_object_get_member (ctx->args, "tags");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return aisle_hub_reject (ctx, "invalid", "field \"tags\" must be an array of strings");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *tag = json_array_get_element (json_node_get_array (list), i);

      if (!JSON_NODE_HOLDS_VALUE (tag) || json_node_get_value_type (tag) != G_TYPE_STRING ||
          *json_node_get_string (tag) == '\0')
        return aisle_hub_reject (ctx, "invalid", "field \"tags\" must be an array of strings");
      g_ptr_array_add (tags, (gpointer) json_node_get_string (tag));
    }
  g_ptr_array_add (tags, NULL);
  member_id = aisle_hub_resolve_member (ctx->hub, member_arg, NULL);
  if (member_id == NULL)
    return aisle_hub_reject (ctx, "not_found", "no member %s", member_arg);
  if (!aisle_store_set_member_tags (ctx->hub->store, member_id,
                                    (const char * const *) tags->pdata, &local_error))
    return aisle_hub_reject_or_fail (ctx, local_error, error);
  return TRUE;
}

/* aisle-store-members.c: members and their consent ledger. Bindings, notes and tags live in
 * aisle-store-bindings.c.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"

/* --- members ------------------------------------------------------------------------------- */

/* The row's rid, name and activity, to find the index entries an update must replace.
 * Returns FALSE on error; *found says whether the member exists. */
static gboolean
lookup_member_key (AisleStore  *self,
                   const char  *id,
                   gboolean    *found,
                   gint64      *rid,
                   char       **name,
                   gint64      *activity,
                   GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  stmt = _aisle_store_prepare (self,
                               "SELECT rid, name, last_activity_at FROM members WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    {
      *rid = sqlite3_column_int64 (stmt, 0);
      *name = _aisle_column_dup (stmt, 1);
      *activity = sqlite3_column_int64 (stmt, 2);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "reading a member", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
upsert_member_inner (AisleStore         *self,
                     const AisleMember  *member,
                     GError            **error)
{
  g_autofree char *old_name = NULL;
  g_autofree char *phone = NULL;
  g_auto(AisleStmt) stmt = NULL;
  gint64 rid = 0, old_activity = 0;
  gboolean found = FALSE;
  int rc;

  if (!lookup_member_key (self, member->id, &found, &rid, &old_name, &old_activity, error))
    return FALSE;

  /* Stored normalised so that phone and suffix lookups match however it was typed; a number
   * that is not a Taiwan mobile (a landline from an old record) is kept as given. */
  phone = aisle_phone_normalize (member->phone);
  if (phone == NULL && member->phone != NULL && *member->phone != '\0')
    phone = g_strstrip (g_strdup (member->phone));

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO members (id, number, name, phone, birth_month, tier, "
                               "points, home_store_id, enrolled_at, last_activity_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                               "ON CONFLICT (id) DO UPDATE SET number = excluded.number, "
                               "name = excluded.name, phone = excluded.phone, "
                               "birth_month = excluded.birth_month, tier = excluded.tier, "
                               "points = excluded.points, home_store_id = excluded.home_store_id, "
                               "enrolled_at = excluded.enrolled_at, "
                               "last_activity_at = excluded.last_activity_at "
                               "RETURNING rid", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, member->id);
  _aisle_bind_text (stmt, 2, member->number != NULL && *member->number != '\0' ? member->number
                                                                               : NULL);
  _aisle_bind_text (stmt, 3, member->name);
  _aisle_bind_text (stmt, 4, phone);
  sqlite3_bind_int (stmt, 5, member->birth_month);
  _aisle_bind_text (stmt, 6, member->tier != NULL ? member->tier : "basic");
  sqlite3_bind_int64 (stmt, 7, member->points);
  _aisle_bind_text (stmt, 8, member->home_branch_id);
  sqlite3_bind_int64 (stmt, 9, member->enrolled_at);
  sqlite3_bind_int64 (stmt, 10, member->last_activity_at);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _aisle_store_set_error (self, rc, "saving a member", error);
      return FALSE;
    }
  rid = sqlite3_column_int64 (stmt, 0);
  if (!_aisle_store_step_done (self, stmt, "saving a member", error))
    return FALSE;

  return _aisle_store_index_member (self, rid, found ? old_name : NULL, old_activity,
                                    member->name, member->last_activity_at, error);
}

/**
 * aisle_store_upsert_member:
 * @self: an #AisleStore
 * @member: the member; @member->id and @member->name are required
 * @error: return location for a #GError
 *
 * Inserts or replaces a member and keeps the name and phone search indexes in step.
 * The phone is stored normalised (09xxxxxxxx).
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_upsert_member (AisleStore         *self,
                           const AisleMember  *member,
                           GError            **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  if (!_aisle_require_id (member->id, "member id", error) ||
      !_aisle_require_id (member->name, "member name", error))
    return FALSE;
  if (member->birth_month < 0 || member->birth_month > 12)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "birth month %d is not 0-12", member->birth_month);
      return FALSE;
    }

  if (!aisle_store_begin (self, error))
    return FALSE;
  if (!upsert_member_inner (self, member, error) || !aisle_store_commit (self, error))
    {
      aisle_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static AisleMember *
get_member_where (AisleStore  *self,
                  const char  *sql,
                  const char  *key,
                  const char  *what,
                  GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  stmt = _aisle_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return _aisle_store_member_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND,
                 "no member with %s %s", what, key);
  else
    _aisle_store_set_error (self, rc, "reading a member", error);
  return NULL;
}

/**
 * aisle_store_get_member:
 * @self: an #AisleStore
 * @id: the member's UUID
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the member, or %NULL (%AISLE_STORE_ERROR_NOT_FOUND if absent)
 */
AisleMember *
aisle_store_get_member (AisleStore  *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return get_member_where (self, "SELECT " AISLE_MEMBER_COLUMNS " FROM members WHERE id = ?1",
                           id, "id", error);
}

/**
 * aisle_store_get_member_by_number:
 * @self: an #AisleStore
 * @number: the member number as printed on the card
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the member, or %NULL (%AISLE_STORE_ERROR_NOT_FOUND if absent)
 */
AisleMember *
aisle_store_get_member_by_number (AisleStore  *self,
                                  const char  *number,
                                  GError     **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  return get_member_where (self,
                           "SELECT " AISLE_MEMBER_COLUMNS " FROM members WHERE number = ?1",
                           number, "number", error);
}

/**
 * aisle_store_get_member_by_phone:
 * @self: an #AisleStore
 * @phone: a Taiwan mobile number in any common format
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the most recently active member with that phone, or %NULL
 *   (%AISLE_STORE_ERROR_INVALID if @phone is not a mobile number, NOT_FOUND if absent)
 */
AisleMember *
aisle_store_get_member_by_phone (AisleStore  *self,
                                 const char  *phone,
                                 GError     **error)
{
  g_autofree char *normal = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (phone != NULL, NULL);

  normal = aisle_phone_normalize (phone);
  if (normal == NULL)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "%s is not a Taiwan mobile number", phone);
      return NULL;
    }
  return get_member_where (self,
                           "SELECT " AISLE_MEMBER_COLUMNS " FROM members WHERE phone = ?1 "
                           "ORDER BY last_activity_at DESC LIMIT 1",
                           normal, "phone", error);
}

/**
 * aisle_store_touch_member:
 * @self: an #AisleStore
 * @id: the member's UUID
 * @at: when they were last active (an order, a visit, a lookup)
 * @error: return location for a #GError
 *
 * Moves the member up in search results. An @at older than the stored one is ignored.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_touch_member (AisleStore  *self,
                          const char  *id,
                          gint64       at,
                          GError     **error)
{
  g_autofree char *name = NULL;
  gint64 rid = 0, old_activity = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!aisle_store_begin (self, error))
    return FALSE;
  if (!lookup_member_key (self, id, &found, &rid, &name, &old_activity, error))
    goto fail;
  if (!found)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND, "no member with id %s",
                   id);
      goto fail;
    }
  if (at > old_activity)
    {
      g_auto(AisleStmt) stmt = NULL;

      stmt = _aisle_store_prepare (self,
                                   "UPDATE members SET last_activity_at = ?1 WHERE rid = ?2",
                                   error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, at);
      sqlite3_bind_int64 (stmt, 2, rid);
      if (!_aisle_store_step_done (self, stmt, "touching a member", error) ||
          !_aisle_store_index_member (self, rid, name, old_activity, name, at, error))
        goto fail;
    }
  if (!aisle_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  aisle_store_rollback (self);
  return FALSE;
}

/**
 * aisle_store_count_members:
 * @self: an #AisleStore
 * @error: return location for a #GError
 *
 * Returns: the number of cached members, or -1 with @error set
 */
gint64
aisle_store_count_members (AisleStore  *self,
                           GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), -1);

  stmt = _aisle_store_prepare (self, "SELECT count(*) FROM members", error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _aisle_store_set_error (self, rc, "counting members", error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* --- consent ledger ------------------------------------------------------------------------ */

/**
 * aisle_store_append_consent:
 * @self: an #AisleStore
 * @consent: the consent given or refused; its seq is ignored
 * @out_seq: (out) (optional): the ledger position assigned
 * @error: return location for a #GError
 *
 * The ledger is append-only (a trigger refuses updates): a change of mind is a new entry.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_append_consent (AisleStore          *self,
                            const AisleConsent  *consent,
                            gint64              *out_seq,
                            GError             **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (consent != NULL, FALSE);

  if (!_aisle_require_id (consent->member_id, "consent member id", error) ||
      !_aisle_require_id (consent->policy_version, "consent policy version", error) ||
      !_aisle_require_id (consent->text_hash, "consent text hash", error) ||
      !_aisle_require_id (consent->channel, "consent channel", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO member_consents (member_id, policy_version, "
                               "text_hash, privacy, marketing, at, channel, device_id) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, consent->member_id);
  _aisle_bind_text (stmt, 2, consent->policy_version);
  _aisle_bind_text (stmt, 3, consent->text_hash);
  sqlite3_bind_int (stmt, 4, consent->privacy ? 1 : 0);
  sqlite3_bind_int (stmt, 5, consent->marketing ? 1 : 0);
  sqlite3_bind_int64 (stmt, 6, consent->at);
  _aisle_bind_text (stmt, 7, consent->channel);
  _aisle_bind_text (stmt, 8, consent->device_id);
  if (!_aisle_store_step_done (self, stmt, "recording consent", error))
    return FALSE;
  if (out_seq != NULL)
    *out_seq = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

#define CONSENT_COLUMNS \
  "seq, member_id, policy_version, text_hash, privacy, marketing, at, channel, device_id"

static AisleConsent *
consent_from_row (sqlite3_stmt *stmt)
{
  AisleConsent *c = aisle_consent_new ();

  c->seq = sqlite3_column_int64 (stmt, 0);
  c->member_id = _aisle_column_dup (stmt, 1);
  c->policy_version = _aisle_column_dup (stmt, 2);
  c->text_hash = _aisle_column_dup (stmt, 3);
  c->privacy = sqlite3_column_int (stmt, 4) != 0;
  c->marketing = sqlite3_column_int (stmt, 5) != 0;
  c->at = sqlite3_column_int64 (stmt, 6);
  c->channel = _aisle_column_dup (stmt, 7);
  c->device_id = _aisle_column_dup (stmt, 8);
  return c;
}

/**
 * aisle_store_list_consents:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleConsent): the ledger, newest first
 */
GPtrArray *
aisle_store_list_consents (AisleStore  *self,
                           const char  *member_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " CONSENT_COLUMNS " FROM member_consents "
                               "WHERE member_id = ?1 ORDER BY seq DESC", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_consent_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, consent_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing consents", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * aisle_store_get_latest_consent:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the member's current consent, or %NULL (NOT_FOUND if none)
 */
AisleConsent *
aisle_store_get_latest_consent (AisleStore  *self,
                                const char  *member_id,
                                GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " CONSENT_COLUMNS " FROM member_consents "
                               "WHERE member_id = ?1 ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return consent_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND,
                 "member %s has no consent on record", member_id);
  else
    _aisle_store_set_error (self, rc, "reading consent", error);
  return NULL;
}

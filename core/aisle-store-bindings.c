/* aisle-store-bindings.c: a member's associate bindings (專員綁定), staff notes and tags.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-store"

#include "config.h"

#include <string.h>

#include "aisle-store-private.h"

/* --- bindings ------------------------------------------------------------------------------ */

#define BINDING_COLUMNS "id, member_id, staff_id, store_id, since, until, source"

static AisleBinding *
binding_from_row (sqlite3_stmt *stmt)
{
  AisleBinding *b = aisle_binding_new ();

  b->id = _aisle_column_dup (stmt, 0);
  b->member_id = _aisle_column_dup (stmt, 1);
  b->staff_id = _aisle_column_dup (stmt, 2);
  b->branch_id = _aisle_column_dup (stmt, 3);
  b->since = sqlite3_column_int64 (stmt, 4);
  b->until = sqlite3_column_int64 (stmt, 5);
  b->source = _aisle_column_dup (stmt, 6);
  return b;
}

/**
 * aisle_store_create_binding:
 * @self: an #AisleStore
 * @binding: the new binding (until 0 for an active one)
 * @error: return location for a #GError
 *
 * A member has at most one active binding: creating a second one while the first is active
 * fails with %AISLE_STORE_ERROR_CONSTRAINT. End the old one first (in the same transaction).
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_create_binding (AisleStore          *self,
                            const AisleBinding  *binding,
                            GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (binding != NULL, FALSE);

  if (!_aisle_require_id (binding->id, "binding id", error) ||
      !_aisle_require_id (binding->member_id, "binding member id", error) ||
      !_aisle_require_id (binding->staff_id, "binding staff id", error) ||
      !_aisle_require_id (binding->branch_id, "binding store id", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO bindings (" BINDING_COLUMNS ") "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, binding->id);
  _aisle_bind_text (stmt, 2, binding->member_id);
  _aisle_bind_text (stmt, 3, binding->staff_id);
  _aisle_bind_text (stmt, 4, binding->branch_id);
  sqlite3_bind_int64 (stmt, 5, binding->since);
  sqlite3_bind_int64 (stmt, 6, binding->until);
  _aisle_bind_text (stmt, 7, binding->source != NULL ? binding->source : "card_scan");
  if (!_aisle_store_step_done (self, stmt, "creating a binding", &local_error))
    {
      if (g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT))
        g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_CONSTRAINT,
                     "member %s is already bound, or binding %s exists (%s)",
                     binding->member_id, binding->id, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * aisle_store_end_binding:
 * @self: an #AisleStore
 * @binding_id: an active binding
 * @until: when it ended
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; NOT_FOUND if no such active binding
 */
gboolean
aisle_store_end_binding (AisleStore  *self,
                         const char  *binding_id,
                         gint64       until,
                         GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (binding_id != NULL, FALSE);

  if (until <= 0)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_INVALID,
                   "a binding must end at a positive time");
      return FALSE;
    }
  stmt = _aisle_store_prepare (self,
                               "UPDATE bindings SET until = ?2 WHERE id = ?1 AND until = 0",
                               error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, binding_id);
  sqlite3_bind_int64 (stmt, 2, until);
  if (!_aisle_store_step_done (self, stmt, "ending a binding", error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND,
                   "no active binding %s", binding_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * aisle_store_get_active_binding:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the member's active binding, or %NULL (NOT_FOUND if unbound)
 */
AisleBinding *
aisle_store_get_active_binding (AisleStore  *self,
                                const char  *member_id,
                                GError     **error)
{
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " BINDING_COLUMNS " FROM bindings "
                               "WHERE member_id = ?1 AND until = 0", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return binding_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND,
                 "member %s is not bound to an associate", member_id);
  else
    _aisle_store_set_error (self, rc, "reading a binding", error);
  return NULL;
}

/**
 * aisle_store_list_bindings:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleBinding): the history, newest first
 */
GPtrArray *
aisle_store_list_bindings (AisleStore  *self,
                           const char  *member_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT " BINDING_COLUMNS " FROM bindings WHERE member_id = ?1 "
                               "ORDER BY since DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_binding_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, binding_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing bindings", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* --- notes --------------------------------------------------------------------------------- */

gboolean
aisle_store_add_note (AisleStore       *self,
                      const AisleNote  *note,
                      GError          **error)
{
  g_auto(AisleStmt) stmt = NULL;

  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (!_aisle_require_id (note->id, "note id", error) ||
      !_aisle_require_id (note->member_id, "note member id", error) ||
      !_aisle_require_id (note->text, "note text", error))
    return FALSE;

  stmt = _aisle_store_prepare (self,
                               "INSERT INTO notes (id, member_id, staff_id, text, at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5) "
                               "ON CONFLICT (id) DO UPDATE SET text = excluded.text, "
                               "at = excluded.at", error);
  if (stmt == NULL)
    return FALSE;
  _aisle_bind_text (stmt, 1, note->id);
  _aisle_bind_text (stmt, 2, note->member_id);
  _aisle_bind_text (stmt, 3, note->staff_id);
  _aisle_bind_text (stmt, 4, note->text);
  sqlite3_bind_int64 (stmt, 5, note->at);
  return _aisle_store_step_done (self, stmt, "adding a note", error);
}

/**
 * aisle_store_list_notes:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type AisleNote): the notes, newest first
 */
GPtrArray *
aisle_store_list_notes (AisleStore  *self,
                        const char  *member_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT id, member_id, staff_id, text, at FROM notes "
                               "WHERE member_id = ?1 ORDER BY at DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_note_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AisleNote *n = aisle_note_new ();

      n->id = _aisle_column_dup (stmt, 0);
      n->member_id = _aisle_column_dup (stmt, 1);
      n->staff_id = _aisle_column_dup (stmt, 2);
      n->text = _aisle_column_dup (stmt, 3);
      n->at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, n);
    }
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing notes", error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* --- tags ---------------------------------------------------------------------------------- */

/**
 * aisle_store_set_member_tags:
 * @self: an #AisleStore
 * @member_id: the member
 * @tags: (array zero-terminated=1) (nullable): the member's tags; %NULL or empty clears them
 * @error: return location for a #GError
 *
 * Replaces the member's tag set.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_store_set_member_tags (AisleStore          *self,
                             const char          *member_id,
                             const char * const  *tags,
                             GError             **error)
{
  g_return_val_if_fail (AISLE_IS_STORE (self), FALSE);
  g_return_val_if_fail (member_id != NULL, FALSE);

  if (!aisle_store_begin (self, error))
    return FALSE;
  {
    g_auto(AisleStmt) del = _aisle_store_prepare (self,
                                                  "DELETE FROM member_tags WHERE member_id = ?1",
                                                  error);
    if (del == NULL)
      goto fail;
    _aisle_bind_text (del, 1, member_id);
    if (!_aisle_store_step_done (self, del, "clearing tags", error))
      goto fail;
  }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_auto(AisleStmt) ins = NULL;

      if (*tags[i] == '\0')
        continue;
      ins = _aisle_store_prepare (self,
                                  "INSERT OR IGNORE INTO member_tags (member_id, tag) "
                                  "VALUES (?1, ?2)", error);
      if (ins == NULL)
        goto fail;
      _aisle_bind_text (ins, 1, member_id);
      _aisle_bind_text (ins, 2, tags[i]);
      if (!_aisle_store_step_done (self, ins, "tagging a member", error))
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
 * aisle_store_list_member_tags:
 * @self: an #AisleStore
 * @member_id: the member
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the tags in alphabetical order, or %NULL with @error set
 */
GStrv
aisle_store_list_member_tags (AisleStore  *self,
                              const char  *member_id,
                              GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(AisleStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (AISLE_IS_STORE (self), NULL);
  g_return_val_if_fail (member_id != NULL, NULL);

  stmt = _aisle_store_prepare (self,
                               "SELECT tag FROM member_tags WHERE member_id = ?1 ORDER BY tag",
                               error);
  if (stmt == NULL)
    return NULL;
  _aisle_bind_text (stmt, 1, member_id);
  builder = g_strv_builder_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _aisle_store_set_error (self, rc, "listing tags", error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

/* aisle-hub-db-sqlite.c: the hub's SQLite backend: schema, settings, devices and pairing.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "aisle-hub-sqlite-private.h"
#include "aisle-hub-reports-private.h"
#include "aisle-hub-resources.h"

G_DEFINE_QUARK (aisle-hub-error-quark, aisle_hub_error)

/* Hub schema migrations, in order; their version lives in hub_meta, not PRAGMA user_version. */
static const struct
{
  int         version;
  const char *resource;
} hub_migrations[] = {
  { 1, "/org/aisleretail/Aisle/hub/001-hub.sql" },
  { 2, "/org/aisleretail/Aisle/hub/002-scope.sql" },
  { 3, "/org/aisleretail/Aisle/hub/003-upkeep.sql" },
  { 5, "/org/aisleretail/Aisle/hub/005-reports.sql" },
  { 6, "/org/aisleretail/Aisle/hub/006-device-keys.sql" },
  { 7, "/org/aisleretail/Aisle/hub/007-audit.sql" },
  { 8, "/org/aisleretail/Aisle/hub/008-settings.sql" },
  { 9, "/org/aisleretail/Aisle/hub/009-compact.sql" },
};

void
aisle_hub_device_free (AisleHubDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->id);
  g_free (device->name);
  g_free (device->store_id);
  g_free (device->mode);
  g_free (device->public_key);
  g_free (device);
}

void
aisle_hub_pairing_free (AisleHubPairing *pairing)
{
  if (pairing == NULL)
    return;
  aisle_hub_device_free (pairing->device);
  if (pairing->token != NULL)
    sodium_memzero (pairing->token, strlen (pairing->token));
  g_free (pairing->token);
  g_free (pairing->hub_public_key);
  g_clear_pointer (&pairing->device_keys, g_ptr_array_unref);
  g_free (pairing);
}

/* Tokens and pairing codes carry at least 40 random bits (codes expire within minutes and
 * work once) or 256 (tokens), so a fast hash is enough: nobody can brute-force them offline. */
char *
aisle_hub_hash_secret (const char *secret)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, secret, -1);
}

gboolean
aisle_hub_step (AisleHubSqlite *hub,
                sqlite3_stmt   *stmt,
                GError        **error)
{
  return aisle_store_step_done (hub->store, stmt, "writing", error);
}

/* Runs SQL without parameters (schema statements only, never with data). */
gboolean
aisle_hub_exec (AisleHubSqlite *self,
                const char     *sql,
                GError        **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED, "%s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
exec_resource (AisleHubSqlite *self,
               const char     *path,
               GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  char *message = NULL;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED, "%s: %s", path, message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static char *
get_meta (AisleHubSqlite *self,
          const char     *key)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "SELECT value FROM hub_meta WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  aisle_sqlite_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return aisle_hub_column_dup (stmt, 0);
  return NULL;
}

static gboolean
set_meta (AisleHubSqlite *self,
          const char     *key,
          const char     *value,
          GError        **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "INSERT OR REPLACE INTO hub_meta (key, value) "
                                                 "VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, key);
  aisle_sqlite_bind_text (stmt, 2, value);
  return aisle_hub_step (self, stmt, error);
}

static gboolean
migrate (AisleHubSqlite *self,
         GError        **error)
{
  g_autofree char *version_text = NULL;
  g_autofree char *existing_key = NULL;
  int version;

  if (!aisle_hub_exec (self, "CREATE TABLE IF NOT EXISTS hub_meta ("
                          "key TEXT PRIMARY KEY NOT NULL, value TEXT) WITHOUT ROWID", error))
    return FALSE;
  version_text = get_meta (self, "schema");
  version = version_text != NULL ? atoi (version_text) : 0;
  if (version > hub_migrations[G_N_ELEMENTS (hub_migrations) - 1].version)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED,
                   "%s has hub schema %d, newer than this aisle-hub's: update aisle-hub",
                   aisle_store_get_path (self->store), version);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (hub_migrations); i++)
    {
      g_autofree char *text = NULL;

      if (hub_migrations[i].version <= version)
        continue;
      if (!aisle_store_begin (self->store, error))
        return FALSE;
      text = g_strdup_printf ("%d", hub_migrations[i].version);
      if (!exec_resource (self, hub_migrations[i].resource, error) ||
          !set_meta (self, "schema", text, error) ||
          !aisle_store_commit (self->store, error))
        {
          aisle_store_rollback (self->store);
          return FALSE;
        }
      g_debug ("migrated the hub schema to %d", hub_migrations[i].version);
    }

  if (!aisle_hub_sqlite_restore_triggers (self, TRUE, error))
    return FALSE;

  /* The hub's own Ed25519 key for member cards, created once. */
  existing_key = get_meta (self, "sign_public_key");
  if (existing_key == NULL)
    {
      guint8 pk[crypto_sign_PUBLICKEYBYTES];
      guint8 sk[crypto_sign_SECRETKEYBYTES];
      g_autofree char *pk64 = NULL;
      g_autofree char *sk64 = NULL;
      gboolean ok;

      crypto_sign_keypair (pk, sk);
      pk64 = g_base64_encode (pk, sizeof pk);
      sk64 = g_base64_encode (sk, sizeof sk);
      sodium_memzero (sk, sizeof sk);
      ok = set_meta (self, "sign_public_key", pk64, error) &&
           set_meta (self, "sign_secret_key", sk64, error);
      sodium_memzero (sk64, strlen (sk64));
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* --- settings ------------------------------------------------------------------------------ */

char *
aisle_hub_sqlite_get_setting (AisleHubSqlite *self,
                              const char     *key)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "SELECT value FROM hub_settings WHERE key = ?1",
                                                 NULL);

  if (stmt == NULL)
    return NULL;
  aisle_sqlite_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return aisle_hub_column_dup (stmt, 0);
  return NULL;
}

gint64
aisle_hub_sqlite_get_setting_int (AisleHubSqlite *self,
                                  const char     *key,
                                  gint64          fallback)
{
  g_autofree char *text = aisle_hub_sqlite_get_setting (self, key);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

gboolean
aisle_hub_sqlite_set_setting (AisleHubSqlite *self,
                              const char     *key,
                              const char     *value,
                              GError        **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "INSERT OR REPLACE INTO hub_settings (key, value) "
                                                 "VALUES (?1, ?2)", error);

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, key);
  aisle_sqlite_bind_text (stmt, 2, value);
  return aisle_hub_step (self, stmt, error);
}

/* --- devices and pairing ------------------------------------------------------------------- */

#define DEVICE_COLUMNS \
  "id, name, store_id, mode, public_key, revoked, last_mutation_id, paired_at, last_seen"

static AisleHubDevice *
device_from_row (sqlite3_stmt *stmt)
{
  AisleHubDevice *d = g_new0 (AisleHubDevice, 1);

  d->id = aisle_hub_column_dup (stmt, 0);
  d->name = aisle_hub_column_dup (stmt, 1);
  d->store_id = aisle_hub_column_dup (stmt, 2);
  d->mode = aisle_hub_column_dup (stmt, 3);
  d->public_key = aisle_hub_column_dup (stmt, 4);
  d->revoked = sqlite3_column_int (stmt, 5) != 0;
  d->last_mutation_id = sqlite3_column_int64 (stmt, 6);
  d->paired_at = sqlite3_column_int64 (stmt, 7);
  d->last_seen = sqlite3_column_int64 (stmt, 8);
  return d;
}

/* Last-seen times are kept in memory and written in one transaction by the worker's upkeep
 * (every few seconds), /metrics and shutdown: a write per call would cost a commit (and an
 * fsync) on the hub's hottest path. */
gboolean
aisle_hub_sqlite_flush_last_seen (AisleHubSqlite *self,
                                  GError        **error)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (self->last_seen) == 0)
    return TRUE;
  if (!aisle_store_begin (self->store, error))
    return FALSE;
  g_hash_table_iter_init (&iter, self->last_seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                     "UPDATE devices SET last_seen = max (last_seen, ?2) "
                                                     "WHERE id = ?1", error);
      if (stmt == NULL)
        goto fail;
      aisle_sqlite_bind_text (stmt, 1, key);
      sqlite3_bind_int64 (stmt, 2, *(gint64 *) value);
      if (!aisle_hub_step (self, stmt, error))
        goto fail;
    }
  if (!aisle_store_commit (self->store, error))
    goto fail;
  g_hash_table_remove_all (self->last_seen);
  return TRUE;

fail:
  aisle_store_rollback (self->store);
  return FALSE;
}

static AisleHubDevice *
sqlite_authenticate (AisleHubDb  *db,
                     const char  *token,
                     gint64       now,
                     GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autofree char *hash = NULL;
  g_auto(AisleStmt) stmt = NULL;
  AisleHubDevice *device;
  int rc;

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_UNAUTHORIZED,
                           "this call needs the device's bearer token");
      return NULL;
    }
  hash = aisle_hub_hash_secret (token);
  stmt = aisle_store_prepare_cached (self->store,
                               "SELECT " DEVICE_COLUMNS " FROM devices WHERE token_hash = ?1", error);
  if (stmt == NULL)
    return NULL;
  aisle_sqlite_bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_UNAUTHORIZED, "unknown device token");
      else
        aisle_store_set_sqlite_error (self->store, rc, "reading devices", error);
      return NULL;
    }
  device = device_from_row (stmt);
  if (device->revoked)
    {
      g_set_error (error, AISLE_HUB_ERROR, AISLE_HUB_ERROR_REVOKED,
                   "device %s was revoked: pair it again", device->id);
      aisle_hub_device_free (device);
      return NULL;
    }
  aisle_hub_sqlite_note_seen (self, device->id, now);
  return device;
}

char *
aisle_hub_sqlite_create_pairing_code (AisleHubSqlite *self,
                                      const char     *store_id,
                                      const char     *mode,
                                      gint64          now,
                                      GError        **error)
{
  g_auto(AisleStmt) stmt = NULL;
  g_autoptr(AisleBranch) branch = NULL;
  g_autofree char *hash = NULL;
  GString *code = g_string_new (NULL);
  gint64 ttl = aisle_hub_sqlite_get_setting_int (self, "pairing_code_ttl_seconds", 900);

  if (g_strcmp0 (mode, "kiosk") != 0 && g_strcmp0 (mode, "tablet") != 0)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_INVALID, "mode must be kiosk or tablet");
      g_string_free (code, TRUE);
      return NULL;
    }
  branch = aisle_store_get_branch (self->store, store_id, error);
  if (branch == NULL)
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  /* 12 characters from a 32-letter alphabet without look-alikes: 60 bits, easy to type. */
  for (guint i = 0; i < 12; i++)
    {
      static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

      if (i == 4 || i == 8)
        g_string_append_c (code, '-');
      g_string_append_c (code, alphabet[randombytes_uniform (32)]);
    }
  hash = aisle_hub_hash_secret (code->str);
  stmt = aisle_store_prepare_cached (self->store,
                               "INSERT INTO pairing_codes (code_hash, store_id, mode, created_at, "
                               "expires_at) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  aisle_sqlite_bind_text (stmt, 1, hash);
  aisle_sqlite_bind_text (stmt, 2, store_id);
  aisle_sqlite_bind_text (stmt, 3, mode);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, now + ttl);
  if (!aisle_hub_step (self, stmt, error))
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  return g_string_free (code, FALSE);
}

static GPtrArray *
list_devices_where (AisleHubSqlite *self,
                    const char     *sql,
                    GError        **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) aisle_hub_device_free);
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (devices, device_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (self->store, rc, "listing devices", error);
      return NULL;
    }
  return g_steal_pointer (&devices);
}

GPtrArray *
aisle_hub_sqlite_list_devices (AisleHubSqlite *self,
                               GError        **error)
{
  if (!aisle_hub_sqlite_flush_last_seen (self, error))
    return NULL;
  return list_devices_where (self, "SELECT " DEVICE_COLUMNS " FROM devices ORDER BY store_id, paired_at",
                             error);
}

gboolean
aisle_hub_sqlite_revoke_device (AisleHubSqlite *self,
                                const char     *device_id,
                                GError        **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                 "UPDATE devices SET revoked = 1 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, device_id);
  if (!aisle_hub_step (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_NOT_FOUND, "no device %s", device_id);
      return FALSE;
    }
  return TRUE;
}

static AisleHubPairing *
sqlite_pair (AisleHubDb  *db,
             const char  *code,
             const char  *name,
             const char  *public_key,
             gint64       now,
             GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autoptr(AisleHubPairing) pairing = g_new0 (AisleHubPairing, 1);
  g_autofree char *hash = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *upper = NULL;
  guint8 raw[32];
  int rc;

  /* Codes are typed by people: accept lower case and surrounding spaces. */
  upper = g_ascii_strup (code, -1);
  g_strstrip (upper);
  hash = aisle_hub_hash_secret (upper);

  if (!aisle_store_begin (self->store, error))
    return NULL;
  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                   "SELECT store_id, mode, expires_at, used_at "
                                                   "FROM pairing_codes WHERE code_hash = ?1", error);
    if (stmt == NULL)
      goto fail;
    aisle_sqlite_bind_text (stmt, 1, hash);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        if (rc == SQLITE_DONE)
          g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_UNAUTHORIZED, "unknown pairing code");
        else
          aisle_store_set_sqlite_error (self->store, rc, "reading pairing codes", error);
        goto fail;
      }
    if (sqlite3_column_int64 (stmt, 3) != 0)
      {
        g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_UNAUTHORIZED,
                             "this pairing code was already used: create a new one");
        goto fail;
      }
    if (sqlite3_column_int64 (stmt, 2) < now)
      {
        g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_UNAUTHORIZED,
                             "this pairing code has expired: create a new one");
        goto fail;
      }
    pairing->device = g_new0 (AisleHubDevice, 1);
    pairing->device->store_id = aisle_hub_column_dup (stmt, 0);
    pairing->device->mode = aisle_hub_column_dup (stmt, 1);
  }

  randombytes_buf (raw, sizeof raw);
  pairing->token = g_base64_encode (raw, sizeof raw);
  sodium_memzero (raw, sizeof raw);
  /* base64url, so the token needs no quoting in a header or a shell */
  g_strdelimit (pairing->token, "+", '-');
  g_strdelimit (pairing->token, "/", '_');
  token_hash = aisle_hub_hash_secret (pairing->token);
  pairing->device->id = aisle_uuid_new ();
  pairing->device->name = g_strdup (name != NULL ? name : "");
  pairing->device->public_key = g_strdup (public_key);
  pairing->device->paired_at = now;

  {
    g_auto(AisleStmt) ins = aisle_store_prepare_cached (self->store,
                                                  "INSERT INTO devices (id, name, store_id, mode, "
                                                  "token_hash, public_key, paired_at, last_seen) "
                                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);
    if (ins == NULL)
      goto fail;
    aisle_sqlite_bind_text (ins, 1, pairing->device->id);
    aisle_sqlite_bind_text (ins, 2, pairing->device->name);
    aisle_sqlite_bind_text (ins, 3, pairing->device->store_id);
    aisle_sqlite_bind_text (ins, 4, pairing->device->mode);
    aisle_sqlite_bind_text (ins, 5, token_hash);
    aisle_sqlite_bind_text (ins, 6, public_key);
    sqlite3_bind_int64 (ins, 7, now);
    if (!aisle_hub_step (self, ins, error))
      goto fail;
  }
  {
    g_auto(AisleStmt) used = aisle_store_prepare_cached (self->store,
                                                   "UPDATE pairing_codes SET used_at = ?2, device_id = ?3 "
                                                   "WHERE code_hash = ?1", error);
    if (used == NULL)
      goto fail;
    aisle_sqlite_bind_text (used, 1, hash);
    sqlite3_bind_int64 (used, 2, now);
    aisle_sqlite_bind_text (used, 3, pairing->device->id);
    if (!aisle_hub_step (self, used, error))
      goto fail;
  }
  if (!aisle_store_commit (self->store, error))
    goto fail;

  pairing->hub_public_key = get_meta (self, "sign_public_key");
  pairing->device_keys = list_devices_where (self, "SELECT " DEVICE_COLUMNS " FROM devices "
                                             "WHERE revoked = 0 AND public_key IS NOT NULL "
                                             "ORDER BY paired_at", error);
  if (pairing->device_keys == NULL)
    return NULL;
  return g_steal_pointer (&pairing);

fail:
  aisle_store_rollback (self->store);
  return NULL;
}

static gboolean
sqlite_batch_begin (AisleHubDb  *db,
                    GError     **error)
{
  return aisle_store_begin (((AisleHubSqlite *) db)->store, error);
}

static gboolean
sqlite_batch_commit (AisleHubDb  *db,
                     GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;

  if (aisle_store_commit (self->store, error))
    return TRUE;
  aisle_store_rollback (self->store);
  return FALSE;
}

/* --- setup --------------------------------------------------------------------------------- */

static void sqlite_close (AisleHubDb *db);
static gboolean sqlite_check (AisleHubDb *db, GError **error);
/* aisle-hub-db-push.c */
gboolean _aisle_hub_sqlite_push (AisleHubDb *db, const AisleHubDevice *device, GPtrArray *mutations,
                                 gint64 now, GPtrArray *results, gint64 *out_last_mutation_id,
                                 GError **error);
/* aisle-hub-db-pull.c */
AislePullResponse *_aisle_hub_sqlite_pull (AisleHubDb *db, const AisleHubDevice *device,
                                           gint64 cursor, guint limit, GError **error);
char *_aisle_hub_sqlite_lookup_members (AisleHubDb *db, const AisleHubDevice *device,
                                        const char *phone, const char *number,
                                        const char *query, guint limit, GError **error);
char *_aisle_hub_sqlite_channel_secret (AisleHubDb *db, const char *channel, GError **error);
/* aisle-hub-rules-commerce.c */
char *_aisle_hub_sqlite_lookup_coupon (AisleHubDb *db, const AisleHubDevice *device,
                                       const char *code, const char *member_id, GError **error);
char *_aisle_hub_sqlite_device_metrics (AisleHubDb *db, GError **error);
/* aisle-hub-upkeep.c */
void _aisle_hub_sqlite_record_seen (AisleHubDb *db, GHashTable *seen);
gboolean _aisle_hub_sqlite_maintain (AisleHubDb *db, gint64 now, GError **error);
gpointer _aisle_hub_sqlite_watch_open (AisleHubDb *db, GError **error);
gboolean _aisle_hub_sqlite_watch_poll (gpointer watch, gint64 *out_max_seq,
                                       gint64 *out_revocations);
void _aisle_hub_sqlite_watch_close (gpointer watch);
AisleStaff *_aisle_hub_sqlite_get_staff (AisleHubDb *db, const char *staff_id, GError **error);

static char *
sqlite_ingest (AisleHubDb            *db,
               const AisleHubIngest  *ingest,
               GError               **error)
{
  return aisle_hub_sqlite_ingest_order ((AisleHubSqlite *) db, ingest, error);
}

static const AisleHubDbVTable sqlite_vtable = {
  .close = sqlite_close,
  .check = sqlite_check,
  .authenticate = sqlite_authenticate,
  .pair = sqlite_pair,
  .push = _aisle_hub_sqlite_push,
  .pull = _aisle_hub_sqlite_pull,
  .lookup_members = _aisle_hub_sqlite_lookup_members,
  .lookup_coupon = _aisle_hub_sqlite_lookup_coupon,
  .channel_secret = _aisle_hub_sqlite_channel_secret,
  .ingest_order = sqlite_ingest,
  .device_metrics = _aisle_hub_sqlite_device_metrics,
  .batch_begin = sqlite_batch_begin,
  .batch_commit = sqlite_batch_commit,
  .record_seen = _aisle_hub_sqlite_record_seen,
  .maintain = _aisle_hub_sqlite_maintain,
  .watch_open = _aisle_hub_sqlite_watch_open,
  .watch_poll = _aisle_hub_sqlite_watch_poll,
  .watch_close = _aisle_hub_sqlite_watch_close,
  .get_staff = _aisle_hub_sqlite_get_staff,
  .store_report = _aisle_hub_sqlite_store_report,
};

static void
sqlite_close (AisleHubDb *db)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autoptr(GError) error = NULL;

  if (!aisle_hub_sqlite_flush_last_seen (self, &error))
    g_warning ("could not record devices' last-seen times: %s", error->message);
  aisle_hub_checkpointer_stop (self->checkpointer);
  g_hash_table_unref (self->last_seen);
  g_free (self->tier_swept_to);
  g_clear_object (&self->store);
  g_free (self);
}

static gboolean
sqlite_check (AisleHubDb  *db,
              GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store, "SELECT count(*) FROM hub_meta", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      aisle_store_set_sqlite_error (self->store, sqlite3_errcode (self->db), "checking the database",
                              error);
      return FALSE;
    }
  /* Piggy-back the last-seen flush on health checks, which a supervisor runs periodically. */
  return aisle_hub_sqlite_flush_last_seen (self, error);
}

AisleHubSqlite *
aisle_hub_sqlite_open (const char  *path,
                       GError     **error)
{
  g_autoptr(AisleStore) store = NULL;
  AisleHubSqlite *self;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, AISLE_ERROR, AISLE_ERROR_FAILED, "libsodium failed to start");
      return NULL;
    }
  g_resources_register (aisle_hub_get_resource ());
  store = aisle_store_open (path, AISLE_STORE_OPEN_NONE, error);
  if (store == NULL)
    return NULL;
  /* The hub is the source of truth: a commit acknowledged to a device must survive power
   * loss, or the device would drop its outbox entry for a write the hub then forgets. */
  aisle_store_set_durable (store, TRUE);

  self = g_new0 (AisleHubSqlite, 1);
  self->parent.vtable = &sqlite_vtable;
  self->store = g_steal_pointer (&store);
  self->db = aisle_store_get_sqlite (self->store);
  self->last_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!migrate (self, error))
    {
      sqlite_close (&self->parent);
      return NULL;
    }
  return self;
}

AisleHubDb *
aisle_hub_db_sqlite_open (const char  *path,
                          GError     **error)
{
  AisleHubSqlite *self = aisle_hub_sqlite_open (path, error);

  if (self == NULL)
    return NULL;
  /* Serving: checkpoints move off the DB worker (aisle-hub-upkeep.c). */
  self->checkpointer = aisle_hub_checkpointer_start (self, error);
  if (self->checkpointer == NULL)
    {
      sqlite_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}

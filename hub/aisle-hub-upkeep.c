/* aisle-hub-upkeep.c: the SQLite backend's periodic work (last-seen times, tiers) and the
 * main thread's watch on the change log for the server's empty-pull fast path.
 *
 * Copyright 2026 The Aisle authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "aisle-hub"

#include "config.h"

#include "aisle-hub-sqlite-private.h"

void _aisle_hub_sqlite_record_seen (AisleHubDb *db, GHashTable *seen);
gboolean _aisle_hub_sqlite_maintain (AisleHubDb *db, gint64 now, GError **error);
gpointer _aisle_hub_sqlite_watch_open (AisleHubDb *db, GError **error);
gboolean _aisle_hub_sqlite_watch_poll (gpointer watch, gint64 *out_max_seq,
                                       gint64 *out_revocations);
void _aisle_hub_sqlite_watch_close (gpointer watch);
AisleStaff *_aisle_hub_sqlite_get_staff (AisleHubDb *db, const char *staff_id, GError **error);

/* Sweep members above basic for lapsed spend this often, this many members per upkeep. */
#define TIER_SWEEP_SECONDS 3600
#define TIER_SWEEP_STEP    2000

void
aisle_hub_sqlite_note_seen (AisleHubSqlite *self,
                            const char     *device_id,
                            gint64          now)
{
  gint64 *seen = g_hash_table_lookup (self->last_seen, device_id);

  if (seen != NULL)
    {
      *seen = MAX (*seen, now);
      return;
    }
  seen = g_new (gint64, 1);
  *seen = now;
  g_hash_table_insert (self->last_seen, g_strdup (device_id), seen);
}

void
_aisle_hub_sqlite_record_seen (AisleHubDb *db,
                               GHashTable *seen)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    aisle_hub_sqlite_note_seen (self, key, *(gint64 *) value);
}

gboolean
aisle_hub_update_tier (AisleHubSqlite *self,
                       const char     *member_id,
                       gint64          now,
                       GError        **error)
{
  gint64 silver = aisle_hub_sqlite_get_setting_int (self, "tier_silver_spend", 1000000);
  gint64 gold = aisle_hub_sqlite_get_setting_int (self, "tier_gold_spend", 5000000);
  gint64 days = aisle_hub_sqlite_get_setting_int (self, "tier_window_days", 365);
  g_auto(AisleStmt) stmt = NULL;

  if (member_id == NULL)
    return TRUE;
  /* "AND tier IS NOT t": an unchanged tier writes nothing, so devices pull nothing. */
  stmt = aisle_store_prepare_cached (self->store,
                                     "UPDATE members SET tier = s.t FROM (SELECT CASE "
                                     "WHEN coalesce (sum (total), 0) >= ?3 THEN 'gold' "
                                     "WHEN coalesce (sum (total), 0) >= ?2 THEN 'silver' "
                                     "ELSE 'basic' END AS t FROM orders WHERE member_id = ?1 "
                                     "AND placed_at >= ?4 AND status NOT IN ('cancelled', "
                                     "'refunded')) AS s WHERE id = ?1 AND tier IS NOT s.t", error);
  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, silver);
  sqlite3_bind_int64 (stmt, 3, MAX (gold, silver));
  sqlite3_bind_int64 (stmt, 4, now - days * 86400);
  return aisle_hub_step (self, stmt, error);
}

/* The same rule as aisle_hub_update_tier(), for every member in one statement: for an
 * operator who changed the tier settings, and for a demo seed (whose generated tiers are not
 * those of the rule) before its change log is written, so that the sweep finds nothing to move. */
gboolean
aisle_hub_retier_all (AisleHubSqlite *self,
                      gint64          now,
                      guint          *out_changed,
                      GError        **error)
{
  gint64 silver = aisle_hub_sqlite_get_setting_int (self, "tier_silver_spend", 1000000);
  gint64 gold = aisle_hub_sqlite_get_setting_int (self, "tier_gold_spend", 5000000);
  gint64 days = aisle_hub_sqlite_get_setting_int (self, "tier_window_days", 365);
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
    "UPDATE members SET tier = s.t FROM (SELECT m.id AS id, CASE "
    "WHEN coalesce (o.spend, 0) >= ?2 THEN 'gold' WHEN coalesce (o.spend, 0) >= ?1 THEN 'silver' "
    "ELSE 'basic' END AS t FROM members m LEFT JOIN (SELECT member_id, sum (total) AS spend "
    "FROM orders WHERE placed_at >= ?3 AND status NOT IN ('cancelled', 'refunded') "
    "GROUP BY member_id) o ON o.member_id = m.id) AS s "
    "WHERE members.id = s.id AND members.tier IS NOT s.t", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, silver);
  sqlite3_bind_int64 (stmt, 2, MAX (gold, silver));
  sqlite3_bind_int64 (stmt, 3, now - days * 86400);
  if (!aisle_hub_step (self, stmt, error))
    return FALSE;
  if (out_changed != NULL)
    *out_changed = (guint) sqlite3_changes (self->db);
  return TRUE;
}

/* Spend drops out of the window as time passes, with no order to trigger a recompute: every
 * TIER_SWEEP_SECONDS the members above basic are checked again. A sweep goes in steps of
 * TIER_SWEEP_STEP members in id order, one short transaction per upkeep (every few seconds):
 * all in one, it held the DB thread for 14 s on a 1,000,000-member hub, and with it every
 * device's pull and push (docs/benchmarks.md). */
static gboolean
sweep_tiers_step (AisleHubSqlite *self,
                  gint64          now,
                  GError        **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                         "SELECT id FROM members WHERE tier <> 'basic' "
                                                         "AND id > ?1 ORDER BY id LIMIT ?2", error);
    if (stmt == NULL)
      return FALSE;
    aisle_sqlite_bind_text (stmt, 1, self->tier_swept_to != NULL ? self->tier_swept_to : "");
    sqlite3_bind_int (stmt, 2, TIER_SWEEP_STEP);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (ids, aisle_hub_column_dup (stmt, 0));
    if (rc != SQLITE_DONE)
      {
        aisle_store_set_sqlite_error (self->store, rc, "reading tiers", error);
        return FALSE;
      }
  }
  if (ids->len > 0)
    {
      if (!aisle_store_begin (self->store, error))
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        if (!aisle_hub_update_tier (self, g_ptr_array_index (ids, i), now, error))
          {
            aisle_store_rollback (self->store);
            return FALSE;
          }
      if (!aisle_store_commit (self->store, error))
        {
          aisle_store_rollback (self->store);
          return FALSE;
        }
    }
  g_free (self->tier_swept_to);
  self->tier_swept_to = ids->len == TIER_SWEEP_STEP
                        ? g_strdup (g_ptr_array_index (ids, ids->len - 1)) : NULL;
  self->tier_sweeping = self->tier_swept_to != NULL;
  return TRUE;
}

gboolean
_aisle_hub_sqlite_maintain (AisleHubDb  *db,
                            gint64       now,
                            GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;

  if (!aisle_hub_sqlite_flush_last_seen (self, error))
    return FALSE;
  if (!self->tier_sweeping && now - self->tiers_checked >= TIER_SWEEP_SECONDS)
    {
      self->tiers_checked = now;
      self->tier_sweeping = TRUE;
    }
  if (self->tier_sweeping && !sweep_tiers_step (self, now, error))
    return FALSE;
  return TRUE;
}

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *version;
  sqlite3_stmt *max_seq;         /* and the revocation counter */
  int           last_version;
  gboolean      primed;
} Watch;

void
_aisle_hub_sqlite_watch_close (gpointer data)
{
  Watch *watch = data;

  if (watch == NULL)
    return;
  sqlite3_finalize (watch->version);
  sqlite3_finalize (watch->max_seq);
  sqlite3_close (watch->db);
  g_free (watch);
}

gpointer
_aisle_hub_sqlite_watch_open (AisleHubDb  *db,
                              GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  Watch *watch = g_new0 (Watch, 1);
  int rc;

  /* Its own connection, so that the main thread never shares the worker's. */
  rc = sqlite3_open_v2 (aisle_store_get_path (self->store), &watch->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (watch->db, "PRAGMA data_version", -1, &watch->version, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (watch->db, "SELECT (SELECT coalesce (max (seq), 0) FROM change_log), "
                             "(SELECT CAST (value AS INTEGER) FROM hub_meta WHERE key = 'revocations')",
                             -1, &watch->max_seq, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, AISLE_ERROR, AISLE_ERROR_FAILED, "watching the change log: %s",
                   watch->db != NULL ? sqlite3_errmsg (watch->db) : sqlite3_errstr (rc));
      _aisle_hub_sqlite_watch_close (watch);
      return NULL;
    }
  return watch;
}

gboolean
_aisle_hub_sqlite_watch_poll (gpointer  data,
                              gint64   *out_max_seq,
                              gint64   *out_revocations)
{
  Watch *watch = data;
  int version = -1;

  /* data_version changes whenever another connection (the worker, aisle-hub admin) commits;
   * reset at once, so this connection never holds a read snapshot. */
  if (sqlite3_step (watch->version) == SQLITE_ROW)
    version = sqlite3_column_int (watch->version, 0);
  sqlite3_reset (watch->version);
  if (watch->primed && version == watch->last_version && version != -1)
    return FALSE;
  *out_max_seq = 0;   /* on a failed read the fast path stays off */
  *out_revocations = -1;
  if (sqlite3_step (watch->max_seq) == SQLITE_ROW)
    {
      *out_max_seq = sqlite3_column_int64 (watch->max_seq, 0);
      *out_revocations = sqlite3_column_int64 (watch->max_seq, 1);
    }
  sqlite3_reset (watch->max_seq);
  watch->last_version = version;
  watch->primed = version != -1;
  return TRUE;
}

AisleStaff *
_aisle_hub_sqlite_get_staff (AisleHubDb  *db,
                             const char  *staff_id,
                             GError     **error)
{
  AisleHubSqlite *self = (AisleHubSqlite *) db;
  g_autoptr(GError) local_error = NULL;
  AisleStaff *staff = aisle_store_get_staff (self->store, staff_id, &local_error);

  if (staff != NULL)
    return staff;
  if (g_error_matches (local_error, AISLE_STORE_ERROR, AISLE_STORE_ERROR_NOT_FOUND))
    g_set_error (error, AISLE_ERROR, AISLE_ERROR_NOT_FOUND, "unknown staff %s", staff_id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* --- checkpoints --------------------------------------------------------------------------- */

/* A serving hub commits durably (an fsync per commit). SQLite's automatic checkpoint runs in
 * the committing thread, so every thousand pages one push would also copy the WAL into the
 * database and fsync it, stalling every request queued behind it. The serving hub turns that
 * off and checkpoints from this thread on its own connection instead: a PASSIVE checkpoint
 * never blocks the writer. */
#define CHECKPOINT_INTERVAL_US (500 * 1000)

struct _AisleHubCheckpointer
{
  char    *path;
  GThread *thread;
  GMutex   lock;
  GCond    cond;
  gboolean stop;
};

static gpointer
checkpointer_main (gpointer data)
{
  AisleHubCheckpointer *self = data;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_warning ("checkpoints: cannot open %s: %s", self->path,
                 db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  g_mutex_lock (&self->lock);
  while (!self->stop)
    {
      int rc, wal_pages = 0, done = 0;

      g_cond_wait_until (&self->cond, &self->lock, g_get_monotonic_time () + CHECKPOINT_INTERVAL_US);
      if (self->stop)
        break;
      g_mutex_unlock (&self->lock);
      rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &done);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_warning ("checkpoint: %s", sqlite3_errmsg (db));
      g_mutex_lock (&self->lock);
    }
  g_mutex_unlock (&self->lock);
  sqlite3_close (db);
  return NULL;
}

AisleHubCheckpointer *
aisle_hub_checkpointer_start (AisleHubSqlite  *hub,
                              GError         **error)
{
  AisleHubCheckpointer *self;

  if (!aisle_hub_exec (hub, "PRAGMA wal_autocheckpoint = 0", error))
    return NULL;
  self = g_new0 (AisleHubCheckpointer, 1);
  self->path = g_strdup (aisle_store_get_path (hub->store));
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("aisle-hub-checkpoint", checkpointer_main, self);
  return self;
}

void
aisle_hub_checkpointer_stop (AisleHubCheckpointer *self)
{
  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->path);
  g_free (self);
}

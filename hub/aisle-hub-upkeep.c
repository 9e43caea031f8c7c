/* aisle-hub-upkeep.c: the SQLite backend's periodic work (last-seen times, tiers, the change
 * log's compaction) and the main thread's watch on the change log for the server's empty-pull
 * fast path.
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
/* aisle-hub-admin.c's `compact` */
gboolean aisle_hub_compact_all (AisleHubSqlite *self, guint64 *out_removed, guint64 *out_left,
                                GArray *step_us, GError **error);

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

/* --- change log compaction ----------------------------------------------------------------- */

/* The change log gets a row for every write to a shared table; a pull loads each row's entity
 * as it is now. A member whose points changed 40 times is 40 rows that all carry the same
 * (current) state, and an initial sync read and shipped it once per page it appeared in, so
 * both the hub file and a new device's first sync grew with the months of trading rather than
 * with the number of entities.
 *
 * A row R is deleted when a later row L (seq > R.seq) names the same entity and entity_id and
 * the same store_id, device_id and location_id (compared with IS, so NULLs match). What a pull
 * sends for a row depends only on those columns and on the present, never on the row's seq or
 * op: SCOPE_WHERE (aisle-hub-db-pull.c) picks the rows a device sees from the scope columns
 * alone (location_id through store_nearby, which depends on the device's store, not the row),
 * so R and L reach exactly the same devices; and load_entity() reads the entity's current row,
 * a put if it exists, a delete if not. For a device whose cursor is
 *   - before R: it would have received R and L, each with the state of its pull; it still
 *     receives L, with the same or a later state, and that is what it keeps either way;
 *   - between R and L (it already applied R): it still receives L, as before;
 *   - after L: neither row was still to come.
 * A device half-way through a multi-page initial sync is one of these: its cursor is a seq,
 * and the next page starts after it whatever was deleted below or above it. A page's cursor is
 * the seq of its last row, or max(seq) for a short page; L outlives R, so the highest row is
 * never deleted (the EXISTS below cannot hold for it) and AUTOINCREMENT never hands its seq out
 * again, so max(seq) never goes backwards under a device's cursor.
 *   - op: the pull never reads it (the put or delete comes from the entity's row), so a 'put'
 *     superseded by a 'delete' or the other way round is the same case as two puts: the
 *     device ends with the state L carries, which is the present one.
 *   - result rows (a device's mutation results): their scope has device_id set, so only a
 *     later row of the same device for the same mutation id supersedes one, and the pull
 *     reads mutation_results as it is now: that device receives the result once. Results of
 *     different devices never supersede each other, whatever their mutation ids.
 *   - rows of a different scope stay: a member who moved home store is logged for the old and
 *     the new store, and the old store's row is how its devices hear of the move.
 *   - the first row of a member or a product in each scope stays as well (with the last):
 *     a device's cache refers to members and products by foreign key from the rows hanging
 *     off them, and a device applies its pages in groups, one transaction each, checked at
 *     commit. The first row of a member in a scope comes before its orders, points and
 *     coupons in that scope; were only the last kept, a new device could get the orders in
 *     one group and the member in a later one, and the first group would fail. A member
 *     changed any number of times is at most two rows per scope, and one pull page (which
 *     keeps an entity's last occurrence) carries it once when both fall in it.
 *   - consents, points entries, invoices and notes are only ever inserted: never looked at
 *     (and not in the index, which a push then does not pay for).
 * A pass goes through the log in seq order, COMPACT_STEP rows per upkeep, each step one
 * short transaction, resuming from hub_meta 'compact_from' (also after a restart); a new pass
 * starts COMPACT_SECONDS after the last one ended, since new rows supersede old ones. The
 * "remaining" figure of a device's run of pages was counted before; it may now run high,
 * which only affects a progress bar. */
#define COMPACT_SECONDS 3600
#define COMPACT_STEP    5000
/* The entities that are only ever inserted: never superseded, not in the index (009). */
#define NEVER_SUPERSEDED "('consent', 'points', 'invoice', 'note')"

static gboolean
get_meta_int (AisleHubSqlite *self,
              const char     *key,
              gint64         *out,
              GError        **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                       "SELECT CAST (value AS INTEGER) FROM "
                                                       "hub_meta WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, key);
  *out = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      aisle_store_set_sqlite_error (self->store, rc, "reading the hub's state", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_meta_int (AisleHubSqlite *self,
              const char     *key,
              gint64          value,
              GError        **error)
{
  g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                       "INSERT OR REPLACE INTO hub_meta "
                                                       "(key, value) VALUES (?1, ?2)", error);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  if (stmt == NULL)
    return FALSE;
  aisle_sqlite_bind_text (stmt, 1, key);
  aisle_sqlite_bind_text (stmt, 2, text);
  return aisle_hub_step (self, stmt, error);
}

/* Deletes the superseded rows among the @step rows after seq @from, in one transaction, and
 * stores where the pass has got to (0 once it reached the end of the log; then also the time).
 * Sets @out_to to the last seq it looked at, and @out_done when that was the end of the log. */
static gboolean
compact_window (AisleHubSqlite *self,
                gint64          from,
                guint           step,
                gint64          now,
                guint          *out_removed,
                gint64         *out_to,
                gboolean       *out_done,
                GError        **error)
{
  gint64 to = from, rows = 0;
  gboolean done;

  *out_removed = 0;
  if (!aisle_store_begin (self->store, error))
    return FALSE;
  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                         "SELECT coalesce (max (seq), ?1), "
                                                         "count (*) FROM (SELECT seq FROM "
                                                         "change_log WHERE seq > ?1 ORDER BY "
                                                         "seq LIMIT ?2)", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, from);
    sqlite3_bind_int (stmt, 2, (int) step);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        aisle_store_set_sqlite_error (self->store, sqlite3_errcode (self->db),
                                      "reading the change log", error);
        goto fail;
      }
    to = sqlite3_column_int64 (stmt, 0);
    rows = sqlite3_column_int64 (stmt, 1);
  }
  done = rows < step;
  if (rows > 0)
    {
      g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
        /* Not "seq IN (SELECT ...)": that reads the whole log for every step. */
        "DELETE FROM change_log AS c WHERE c.seq > ?1 AND c.seq <= ?2 "
        "AND c.entity NOT IN " NEVER_SUPERSEDED " "
        "AND EXISTS (SELECT 1 FROM change_log l WHERE l.entity = c.entity "
        "AND l.entity NOT IN " NEVER_SUPERSEDED " "
        "AND l.entity_id = c.entity_id AND l.store_id IS c.store_id "
        "AND l.device_id IS c.device_id AND l.location_id IS c.location_id AND l.seq > c.seq) "
        "AND (c.entity NOT IN ('member', 'product') "
        "OR EXISTS (SELECT 1 FROM change_log f WHERE f.entity = c.entity "
        "AND f.entity NOT IN " NEVER_SUPERSEDED " "
        "AND f.entity_id = c.entity_id AND f.store_id IS c.store_id "
        "AND f.device_id IS c.device_id AND f.location_id IS c.location_id AND f.seq < c.seq))",
        error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
      if (!aisle_hub_step (self, stmt, error))
        goto fail;
      *out_removed = (guint) sqlite3_changes (self->db);
    }
  if (!set_meta_int (self, "compact_from", done ? 0 : to, error) ||
      (done && !set_meta_int (self, "compact_pass_at", now, error)))
    goto fail;
  if (!aisle_store_commit (self->store, error))
    goto fail;
  *out_to = to;
  *out_done = done;
  return TRUE;

fail:
  aisle_store_rollback (self->store);
  return FALSE;
}

/* One upkeep step of the pass under way, or of a new one when it is due. */
static gboolean
compact_step (AisleHubSqlite *self,
              gint64          now,
              GError        **error)
{
  gint64 from = 0, pass_at = 0, to = 0;
  guint removed = 0;
  gboolean done = FALSE;
  gint64 start = g_get_monotonic_time ();

  if (!get_meta_int (self, "compact_from", &from, error) ||
      !get_meta_int (self, "compact_pass_at", &pass_at, error))
    return FALSE;
  if (from == 0 && now - pass_at < COMPACT_SECONDS)
    return TRUE;
  if (!compact_window (self, from, COMPACT_STEP, now, &removed, &to, &done, error))
    return FALSE;
  g_debug ("compacted the change log's rows %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ": %u removed "
           "in %.1f ms%s", from + 1, to, removed, (g_get_monotonic_time () - start) / 1000.0,
           done ? ", pass done" : "");
  return TRUE;
}

/**
 * aisle_hub_compact_all:
 * @self: the hub
 * @out_removed: (out): how many rows it deleted
 * @out_left: (out): how many rows the change log holds after it
 * @step_us: (nullable): gets each step's duration (microseconds, gint64) appended
 * @error: return location for a #GError
 *
 * A whole pass through the change log now (`aisle-hub admin compact`), in the upkeep's steps
 * of COMPACT_STEP rows, each its own transaction, so that a serving hub's pulls and pushes get
 * in between. Ends the upkeep's pass under way too.
 *
 * Returns: %TRUE on success
 */
gboolean
aisle_hub_compact_all (AisleHubSqlite  *self,
                       guint64         *out_removed,
                       guint64         *out_left,
                       GArray          *step_us,
                       GError         **error)
{
  gint64 from = 0;
  gboolean done = FALSE;

  *out_removed = 0;
  *out_left = 0;
  while (!done)
    {
      gint64 start = g_get_monotonic_time ();
      guint removed = 0;

      if (!compact_window (self, from, COMPACT_STEP, g_get_real_time () / G_USEC_PER_SEC,
                           &removed, &from, &done, error))
        return FALSE;
      if (step_us != NULL)
        {
          gint64 elapsed = g_get_monotonic_time () - start;

          g_array_append_val (step_us, elapsed);
        }
      *out_removed += removed;
    }
  {
    g_auto(AisleStmt) stmt = aisle_store_prepare_cached (self->store,
                                                         "SELECT count (*) FROM change_log", error);
    if (stmt == NULL)
      return FALSE;
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        aisle_store_set_sqlite_error (self->store, sqlite3_errcode (self->db),
                                      "counting the change log", error);
        return FALSE;
      }
    *out_left = (guint64) sqlite3_column_int64 (stmt, 0);
  }
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
  return compact_step (self, now, error);
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

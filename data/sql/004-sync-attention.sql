-- Mutations the hub rejected, kept for staff ("needs attention") until dismissed.
--
-- Caches made before this migration may already have the table: the sync module used to
-- create it on demand with this same shape, so IF NOT EXISTS keeps their rows as they are.
CREATE TABLE IF NOT EXISTS sync_attention (
  mutation_id  INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  args_json    TEXT,
  staff_id     TEXT,
  code         TEXT,
  message      TEXT,
  detail_json  TEXT,
  at           INTEGER NOT NULL,
  dismissed    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sync_attention_open ON sync_attention (dismissed, mutation_id);

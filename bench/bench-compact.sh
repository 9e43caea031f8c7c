#!/bin/bash
# bench-compact.sh BUILD_DIR [MEMBERS] [ROUNDS]: what the change log's compaction (hub/aisle-hub-
# upkeep.c, data/sql/hub/009-compact.sql) gains and costs, on a seeded demo hub.
#   1. pushes/s with and without migration 009's index, the two hubs served in turn (A B, B A,
#      ...: AISLE_BENCH_PUSH_ROUNDS rounds, default 2; 8 connections, 10 s each, wrk), with
#      bench/bench-hub.lua as bench-hub.sh runs it (BENCH_MODE=push: one note.add a push, not
#      indexed) and in BENCH_MODE=push-tag (one tag.set a push: member rows, indexed);
#   2. a churned hub: seed-demo MEMBERS (default 100000), then ROUNDS (default 5) rounds that
#      each change half the members' points and a quarter of the stock rows (SQL updates, which
#      fire the change log's triggers as any write does); a new TPE01 tablet's initial sync
#      (bench/bench-sync initial-only) before and after `aisle-hub admin compact`, which prints
#      its steps' p50 and max (the upkeep's step). ROUNDS 0: the push rates only.
# Needs wrk and sqlite3. Files go to BUILD_DIR/bench-compact (only the seed is kept). Heavy:
# run it with nice on a shared machine.
set -euo pipefail
BUILD=$(cd "${1:?usage: bench/bench-compact.sh BUILD_DIR [MEMBERS] [ROUNDS]}" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MEMBERS=${2:-100000}
ROUNDS=${3:-5}
PUSH_ROUNDS=${AISLE_BENCH_PUSH_ROUNDS:-2}
HUB=$BUILD/hub/aisle-hub
DIR=$BUILD/bench-compact
mkdir -p "$DIR"
cd "$DIR"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

serve() {  # serve DB: starts a hub on DB, sets PORT and HUB_PID
  rm -f hub.out
  "$HUB" serve --db "$1" --listen 127.0.0.1:0 >hub.out 2>hub.err &
  HUB_PID=$!
  pids+=($HUB_PID)
  for _ in $(seq 600); do
    grep -q '^listening on port' hub.out 2>/dev/null && break
    sleep 0.1
  done
  PORT=$(sed -n 's/^listening on port //p' hub.out)
}
stop() { kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; }
pair_code() { "$HUB" admin --db "$1" pair-code TPE01 tablet | head -n 1; }
# The serving hub's upkeep starts its first pass 5 s after it starts: hold it off, so that only
# `admin compact` compacts here.
hold_upkeep() { sqlite3 "$1" "UPDATE hub_meta SET value = strftime('%s', 'now') WHERE key = 'compact_pass_at'"; }

echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) CPUs, $(date -u +%Y-%m-%dT%H:%MZ)"
if [ ! -f "seed-$MEMBERS.db" ]; then
  "$HUB" admin --db "seed-$MEMBERS.db.tmp" seed-demo "$MEMBERS" >/dev/null
  mv "seed-$MEMBERS.db.tmp" "seed-$MEMBERS.db"
fi

# 1. Push rate with and without the index.
cp "seed-$MEMBERS.db" with.db
cp "seed-$MEMBERS.db" without.db
rm -f with.db-* without.db-*
hold_upkeep with.db
hold_upkeep without.db
sqlite3 without.db "DROP INDEX change_log_entity"
STAFF=$(sqlite3 with.db "SELECT id FROM staff WHERE store_id = 'TPE01' AND active = 1 LIMIT 1")
MEMBER=$(sqlite3 with.db "SELECT id FROM members WHERE home_store_id = 'TPE01' LIMIT 1")
push_rate() {  # push_rate DB MODE: pushes/s of 8 fresh tablets for 10 s
  serve "$1"
  : >tokens
  for _ in $(seq 8); do
    curl -sf -X POST "http://127.0.0.1:$PORT/v1/pair" -d "{\"code\":\"$(pair_code "$1")\",\"name\":\"bench\"}" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' >>tokens
  done
  BENCH_TOKENS=tokens BENCH_MODE=$2 BENCH_MEMBER=$MEMBER BENCH_STAFF=$STAFF BENCH_RUN=$RANDOM$RANDOM \
    wrk -t8 -c8 -d10s -s "$ROOT/bench/bench-hub.lua" "http://127.0.0.1:$PORT" |
    sed -n 's/^Requests\/sec: *//p'
  stop
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$PUSH_ROUNDS"); do
  # Each round in the other order, so that neither hub always runs first.
  for mode in push push-tag; do
    if [ $((round % 2)) = 1 ]; then
      w=$(push_rate with.db $mode)
      wo=$(push_rate without.db $mode)
    else
      wo=$(push_rate without.db $mode)
      w=$(push_rate with.db $mode)
    fi
    echo "push round $round, $mode: with index $w/s, without $wo/s, ratio $(python3 -c "print(f'{$w/$wo:.3f}')")"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f with.db* without.db* tokens
[ "$ROUNDS" = 0 ] && exit 0

# 2. Churn, then the initial sync before and after compaction.
cp "seed-$MEMBERS.db" churn.db
rm -f churn.db-*
for r in $(seq "$ROUNDS"); do
  sqlite3 churn.db "UPDATE members SET points = points + $r WHERE rowid % 2 = $((r % 2));
                    UPDATE stock SET on_hand = on_hand + 1 WHERE (abs (random ()) % 4) = 0;"
done
hold_upkeep churn.db
echo "change log: $(sqlite3 churn.db "SELECT count(*) FROM change_log") rows after $ROUNDS rounds of churn, file $(($(stat -c %s churn.db) >> 20)) MiB"
initial_sync() {  # initial_sync DB LABEL
  local a b
  rm -f bench-?.db*
  serve "$1"
  a=$(pair_code "$1")
  b=$(pair_code "$1")
  echo "$2, load $(cut -d' ' -f1 /proc/loadavg): $(GIO_USE_PROXY_RESOLVER=dummy "$BUILD/bench/bench-sync" \
        "http://127.0.0.1:$PORT" "$a" "$b" "$DIR" initial-only | head -n 1)"
  stop
}
cp churn.db before.db
initial_sync before.db "before compaction"
cp churn.db after.db
"$HUB" admin --db after.db compact
cp after.db vacuumed.db
sqlite3 vacuumed.db "VACUUM"
echo "change log: $(sqlite3 after.db "SELECT count(*) FROM change_log") rows; the file's live data (a VACUUMed copy) $(($(stat -c %s vacuumed.db) >> 20)) MiB"
rm -f vacuumed.db
initial_sync after.db "after compaction"
# Keep the seed for the next run, not the copies (hundreds of MiB each).
rm -f churn.db* before.db* after.db* bench-?.db*

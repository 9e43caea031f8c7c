#!/bin/bash
# bench-sync.sh [BUILD_DIR] [MEMBERS]: the device sync benchmark against a seeded demo hub.
# Seeds BUILD_DIR/bench-sync/hub.db once (MEMBERS, default 100000), serves it on loopback, and
# runs bench-sync (initial sync of TPE01's scope, a push of 1,000 mutations, a delta of 1,000).
set -euo pipefail
BUILD=${1:-build}
MEMBERS=${2:-100000}
DIR=$BUILD/bench-sync
HUB=$BUILD/hub/aisle-hub
mkdir -p "$DIR"
if [ ! -f "$DIR/hub-$MEMBERS.db" ]; then
  "$HUB" admin --db "$DIR/hub-$MEMBERS.db.tmp" seed-demo "$MEMBERS"
  mv "$DIR/hub-$MEMBERS.db.tmp" "$DIR/hub-$MEMBERS.db"
fi
# Each run starts from the seeded file, so that every run syncs the same data.
cp "$DIR/hub-$MEMBERS.db" "$DIR/hub.db"
rm -f "$DIR/hub.db-wal" "$DIR/hub.db-shm" "$DIR"/bench-?.db*
"$HUB" serve --db "$DIR/hub.db" --listen 127.0.0.1:0 >"$DIR/hub.out" 2>"$DIR/hub.log" &
HUB_PID=$!
trap 'kill $HUB_PID 2>/dev/null; wait $HUB_PID 2>/dev/null' EXIT
for _ in $(seq 1200); do
  grep -q "listening on port" "$DIR/hub.out" 2>/dev/null && break
  sleep 0.1
done
PORT=$(sed -n 's/listening on port //p' "$DIR/hub.out")
# A large seeded file may still be migrating when the hub starts listening: retry while locked.
pair_code() {
  for _ in $(seq 120); do
    "$HUB" admin --db "$DIR/hub.db" pair-code TPE01 tablet 2>/dev/null | head -n 1 && return
    sleep 1
  done
  echo "bench-sync.sh: no pairing code" >&2
  exit 1
}
A=$(pair_code)
B=$(pair_code)
GIO_USE_PROXY_RESOLVER=dummy "$BUILD/bench/bench-sync" "http://127.0.0.1:$PORT" "$A" "$B" "$DIR"

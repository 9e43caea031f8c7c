#!/bin/bash
# bench-sync.sh [BUILD_DIR] [MEMBERS] [initial-only]: the device sync benchmark against a seeded
# demo hub. Seeds BUILD_DIR/bench-sync/hub-MEMBERS.db once (default 100000), serves a copy on
# loopback, and runs bench-sync (initial sync of TPE01's scope, a push of 1,000 mutations, a
# delta of 1,000); "initial-only" stops after the initial sync. Prints the commit, the load
# average before and after, and the device cache's row counts.
set -euo pipefail
BUILD=${1:-build}
MEMBERS=${2:-100000}
ONLY=${3:-}
DIR=$BUILD/bench-sync
HUB=$BUILD/hub/aisle-hub
mkdir -p "$DIR"
if [ ! -f "$DIR/hub-$MEMBERS.db" ]; then
  "$HUB" admin --db "$DIR/hub-$MEMBERS.db.tmp" seed-demo "$MEMBERS"
  mv "$DIR/hub-$MEMBERS.db.tmp" "$DIR/hub-$MEMBERS.db"
fi
# A seed from an older build is brought to this build's schema once (the hub migrates on open),
# not in every run's copy.
"$HUB" admin --db "$DIR/hub-$MEMBERS.db" devices list >/dev/null
# A seed made before seed-demo settled its tiers would be re-tiered by the serving hub's first
# sweep, logging a change per moved member while the device syncs: settle it once as well.
"$HUB" admin --db "$DIR/hub-$MEMBERS.db" tiers >/dev/null
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
echo "build $BUILD, commit $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?'), $MEMBERS members"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# CPU seconds as well as wall-clock ones: on a shared machine they move less with the load.
TIMEFORMAT="bench-sync process: %R s wall, %U s user, %S s system"
time GIO_USE_PROXY_RESOLVER=dummy "$BUILD/bench/bench-sync" "http://127.0.0.1:$PORT" "$A" "$B" "$DIR" $ONLY
echo "hub process: $(awk -v t="$(getconf CLK_TCK)" '{ printf "%.1f s user, %.1f s system", $14 / t, $15 / t }' "/proc/$HUB_PID/stat") (pairing included)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if command -v sqlite3 >/dev/null; then
  echo "device A's cache: $(sqlite3 "$DIR/bench-a.db" "SELECT 'members ' || (SELECT count(*) FROM members) || ', orders ' || (SELECT count(*) FROM orders) || ', points ' || (SELECT count(*) FROM points_ledger) || ', coupons ' || (SELECT count(*) FROM coupons) || ', file ' || (page_count * page_size >> 20) || ' MiB' FROM pragma_page_count, pragma_page_size")"
fi

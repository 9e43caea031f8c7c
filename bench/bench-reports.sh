#!/usr/bin/env bash
# The store report on the 1,000,000-member demo hub (issue 8): the DB worker's time per report
# (bench-reports, in-process) and the whole request over loopback (curl), PIN check included.
#   bench/bench-reports.sh BUILD_DIR [HUB_DB]
# HUB_DB defaults to $AISLE_BENCH_DIR/hub-reports-1000000.db and is seeded when missing
# (`aisle-hub admin seed-demo 1000000`: about 4 minutes and 2.6 GB). AISLE_BENCH_RUNS sets the
# number of timed runs (30).
set -euo pipefail
BUILD=$(cd "${1:?usage: bench/bench-reports.sh BUILD_DIR [HUB_DB]}" && pwd)
DIR=${AISLE_BENCH_DIR:-$BUILD/bench-data}
DB=${2:-$DIR/hub-reports-1000000.db}
RUNS=${AISLE_BENCH_RUNS:-30}
HUB=$BUILD/hub/aisle-hub
mkdir -p "$DIR"

if [ ! -f "$DB" ]; then
  "$HUB" admin --db "$DB.tmp" seed-demo 1000000
  mv "$DB.tmp" "$DB"
fi

if [ -z "${AISLE_BENCH_HTTP_ONLY:-}" ]; then
  echo "### in-process (bench-reports: aisle_hub_sqlite_store_report on the hub's connection)"
  "$BUILD/bench/bench-reports" --db "$DB" --runs "$RUNS"
  echo
fi

# The whole request: the demo's manager of TPE01 on a tablet of TPE01, 12 whole months.
PORT=${AISLE_BENCH_PORT:-18473}
"$HUB" serve --db "$DB" --listen "127.0.0.1:$PORT" >/dev/null &
HUB_PID=$!
trap 'kill $HUB_PID 2>/dev/null; wait $HUB_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
CODE=$("$HUB" admin --db "$DB" pair-code TPE01 tablet | tail -1)
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/v1/pair" -d "{\"code\":\"$CODE\",\"name\":\"bench\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
FROM=$(TZ=Asia/Taipei date -d '2025-11-01 00:00' +%s)
TO=$(TZ=Asia/Taipei date -d '2026-11-01 00:00' +%s)
URL="http://127.0.0.1:$PORT/v1/reports/store?store=TPE01&from=$FROM&to=$TO"
# the serving hub's first minutes: its upkeep sweeps tiers on the same DB worker
sleep "${AISLE_BENCH_SETTLE:-20}"
for i in $(seq 0 "$RUNS"); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$URL" -H "Authorization: Bearer $TOKEN" \
    -H "X-Aisle-Staff: S0001" -H "X-Aisle-Staff-Pin: 1234"
done | python3 -c '
import sys
rows = [l.split() for l in sys.stdin]
assert all(code == "200" for code, _ in rows), rows
ms = sorted(float(t) * 1000 for _, t in rows[1:])
p = lambda q: ms[min(len(ms) - 1, int(q * (len(ms) - 1) + 0.5))]
print("### over HTTP (curl, PIN check included)")
print("| query | first run ms | median ms | p99 ms | runs |")
print("|---|---|---|---|---|")
print("| GET /v1/reports/store, 12 months | %.1f | %.1f | %.1f | %d |" % (float(rows[0][1]) * 1000, p(0.5), p(0.99), len(ms)))
'

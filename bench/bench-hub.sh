#!/usr/bin/env bash
# bench-hub.sh: the hub under load on loopback, beside a bare SoupServer measured in the same run.
#   bench/bench-hub.sh BUILD_DIR      (needs wrk; ./run installs it)
# Seeds a demo hub (AISLE_BENCH_HUB_MEMBERS members, default 20000, kept in AISLE_BENCH_DIR),
# pairs tablets, then runs wrk with one device per connection (-tN -cN) for N in 1 8 64:
#   bare   GET on bench-hub-bare (fixed small JSON)
#   empty  GET /v1/sync/pull?cursor=<end of log>       (an empty delta)
#   page   GET /v1/sync/pull?cursor=0&limit=1000       (a 1,000-change page)
#   push   POST /v1/sync/push with one note.add        (fresh devices, ids 1, 2, 3...)
# Prints a Markdown table: requests/s, p50 and p99 latency, and the hub as a share of bare.
set -euo pipefail
BUILD=$(cd "${1:?usage: bench/bench-hub.sh BUILD_DIR}" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${AISLE_BENCH_DIR:-$BUILD/bench-data}
MEMBERS=${AISLE_BENCH_HUB_MEMBERS:-20000}
SECS=${AISLE_BENCH_SECONDS:-10}
HUB=$BUILD/hub/aisle-hub
DB=$DIR/hub-$MEMBERS.db
mkdir -p "$DIR"
command -v wrk >/dev/null || { echo "bench-hub: wrk is missing (apt-get install wrk)" >&2; exit 1; }

if [ ! -f "$DB" ]; then
  echo "seeding $DB ($MEMBERS members)" >&2
  "$HUB" admin --db "$DB.tmp" seed-demo "$MEMBERS" >&2
  mv "$DB.tmp" "$DB"
  rm -f "$DB.tmp-wal" "$DB.tmp-shm"
fi
STORE=$(sqlite3 "$DB" "SELECT store_id FROM staff WHERE active = 1 GROUP BY store_id ORDER BY count(*) DESC LIMIT 1")
STAFF=$(sqlite3 "$DB" "SELECT id FROM staff WHERE store_id = '$STORE' AND active = 1 LIMIT 1")
MEMBER=$(sqlite3 "$DB" "SELECT id FROM members WHERE home_store_id = '$STORE' LIMIT 1")

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

start() {  # start OUTFILE CMD...: runs CMD in the background (not in a subshell, so that
           # cleanup knows its pid) and waits for its "listening on port N" line
  local out=$1; shift
  "$@" >"$out" 2>"$out.err" &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q '^listening on port' "$out" 2>/dev/null && break
    sleep 0.1
  done
}
port_of() { sed -n 's/^listening on port //p' "$1"; }

start "$DIR/hub.out" "$HUB" serve --db "$DB" --listen 127.0.0.1:0
start "$DIR/bare.out" "$BUILD/bench/bench-hub-bare"
HUB_PORT=$(port_of "$DIR/hub.out")
BARE_PORT=$(port_of "$DIR/bare.out")

pair_tokens() {  # pair_tokens N FILE
  : >"$2"
  for _ in $(seq "$1"); do
    local code
    code=$("$HUB" admin --db "$DB" pair-code "$STORE" tablet | head -1)
    curl -sf -X POST "http://127.0.0.1:$HUB_PORT/v1/pair" -d "{\"code\":\"$code\",\"name\":\"bench\"}" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' >>"$2"
  done
}
pair_tokens 64 "$DIR/tokens-pull"

# run PORT MODE PATH CONNS TOKENS: prints "rps p50_ms p99_ms errors"
run() {
  local out
  out=$(BENCH_TOKENS=$5 BENCH_MODE=$2 BENCH_PATH=$3 BENCH_MEMBER=$MEMBER BENCH_STAFF=$STAFF \
        BENCH_RUN=$RANDOM$RANDOM wrk -t"$4" -c"$4" -d"${SECS}s" --latency \
        -s "$ROOT/bench/bench-hub.lua" "http://127.0.0.1:$1" 2>&1)
  python3 - "$out" <<'PY'
import re, sys
t = sys.argv[1]
def ms(label):
    m = re.search(r'^\s*' + label + r'%\s+([\d.]+)(us|ms|s)\s*$', t, re.M)
    if not m: return float('nan')
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == 'us' else v * 1000 if u == 's' else v
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', t).group(1))
bad = re.search(r'Non-2xx or 3xx responses: (\d+)', t)
print(f"{rps:.0f} {ms('50'):.2f} {ms('99'):.2f} {bad.group(1) if bad else 0}")
PY
}

echo "## Hub (bench/bench-hub.sh, $MEMBERS demo members, store $STORE, ${SECS}s per cell)"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(date -u +%Y-%m-%d), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| load | conns | req/s | p50 ms | p99 ms | non-2xx | share of bare |"
echo "|---|---|---|---|---|---|---|"
for c in 1 8 64; do
  read -r bare_rps p50 p99 bad < <(run "$BARE_PORT" get / "$c" "$DIR/tokens-pull")
  echo "| bare SoupServer | $c | $bare_rps | $p50 | $p99 | $bad | 1.00 |"
  # the end of the log now (the previous pushes moved it): a pull there is an empty delta
  END=$(sqlite3 "$DB" "SELECT max(seq) FROM change_log")
  read -r rps p50 p99 bad < <(run "$HUB_PORT" get "/v1/sync/pull?cursor=$END" "$c" "$DIR/tokens-pull")
  echo "| empty pull | $c | $rps | $p50 | $p99 | $bad | $(python3 -c "print(f'{$rps/$bare_rps:.2f}')") |"
  read -r rps p50 p99 bad < <(run "$HUB_PORT" get "/v1/sync/pull?cursor=0&limit=1000" "$c" "$DIR/tokens-pull")
  echo "| 1,000-change pull page | $c | $rps | $p50 | $p99 | $bad | $(python3 -c "print(f'{$rps/$bare_rps:.2f}')") |"
  pair_tokens "$c" "$DIR/tokens-push"
  read -r rps p50 p99 bad < <(run "$HUB_PORT" push - "$c" "$DIR/tokens-push")
  echo "| single-mutation push | $c | $rps | $p50 | $p99 | $bad | $(python3 -c "print(f'{$rps/$bare_rps:.2f}')") |"
done

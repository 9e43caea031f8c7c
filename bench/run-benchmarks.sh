#!/usr/bin/env bash
# Runs the benchmarks against a build directory and prints their figures (Markdown) to stdout.
#   bench/run-benchmarks.sh BUILD_DIR [bench-name...]
# With no names, every bench in the list below runs. Figures go into docs/benchmarks.md by hand,
# with the command that produced them. Other benches add a run_<name> function and a list entry.
set -euo pipefail
BUILD=${1:?usage: bench/run-benchmarks.sh BUILD_DIR [bench...]}
shift || true
BUILD=$(cd "$BUILD" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)

machine() {
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(date -u +%Y-%m-%d)"
}

# The store bench: builds a 1,000,000-member cache with the demo generator (kept between runs
# in $AISLE_BENCH_DIR so that search can be re-measured without rebuilding), then times search.
run_store() {
  local dir=${AISLE_BENCH_DIR:-$BUILD/bench-data}
  local members=${AISLE_BENCH_MEMBERS:-1000000}
  mkdir -p "$dir"
  echo "## bench-store ($members members, 20,000 products)"
  machine
  "$BUILD/bench/bench-store" --cache "$dir/cache-$members.db" --members "$members" --products 20000 \
    --queries "${AISLE_BENCH_QUERIES:-3000}"
}

# The scan bench: decode time per 640x480 and 1280x720 frame on one core, then the decode rate
# on ../shared/testdata/zxing-blackbox beside `zbarimg --raw` (skipped without shared/).
run_scan() {
  local data=${AISLE_TESTDATA:-$ROOT/../shared/testdata}/zxing-blackbox
  echo "## bench-scan"
  machine
  if [ -d "$data" ]; then
    "$BUILD/bench/bench-scan" --testdata "$data"
  else
    echo "(no $data: decode rate skipped)"
    "$BUILD/bench/bench-scan" --fps
  fi
}

# The hub bench: a seeded demo hub under wrk at 1, 8 and 64 connections beside a bare SoupServer
# (bench/bench-hub.sh; AISLE_BENCH_HUB_MEMBERS, default 20000). Needs wrk.
run_hub() {
  "$ROOT/bench/bench-hub.sh" "$BUILD"
}

BENCHES=(store scan hub)
[ $# -gt 0 ] && BENCHES=("$@")
for b in "${BENCHES[@]}"; do
  if ! declare -F "run_$b" >/dev/null; then
    echo "unknown bench: $b (known: store scan hub)" >&2
    exit 2
  fi
  "run_$b"
  echo
done

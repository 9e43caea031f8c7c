#!/usr/bin/env bash
# bench-startup.sh: app start to first frame, and resident memory, under Xvfb.
#
#   bench/bench-startup.sh BUILD_DIR CACHE.db [RUNS] [MODE]
#
# Each run starts build/app/aisle with AISLE_BENCH_STARTUP=1 on one shared Xvfb server. The
# app prints (app/aisle-capture.c) a line when the first frame is painted and another when the
# cache is open and its page drawn, with the CLOCK_REALTIME time and VmRSS/VmHWM, then quits.
# Times are measured from just before exec, so they include dynamic linking and GTK start-up.
# Prints p50/min/max over RUNS (default 7) plus the first (cold) run separately.
# Targets (issue 2): first frame under 300 ms, resident memory under 150 MB.
set -euo pipefail

build=${1:?usage: bench-startup.sh BUILD_DIR CACHE.db [RUNS] [MODE]}
cache=${2:?usage: bench-startup.sh BUILD_DIR CACHE.db [RUNS] [MODE]}
runs=${3:-7}
mode=${4:-tablet}
app=$build/app/aisle

[ -x "$app" ] || { echo "no $app: build first" >&2; exit 1; }
[ -f "$cache" ] || { echo "no cache $cache: make one with $build/core/aisle-demo" >&2; exit 1; }

# One X server for every run, so its start-up is not counted.
if [ -z "${AISLE_BENCH_INNER:-}" ]; then
  export AISLE_BENCH_INNER=1
  exec xvfb-run -a -s '-screen 0 1280x800x24' "$0" "$@"
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for i in $(seq 0 "$runs"); do
  start_ns=$(date +%s%N)
  AISLE_BENCH_STARTUP=1 NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory \
    "$app" --mode="$mode" --cache="$cache" >"$out/run-$i.log" 2>"$out/run-$i.err" || {
      echo "run $i failed:" >&2; cat "$out/run-$i.err" >&2; exit 1; }
  python3 - "$start_ns" "$out/run-$i.log" >>"$out/results" <<'PY'
import sys, re
start_us = int(sys.argv[1]) // 1000
vals = {}
for line in open(sys.argv[2]):
    m = re.match(r'aisle-bench (\S+) (.*)', line)
    if not m:
        continue
    kv = dict(p.split('=') for p in m.group(2).split())
    vals[m.group(1)] = kv
first = (int(vals['first-frame']['realtime-us']) - start_us) / 1000
ready = (int(vals['ready']['realtime-us']) - start_us) / 1000
print(f"{first:.1f} {ready:.1f} {int(vals['ready']['vmrss-kb'])/1024:.1f} {int(vals['ready']['vmhwm-kb'])/1024:.1f}")
PY
done

python3 - "$out/results" "$runs" "$mode" "$cache" <<'PY'
import sys, statistics
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
cold, warm = rows[0], rows[1:]
def col(i): return [r[i] for r in warm]
print(f"aisle startup, mode {sys.argv[3]}, cache {sys.argv[4]}, {len(warm)} warm runs (+1 cold)")
print(f"{'':28} {'p50':>8} {'min':>8} {'max':>8} {'cold':>8}")
for i, name in enumerate(["first frame (ms)", "cache open + drawn (ms)", "VmRSS at ready (MB)", "VmHWM at ready (MB)"]):
    c = col(i)
    print(f"{name:28} {statistics.median(c):8.1f} {min(c):8.1f} {max(c):8.1f} {cold[i]:8.1f}")
PY

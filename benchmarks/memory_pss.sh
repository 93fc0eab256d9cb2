#!/bin/bash
# Machine-wide memory of a build: the sum of the proportional set size (PSS: shared pages counted
# once, split among the processes sharing them) of `kg build` and every process it started, read
# from /proc/<pid>/smaps_rollup every few seconds. ru_maxrss (bench_build.py) counts each forked
# process's shared pages in full, and gives no total.
#
#   benchmarks/memory_pss.sh OUT [kg build arguments ...]
#   benchmarks/memory_pss.sh /tmp/out benchmarks/corpora/100MB --no-cache --workers 2
set -u
out=$1; shift
interval=${INTERVAL:-3}
kg=${KG:-$(dirname "$0")/../.venv/bin/kg}
"$kg" build "$@" -o "$out" > "$out.log" 2>&1 &
build=$!
peak=0
while kill -0 "$build" 2>/dev/null; do
    total=0
    for pid in $build $(pgrep -P "$build") $(for c in $(pgrep -P "$build"); do pgrep -P "$c"; done); do
        kb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null)
        total=$((total + ${kb:-0}))
    done
    [ "$total" -gt "$peak" ] && peak=$total
    echo "$(date +%T) $((total / 1024)) MB"
    sleep "$interval"
done
wait "$build"
status=$?
echo "peak: $((peak / 1024)) MB (sum of PSS, sampled every $interval s); kg build exited with $status"
exit "$status"

#!/bin/sh
# Start-up to the first allowed answer, guarded against unguarded: RUNS alternating pairs of
# benchmarks/micronaut/startup-probe.sh, each timed as a whole (wall) and by the sample's own processor time.
#   sh benchmarks/micronaut/startup.sh [RUNS=5] [OUT=benchmarks/results]
set -eu
. "$(dirname "$0")/setup.sh"
RUNS=${1:-5}
OUT=${2:-$ROOT/benchmarks/results}
PROBE="$ROOT/benchmarks/micronaut/startup-probe.sh"
sh "$PROBE" prepare
trap 'sh "$PROBE" cleanup' EXIT
rm -f "$WORK/cpu-guarded.txt" "$WORK/cpu-unguarded.txt" "$WORK/wall-guarded.txt" "$WORK/wall-unguarded.txt"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
sh "$PROBE" unguarded; sh "$PROBE" guarded   # warm-up: disk cache, not counted
rm -f "$WORK/cpu-guarded.txt" "$WORK/cpu-unguarded.txt"
i=1
while [ "$i" -le "$RUNS" ]; do
  for kind in guarded unguarded; do
    start=$(date +%s%N)
    sh "$PROBE" "$kind"
    echo "$(( ($(date +%s%N) - start) / 1000000 ))" >> "$WORK/wall-$kind.txt"
  done
  i=$((i + 1))
done
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
GW=$(median "$WORK/wall-guarded.txt"); UW=$(median "$WORK/wall-unguarded.txt")
GC=$(median "$WORK/cpu-guarded.txt"); UC=$(median "$WORK/cpu-unguarded.txt")
mkdir -p "$OUT"
cat > "$OUT/startup-micronaut.txt" <<REPORT
InvokerGuard start-up benchmark: Micronaut sample, from \`java -jar\` to the first allowed answer
command:     sh benchmarks/micronaut/startup.sh $RUNS
date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)
environment: $(java -version 2>&1 | head -1), $(nproc) processors, $(uname -sm)
what:        GET /private/report polled every 10 ms with curl until 200; guarded: the demo policy from the class
             path, keys from a local static server, a valid token; unguarded: INVOKERGUARD_ENABLED=false.
             $RUNS alternating pairs after one warm-up pair; medians.

               wall ms    sample processor s
  without      $UW        $UC
  with         $GW        $GC
  added        $((GW - UW)) ms    $(awk -v g="$GC" -v u="$UC" 'BEGIN { printf "%.2f s (%.0f%%)", g - u, 100 * (g - u) / u }')
  wall ratio   $(awk -v g="$GW" -v u="$UW" 'BEGIN { printf "%.2f", g / u }')   (target: at most 1.10, or at most 150 ms added)
wall ms, each run (with): $(tr '\n' ' ' < "$WORK/wall-guarded.txt")
wall ms, each run (without): $(tr '\n' ' ' < "$WORK/wall-unguarded.txt")
load average (1 min) before / after: $LOAD_BEFORE / $(cut -d' ' -f1 /proc/loadavg)
REPORT
cat "$OUT/startup-micronaut.txt"

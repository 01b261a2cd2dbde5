#!/usr/bin/env bash
# Cold start to the first allowed answer, guarded against unguarded, for the Spring sample (the
# benchmarks/spring-load jar) and the Micronaut sample, from one or more builds of this repository in
# alternation: each run starts every build's every sample in both modes once, in the same order, so that a
# busy machine weighs on all of them alike. Each start is `java -jar` with a fresh JVM; GET /private/report
# with a valid token is polled every 10 ms until it answers 200; then the process is killed. Recorded per
# start: the wall time from launch to that answer, and the process's own processor time up to it (user +
# system of all its threads, from /proc/PID/stat), the less noisy figure on a shared machine.
#
#   benchmarks/startup/cold-start.sh [LABEL=CHECKOUT ...]     (default: current=this checkout)
#
# Each CHECKOUT needs its jars: mvn -B -q -pl samples/micronaut,benchmarks/spring-load -am package -DskipTests
# Environment: RUNS (5), OUT (benchmarks/results/startup-cold.txt), PIN (a taskset CPU list for the samples;
# unset: not pinned), POLICY (INVOKERGUARD_POLICY; default: the demo policy, YAML, from the class path;
# benchmarks/startup/policy.json is the same policy as JSON). Keys and tokens come from the spring-load jar's
# issuer mode (a local key endpoint).
set -euo pipefail
RUNS=${RUNS:-5}
PORT=${PORT:-18491}
. "$(dirname "$0")/setup.sh"
OUT=${OUT:-$HERE/benchmarks/results/startup-cold.txt}
use_checkouts "$@"
PINNED=(); [ -n "${PIN:-}" ] && PINNED=(taskset -c "$PIN")

# one_start ROOT APP MODE: prints "wall_ms cpu_s"
one_start() {
  local root=$1 app=$2 mode=$3 t0 t1 pid
  t0=$(date +%s%N)
  start_sample "$root" "$app" "$mode" "${PINNED[@]}"
  pid=$SAMPLE_PID
  await_allowed "$app" "$mode"
  t1=$(date +%s%N)
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $cpu"
}

run_alternating one_start
mkdir -p "$(dirname "$OUT")"
{
  echo "InvokerGuard cold start: java -jar to the first allowed answer (GET /private/report, 200), guarded vs unguarded"
  echo "command:     RUNS=$RUNS${PIN:+ PIN=$PIN} benchmarks/startup/cold-start.sh ${BUILDS[*]}"
  report_context
  echo "guarded: policy $POLICY, keys from a local endpoint, a valid token of an allowed"
  echo "caller; unguarded: the Spring jar's unguarded mode, the Micronaut sample with INVOKERGUARD_ENABLED=false."
  echo "$RUNS alternating runs after one warm-up start of each guarded sample; medians. cpu: the sample's user +"
  echo "system seconds (all threads) up to its first allowed answer."
  echo
  python3 - "$RAW" <<'PY'
import sys, statistics
rows = [line.split() for line in open(sys.argv[1])]
builds = list(dict.fromkeys(r[0] for r in rows))
print(f"{'build':<10} {'sample':<10} {'cpu s unguarded':>16} {'cpu s guarded':>14} {'cpu added':>16}"
      f" {'wall ms unguarded':>18} {'wall ms guarded':>16} {'wall added':>18}")
for b in builds:
    for app in ("spring", "micronaut"):
        def med(mode, col, conv):
            return statistics.median(conv(r[col]) for r in rows if r[0] == b and r[1] == app and r[2] == mode)
        cu, cg = med("unguarded", 5, float), med("guarded", 5, float)
        wu, wg = med("unguarded", 4, int), med("guarded", 4, int)
        print(f"{b:<10} {app:<10} {cu:>16.2f} {cg:>14.2f} {f'{cg - cu:+.2f} ({100 * (cg - cu) / cu:+.0f}%)':>16}"
              f" {wu:>18.0f} {wg:>16.0f} {f'{wg - wu:+.0f} ({100 * (wg - wu) / wu:+.0f}%)':>18}")
print()
print("each start: build sample mode run wall_ms cpu_s load_1min")
for r in rows:
    print(" ".join(r))
PY
} > "$OUT"
cat "$OUT"

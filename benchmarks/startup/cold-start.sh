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
HERE=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${RUNS:-5}
OUT=${OUT:-$HERE/benchmarks/results/startup-cold.txt}
BUILDS=("$@")
[ ${#BUILDS[@]} -gt 0 ] || BUILDS=("current=$HERE")
for build in "${BUILDS[@]}"; do
  for jar in samples/micronaut/target/sample-micronaut.jar benchmarks/spring-load/target/spring-load.jar; do
    [ -f "${build#*=}/$jar" ] || { echo "missing ${build#*=}/$jar: build it first" >&2; exit 2; }
  done
done
PORT=${PORT:-18491}
WORK=$(mktemp -d)
ISSUER=
cleanup() { [ -n "$ISSUER" ] && kill "$ISSUER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

LOAD_MODE=issuer ISSUER_DIR="$WORK" java -jar "$HERE/benchmarks/spring-load/target/spring-load.jar" \
  > "$WORK/issuer.log" 2>&1 &
ISSUER=$!
for _ in $(seq 600); do [ -f "$WORK/jwks-uri" ] && break; sleep 0.1; done
JWKS_URI=$(cat "$WORK/jwks-uri")
TOKEN=$(head -1 "$WORK/tokens")
POLICY=${POLICY:-classpath:dev/invokerguard/testing/demo/policy.yaml}
PINNED=(); [ -n "${PIN:-}" ] && PINNED=(taskset -c "$PIN")

# one_start ROOT APP MODE: prints "wall_ms cpu_s"
one_start() {
  local root=$1 app=$2 mode=$3 jar vars=(PATH="$PATH" PORT="$PORT")
  if [ "$app" = spring ]; then
    jar=$root/benchmarks/spring-load/target/spring-load.jar
    vars+=(LOAD_MODE="$mode" JWKS_URI="$JWKS_URI")
  else
    jar=$root/samples/micronaut/target/sample-micronaut.jar
    [ "$mode" = unguarded ] && vars+=(INVOKERGUARD_ENABLED=false)
  fi
  if [ "$mode" = guarded ]; then
    vars+=(INVOKERGUARD_POLICY="$POLICY" INVOKERGUARD_AUDIENCES=https://svc.example.com
      INVOKERGUARD_JWKS_URI="$JWKS_URI")
  fi
  local t0 t1 pid
  t0=$(date +%s%N)
  env -i "${vars[@]}" "${PINNED[@]}" java -jar "$jar" > "$WORK/sample.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:$PORT/private/report")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the $app sample ($mode) exited:" >&2; cat "$WORK/sample.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $cpu"
}

RAW="$WORK/raw"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for build in "${BUILDS[@]}"; do   # warm-up: the disk cache, not counted
  for app in spring micronaut; do one_start "${build#*=}" "$app" guarded > /dev/null; done
done
for run in $(seq "$RUNS"); do
  for build in "${BUILDS[@]}"; do
    for app in spring micronaut; do
      for mode in unguarded guarded; do
        echo "${build%%=*} $app $mode $run $(one_start "${build#*=}" "$app" "$mode") $(cut -d' ' -f1 /proc/loadavg)" \
          | tee -a "$RAW" >&2
      done
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$(dirname "$OUT")"
{
  echo "InvokerGuard cold start: java -jar to the first allowed answer (GET /private/report, 200), guarded vs unguarded"
  echo "command:     RUNS=$RUNS${PIN:+ PIN=$PIN} benchmarks/startup/cold-start.sh ${BUILDS[*]}"
  echo "builds:      $(for b in "${BUILDS[@]}"; do printf '%s=%s ' "${b%%=*}" \
    "$(git -C "${b#*=}" rev-parse --short HEAD 2>/dev/null || echo "${b#*=}")"; done)"
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "environment: $(java -version 2>&1 | head -1), $(nproc) processors, $(uname -sm)"
  echo "load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
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

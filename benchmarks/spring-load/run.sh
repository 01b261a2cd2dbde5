#!/usr/bin/env bash
# The Spring sample's controller unguarded, behind InvokerGuard's starter, and behind Spring Security's OAuth2
# resource server, under the same wrk load in one run, then the time from `java -jar` to the first allowed
# answer. The three servers run at once, all on CPU 1, and wrk on CPU 0 (taskset). Servers are loaded two at a
# time, each by its own wrk: guarded with unguarded, then guarded with the resource server. A pair shares CPU 1
# over the very same seconds, so each round's ratio of served requests is the ratio of their costs per request
# (rounds that take turns follow this shared machine, whose speed changes by half within minutes). Each pair is
# first warmed up for WARMUP (on a shared processor the JIT needs minutes to reach a steady rate; a shorter
# warm-up measures compilation, not the request path). The verdict is the median of the rounds' ratios; the
# servers' processor time per request checks it. Results go to benchmarks/results/.
#
#   mvn -B -q -pl benchmarks/spring-load -am package -DskipTests && benchmarks/spring-load/run.sh
#
# Environment: ROUNDS (7), DURATION (10s), WARMUP (150s), CONNECTIONS (16), STARTS (5), OUT (benchmarks/results:
# where http-load-spring.txt is written; a quick check of the script can write elsewhere).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=benchmarks/spring-load/target/spring-load.jar
OUT=${OUT:-benchmarks/results}
ROUNDS=${ROUNDS:-7} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-150s} CONNECTIONS=${CONNECTIONS:-16}
STARTS=${STARTS:-5}
free_port() { python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }
PORT=${PORT:-$(free_port)}
[ -f "$JAR" ] || { echo "build first: mvn -B -q -pl benchmarks/spring-load -am package -DskipTests" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)" >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

LOAD_MODE=issuer ISSUER_DIR="$WORK" java -jar "$JAR" > "$WORK/issuer.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 600); do [ -f "$WORK/jwks-uri" ] && break; sleep 0.1; done
JWKS_URI=$(cat "$WORK/jwks-uri")
export TOKENS_FILE="$WORK/tokens"
TOKEN=$(head -1 "$TOKENS_FILE")

# start MODE [PORT]: the server pinned to CPU 1, in the background; its pid in $SERVER. Each server runs in a
# session of its own (setsid): with the kernel's autogroups, two servers sharing CPU 1 then get equal shares of
# it whatever their thread counts (Tomcat runs a thread per request in progress, so the costlier server would
# otherwise get more of the processor).
start() {
  local mode=$1
  [ "$1" = control ] && mode=unguarded
  setsid env -i PATH="$PATH" PORT="${2:-$PORT}" LOAD_MODE="$mode" JWKS_URI="$JWKS_URI" \
    INVOKERGUARD_POLICY="$(cat "$WORK/policy")" INVOKERGUARD_AUDIENCES=https://svc.example.com \
    INVOKERGUARD_JWKS_URI="$JWKS_URI" \
    taskset -c 1 java -jar "$JAR" > "$WORK/server-$1.log" 2>&1 &
  SERVER=$!
  PIDS+=("$SERVER")
}
# first_answer [PORT]: waits for the first 200 to GET /private/report with a token
first_answer() {
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:${1:-$PORT}/private/report")" = 200 ]; do
    kill -0 "$SERVER" 2>/dev/null || { echo "server died:" >&2; cat "$WORK"/server-*.log >&2; exit 1; }
    sleep 0.02
  done
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
load() { taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"$2" -s benchmarks/spring-load/tokens.lua "http://127.0.0.1:$1" \
  | grep '^RESULT' | sed 's/^RESULT //'; }

# Two servers at a time, each with its own wrk: the pair shares CPU 1 over the very same seconds, so a slower or
# faster spell of the shared machine weighs on both alike, and each round's ratio of served requests is the
# ratio of their costs per request. The servers' processor time per request is the check on that reading.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # the process's processor time, all threads
# pair ROUND A B SECONDS: loads servers A and B at once (in even rounds B's wrk starts first); with ROUND set,
# appends one line per server to RESULTS
pair() {
  local ta tb wa wb
  ta=$(cpu_ticks "${SERVERS[$2]}"); tb=$(cpu_ticks "${SERVERS[$3]}")
  if [ $(( ${1:-1} % 2 )) = 0 ]; then
    load "${PORTS[$3]}" "$4" > "$WORK/load-$3" & wb=$!
    load "${PORTS[$2]}" "$4" > "$WORK/load-$2" & wa=$!
  else
    load "${PORTS[$2]}" "$4" > "$WORK/load-$2" & wa=$!
    load "${PORTS[$3]}" "$4" > "$WORK/load-$3" & wb=$!
  fi
  wait "$wa" "$wb"
  ta=$(( $(cpu_ticks "${SERVERS[$2]}") - ta )); tb=$(( $(cpu_ticks "${SERVERS[$3]}") - tb ))
  [ -n "$1" ] || return 0
  echo "round=$1 pair=$2+$3 mode=$2 cpu_ticks=$ta $(cat "$WORK/load-$2")" | tee -a "$RESULTS"
  echo "round=$1 pair=$2+$3 mode=$3 cpu_ticks=$tb $(cat "$WORK/load-$3")" | tee -a "$RESULTS"
}

# control: a second unguarded server, loaded with the first: what the method reads between two equal servers
MODES=(unguarded guarded resource-server control)
declare -A PORTS SERVERS
RESULTS="$WORK/results"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$RESULTS"
for mode in "${MODES[@]}"; do
  PORTS[$mode]=$(free_port)
  start "$mode" "${PORTS[$mode]}"; SERVERS[$mode]=$SERVER; first_answer "${PORTS[$mode]}"
done
pair "" guarded unguarded "$WARMUP"
pair "" guarded resource-server "$WARMUP"
pair "" unguarded control "$WARMUP"
for round in $(seq "$ROUNDS"); do
  pair "$round" guarded unguarded "$DURATION"
  pair "$round" guarded resource-server "$DURATION"
  pair "$round" unguarded control "$DURATION"
done
for mode in "${MODES[@]}"; do SERVER=${SERVERS[$mode]}; stop; done
for i in $(seq "$STARTS"); do
  for mode in unguarded guarded; do
    t0=$(date +%s%N); start "$mode"; first_answer; t1=$(date +%s%N); stop
    echo "start=$i mode=$mode first_allowed_ms=$(( (t1 - t0) / 1000000 ))" | tee -a "$RESULTS"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS"
CONNECTIONS="$CONNECTIONS" WARMUP="$WARMUP" DURATION="$DURATION" CLK_TCK="$(getconf CLK_TCK)" \
  python3 benchmarks/spring-load/summarize.py "$RESULTS" "$OUT/http-load-spring.txt"

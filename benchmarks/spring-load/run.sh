#!/usr/bin/env bash
# The Spring sample's controller unguarded, behind InvokerGuard's starter, and behind Spring Security's OAuth2
# resource server, under the same wrk load in one run, then the time from `java -jar` to the first allowed
# answer. The three servers run at once, all on CPU 1, and wrk on CPU 0 (taskset). Each server is first warmed
# up alone (WARMUP of load: on one processor the JIT needs about a minute to reach a steady rate, so a shorter
# warm-up measures compilation, not the request path); then rounds alternate between the modes, so a slower
# or faster spell of the shared machine weighs on every mode alike. The ratio reported is the median of the
# per-round ratios. Results go to benchmarks/results/.
#
#   mvn -B -q -pl benchmarks/spring-load -am package -DskipTests && benchmarks/spring-load/run.sh
#
# Environment: ROUNDS (7), DURATION (10s), WARMUP (75s), CONNECTIONS (16), STARTS (5), OUT (benchmarks/results:
# where http-load-spring.txt is written; a quick check of the script can write elsewhere).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=benchmarks/spring-load/target/spring-load.jar
OUT=${OUT:-benchmarks/results}
ROUNDS=${ROUNDS:-7} DURATION=${DURATION:-10s} WARMUP=${WARMUP:-75s} CONNECTIONS=${CONNECTIONS:-16}
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

# start MODE [PORT]: the server pinned to CPU 1, in the background; its pid in $SERVER
start() {
  env -i PATH="$PATH" PORT="${2:-$PORT}" LOAD_MODE="$1" JWKS_URI="$JWKS_URI" \
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

MODES=(unguarded guarded resource-server)
declare -A PORTS SERVERS
RESULTS="$WORK/results"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" > "$RESULTS"
for mode in "${MODES[@]}"; do
  PORTS[$mode]=$(free_port)
  start "$mode" "${PORTS[$mode]}"; SERVERS[$mode]=$SERVER; first_answer "${PORTS[$mode]}"
  load "${PORTS[$mode]}" "$WARMUP" > /dev/null
done
for round in $(seq "$ROUNDS"); do
  for mode in "${MODES[@]}"; do
    echo "round=$round mode=$mode $(load "${PORTS[$mode]}" "$DURATION")" | tee -a "$RESULTS"
  done
done
for mode in "${MODES[@]}"; do SERVER=${SERVERS[$mode]}; stop; done
for i in $(seq "$STARTS"); do
  for mode in unguarded guarded; do
    t0=$(date +%s%N); start "$mode"; first_answer; t1=$(date +%s%N); stop
    echo "start=$i mode=$mode first_allowed_ms=$(( (t1 - t0) / 1000000 ))" | tee -a "$RESULTS"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS"
CONNECTIONS="$CONNECTIONS" WARMUP="$WARMUP" DURATION="$DURATION" \
  python3 benchmarks/spring-load/summarize.py "$RESULTS" "$OUT/http-load-spring.txt"

#!/bin/sh
# HTTP load benchmark of the Micronaut sample with and without InvokerGuard, in one run. Both samples run pinned
# to processor 0 and are loaded AT THE SAME TIME, each by its own wrk pinned to processor 1: the scheduler gives
# the two event loops equal shares of processor 0, so each round's ratio of served requests is the ratio of
# their costs per request, measured over the very same seconds. (Rounds that take turns, one sample after the
# other, swung from 0.55 to 1.08 on this shared machine, whose speed changes by half within minutes; rounds
# taken together stay within a few hundredths.) Every guarded request carries the same valid token of
# user:alice@example.com (a caller reuses its token for an hour) and is allowed by the demo policy (3 bindings,
# 2 with conditions), so the whole check runs; the unguarded sample runs with INVOKERGUARD_ENABLED=false.
# Each round also loads the unguarded sample with a second unguarded one, the control: its ratio says how far
# apart this method reads two equal samples (with 16 connections wrk often sleeps between answers, and waking
# it is kernel time charged to whichever sample answers it). The wrk that starts first alternates by round,
# and each sample runs in a session of its own (setsid: with the kernel's autogroups, equal shares of the
# processor whatever the thread counts). Installs wrk (Debian package) when missing.
#
#   sh benchmarks/micronaut/http-load-wrk.sh [ROUNDS=5] [SECONDS=10] [CONNECTIONS=16] [OUT=benchmarks/results]
set -eu
. "$(dirname "$0")/setup.sh"
ROUNDS=${1:-5}
SECONDS_EACH=${2:-10}
CONNECTIONS=${3:-16}
OUT=${4:-$ROOT/benchmarks/results}
PLAIN_PORT=18482
GUARDED_PORT=18483
CONTROL_PORT=18484
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
[ "$(nproc)" -ge 2 ] || { echo "needs 2 processors: the samples on one, wrk on the other" >&2; exit 1; }

keys_for "$GUARDED_PORT"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
plain=$(start_sample "$PLAIN_PORT" unguarded 0)
guarded=$(start_sample "$GUARDED_PORT" guarded 0)
control=$(start_sample "$CONTROL_PORT" unguarded 0)   # a second unguarded sample: the method's control
trap 'kill $plain $guarded $control 2>/dev/null; stop_keys' EXIT
for port in "$PLAIN_PORT" "$GUARDED_PORT" "$CONTROL_PORT"; do
  until curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "http://localhost:$port/private/report"; do sleep 0.2; done
done
# the guarded sample must deny without the token, or the run measures nothing
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$GUARDED_PORT/private/report")" = 401 ]

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # the process's processor time, all threads
PLAIN_TICKS=0
GUARDED_TICKS=0
run_wrk() { # port seconds -> wrk output
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"$2"s --latency -H "Authorization: Bearer $TOKEN" \
    "http://localhost:$1/private/report"
}
# On one processor the JIT needs about a minute of load to reach a steady rate: a shorter warm-up measures
# compilation, not the request path.
WARMUP=${WARMUP:-75}
# both ROUND PORT_A PORT_B SECONDS OUT_A OUT_B: loads two samples at once; in even rounds B's wrk starts first
both() {
  if [ $(($1 % 2)) = 0 ]; then
    run_wrk "$3" "$4" > "$6" & w2=$!
    run_wrk "$2" "$4" > "$5" & w1=$!
  else
    run_wrk "$2" "$4" > "$5" & w1=$!
    run_wrk "$3" "$4" > "$6" & w2=$!
  fi
  wait $w1 $w2
}
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
echo "warming up $WARMUP s (two at a time) ..."
both 1 "$PLAIN_PORT" "$GUARDED_PORT" "$WARMUP" /dev/null /dev/null
both 1 "$PLAIN_PORT" "$CONTROL_PORT" "$WARMUP" /dev/null /dev/null
: > "$WORK/rounds.txt"
: > "$WORK/round-ratios.txt"
: > "$WORK/control-ratios.txt"
rm -f "$WORK"/plain-*.txt "$WORK"/guarded-*.txt   # the summary reads every round file: none from an earlier run
r=1
while [ "$r" -le "$ROUNDS" ]; do
  tp=$(cpu_ticks "$plain"); tg=$(cpu_ticks "$guarded")
  both "$r" "$PLAIN_PORT" "$GUARDED_PORT" "$SECONDS_EACH" "$WORK/plain-$r.txt" "$WORK/guarded-$r.txt"
  PLAIN_TICKS=$((PLAIN_TICKS + $(cpu_ticks "$plain") - tp))
  GUARDED_TICKS=$((GUARDED_TICKS + $(cpu_ticks "$guarded") - tg))
  p=$(rps "$WORK/plain-$r.txt")
  g=$(rps "$WORK/guarded-$r.txt")
  echo "round $r: without $p req/s, with $g req/s" | tee -a "$WORK/rounds.txt"
  awk -v g="$g" -v p="$p" 'BEGIN { printf "%.3f\n", g / p }' >> "$WORK/round-ratios.txt"
  both "$r" "$PLAIN_PORT" "$CONTROL_PORT" "$SECONDS_EACH" "$WORK/pc-$r.txt" "$WORK/control-$r.txt"
  awk -v c="$(rps "$WORK/control-$r.txt")" -v p="$(rps "$WORK/pc-$r.txt")" 'BEGIN { printf "%.3f\n", p / c }' \
    >> "$WORK/control-ratios.txt"
  r=$((r + 1))
done
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)

# totals over the rounds: requests / seconds; latency percentiles: the median over rounds of wrk's percentiles
to_ms() { awk '{ v = $1; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else if (v ~ /s$/) print v * 1000; else print v }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
summary() { # prefix -> "requests req/s p50 p99"
  req=$(cat "$WORK/$1"-*.txt | awk '/ requests in / { n += $1 } END { print n }')
  p50=$(cat "$WORK/$1"-*.txt | awk '$1 == "50%" { print $2 }' | to_ms | median)
  p99=$(cat "$WORK/$1"-*.txt | awk '$1 == "99%" { print $2 }' | to_ms | median)
  echo "$req $(awk -v r="$req" -v s="$SECONDS_EACH" -v n="$ROUNDS" 'BEGIN { printf "%.0f", r / (s * n) }') $p50 $p99"
}
set -- $(summary plain); P_REQ=$1; P_RPS=$2; P_P50=$3; P_P99=$4
set -- $(summary guarded); G_REQ=$1; G_RPS=$2; G_P50=$3; G_P99=$4
RATIO=$(awk -v g="$G_RPS" -v p="$P_RPS" 'BEGIN { printf "%.3f", g / p }')
# the verdict: the median of the rounds' ratios (each round loads both samples over the same seconds, so a
# slower or faster spell of the shared machine weighs on both alike)
ROUND_RATIO=$(median < "$WORK/round-ratios.txt")
ROUND_RATIOS=$(tr '\n' ' ' < "$WORK/round-ratios.txt")
CONTROL_RATIO=$(median < "$WORK/control-ratios.txt")
CONTROL_RATIOS=$(tr '\n' ' ' < "$WORK/control-ratios.txt")
HZ=$(getconf CLK_TCK)
P_CPU=$(awk -v t="$PLAIN_TICKS" -v hz="$HZ" -v n="$P_REQ" 'BEGIN { printf "%.1f", 1e6 * t / hz / n }')
G_CPU=$(awk -v t="$GUARDED_TICKS" -v hz="$HZ" -v n="$G_REQ" 'BEGIN { printf "%.1f", 1e6 * t / hz / n }')
CPU_RATIO=$(awk -v g="$G_CPU" -v p="$P_CPU" 'BEGIN { printf "%.3f", p / g }')
VERDICT=$(awk -v r="$ROUND_RATIO" 'BEGIN { print (r >= 0.90 ? "meets" : "MISSES") }')
mkdir -p "$OUT"
cat > "$OUT/http-load-micronaut.txt" <<REPORT
InvokerGuard HTTP load benchmark: Micronaut sample with and without InvokerGuard's server filter
command:     sh benchmarks/micronaut/http-load-wrk.sh $ROUNDS $SECONDS_EACH $CONNECTIONS
date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)
environment: $(java -version 2>&1 | head -1), $(nproc) processors, $(uname -sm), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)
             the samples pinned to processor 0 (taskset -c 0), each in a session of its own, and loaded two
             at a time, each by its own wrk pinned to processor 1 (taskset -c 1), loopback; in even rounds
             the second sample's wrk starts first
requests:    GET /private/report, one valid Google-shaped token (user:alice@example.com) reused; wrk 1 thread,
             $CONNECTIONS connections, HTTP/1.1 kept alive; $WARMUP s warm-up; $ROUNDS rounds of $SECONDS_EACH s
policy:      the demo policy (3 bindings, 2 with conditions); every guarded request is allowed
unguarded:   the same jar with INVOKERGUARD_ENABLED=false
control:     a second unguarded sample, loaded with the first in each round after the guarded pair

                 requests   req/s     p50 ms   p99 ms   (latency: median over rounds)
  without      $(printf '%9d  %8d  %7.3f  %7.3f' "$P_REQ" "$P_RPS" "$P_P50" "$P_P99")
  with         $(printf '%9d  %8d  %7.3f  %7.3f' "$G_REQ" "$G_RPS" "$G_P50" "$G_P99")

throughput ratio (with / without, sharing processor 0), median of the rounds' ratios: $ROUND_RATIO  (target >= 0.90: $VERDICT)
  rounds' ratios: $ROUND_RATIOS; ratio of the totals: $RATIO
control (unguarded / second unguarded, loaded at once), median of the rounds' ratios: $CONTROL_RATIO
  rounds' ratios: $CONTROL_RATIOS: how far apart this method reads two equal samples
server processor time per request: without $P_CPU us, with $G_CPU us; their ratio (without / with): $CPU_RATIO
per round: $(tr '\n' ';' < "$WORK/rounds.txt")
load average (1 min) before / after: $LOAD_BEFORE / $LOAD_AFTER
REPORT
cat "$OUT/http-load-micronaut.txt"

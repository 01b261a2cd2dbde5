#!/usr/bin/env bash
# Where a cold start's processor time goes, by thread: like cold-start.sh (java -jar to the first allowed
# answer, builds and modes in alternation), but recording, at that answer, the processor seconds of the main
# thread (the start's critical path: the framework's context, the guard's start, class loading), of the JIT
# compiler threads, of threads that had ended by then (InvokerGuard's background warm-up thread,
# invokerguard-preinitialize, is one: it ends when its work is done), and of all the other threads. On a busy machine wall times scatter; a thread's processor time much less, so the main thread's
# share shows what the warm-up takes off the critical path.
#
#   benchmarks/startup/thread-cpu.sh [LABEL=CHECKOUT ...]     (default: current=this checkout)
#
# Environment: RUNS (5), OUT (benchmarks/results/startup-threads.txt), POLICY (as cold-start.sh).
set -euo pipefail
RUNS=${RUNS:-5}
PORT=${PORT:-18492}
. "$(dirname "$0")/setup.sh"
OUT=${OUT:-$HERE/benchmarks/results/startup-threads.txt}
use_checkouts "$@"

# one_start ROOT APP MODE: prints "wall_ms cpu_s main_s jit_s ended_s other_s"
one_start() {
  local root=$1 app=$2 mode=$3 t0 t1 pid
  t0=$(date +%s%N)
  start_sample "$root" "$app" "$mode"
  pid=$SAMPLE_PID
  await_allowed "$app" "$mode"
  t1=$(date +%s%N)
  local threads
  threads=$(for task in /proc/"$pid"/task/*; do
    printf '%s\t%s\n' "$(cat "$task/comm" 2>/dev/null)" "$(cut -d')' -f2 "$task/stat" 2>/dev/null)"; done \
    | awk -F'\t' -v hz="$(getconf CLK_TCK)" -v pid="$pid" '
        { split($2, f, " "); t = (f[12] + f[13]) / hz; all += t
          if ($1 == "java" || $1 == "main") main += t
          else if ($1 ~ /^C[12] CompilerThre/) jit += t }
        END { printf "%.2f %.2f %.2f", main, jit, all }')
  local cpu
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat")
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  # threads that ended: the process's time minus that of the threads still alive
  echo "$(( (t1 - t0) / 1000000 )) $cpu $(echo "$cpu $threads" | awk '{ printf "%.2f %.2f %.2f %.2f", $2, $3,
    ($1 - $4 > 0 ? $1 - $4 : 0), $4 - $2 - $3 }')"
}

run_alternating one_start
mkdir -p "$(dirname "$OUT")"
{
  echo "InvokerGuard cold start by thread: processor seconds at the first allowed answer (GET /private/report, 200)"
  echo "command:     RUNS=$RUNS benchmarks/startup/thread-cpu.sh ${BUILDS[*]}"
  report_context
  echo "guarded and unguarded as in cold-start.sh. main: the main thread; jit: C1 and C2 compiler threads;"
  echo "ended: threads that had ended by the first answer (the warm-up thread among them); other: every other"
  echo "live thread. Medians over $RUNS alternating runs; added: median of the paired guarded - unguarded."
  echo
  python3 - "$RAW" <<'PY'
import sys, statistics
rows = [line.split() for line in open(sys.argv[1])]
builds = list(dict.fromkeys(r[0] for r in rows))
cols = [("wall ms", 4, "{:.0f}"), ("cpu s", 5, "{:.2f}"), ("main s", 6, "{:.2f}"), ("jit s", 7, "{:.2f}"),
        ("ended s", 8, "{:.2f}"), ("other s", 9, "{:.2f}")]
print(f"{'build':<8} {'sample':<10} {'mode':<10} " + " ".join(f"{c[0]:>10}" for c in cols))
for b in builds:
    for app in ("spring", "micronaut"):
        for mode in ("unguarded", "guarded"):
            sel = [r for r in rows if r[0] == b and r[1] == app and r[2] == mode]
            print(f"{b:<8} {app:<10} {mode:<10} " + " ".join(
                f"{c[2].format(statistics.median(float(r[c[1]]) for r in sel)):>10}" for c in cols))
        g = {r[3]: r for r in rows if r[0] == b and r[1] == app and r[2] == "guarded"}
        u = {r[3]: r for r in rows if r[0] == b and r[1] == app and r[2] == "unguarded"}
        paired = lambda i: statistics.median(float(g[k][i]) - float(u[k][i]) for k in g if k in u)
        print(f"{b:<8} {app:<10} {'added':<10} " + " ".join(
            f"{('{:+.0f}' if c[1] == 4 else '{:+.2f}').format(paired(c[1])):>10}" for c in cols)
            + "   (median of paired differences)")
print()
print("each start: build sample mode run wall_ms cpu_s main_s jit_s ended_s other_s load_1min")
for r in rows:
    print(" ".join(r))
PY
} > "$OUT"
cat "$OUT"

#!/bin/sh
# One start of the Micronaut sample, from `java -jar` to its first allowed answer (GET /private/report: 200),
# then the process is killed. Timed as a whole process, guarded against unguarded, alternating, for example with
#   /usr/bin/time -f %e sh benchmarks/micronaut/startup-probe.sh guarded
# (run benchmarks/micronaut/startup-probe.sh prepare first: it mints the token and serves the key set).
# Each run also appends the sample's own processor seconds up to that answer to $WORK/cpu-guarded.txt or
# $WORK/cpu-unguarded.txt: on a busy machine they tell more than the wall time.
# $1: guarded | unguarded | prepare | cleanup; PORT (default 18481).
set -eu
. "$(dirname "$0")/setup.sh"
PORT=${PORT:-18481}
case "$1" in
  prepare) keys_for "$PORT"; exit 0 ;;
  cleanup) stop_keys; exit 0 ;;
esac
TOKEN=$(cat "$WORK/token")
pid=$(start_sample "$PORT" "$1" 0-1)
if [ "$1" = guarded ]; then AUTH="Authorization: Bearer $TOKEN"; else AUTH="X-Unused: 1"; fi
until curl -fs -o /dev/null -H "$AUTH" "http://localhost:$PORT/private/report"; do
  kill -0 "$pid" 2>/dev/null || { cat "$WORK/sample-$PORT.log" >&2; exit 1; }
  sleep 0.01
done
# the sample's own processor time up to its first allowed answer (all threads; utime + stime, in clock ticks)
awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$pid/stat" >> "$WORK/cpu-$1.txt"
kill -9 "$pid"
while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done

#!/usr/bin/env bash
# Which classes the guard adds to a cold start: starts a sample once unguarded and once guarded with
# -Xlog:class+load, up to the first allowed answer, and counts the classes only the guarded start loaded, by
# package (three levels for com/org/io/dev/net names, two otherwise). Lambdas and other hidden classes carry
# an address in their names, so they are counted apart, not compared by name.
#
#   benchmarks/startup/class-loads.sh spring|micronaut [CHECKOUT]     (default: this checkout)
# Environment: POLICY (INVOKERGUARD_POLICY; default: the demo policy, YAML, from the class path), TOP (25).
set -euo pipefail
PORT=${PORT:-18493}
. "$(dirname "$0")/setup.sh"
APP=$1 ROOT=${2:-$HERE}
require_jars "build=$ROOT"
start_issuer
for mode in unguarded guarded; do
  start_sample "$ROOT" "$APP" "$mode" -- -Xlog:class+load:file="$WORK/$mode.log"
  pid=$SAMPLE_PID
  await_allowed "$APP" "$mode"
  kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  sed -E 's/.*\] ([^ ]+) source.*/\1/' "$WORK/$mode.log" | sort -u > "$WORK/$mode.all"
  grep -v -e '/0x' -e '\$\$Lambda' "$WORK/$mode.all" > "$WORK/$mode.classes" || true
done
hidden() { echo $(( $(wc -l < "$WORK/$1.all") - $(wc -l < "$WORK/$1.classes") )); }
echo "named classes loaded up to the first allowed answer: unguarded $(wc -l < "$WORK/unguarded.classes")," \
  "guarded $(wc -l < "$WORK/guarded.classes"), only guarded $(comm -13 "$WORK/unguarded.classes" \
  "$WORK/guarded.classes" | wc -l); lambdas and other hidden classes: unguarded $(hidden unguarded)," \
  "guarded $(hidden guarded)"
comm -13 "$WORK/unguarded.classes" "$WORK/guarded.classes" \
  | awk -F. '{ if ($1 ~ /^(com|org|io|dev|net)$/) print $1"."$2"."$3; else print $1"."$2 }' \
  | sort | uniq -c | sort -rn | head -${TOP:-25}

#!/usr/bin/env bash
# Which classes the guard adds to a cold start: starts a sample once unguarded and once guarded with
# -Xlog:class+load, up to the first allowed answer, and counts the classes only the guarded start loaded, by
# package (three levels for com/org/io/dev/net names, two otherwise). Lambdas and other hidden classes carry
# an address in their names, so they are counted apart, not compared by name.
#
#   benchmarks/startup/class-loads.sh spring|micronaut [CHECKOUT]     (default: this checkout)
# Environment: POLICY (INVOKERGUARD_POLICY; default: the demo policy, YAML, from the class path), TOP (25).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
APP=$1 ROOT=${2:-$HERE}
PORT=${PORT:-18493}
WORK=$(mktemp -d)
ISSUER=
cleanup() { [ -n "$ISSUER" ] && kill "$ISSUER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
LOAD_MODE=issuer ISSUER_DIR="$WORK" java -jar "$HERE/benchmarks/spring-load/target/spring-load.jar" \
  > "$WORK/issuer.log" 2>&1 &
ISSUER=$!
for _ in $(seq 600); do [ -f "$WORK/jwks-uri" ] && break; sleep 0.1; done
JWKS_URI=$(cat "$WORK/jwks-uri") TOKEN=$(head -1 "$WORK/tokens")
for mode in unguarded guarded; do
  vars=(PATH="$PATH" PORT="$PORT")
  if [ "$APP" = spring ]; then
    jar=$ROOT/benchmarks/spring-load/target/spring-load.jar; vars+=(LOAD_MODE="$mode" JWKS_URI="$JWKS_URI")
  else
    jar=$ROOT/samples/micronaut/target/sample-micronaut.jar; [ "$mode" = unguarded ] && vars+=(INVOKERGUARD_ENABLED=false)
  fi
  [ "$mode" = guarded ] && vars+=(INVOKERGUARD_POLICY="${POLICY:-classpath:dev/invokerguard/testing/demo/policy.yaml}"
    INVOKERGUARD_AUDIENCES=https://svc.example.com INVOKERGUARD_JWKS_URI="$JWKS_URI")
  env -i "${vars[@]}" java -Xlog:class+load:file="$WORK/$mode.log" -jar "$jar" > "$WORK/sample.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:$PORT/private/report")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/sample.log" >&2; exit 1; }
    sleep 0.01
  done
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

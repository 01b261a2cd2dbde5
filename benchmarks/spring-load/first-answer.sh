#!/usr/bin/env bash
# One cold start, as Cloud Run does it: `java -jar` the benchmark jar in MODE (unguarded or guarded), wait for
# the first allowed answer to GET /private/report, stop the server. Timing this whole command (with
# /usr/bin/time, or several runs alternating the two modes) gives the time to the first allowed answer.
#
#   benchmarks/spring-load/first-answer.sh MODE JWKS_URI TOKEN [PORT]
set -euo pipefail
MODE=$1 JWKS_URI=$2 TOKEN=$3 PORT=${4:-18481}
JAR="$(dirname "$0")/target/spring-load.jar"
env -i PATH="$PATH" PORT="$PORT" LOAD_MODE="$MODE" JWKS_URI="$JWKS_URI" \
  INVOKERGUARD_POLICY=classpath:dev/invokerguard/testing/demo/policy.yaml \
  INVOKERGUARD_AUDIENCES=https://svc.example.com INVOKERGUARD_JWKS_URI="$JWKS_URI" \
  java -jar "$JAR" > /dev/null 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/private/report")" = 200 ]; do
  kill -0 "$SERVER" 2>/dev/null || { echo "the server exited" >&2; exit 1; }
  sleep 0.01
done

# Shared by the start-up scripts (sourced, bash): the checkouts to compare, the local key endpoint and token
# (the spring-load jar's issuer mode), and starting a sample to its first allowed answer.
#
# Before sourcing: PORT. After: HERE, WORK (removed on exit, with the issuer), POLICY, and the functions below.
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
POLICY=${POLICY:-classpath:dev/invokerguard/testing/demo/policy.yaml}
WORK=$(mktemp -d)
ISSUER=
cleanup() { [ -n "$ISSUER" ] && kill "$ISSUER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# require_jars LABEL=CHECKOUT ...: stops unless every checkout has both sample jars
require_jars() {
  local build jar
  for build in "$@"; do
    for jar in samples/micronaut/target/sample-micronaut.jar benchmarks/spring-load/target/spring-load.jar; do
      [ -f "${build#*=}/$jar" ] || { echo "missing ${build#*=}/$jar: build it first" >&2; exit 2; }
    done
  done
}

# use_checkouts LABEL=CHECKOUT ...: sets BUILDS (default: current=this checkout), checks their jars and starts
# the issuer
use_checkouts() {
  BUILDS=("$@")
  [ ${#BUILDS[@]} -gt 0 ] || BUILDS=("current=$HERE")
  require_jars "${BUILDS[@]}"
  start_issuer
}

# start_issuer: the local key endpoint and a valid token (this checkout's spring-load jar, issuer mode); sets
# JWKS_URI and TOKEN
start_issuer() {
  [ -f "$HERE/benchmarks/spring-load/target/spring-load.jar" ] || require_jars "current=$HERE"
  LOAD_MODE=issuer ISSUER_DIR="$WORK" java -jar "$HERE/benchmarks/spring-load/target/spring-load.jar" \
    > "$WORK/issuer.log" 2>&1 &
  ISSUER=$!
  for _ in $(seq 600); do [ -f "$WORK/jwks-uri" ] && break; sleep 0.1; done
  JWKS_URI=$(cat "$WORK/jwks-uri")
  TOKEN=$(head -1 "$WORK/tokens")
}

# start_sample ROOT APP MODE [COMMAND-PREFIX...] [-- JAVA-OPTIONS...]: starts the spring (load jar) or micronaut
# sample of checkout ROOT, guarded or unguarded, in the background; sets SAMPLE_PID
start_sample() {
  local root=$1 app=$2 mode=$3 jar vars=(PATH="$PATH" PORT="$PORT") prefix=() options=()
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do prefix+=("$1"); shift; done
  [ $# -gt 0 ] && shift && options=("$@")
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
  env -i "${vars[@]}" "${prefix[@]}" java "${options[@]}" -jar "$jar" > "$WORK/sample.log" 2>&1 &
  SAMPLE_PID=$!
}

# await_allowed APP MODE: polls GET /private/report with the token every 10 ms until it answers 200
await_allowed() {
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
      "http://127.0.0.1:$PORT/private/report")" = 200 ]; do
    kill -0 "$SAMPLE_PID" 2>/dev/null \
      || { echo "the $1 sample ($2) exited:" >&2; cat "$WORK/sample.log" >&2; exit 1; }
    sleep 0.01
  done
}

# run_alternating FUNCTION: one warm-up start of each checkout's guarded samples (the disk cache, not counted),
# then RUNS rounds of every checkout, sample and mode in the same order; FUNCTION ROOT APP MODE prints one
# start's figures. Appends "label app mode run figures... load_1min" lines to $RAW (and standard error);
# sets LOAD_BEFORE and LOAD_AFTER.
run_alternating() {
  local start=$1 build app mode run
  RAW="$WORK/raw"
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  for build in "${BUILDS[@]}"; do
    for app in spring micronaut; do "$start" "${build#*=}" "$app" guarded > /dev/null; done
  done
  for run in $(seq "$RUNS"); do
    for build in "${BUILDS[@]}"; do
      for app in spring micronaut; do
        for mode in unguarded guarded; do
          echo "${build%%=*} $app $mode $run $("$start" "${build#*=}" "$app" "$mode") $(cut -d' ' -f1 /proc/loadavg)" \
            | tee -a "$RAW" >&2
        done
      done
    done
  done
  LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
}

# report_context: the builds, date, environment and load lines of a report
report_context() {
  echo "builds:      $(for b in "${BUILDS[@]}"; do printf '%s=%s ' "${b%%=*}" \
    "$(git -C "${b#*=}" rev-parse --short HEAD 2>/dev/null || echo "${b#*=}")"; done)"
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "environment: $(java -version 2>&1 | head -1), $(nproc) processors, $(uname -sm)"
  echo "load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
}

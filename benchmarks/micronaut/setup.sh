# Shared by the Micronaut benchmarks (sourced): the sample jar, a key set and a token it verifies, served on
# loopback by a static HTTP server, and the environment of a guarded and an unguarded sample.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/samples/micronaut/target/sample-micronaut.jar"
WORK=${WORK:-/tmp/invokerguard-micronaut-bench}
KEYS_PORT=${KEYS_PORT:-18480}
[ -f "$JAR" ] || { echo "build the sample first: mvn -B -q -pl samples/micronaut -am package -DskipTests" >&2; exit 1; }
mkdir -p "$WORK"

# audience of the guarded sample on port $1
audience() { echo "http://localhost:$1"; }

# the key set and a token for the guarded sample on port $1, and the static server for the key set
keys_for() {
  java -cp "$JAR" "$ROOT/benchmarks/micronaut/MintKeys.java" "$WORK" "$(audience "$1")"
  if ! curl -fs -o /dev/null "http://127.0.0.1:$KEYS_PORT/jwks.json"; then
    python3 -m http.server "$KEYS_PORT" --bind 127.0.0.1 --directory "$WORK" >/dev/null 2>&1 &
    echo $! > "$WORK/keys.pid"
    until curl -fs -o /dev/null "http://127.0.0.1:$KEYS_PORT/jwks.json"; do sleep 0.1; done
  fi
  TOKEN=$(cat "$WORK/token")
}

stop_keys() {
  [ -f "$WORK/keys.pid" ] && kill "$(cat "$WORK/keys.pid")" 2>/dev/null || true
  rm -f "$WORK/keys.pid"
}

# runs the sample on port $1, guarded ($2 = guarded) or not, pinned to the processors $3
start_sample() {
  if [ "$2" = guarded ]; then
    setsid env -i PATH="$PATH" PORT="$1" INVOKERGUARD_POLICY=classpath:dev/invokerguard/testing/demo/policy.yaml \
      INVOKERGUARD_AUDIENCES="$(audience "$1")" INVOKERGUARD_JWKS_URI="http://127.0.0.1:$KEYS_PORT/jwks.json" \
      taskset -c "$3" java -jar "$JAR" >"$WORK/sample-$1.log" 2>&1 &
  else
    setsid env -i PATH="$PATH" PORT="$1" INVOKERGUARD_ENABLED=false \
      taskset -c "$3" java -jar "$JAR" >"$WORK/sample-$1.log" 2>&1 &
  fi
  echo $!
}

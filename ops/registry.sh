#!/usr/bin/env bash
# Starts/stops the schema-registry server (Apicurio Registry, Confluent-compatible API, in-memory storage) on
# 127.0.0.1, built from ops/schema-registry. Usage: ops/registry.sh start|stop|status
#   REGISTRY_PORT           HTTP port (default 8081)
#   REGISTRY_COMPATIBILITY  global compatibility level set after start (default BACKWARD, as in Confluent)
# The Confluent API is then at http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7 (schema.registry.url).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${REGISTRY_PORT:-8081}"
COMPATIBILITY="${REGISTRY_COMPATIBILITY:-BACKWARD}"
JAR="$OPS_DIR/schema-registry/target/streamnet-schema-registry-runner.jar"
PIDFILE="$RUN_DIR/registry.pid"
LOG="$RUN_DIR/registry.log"
URL="http://127.0.0.1:$PORT/apis/ccompat/v7"

answers() { curl -fs -o /dev/null --max-time 2 "$URL/subjects"; }

start() {
  if pid_alive "$PIDFILE"; then say "already running (pid $(cat "$PIDFILE")) at $URL"; return 0; fi
  if port_open "$PORT"; then die "port $PORT on 127.0.0.1 is taken by another process; set REGISTRY_PORT"; fi
  if [[ ! -f "$JAR" ]]; then
    say "building $JAR (first time: about a minute, ~210 MB of downloads)"
    (cd "$REPO_DIR" && mvn -B -q -pl ops/schema-registry package) || die "build of ops/schema-registry failed"
  fi
  QUARKUS_HTTP_HOST=127.0.0.1 HTTP_PORT="$PORT" nohup "$(java_bin)" -Xmx256m -jar "$JAR" >"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local rc=0
  wait_until 180 "$PIDFILE" "registry" answers || rc=$?
  case $rc in
    0) # Apicurio starts with no compatibility rule; Confluent's default is BACKWARD.
       curl -fs -o /dev/null -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
         --data "{\"compatibility\":\"$COMPATIBILITY\"}" "$URL/config" \
         || die "could not set the global compatibility level $COMPATIBILITY at $URL/config"
       say "ready at $URL, global compatibility $COMPATIBILITY (pid $(cat "$PIDFILE"), log $LOG)" ;;
    2) rm -f "$PIDFILE"; tail -n 30 "$LOG" >&2; die "the registry exited during start-up; log: $LOG" ;;
    *) tail -n 30 "$LOG" >&2; die "the registry did not answer at $URL within 180 s; log: $LOG (still running: pid $(cat "$PIDFILE"))" ;;
  esac
}

status() {
  if pid_alive "$PIDFILE" && answers; then say "running (pid $(cat "$PIDFILE")) at $URL"
  elif pid_alive "$PIDFILE"; then say "process $(cat "$PIDFILE") runs but $URL does not answer"; return 1
  else say "not running"; return 3; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop_pidfile "$PIDFILE" "registry" ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status   (REGISTRY_PORT=8081)" >&2; exit 64 ;;
esac

#!/usr/bin/env bash
# Starts/stops a Kafka 4.2 broker as its own process (one KRaft node, broker + controller) from the Maven
# artifacts, listening on 127.0.0.1. Data survives stop/start; `reset` deletes it.
# Usage: ops/kafka.sh start|stop|status|reset
#   KAFKA_PORT             client port (default 9092; bootstrap.servers=127.0.0.1:$KAFKA_PORT)
#   KAFKA_CONTROLLER_PORT  KRaft controller port (default 9093)
#   KAFKA_HEAP             broker heap (default 512m)
#   KAFKA_JVM_OPTS         the broker's JVM options (default Kafka's own scripts' G1 settings: 20 ms pause target)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${KAFKA_HEAP:-512m}"
# As Kafka's kafka-run-class.sh runs a broker: G1 aiming at 20 ms pauses (the JVM's default target is 200 ms, and every
# produce and fetch waits out a pause).
JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent}"
PIDFILE="$RUN_DIR/kafka.pid"
LOG="$RUN_DIR/kafka.log"
DATA="$RUN_DIR/kafka-data"
CONF="$RUN_DIR/kafka-server.properties"
CPFILE="$RUN_DIR/kafka.classpath"

classpath() { maven_classpath "$OPS_DIR/kafka/pom.xml" "$CPFILE"; }

write_config() {
  cat >"$CONF" <<PROPS
# Written by ops/kafka.sh: one combined broker + KRaft controller on 127.0.0.1.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$CONTROLLER_PORT
log.dirs=$DATA
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
}

start() {
  if pid_alive "$PIDFILE"; then say "already running (pid $(cat "$PIDFILE")) at 127.0.0.1:$PORT"; return 0; fi
  for p in "$PORT" "$CONTROLLER_PORT"; do
    if port_open "$p"; then die "port $p on 127.0.0.1 is taken by another process; set KAFKA_PORT / KAFKA_CONTROLLER_PORT"; fi
  done
  local java cp; java=$(java_bin); cp=$(classpath)
  write_config
  if [[ ! -f "$DATA/meta.properties" ]]; then
    local cluster_id
    cluster_id=$("$java" -cp "$cp" kafka.tools.StorageTool random-uuid 2>>"$LOG") \
      || { tail -n 20 "$LOG" >&2; die "kafka.tools.StorageTool random-uuid failed; log: $LOG"; }
    "$java" -cp "$cp" -Dlog4j2.configurationFile="$OPS_DIR/kafka/log4j2.xml" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$CONF" --standalone >>"$LOG" 2>&1 \
      || { tail -n 20 "$LOG" >&2; die "formatting $DATA failed; log: $LOG"; }
    say "formatted $DATA (cluster $cluster_id)"
  fi
  # Ready once the port accepts and this start (not an earlier one in the same log) has logged its completion.
  local from=$(( $(wc -l <"$LOG" 2>/dev/null || echo 0) + 1 ))
  ready() { port_open "$PORT" && tail -n +"$from" "$LOG" | grep -q "Kafka Server started"; }
  # shellcheck disable=SC2086
  nohup "$java" -Xms"$HEAP" -Xmx"$HEAP" $JVM_OPTS -cp "$cp" -Dlog4j2.configurationFile="$OPS_DIR/kafka/log4j2.xml" \
    kafka.Kafka "$CONF" >>"$LOG" 2>&1 &
  echo $! >"$PIDFILE"
  local rc=0
  wait_until 120 "$PIDFILE" "kafka" ready || rc=$?
  case $rc in
    0) say "ready: bootstrap.servers=127.0.0.1:$PORT (pid $(cat "$PIDFILE"), log $LOG, data $DATA)" ;;
    2) rm -f "$PIDFILE"; tail -n 30 "$LOG" >&2; die "the broker exited during start-up; log: $LOG" ;;
    *) tail -n 30 "$LOG" >&2; die "the broker did not listen on 127.0.0.1:$PORT within 120 s; log: $LOG" ;;
  esac
}

status() {
  if pid_alive "$PIDFILE" && port_open "$PORT"; then say "running (pid $(cat "$PIDFILE")) at 127.0.0.1:$PORT"
  elif pid_alive "$PIDFILE"; then say "process $(cat "$PIDFILE") runs but 127.0.0.1:$PORT does not accept"; return 1
  else say "not running"; return 3; fi
}

reset() {
  if pid_alive "$PIDFILE"; then die "stop the broker first (ops/kafka.sh stop)"; fi
  rm -rf "$DATA" "$CONF"
  say "deleted $DATA"
}

case "${1:-}" in
  start) start ;;
  stop) stop_pidfile "$PIDFILE" "kafka" ;;
  status) status ;;
  reset) reset ;;
  *) echo "usage: $0 start|stop|status|reset   (KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093)" >&2; exit 64 ;;
esac

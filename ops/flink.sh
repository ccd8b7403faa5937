#!/usr/bin/env bash
# A Flink standalone session cluster on 127.0.0.1 from the Maven artifacts (flink-dist is not on Maven Central): a
# JobManager and TaskManagers, each its own JVM with its own pid file and log, as Flink's bin/ scripts start them.
# Usage: ops/flink.sh COMMAND
#   start [--taskmanagers N]   the JobManager (unless running) and TaskManagers until N run (default 1)
#   start-taskmanager          one more TaskManager (the next number)
#   stop                       every TaskManager, then the JobManager (SIGTERM, SIGKILL after 30 s)
#   stop-taskmanager N         TaskManager N (SIGTERM, SIGKILL after 30 s)
#   kill-taskmanager N         TaskManager N with SIGKILL at once: a crashed machine, for recovery drills
#   status                     processes, registered TaskManagers, slots, jobs
#   submit [--class C] JOBJAR [-- ARGS...]   runs JOBJAR's main with `flink run --detached`; prints the job id
#   cancel JOBID               cancels a job (REST)
# Settings (environment):
#   FLINK_RPC_PORT       JobManager RPC port (default 6123)
#   FLINK_REST_PORT      REST API and web UI (default 8082, as in docker-compose.yml; 8081 is the registry's)
#   FLINK_SLOTS          task slots per TaskManager (default 2)
#   FLINK_JM_MEMORY      JobManager process size (default 1024m)
#   FLINK_TM_MEMORY      TaskManager process size (default 2048m)
#   FLINK_CHECKPOINT_DIR durable checkpoint storage, a directory or URI (default $STREAMNET_RUN_DIR/flink/checkpoints)
#   FLINK_PROMETHEUS_PORTS  Flink's Prometheus reporter: a port range, each process takes the first free one
#                        (default 9249-9258; http://127.0.0.1:PORT/metrics)
#   FLINK_PROPERTIES     more config.yaml lines (flat keys), appended last, e.g. "heartbeat.timeout: 20000"
# The configuration is written to $STREAMNET_RUN_DIR/flink/conf/config.yaml on each start of the JobManager; logs
# and pid files are in $STREAMNET_RUN_DIR/flink (jobmanager.log/.out/.pid, taskmanager-N.log/.out/.pid).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

RPC_PORT="${FLINK_RPC_PORT:-6123}"
REST_PORT="${FLINK_REST_PORT:-8082}"
PROMETHEUS_PORTS="${FLINK_PROMETHEUS_PORTS:-9249-9258}"
SLOTS="${FLINK_SLOTS:-2}"
JM_MEMORY="${FLINK_JM_MEMORY:-1024m}"
TM_MEMORY="${FLINK_TM_MEMORY:-2048m}"
FLINK_RUN="$RUN_DIR/flink"
CONF_DIR="$FLINK_RUN/conf"
CHECKPOINTS="${FLINK_CHECKPOINT_DIR:-$FLINK_RUN/checkpoints}"
[[ "$CHECKPOINTS" == *://* ]] || CHECKPOINTS="file://$(mkdir -p "$CHECKPOINTS" && cd "$CHECKPOINTS" && pwd)"
CPFILE="$RUN_DIR/flink.classpath"
LOG4J="$OPS_DIR/flink/log4j2.xml"
REST="http://127.0.0.1:$REST_PORT"
JM_PIDFILE="$FLINK_RUN/jobmanager.pid"
mkdir -p "$FLINK_RUN"

# Flink's default env.java.opts.all (flink-dist's config.yaml): what Flink needs opened on Java 17, for every JVM
# of the cluster and for the client.
OPTS_ALL="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED \
--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
--add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED \
--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
# The job's kernels use the Vector API; G1 aimed at 10 ms pauses keeps the scorer's latency tail short (ops/README.md).
OPTS_TM="--add-modules jdk.incubator.vector -XX:MaxGCPauseMillis=10"
OPTS_JM=""

classpath() { maven_classpath "$OPS_DIR/flink/pom.xml" "$CPFILE"; }

write_config() {
  mkdir -p "$CONF_DIR" "$FLINK_RUN/tmp" "$FLINK_RUN/web"
  cat >"$CONF_DIR/config.yaml" <<YAML
# Written by ops/flink.sh on each start of the JobManager; TaskManagers and the client read it too.
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: $JM_MEMORY
jobmanager.execution.failover-strategy: region
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $REST_PORT
web.upload.dir: $FLINK_RUN/web
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.numberOfTaskSlots: $SLOTS
taskmanager.memory.process.size: $TM_MEMORY
# The job keeps its state on the heap (hashmap state backend): managed memory would only take heap away.
taskmanager.memory.managed.size: 64m
# Slots of a job spread over the TaskManagers rather than filling one first.
taskmanager.load-balance.mode: slots
io.tmp.dirs: $FLINK_RUN/tmp
parallelism.default: 1
# Durable checkpoint storage: a directory every process of the cluster reads and writes (here one machine; on
# several, a shared file system or object store). A job's own checkpointing.directory takes precedence.
execution.checkpointing.storage: filesystem
execution.checkpointing.dir: $CHECKPOINTS
execution.checkpointing.savepoint-dir: $CHECKPOINTS/savepoints
state.backend.type: hashmap
# A TaskManager that died is noticed by its failed heartbeat calls (heartbeat.rpc-failure-threshold, 2 in a row):
# every 2 s rather than every 10, or a restarted job keeps deploying to the dead one's slots, failing and using up
# its restart attempts, for up to 20 s. A TaskManager that hangs without dying is declared lost after 30 s.
heartbeat.interval: 2000
heartbeat.timeout: 30000
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 10
restart-strategy.fixed-delay.delay: 1 s
# Prometheus: every process serves its metrics (the job's under flink_taskmanager_job_task_operator_streamnet_*) on
# the first free port of the range, as ops/prometheus/prometheus.yml scrapes them in docker-compose.yml.
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
metrics.reporter.prom.port: $PROMETHEUS_PORTS
env.java.opts.all: $OPTS_ALL
env.java.opts.taskmanager: $OPTS_TM
YAML
  if [[ -n "${FLINK_PROPERTIES:-}" ]]; then
    printf '# FLINK_PROPERTIES\n%s\n' "$FLINK_PROPERTIES" >>"$CONF_DIR/config.yaml"
  fi
}

# resource_params GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS LOG: BashJavaUtils' results (JVM memory flags on
# the first line, -D settings on the second, when there is one), as Flink's bin/config.sh computes them.
resource_params() {
  local out
  out=$("$(java_bin)" $OPTS_ALL -cp "$(classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$CONF_DIR" 2>>"$2") || { tail -n 20 "$2" >&2; die "BashJavaUtils $1 failed; see $2"; }
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' \
    || die "BashJavaUtils $1 gave no result: $out"
}

# cached_params KIND LOG: resource_params, computed once per written config.yaml (every TaskManager has the same:
# a replacement starts one JVM, not two).
cached_params() {
  local file="$CONF_DIR/$1.params"
  if [[ ! -s "$file" || "$CONF_DIR/config.yaml" -nt "$file" ]]; then
    resource_params "$1" "$2" >"$file.tmp" && mv "$file.tmp" "$file"
  fi
  cat "$file"
}

# launch NAME MAINCLASS EXTRA_JVM_OPTS KIND ARGS...: starts a Flink process in the background, pid in NAME.pid.
launch() {
  local name=$1 main=$2 extra=$3; shift 3
  local log="$FLINK_RUN/$name.log" out="$FLINK_RUN/$name.out" kind=${1}; shift
  local params jvm dyn
  params=$(cached_params "$kind" "$out")
  jvm=$(sed -n 1p <<<"$params"); dyn=$(sed -n 2p <<<"$params")
  mkdir -p "$FLINK_RUN/plugins"
  # shellcheck disable=SC2086 # flag lists are meant to split into words
  FLINK_PLUGINS_DIR="$FLINK_RUN/plugins" nohup "$(java_bin)" $jvm $OPTS_ALL $extra -Dlog.file="$log" -Dlog4j.configurationFile="file:$LOG4J" \
    -cp "$(classpath)" "$main" --configDir "$CONF_DIR" $dyn "$@" >>"$out" 2>&1 </dev/null &
  echo $! >"$FLINK_RUN/$name.pid"
}

rest_answers() { curl -fs -o /dev/null --max-time 2 "$REST/overview"; }

# fail_start NAME RC WHAT: the message of a process that did not come up, with its log tails.
fail_start() {
  local name=$1 rc=$2 what=$3
  tail -n 30 "$FLINK_RUN/$name.out" "$FLINK_RUN/$name.log" >&2 2>/dev/null || true
  if [[ $rc == 2 ]]; then rm -f "$FLINK_RUN/$name.pid"; die "the $name exited during start-up; logs: $FLINK_RUN/$name.{log,out}"; fi
  die "the $name did not $what; logs: $FLINK_RUN/$name.{log,out} (still running: pid $(cat "$FLINK_RUN/$name.pid"))"
}

start_jobmanager() {
  if pid_alive "$JM_PIDFILE"; then say "jobmanager already running (pid $(cat "$JM_PIDFILE")) at $REST"; return 0; fi
  if port_open "$RPC_PORT"; then die "port $RPC_PORT on 127.0.0.1 is taken by another process; set FLINK_RPC_PORT"; fi
  if port_open "$REST_PORT"; then die "port $REST_PORT on 127.0.0.1 is taken by another process; set FLINK_REST_PORT"; fi
  write_config
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$OPTS_JM" GET_JM_RESOURCE_PARAMS
  local rc=0
  wait_until 120 "$JM_PIDFILE" jobmanager rest_answers || rc=$?
  [[ $rc == 0 ]] || fail_start jobmanager $rc "answer at $REST within 120 s"
  say "jobmanager ready: REST and web UI at $REST, RPC 127.0.0.1:$RPC_PORT (pid $(cat "$JM_PIDFILE"), log $FLINK_RUN/jobmanager.log)"
}

# The numbers of the TaskManagers with a live pid file.
running_taskmanagers() {
  local f n
  for f in "$FLINK_RUN"/taskmanager-*.pid; do
    [[ -e "$f" ]] || continue
    n=${f##*/taskmanager-}; n=${n%.pid}
    if pid_alive "$f"; then echo "$n"; else rm -f "$f"; fi
  done | sort -n
}

# A number never used in this run directory, so a new TaskManager never takes the id of a lost one that the
# JobManager may still hold.
next_taskmanager() {
  local f n max=0
  for f in "$FLINK_RUN"/taskmanager-*.log "$FLINK_RUN"/taskmanager-*.out "$FLINK_RUN"/taskmanager-*.pid; do
    [[ -e "$f" ]] || continue
    n=${f##*/taskmanager-}; n=${n%.*}
    (( n > max )) && max=$n
  done
  echo $((max + 1))
}

registered() { curl -fs --max-time 2 "$REST/taskmanagers" | grep -q "\"id\":\"$1\""; }

# start_taskmanagers COUNT: launches COUNT TaskManagers at once, then waits until each has registered.
start_taskmanagers() {
  pid_alive "$JM_PIDFILE" || die "the jobmanager is not running (ops/flink.sh start)"
  [[ -f "$CONF_DIR/config.yaml" ]] || die "no $CONF_DIR/config.yaml (start the cluster with ops/flink.sh start)"
  local names=() i n name
  for ((i = 0; i < $1; i++)); do
    n=$(next_taskmanager); name="taskmanager-$n"
    launch "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$OPTS_TM" GET_TM_RESOURCE_PARAMS \
      -Dtaskmanager.resource-id="$name"
    names+=("$name")
  done
  for name in "${names[@]}"; do
    local rc=0
    wait_until 120 "$FLINK_RUN/$name.pid" "$name" registered "$name" || rc=$?
    [[ $rc == 0 ]] || fail_start "$name" $rc "register with the jobmanager within 120 s"
    say "$name registered: $SLOTS slot(s) (pid $(cat "$FLINK_RUN/$name.pid"), log $FLINK_RUN/$name.log)"
  done
}

start() {
  local want=1
  while (( $# )); do
    case $1 in
      --taskmanagers) want=${2:?--taskmanagers needs a number}; shift 2 ;;
      *) die "start: unknown option $1 (start [--taskmanagers N])" ;;
    esac
  done
  [[ $want =~ ^[0-9]+$ ]] || die "--taskmanagers needs a number, not '$want'"
  start_jobmanager
  local have; have=$(running_taskmanagers | wc -l)
  (( have >= want )) || start_taskmanagers $((want - have))
  say "cluster: $REST, $(running_taskmanagers | wc -l) taskmanager(s), checkpoints in $CHECKPOINTS"
}

taskmanager_pidfile() {
  [[ ${1:-} =~ ^[0-9]+$ ]] || die "which taskmanager? give its number (ops/flink.sh status lists them)"
  echo "$FLINK_RUN/taskmanager-$1.pid"
}

kill_taskmanager() {
  local pidfile; pidfile=$(taskmanager_pidfile "${1:-}")
  pid_alive "$pidfile" || die "taskmanager-$1 is not running"
  local pid; pid=$(cat "$pidfile")
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$pidfile"
  say "taskmanager-$1 (pid $pid) killed with SIGKILL"
}

stop() {
  local n
  for n in $(running_taskmanagers); do stop_pidfile "$FLINK_RUN/taskmanager-$n.pid" "taskmanager-$n"; done
  stop_pidfile "$JM_PIDFILE" jobmanager
}

status() {
  local rc=0 n
  if pid_alive "$JM_PIDFILE" && rest_answers; then
    say "jobmanager running (pid $(cat "$JM_PIDFILE")) at $REST"
    say "overview: $(curl -fs --max-time 5 "$REST/overview")"
    say "jobs: $(curl -fs --max-time 5 "$REST/jobs")"
  elif pid_alive "$JM_PIDFILE"; then say "jobmanager process $(cat "$JM_PIDFILE") runs but $REST does not answer"; rc=1
  else say "jobmanager not running"; rc=3; fi
  for n in $(running_taskmanagers); do
    say "taskmanager-$n running (pid $(cat "$FLINK_RUN/taskmanager-$n.pid"))$(registered "taskmanager-$n" || echo ', not registered')"
  done
  return $rc
}

submit() {
  local main=()
  while [[ ${1:-} == --class ]]; do main=(--class "${2:?--class needs a class name}"); shift 2; done
  local jar=${1:?usage: ops/flink.sh submit [--class CLASS] JOBJAR [-- ARGS...]}; shift
  [[ ${1:-} == -- ]] && shift
  [[ -f "$jar" ]] || die "no job jar at $jar"
  rest_answers || die "the cluster does not answer at $REST (ops/flink.sh start)"
  local out log="$FLINK_RUN/client.log" rc=0
  # shellcheck disable=SC2086
  out=$(FLINK_CONF_DIR="$CONF_DIR" "$(java_bin)" $OPTS_ALL --add-modules jdk.incubator.vector \
    -Dlog.file="$log" -Dlog4j.configurationFile="file:$LOG4J" -cp "$(classpath)" \
    org.apache.flink.client.cli.CliFrontend run --detached "${main[@]}" "$jar" "$@" 2>&1) || rc=$?
  echo "$out"
  local id; id=$(grep -o 'JobID [0-9a-f]\{32\}' <<<"$out" | tail -n 1 | cut -d' ' -f2)
  if [[ $rc != 0 || -z "$id" ]]; then
    tail -n 30 "$log" >&2 2>/dev/null || true
    die "submitting $jar failed (exit $rc); client log: $log"
  fi
  say "submitted: job $id ($REST/#/job/running/$id/overview)"
}

cancel() {
  local id=${1:?usage: ops/flink.sh cancel JOBID}
  curl -fs -o /dev/null -X PATCH "$REST/jobs/$id?mode=cancel" || die "could not cancel job $id at $REST"
  say "cancel requested for job $id"
}

cmd=${1:-}; shift || true
case "$cmd" in
  start) start "$@" ;;
  start-taskmanager) start_taskmanagers 1 ;;
  stop) stop ;;
  stop-taskmanager) stop_pidfile "$(taskmanager_pidfile "${1:-}")" "taskmanager-$1" ;;
  kill-taskmanager) kill_taskmanager "${1:-}" ;;
  status) status ;;
  submit) submit "$@" ;;
  cancel) cancel "$@" ;;
  *) echo "usage: $0 start [--taskmanagers N] | start-taskmanager | stop | stop-taskmanager N | kill-taskmanager N" \
       "| status | submit [--class CLASS] JOBJAR [-- ARGS...] | cancel JOBID   (FLINK_RPC_PORT=6123 FLINK_REST_PORT=8082)" >&2
     exit 64 ;;
esac

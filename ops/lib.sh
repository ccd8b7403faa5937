# Shared helpers of the ops/ scripts (sourced, not run).
# Runtime state (pid files, logs, broker data) lives in ops/target/run, which git ignores.

OPS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$OPS_DIR/.." && pwd)"
RUN_DIR="${STREAMNET_RUN_DIR:-$OPS_DIR/target/run}"
mkdir -p "$RUN_DIR"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }
say() { echo "$(basename "$0"): $*"; }

java_bin() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else command -v java || die "java not found (JDK 17 needed)"; fi
}

# maven_classpath POM CPFILE: the runtime classpath of POM (a pom of ops/ that names the artifacts of a process),
# resolved by Maven into CPFILE the first time and again when POM or the parent pom (the versions) changed.
maven_classpath() {
  local pom=$1 cpfile=$2
  if [[ ! -s "$cpfile" || "$pom" -nt "$cpfile" || "$REPO_DIR/pom.xml" -nt "$cpfile" ]]; then
    say "resolving the classpath from ${pom#"$REPO_DIR"/}" >&2
    mvn -B -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cpfile" >&2 \
      || die "could not resolve the artifacts of ${pom#"$REPO_DIR"/}"
  fi
  cat "$cpfile"
}

# pid_alive FILE: true if FILE names a running process.
pid_alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# port_open PORT: true if something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_until SECONDS PIDFILE DESCRIPTION COMMAND...: polls COMMAND until it succeeds; fails if the process dies
# or the deadline passes.
wait_until() {
  local seconds=$1 pidfile=$2 what=$3; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    pid_alive "$pidfile" || return 2
    (( SECONDS < deadline )) || return 1
    sleep 0.3
  done
}

# stop_pidfile PIDFILE NAME: SIGTERM, up to 30 s of grace, then SIGKILL.
stop_pidfile() {
  local pidfile=$1 name=$2
  if ! pid_alive "$pidfile"; then
    rm -f "$pidfile"; say "$name is not running"; return 0
  fi
  local pid; pid=$(cat "$pidfile")
  kill "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.3; done
  if kill -0 "$pid" 2>/dev/null; then
    say "$name (pid $pid) ignored SIGTERM for 30 s; killing it"
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  say "$name (pid $pid) stopped"
}

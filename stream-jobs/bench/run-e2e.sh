#!/usr/bin/env bash
# The end-to-end benchmark of a task's job (docs/BENCHMARKS.md: "End-to-end pipeline (stream-jobs)" for sentiment,
# the default; "Recommendation end to end" for --task recommendation):
# builds the benchmark jar when it is missing or older than its sources, then runs
# io.streamnet.jobs.bench.EndToEndBenchmark in one JVM (in-process Kafka broker, in-memory registry, Flink
# MiniCluster; --bootstrap HOST:PORT uses a broker of its own process instead, e.g. ops/kafka.sh start).
# One key=value line per round on stdout, then "medians rounds=N ..."; logs on stderr.
#
# usage: stream-jobs/bench/run-e2e.sh [ROUNDS] [options]     ('--help' lists the options; ROUNDS defaults to 3)
# Data: IMDB and SST-2 (MovieLens latest-small) from $STREAMNET_DATA, else ../shared/data (relative to the
# repository root; MovieLens also from the repository's datasets/).
# BENCH_MAIN: the main class (default io.streamnet.jobs.bench.EndToEndBenchmark; run-edge.sh sets it).
# JVM options: BENCH_JAVA_OPTS (default -Xms6g -Xmx6g -XX:MaxGCPauseMillis=10: a fixed heap, as Flink gives a task
# manager, and G1 aiming at 10 ms young pauses; with G1's default 200 ms target the pauses of a 6 GB heap set the
# scoring p99).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="stream-jobs/bench/target/streamnet-bench.jar"
cd "$ROOT"

stale_inputs=(pom.xml)
for m in nn-core schemas connectors stream-jobs/tasks stream-jobs stream-jobs/edge stream-jobs/bench; do stale_inputs+=("$m/pom.xml" "$m/src/main"); done
if [ ! -f "$JAR" ] || [ -n "$(find "${stale_inputs[@]}" -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  echo "run-e2e: building stream-jobs/bench (jar missing or older than its sources) ..." >&2
  mvn -q -B -DskipTests -Dquarkus.build.skip=true -pl stream-jobs/bench -am package >&2
fi
# nn-core's dense kernels use the Vector API (JDK 17 incubator); OpenBLAS, if it is used, runs on one thread.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
exec java --add-modules jdk.incubator.vector ${BENCH_JAVA_OPTS:--Xms6g -Xmx6g -XX:MaxGCPauseMillis=10} -cp "$JAR" \
  "${BENCH_MAIN:-io.streamnet.jobs.bench.EndToEndBenchmark}" "$@"

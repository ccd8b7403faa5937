#!/usr/bin/env bash
# The edge scorer (Kafka Streams) beside the Flink scorer (docs/BENCHMARKS.md: "Edge scorer (Kafka Streams) beside the
# Flink scorer"): io.streamnet.jobs.bench.EdgeScorerBenchmark in one JVM (in-process Kafka broker, in-memory registry,
# the task's Flink job on a MiniCluster, the edge application on the same topics), built and started as run-e2e.sh
# starts its benchmark (same jar, same JVM options: BENCH_JAVA_OPTS). One key=value line per round on stdout, then
# "medians rounds=N ..."; logs on stderr.
#
# usage: stream-jobs/bench/run-edge.sh [ROUNDS] [options]     ('--help' lists the options; ROUNDS defaults to 3)
set -euo pipefail
BENCH_MAIN=io.streamnet.jobs.bench.EdgeScorerBenchmark exec "$(dirname "${BASH_SOURCE[0]}")/run-e2e.sh" "$@"

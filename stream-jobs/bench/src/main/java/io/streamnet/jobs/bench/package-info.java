/**
 * The end-to-end benchmark of the sentiment job: {@link io.streamnet.jobs.bench.EndToEndBenchmark} runs the real job
 * on an in-process broker and a Flink MiniCluster with a load generator, and measures training throughput (against
 * nn-core's prequential runner on the same stream), scoring latency at a fixed request rate, and freshness.
 * Results and the command: docs/BENCHMARKS.md, "End-to-end pipeline (stream-jobs)".
 */
package io.streamnet.jobs.bench;

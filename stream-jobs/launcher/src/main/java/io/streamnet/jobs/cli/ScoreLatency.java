package io.streamnet.jobs.cli;

import java.util.List;

/**
 * The demo's scoring latencies, from the committed answers (each carries its in-job latency: the request's Kafka
 * timestamp to its answer): the requests served by a model as they came, and apart the requests that arrived before
 * the first model and waited for it in the scorer's buffer, whose latency is mostly that wait. NaN where a group is
 * empty or could not be told apart.
 *
 * @param servedP50Ms       median latency of the served requests
 * @param servedP99Ms       99th percentile of the same
 * @param buffered          requests answered from the buffer (the scorer's count), -1 when it reported none
 * @param bufferedWaitP50Ms median latency (wait included) of the buffered requests
 * @param bufferedWaitMaxMs the longest of the same
 * @param servedP99ByQuarterMs the served requests' 99th percentile in each quarter of them, in the order they were
 *                          answered: how the latency settles as the JVM compiles the job's code (empty when unknown)
 */
public record ScoreLatency(double servedP50Ms, double servedP99Ms, long buffered, double bufferedWaitP50Ms,
                           double bufferedWaitMaxMs, List<Double> servedP99ByQuarterMs) {
  /** Nothing known. */
  public static final ScoreLatency UNKNOWN =
      new ScoreLatency(Double.NaN, Double.NaN, -1, Double.NaN, Double.NaN, List.of());

  public ScoreLatency {
    servedP99ByQuarterMs = List.copyOf(servedP99ByQuarterMs);
  }
}

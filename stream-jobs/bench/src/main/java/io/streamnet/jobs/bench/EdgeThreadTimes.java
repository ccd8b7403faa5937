package io.streamnet.jobs.bench;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Where the edge scorer's stream thread spent its time, from the cumulative metrics of Kafka Streams and its producer
 * (KIP-761), read at two moments: the thread's time blocked on Kafka (polls that waited, producer flushes,
 * transaction calls), its commits and the transaction commits' time. The difference of two readings says what a
 * window cost: under exactly-once each commit is a blocking round trip to the transaction coordinator on the one
 * thread that also scores.
 *
 * @param blockedNanos    {@code stream-thread-metrics blocked-time-ns-total}
 * @param commits         {@code stream-thread-metrics commit-total}
 * @param txnCommitNanos  {@code producer-metrics txn-commit-time-ns-total}
 * @param flushNanos      {@code producer-metrics flush-time-ns-total}
 */
record EdgeThreadTimes(double blockedNanos, double commits, double txnCommitNanos, double flushNanos) {

  /** The current readings in {@code metrics} (of one application with one stream thread); NaN where absent. */
  static EdgeThreadTimes of(Map<MetricName, ? extends Metric> metrics) {
    return new EdgeThreadTimes(sum(metrics, "stream-thread-metrics", "blocked-time-ns-total"),
        sum(metrics, "stream-thread-metrics", "commit-total"),
        sum(metrics, "producer-metrics", "txn-commit-time-ns-total"),
        sum(metrics, "producer-metrics", "flush-time-ns-total"));
  }

  /** The sum of every metric {@code group / name} (one per thread or client); NaN when there is none. */
  static double sum(Map<MetricName, ? extends Metric> metrics, String group, String name) {
    double total = Double.NaN;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      if (e.getKey().group().equals(group) && e.getKey().name().equals(name)
          && e.getValue().metricValue() instanceof Number n) {
        total = Double.isNaN(total) ? n.doubleValue() : total + n.doubleValue();
      }
    }
    return total;
  }

  /**
   * The figures of the interval from {@code start} to this reading, {@code seconds} long: the share of it the stream
   * thread was blocked, commits per second, and the mean transaction commit and producer flush per commit (ms).
   */
  SummaryLine since(EdgeThreadTimes start, double seconds) {
    double commitCount = commits - start.commits;
    return new SummaryLine()
        .put("blocked_share", (blockedNanos - start.blockedNanos) / 1e9 / seconds)
        .put("commits_per_s", commitCount / seconds)
        .put("txn_commit_ms", commitCount > 0 ? (txnCommitNanos - start.txnCommitNanos) / 1e6 / commitCount
            : Double.NaN)
        .put("flush_ms", commitCount > 0 ? (flushNanos - start.flushNanos) / 1e6 / commitCount : Double.NaN);
  }
}

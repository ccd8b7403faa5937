package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class EdgeThreadTimesTest {
  private static Metric value(double v) {
    return new Metric() {
      @Override
      public MetricName metricName() {
        return null;
      }

      @Override
      public Object metricValue() {
        return v;
      }
    };
  }

  private static Map<MetricName, Metric> metrics(double blocked, double commits, double txn, double flush) {
    Map<MetricName, Metric> m = new LinkedHashMap<>();
    m.put(new MetricName("blocked-time-ns-total", "stream-thread-metrics", "", Map.of("thread-id", "t1")),
        value(blocked));
    m.put(new MetricName("commit-total", "stream-thread-metrics", "", Map.of("thread-id", "t1")), value(commits));
    m.put(new MetricName("txn-commit-time-ns-total", "producer-metrics", "", Map.of("client-id", "p")), value(txn));
    m.put(new MetricName("flush-time-ns-total", "producer-metrics", "", Map.of("client-id", "p")), value(flush));
    m.put(new MetricName("commit-total", "consumer-coordinator-metrics", "", Map.of()), value(1e9)); // another group
    return m;
  }

  @Test
  void theIntervalsFiguresAreTheDifferencesOfTheTotals() {
    EdgeThreadTimes start = EdgeThreadTimes.of(metrics(1e9, 100, 2e9, 1e8));
    EdgeThreadTimes end = EdgeThreadTimes.of(metrics(6e9, 300, 4e9, 3e8));
    SummaryLine s = end.since(start, 10);
    assertEquals(0.5, s.get("blocked_share"), 1e-12);
    assertEquals(20, s.get("commits_per_s"), 1e-12);
    assertEquals(10, s.get("txn_commit_ms"), 1e-12);
    assertEquals(1, s.get("flush_ms"), 1e-12);
  }

  @Test
  void aMissingMetricIsNotANumber() {
    assertTrue(Double.isNaN(EdgeThreadTimes.sum(Map.of(), "stream-thread-metrics", "commit-total")));
    SummaryLine s = EdgeThreadTimes.of(Map.of()).since(EdgeThreadTimes.of(Map.of()), 1);
    assertTrue(Double.isNaN(s.get("blocked_share")));
  }
}

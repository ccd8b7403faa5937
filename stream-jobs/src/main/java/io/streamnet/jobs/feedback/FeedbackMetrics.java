package io.streamnet.jobs.feedback;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The {@link FeedbackJoiner}'s counters, per instance since its start (Flink metrics, group
 * {@code streamnet.feedback}): impressions received ({@code impressions}), of which too late to decide
 * ({@code lateImpressions}); examples decided ({@code positives}, {@code negatives}); engagements that came after every
 * window they could fall in had closed ({@code lateInteractions}). A late count that keeps rising says the allowed
 * lateness is shorter than the inputs' real disorder.
 */
final class FeedbackMetrics {
  final Counter impressions;
  final Counter lateImpressions;
  final Counter positives;
  final Counter negatives;
  final Counter lateInteractions;

  FeedbackMetrics(MetricGroup group) {
    impressions = group.counter("impressions");
    lateImpressions = group.counter("lateImpressions");
    positives = group.counter("positives");
    negatives = group.counter("negatives");
    lateInteractions = group.counter("lateInteractions");
  }
}

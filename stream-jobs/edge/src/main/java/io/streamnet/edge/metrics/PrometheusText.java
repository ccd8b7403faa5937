package io.streamnet.edge.metrics;

import io.streamnet.edge.model.LiveModel;
import io.streamnet.edge.model.ModelStore;
import io.streamnet.edge.model.ServedModel;
import io.streamnet.edge.model.SnapshotOutcome;
import io.streamnet.nn.snapshot.ModelVersion;
import java.util.Locale;
import java.util.Map;

/** The edge scorer's metrics in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(4096);

  private PrometheusText() {}

  public static String render(EdgeMetrics metrics) {
    PrometheusText p = new PrometheusText();
    p.tasks(metrics);
    p.models(metrics.store(), metrics.nowMillis());
    return p.out.toString();
  }

  private void tasks(EdgeMetrics metrics) {
    head("streamnet_edge_requests_total", "counter", "Requests answered.");
    for (TaskMetrics t : metrics.tasks()) {
      sample("streamnet_edge_requests_total", labels("task", t.task()), t.answered());
    }
    head("streamnet_edge_requests_per_second", "gauge", "Requests answered per second over the last "
        + RateMeter.WINDOW_SECONDS + " complete seconds.");
    for (TaskMetrics t : metrics.tasks()) {
      sample("streamnet_edge_requests_per_second", labels("task", t.task()), t.requestsPerSecond());
    }
    head("streamnet_edge_answered_from_buffer_total", "counter", "Requests answered after waiting for the first model.");
    for (TaskMetrics t : metrics.tasks()) {
      sample("streamnet_edge_answered_from_buffer_total", labels("task", t.task()), t.answeredFromBuffer());
    }
    head("streamnet_edge_labeled_total", "counter", "Labeled events applied to the contexts (keyed tasks).");
    for (TaskMetrics t : metrics.tasks()) {
      sample("streamnet_edge_labeled_total", labels("task", t.task()), t.labeledCount());
    }
    head("streamnet_edge_buffered", "gauge", "Inputs waiting for the task's first model.");
    for (TaskMetrics t : metrics.tasks()) {
      sample("streamnet_edge_buffered", labels("task", t.task()), t.bufferedNow());
    }
    head("streamnet_edge_buffer_overflow_total", "counter", "Inputs dead-lettered because the buffer was full.");
    for (TaskMetrics t : metrics.tasks()) {
      sample("streamnet_edge_buffer_overflow_total", labels("task", t.task()), t.overflowCount());
    }
    head("streamnet_edge_dead_letters_total", "counter", "Inputs sent to the dead-letter topic, by reason.");
    for (TaskMetrics t : metrics.tasks()) {
      for (Map.Entry<String, Long> e : t.deadLetters().entrySet()) {
        sample("streamnet_edge_dead_letters_total", labels("task", t.task()) + ",reason=\"" + e.getKey() + "\"",
            e.getValue());
      }
    }
    head("streamnet_edge_request_latency_seconds", "histogram",
        "From a request's Kafka timestamp to its score.");
    for (TaskMetrics t : metrics.tasks()) {
      LatencyBuckets h = t.latency();
      String task = labels("task", t.task());
      for (int i = 0; i < LatencyBuckets.BOUNDS.length; i++) {
        sample("streamnet_edge_request_latency_seconds_bucket", task + ",le=\"" + LatencyBuckets.BOUNDS[i] + "\"",
            h.cumulative(i));
      }
      sample("streamnet_edge_request_latency_seconds_bucket", task + ",le=\"+Inf\"", h.count());
      sample("streamnet_edge_request_latency_seconds_sum", task, h.sumSeconds());
      sample("streamnet_edge_request_latency_seconds_count", task, h.count());
    }
  }

  private void models(ModelStore store, long now) {
    if (store == null) {
      return;
    }
    head("streamnet_edge_model_version", "gauge", "Version of the model in use (within its epoch); absent before"
        + " the first.");
    head("streamnet_edge_model_epoch", "gauge", "Epoch of the model in use.");
    head("streamnet_edge_model_age_seconds", "gauge", "Time since the trainer took the snapshot in use.");
    head("streamnet_edge_snapshot_lag_versions", "gauge", "Versions on the snapshots topic newer than the one in"
        + " use (in a newer epoch: that epoch's version).");
    head("streamnet_edge_snapshot_lag_seconds", "gauge", "How much older the snapshot in use is than the newest"
        + " one on the topic.");
    for (LiveModel m : store.models()) {
      String l = labels("model_id", m.modelId()) + ",task=\"" + m.taskName() + "\"";
      ServedModel s = m.current();
      ModelVersion newest = m.newestSeen();
      if (s != null) {
        sample("streamnet_edge_model_version", l, s.version().version());
        sample("streamnet_edge_model_epoch", l, s.version().epoch());
        sample("streamnet_edge_model_age_seconds", l, Math.max(0, now - s.createdAtMillis()) / 1000.0);
      }
      if (newest != null) {
        sample("streamnet_edge_snapshot_lag_versions", l, lagVersions(s == null ? null : s.version(), newest));
        sample("streamnet_edge_snapshot_lag_seconds", l, s == null ? Double.NaN
            : Math.max(0, m.newestSeenCreatedAt() - s.createdAtMillis()) / 1000.0);
      }
    }
    head("streamnet_edge_snapshots_total", "counter", "Snapshots read, by what the store did with them.");
    for (LiveModel m : store.models()) {
      for (SnapshotOutcome o : SnapshotOutcome.values()) {
        if (o != SnapshotOutcome.NOT_SERVED_HERE) {
          sample("streamnet_edge_snapshots_total", labels("model_id", m.modelId()) + ",outcome=\""
              + o.name().toLowerCase(Locale.ROOT) + "\"", m.count(o));
        }
      }
    }
    head("streamnet_edge_snapshots_undecodable_total", "counter", "Records of the snapshots topic that did not"
        + " decode.");
    sample("streamnet_edge_snapshots_undecodable_total", "", store.undecodable());
  }

  /** Versions between the one in use and the newest read. */
  static long lagVersions(ModelVersion inUse, ModelVersion newest) {
    if (inUse == null) {
      return newest.version() + 1;
    }
    if (!newest.isAfter(inUse)) {
      return 0;
    }
    return newest.epoch() == inUse.epoch() ? newest.version() - inUse.version() : newest.version() + 1;
  }

  private void head(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String name, String labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ');
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(value);
    }
    out.append('\n');
  }

  private static String labels(String name, String value) {
    return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}

package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code metrics} section.
 *
 * @param intervalMs how often a {@code TrainingMetrics} record goes to the metrics topic
 */
public record Metrics(long intervalMs) implements Serializable {
  private static final long serialVersionUID = 1L;

  static Metrics read(ConfigNode n) {
    Metrics m = new Metrics(n.longValue("interval_ms", 1000, 100, Long.MAX_VALUE));
    n.finish();
    return m;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("interval_ms", intervalMs);
    return o;
  }
}

package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code scorer} section.
 *
 * @param bufferLimit     scoring requests held (in state) while no model has arrived yet; beyond it they go to the
 *                        dead-letter topic, so that a job without a model cannot grow its state without bound
 * @param bufferTimeoutMs longest time a request or a score waits in a Flink network buffer before it is sent on
 *                        (Flink's buffer timeout of the request and score edges): 0 sends each record at once,
 *                        -1 only full buffers. Flink's default of 100 ms would be the scoring latency of short
 *                        texts, which fill a 32 KB buffer slowly.
 */
public record Scorer(int bufferLimit, int bufferTimeoutMs) implements Serializable {
  private static final long serialVersionUID = 1L;

  static Scorer read(ConfigNode n) {
    Scorer s = new Scorer(n.integer("buffer_limit", 10_000, 0, Integer.MAX_VALUE),
        n.integer("buffer_timeout_ms", 1, -1, 60_000));
    n.finish();
    return s;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("buffer_limit", bufferLimit);
    o.put("buffer_timeout_ms", bufferTimeoutMs);
    return o;
  }
}

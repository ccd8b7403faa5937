package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code scorer} section.
 *
 * @param bufferLimit scoring requests held (in state) while no model has arrived yet; beyond it they go to the
 *                    dead-letter topic, so that a job without a model cannot grow its state without bound
 */
public record Scorer(int bufferLimit) implements Serializable {
  private static final long serialVersionUID = 1L;

  static Scorer read(ConfigNode n) {
    Scorer s = new Scorer(n.integer("buffer_limit", 10_000, 0, Integer.MAX_VALUE));
    n.finish();
    return s;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("buffer_limit", bufferLimit);
    return o;
  }
}

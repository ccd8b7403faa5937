package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code restart} section: what Flink does when a task fails.
 *
 * @param strategy {@code none} (the job fails), {@code fixed_delay} or {@code exponential_delay}
 * @param attempts restarts before the job fails (fixed_delay), or before the back-off is no longer raised
 *                 (exponential_delay)
 * @param delayMs  the delay before a restart (fixed_delay), or the first delay, doubled on each further failure
 *                 (exponential_delay)
 */
public record Restart(Strategy strategy, int attempts, long delayMs) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Flink's restart strategies. */
  public enum Strategy { NONE, FIXED_DELAY, EXPONENTIAL_DELAY }

  static Restart read(ConfigNode n) {
    Strategy strategy = n.choice("strategy", Strategy.class, Strategy.FIXED_DELAY);
    int attempts = n.integer("attempts", 10, 0, Integer.MAX_VALUE);
    long delay = n.longValue("delay_ms", 1000, 0, Long.MAX_VALUE);
    if (strategy == Strategy.EXPONENTIAL_DELAY && delay < 1) {
      throw n.fail("delay_ms", "must be >= 1 with strategy exponential_delay (it is doubled), got " + delay);
    }
    n.finish();
    return new Restart(strategy, attempts, delay);
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("strategy", ConfigNode.yamlName(strategy));
    o.put("attempts", attempts);
    o.put("delay_ms", delayMs);
    return o;
  }
}

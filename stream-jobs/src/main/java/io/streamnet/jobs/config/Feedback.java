package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code feedback} section (recommendation): served recommendations are impressions; an item the user engages
 * with within {@code windowMs} of event time after the impression is a positive, the others become negatives when the
 * watermark passes the window plus {@code allowedLatenessMs}. The negatives go to {@code topic} as Interactions with
 * {@code clicked = false} and come back to the trainer and the scorer's user histories from there (Flink 2 has no
 * in-job cycles; the trainer is upstream of the scorer).
 *
 * @param windowMs            how long after an impression an engagement counts; 0: no feedback loop
 * @param allowedLatenessMs   how long past the window a late engagement is still awaited
 * @param outOfOrdernessMs    how far event times run out of order within a partition of the inputs (the sources'
 *                            watermarks trail the newest event time by this)
 * @param idleMs              a source partition without records for this long stops holding watermarks back
 * @param topic               where the negatives go and are read back from
 */
public record Feedback(long windowMs, long allowedLatenessMs, long outOfOrdernessMs, long idleMs, String topic)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Whether the loop runs. */
  public boolean enabled() {
    return windowMs > 0;
  }

  static Feedback read(ConfigNode n, boolean recommendation) {
    Feedback f = new Feedback(
        n.longValue("window_ms", recommendation ? 1_800_000 : 0, 0, Long.MAX_VALUE / 4),
        n.longValue("allowed_lateness_ms", 60_000, 0, Long.MAX_VALUE / 4),
        n.longValue("out_of_orderness_ms", 5_000, 0, Long.MAX_VALUE / 4),
        n.longValue("idle_ms", 60_000, 1, Long.MAX_VALUE / 4),
        Topics.legal(n, "topic", n.nonBlank("topic", recommendation ? "reco.feedback" : "sentiment.feedback")));
    if (f.enabled() && !recommendation) {
      throw n.fail("window_ms", "the feedback loop is recommendation's (served items, then engagements); the "
          + "sentiment task has none, got " + f.windowMs());
    }
    n.finish();
    return f;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("window_ms", windowMs);
    o.put("allowed_lateness_ms", allowedLatenessMs);
    o.put("out_of_orderness_ms", outOfOrdernessMs);
    o.put("idle_ms", idleMs);
    o.put("topic", topic);
    return o;
  }
}

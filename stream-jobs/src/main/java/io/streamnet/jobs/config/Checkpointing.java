package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code checkpointing} section (Flink's checkpoint settings).
 *
 * @param intervalMs        time between checkpoints; also the latency of exactly-once output (transactions commit
 *                          on checkpoint completion)
 * @param mode              the checkpointing guarantee
 * @param directory         checkpoint storage URI, or null for the job manager's memory (demo only: a restarted
 *                          process cannot resume from it)
 * @param timeoutMs         a checkpoint that takes longer is aborted
 * @param minPauseMs        least time between the end of one checkpoint and the start of the next
 * @param retainOnCancel    keep the last checkpoint when the job is cancelled, so that it can resume from it
 * @param tolerableFailures failed checkpoints tolerated before the job fails over
 * @param alignedTimeoutMs  exactly_once only: -1 always aligned; else a checkpoint whose barrier alignment takes
 *                          longer than this goes unaligned (0: unaligned from the start)
 * @param retained          completed checkpoints kept, newest first (more than one: a resume still has one when
 *                          the newest is damaged)
 */
public record Checkpointing(long intervalMs, Mode mode, String directory, long timeoutMs, long minPauseMs,
                            boolean retainOnCancel, int tolerableFailures, long alignedTimeoutMs, int retained)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Keeping the default number of completed checkpoints. */
  public Checkpointing(long intervalMs, Mode mode, String directory, long timeoutMs, long minPauseMs,
                       boolean retainOnCancel, int tolerableFailures, long alignedTimeoutMs) {
    this(intervalMs, mode, directory, timeoutMs, minPauseMs, retainOnCancel, tolerableFailures, alignedTimeoutMs, 3);
  }
  /** Flink refuses checkpoint timeouts below 10 ms. */
  public static final long MIN_TIMEOUT_MS = 10;

  /** The checkpointing guarantee: {@code exactly_once} or {@code at_least_once}. */
  public enum Mode { EXACTLY_ONCE, AT_LEAST_ONCE }

  static Checkpointing read(ConfigNode n) {
    Checkpointing c = new Checkpointing(
        n.longValue("interval_ms", 5000, 100, Long.MAX_VALUE),
        n.choice("mode", Mode.class, Mode.EXACTLY_ONCE),
        n.fileSystemUri("directory"),
        n.longValue("timeout_ms", 600_000, MIN_TIMEOUT_MS, Long.MAX_VALUE),
        n.longValue("min_pause_ms", 0, 0, Long.MAX_VALUE),
        n.bool("retain_on_cancel", true),
        n.integer("tolerable_failures", 3, 0, Integer.MAX_VALUE),
        n.longValue("aligned_timeout_ms", 10, -1, Long.MAX_VALUE),
        n.integer("retained", 3, 1, 100));
    n.finish();
    return c;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("interval_ms", intervalMs);
    o.put("mode", ConfigNode.yamlName(mode));
    o.put("directory", directory);
    o.put("timeout_ms", timeoutMs);
    o.put("min_pause_ms", minPauseMs);
    o.put("retain_on_cancel", retainOnCancel);
    o.put("tolerable_failures", tolerableFailures);
    o.put("aligned_timeout_ms", alignedTimeoutMs);
    o.put("retained", retained);
    return o;
  }
}

package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code snapshots} section: how often the trainer publishes the model, and where checkpoint-aligned model
 * files go.
 *
 * @param everySteps publish a snapshot every this many training steps ...
 * @param everyMs    ... or every this many milliseconds, whichever comes first
 * @param minIntervalMs but never two snapshots closer than this (0: no limit)
 * @param fullEvery  every k-th published snapshot is FULL, the others DELTA against the last full one (1: all full)
 * @param directory  a Flink file system URI for the model files written on each completed checkpoint, or null
 * @param retain     model files kept in {@code directory}
 */
public record Snapshots(int everySteps, long everyMs, long minIntervalMs, int fullEvery, String directory, int retain)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  static Snapshots read(ConfigNode n) {
    Snapshots s = new Snapshots(
        n.integer("every_steps", 100, 1, Integer.MAX_VALUE),
        n.longValue("every_ms", 1000, 1, Long.MAX_VALUE),
        n.longValue("min_interval_ms", 500, 0, Long.MAX_VALUE),
        n.integer("full_every", 10, 1, Integer.MAX_VALUE),
        n.fileSystemUri("directory"),
        n.integer("retain", 5, 1, Integer.MAX_VALUE));
    n.finish();
    return s;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("every_steps", everySteps);
    o.put("every_ms", everyMs);
    o.put("min_interval_ms", minIntervalMs);
    o.put("full_every", fullEvery);
    o.put("directory", directory);
    o.put("retain", retain);
    return o;
  }
}

package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code job} section.
 *
 * @param name        the Flink job name
 * @param modelId     {@code ModelSnapshot.modelId}, also the record key on the snapshots topic
 * @param parallelism operator parallelism; only 1 is supported now
 */
public record Job(String name, String modelId, int parallelism) implements Serializable {
  private static final long serialVersionUID = 1L;

  static Job read(ConfigNode n) {
    String name = n.nonBlank("name", "streamnet-sentiment");
    String modelId = n.nonBlank("model_id", "sentiment");
    int parallelism = n.integer("parallelism", 1, 1, Integer.MAX_VALUE);
    if (parallelism != 1) {
      throw n.fail("parallelism", "only 1 is supported for now: the job runs one trainer replica holding the whole"
          + " model (parallel replicas need the ModelSync operator of docs/ARCHITECTURE.md, not built yet), got "
          + parallelism);
    }
    n.finish();
    return new Job(name, modelId, parallelism);
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("name", name);
    o.put("model_id", modelId);
    o.put("parallelism", parallelism);
    return o;
  }
}

package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code job} section.
 *
 * @param name        the Flink job name
 * @param modelId     {@code ModelSnapshot.modelId}, also the record key on the snapshots topic
 * @param parallelism operator parallelism; only 1 is supported now
 * @param task        what the job learns: {@value #SENTIMENT} or {@value #RECOMMENDATION}; it sets the defaults of
 *                    the model, the topics and more
 */
public record Job(String name, String modelId, int parallelism, String task) implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SENTIMENT = "sentiment";
  public static final String RECOMMENDATION = "recommendation";

  /** The task a configuration asks for ({@code job.task}), read first: the other sections' defaults follow it. */
  static String task(ConfigNode n) {
    String task = n.nonBlank("task", SENTIMENT);
    if (!task.equals(SENTIMENT) && !task.equals(RECOMMENDATION)) {
      throw n.fail("task", "must be " + SENTIMENT + " or " + RECOMMENDATION + ", got '" + task + "'");
    }
    return task;
  }

  static Job read(ConfigNode n) {
    String task = task(n);
    String name = n.nonBlank("name", "streamnet-" + task);
    String modelId = n.nonBlank("model_id", task);
    int parallelism = n.integer("parallelism", 1, 1, Integer.MAX_VALUE);
    if (parallelism != 1) {
      throw n.fail("parallelism", "only 1 is supported for now: the job runs one trainer replica holding the whole"
          + " model (parallel replicas need the ModelSync operator of docs/ARCHITECTURE.md, not built yet), got "
          + parallelism);
    }
    n.finish();
    return new Job(name, modelId, parallelism, task);
  }

  boolean recommendation() {
    return task.equals(RECOMMENDATION);
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("task", task);
    o.put("name", name);
    o.put("model_id", modelId);
    o.put("parallelism", parallelism);
    return o;
  }
}

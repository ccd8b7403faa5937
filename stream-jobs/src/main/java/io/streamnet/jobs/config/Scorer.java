package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code scorer} section.
 *
 * @param bufferLimit scoring requests held (in state) while no model has arrived yet; beyond it they go to the
 *                    dead-letter topic, so that a job without a model cannot grow its state without bound
 * @param parallelism scorer instances, each with the whole model: a task whose scorer keeps state per key
 *                    (recommendation: per user) gets requests by key, the others (sentiment) round-robin
 * @param delivery    how answers reach their topic (the job's other outputs always follow checkpointing.mode)
 * @param explainTopK sentiment only: how many tokens, by largest |contribution|, each answer's explanation carries;
 *                    0 (the default) answers without an explanation (it costs integrated gradients per answer)
 */
public record Scorer(int bufferLimit, int parallelism, Delivery delivery, int explainTopK) implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MAX_PARALLELISM = 1024;
  public static final int MAX_EXPLAIN_TOP_K = 1000;

  /**
   * {@code exactly_once}: answers are written in the checkpoint's transactions, visible to read_committed consumers
   * when the checkpoint completes. {@code at_least_once}: written at once without transactions, keyed by request id;
   * after a failure the requests since the last checkpoint are answered again, under the same key.
   */
  public enum Delivery { EXACTLY_ONCE, AT_LEAST_ONCE }

  static Scorer read(ConfigNode n, int defaultParallelism, boolean recommendation) {
    Scorer s = new Scorer(n.integer("buffer_limit", 10_000, 0, Integer.MAX_VALUE),
        n.integer("parallelism", defaultParallelism, 1, MAX_PARALLELISM),
        n.choice("delivery", Delivery.class, Delivery.AT_LEAST_ONCE),
        n.integer("explain_top_k", 0, 0, MAX_EXPLAIN_TOP_K));
    if (recommendation && s.explainTopK > 0) {
      throw n.fail("explain_top_k", "explains sentiment scores only; the recommendation task has no explanations,"
          + " leave it at 0");
    }
    n.finish();
    return s;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("buffer_limit", bufferLimit);
    o.put("parallelism", parallelism);
    o.put("delivery", ConfigNode.yamlName(delivery));
    o.put("explain_top_k", explainTopK);
    return o;
  }
}

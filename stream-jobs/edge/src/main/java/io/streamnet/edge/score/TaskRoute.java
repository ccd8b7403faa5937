package io.streamnet.edge.score;

import java.util.Objects;

/**
 * Where one task's scoring reads and writes, and its limits.
 *
 * @param task              {@code sentiment} or {@code recommendation}
 * @param modelId           the model whose snapshots answer the requests
 * @param requestsTopic     requests in
 * @param labeledTopic      for a keyed task, the labeled events that update each key's context; else null
 * @param answersTopic      answers out, keyed by request id
 * @param deadLetterTopic   inputs that cannot be answered, with the reason
 * @param bufferLimit       inputs that may wait for the first model, per partition
 * @param drainIntervalMs   how often waiting inputs are checked against a newly arrived model
 */
public record TaskRoute(String task, String modelId, String requestsTopic, String labeledTopic, String answersTopic,
                        String deadLetterTopic, int bufferLimit, long drainIntervalMs) {
  public TaskRoute {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(requestsTopic, "requestsTopic");
    Objects.requireNonNull(answersTopic, "answersTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    if (bufferLimit < 0 || drainIntervalMs < 1) {
      throw new IllegalArgumentException("bufferLimit must be >= 0 and drainIntervalMs >= 1");
    }
  }

  /** Whether the task keeps a context per key (its inputs are repartitioned by key). */
  public boolean keyed() {
    return labeledTopic != null;
  }

  /** The store of inputs waiting for the first model. */
  public String pendingStore() {
    return task + "-pending";
  }

  /** The store of each key's context (keyed tasks). */
  public String contextStore() {
    return task + "-contexts";
  }
}

package io.streamnet.jobs.task;

import io.streamnet.nn.snapshot.ModelVersion;

/**
 * Who answers a request and when, filled in by the scorer and completed by the {@link Answerer}: the model id and
 * version serving it, when the request arrived, and (by {@link #markScored}) when it was scored and the latency.
 * One mutable object per scorer, reused for every request.
 */
public final class ServingStamp {
  private String modelId;
  private ModelVersion version;
  private long receivedAtMillis;
  private long scoredAtMillis;
  private long latencyMicros;

  /** Starts the stamp of a request served by {@code version} of {@code modelId}. */
  public ServingStamp start(String modelId, ModelVersion version, long receivedAtMillis) {
    this.modelId = modelId;
    this.version = version;
    this.receivedAtMillis = receivedAtMillis;
    this.scoredAtMillis = 0;
    this.latencyMicros = 0;
    return this;
  }

  /** The answer is computed now: sets the scoring time and the latency since arrival. */
  public void markScored() {
    scoredAtMillis = System.currentTimeMillis();
    latencyMicros = Math.max(0, (scoredAtMillis - receivedAtMillis) * 1000);
  }

  public String modelId() {
    return modelId;
  }

  public ModelVersion version() {
    return version;
  }

  public long receivedAtMillis() {
    return receivedAtMillis;
  }

  public long scoredAtMillis() {
    return scoredAtMillis;
  }

  public long latencyMicros() {
    return latencyMicros;
  }
}

package io.streamnet.jobs.model;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.state.ModelStateCodec;
import org.apache.flink.core.fs.Path;

/**
 * A model read back from a snapshot file, checksum verified.
 *
 * @param version      the model version it holds; null for a bare model state ({@code --save-model}), which has none
 * @param checkpointId the Flink checkpoint it was written for; -1 for a bare model state
 * @param path         the file it was read from
 * @param modelState   the model state (the task's learner's {@code encodeModel}: weights, optimizer slots, step,
 *                     generator; for sentiment nn-core's {@code ModelStateCodec} bytes)
 */
public record StoredModel(ModelVersion version, long checkpointId, Path path, byte[] modelState) {

  /** The file and what it holds, for logs. */
  public String describe() {
    return version == null ? "model state file " + path
        : "model file " + path + " (version " + version + ", checkpoint " + checkpointId + ")";
  }

  @Override
  public String toString() {
    return "StoredModel[" + version + ", checkpoint " + checkpointId + ", " + path + ", " + modelState.length + " bytes]";
  }
}

package io.streamnet.jobs.model;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.state.ModelStateCodec;
import org.apache.flink.core.fs.Path;

/**
 * A model read back from a snapshot file, checksum verified.
 *
 * @param version      the model version it holds
 * @param checkpointId the Flink checkpoint it was written for
 * @param path         the file it was read from
 * @param modelState   nn-core's {@link ModelStateCodec} bytes: weights, optimizer slots, step and generator
 */
public record StoredModel(ModelVersion version, long checkpointId, Path path, byte[] modelState) {

  /** The network (trainable if the state holds optimizer slots), ready to continue training or to score. */
  public Network decode() {
    return ModelStateCodec.decode(modelState);
  }

  @Override
  public String toString() {
    return "StoredModel[" + version + ", checkpoint " + checkpointId + ", " + path + ", " + modelState.length + " bytes]";
  }
}

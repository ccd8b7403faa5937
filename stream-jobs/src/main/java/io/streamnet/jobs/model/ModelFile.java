package io.streamnet.jobs.model;

import io.streamnet.nn.snapshot.ModelVersion;
import org.apache.flink.core.fs.Path;

/**
 * A model file in a snapshot directory, known by its name {@code model-e<epoch>-v<version>-c<checkpointId>.snn}
 * (its content is not read).
 *
 * @param version      the model version it holds
 * @param checkpointId the Flink checkpoint it was written for
 * @param path         where it is
 */
public record ModelFile(ModelVersion version, long checkpointId, Path path) implements Comparable<ModelFile> {

  /** Oldest first: by version, then checkpoint id. */
  @Override
  public int compareTo(ModelFile o) {
    int c = version.compareTo(o.version);
    return c != 0 ? c : Long.compare(checkpointId, o.checkpointId);
  }
}

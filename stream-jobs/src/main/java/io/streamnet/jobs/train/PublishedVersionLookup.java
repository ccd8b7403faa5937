package io.streamnet.jobs.train;

import io.streamnet.nn.snapshot.ModelVersion;
import java.io.Serializable;
import java.util.Optional;

/**
 * The newest model version already published for a model id (e.g. read from the {@code model.snapshots} topic), so
 * that a trainer started without state, or from an older checkpoint, continues above it: versions never go back.
 */
@FunctionalInterface
public interface PublishedVersionLookup extends Serializable {
  Optional<ModelVersion> latest();

  /** For jobs with nowhere to look (unit tests). */
  static PublishedVersionLookup none() {
    return Optional::empty;
  }
}

package io.streamnet.jobs.train;

import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import java.io.Serializable;

/**
 * Where a trainer without checkpointed state gets its first model: a fresh network from the spec, or a warm start
 * (a model file, the latest version on the snapshots topic).
 */
@FunctionalInterface
public interface InitialModel extends Serializable {
  /** The network to start from; its spec must equal {@code spec} (checked by the trainer). */
  Network create(NetworkSpec spec);

  /** A new network initialized from the spec's seed. */
  static InitialModel fresh() {
    return Network::build;
  }
}

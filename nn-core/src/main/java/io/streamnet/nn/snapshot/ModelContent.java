package io.streamnet.nn.snapshot;

import io.streamnet.nn.layer.Parameter;
import java.util.List;

/**
 * A model as snapshots see it: its parameters and its id tables, each in a fixed order with unique names and fixed
 * shapes. A payload of one model applies to another model of the same spec (a scorer's copy).
 */
public interface ModelContent {
  /** Every float a scorer needs, in a stable order. */
  List<Parameter> parameters();

  /** The id tables a scorer needs; none for a model whose inputs are hashed. */
  default List<IdTable> idTables() {
    return List.of();
  }

  /**
   * Called after a payload was applied ({@link SnapshotPayload#apply}): a model that keeps something derived from its
   * weights or rows (the recommender's compact item table) marks it stale. Nothing by default.
   */
  default void contentChanged() {
  }
}

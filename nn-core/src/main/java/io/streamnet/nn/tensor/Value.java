package io.streamnet.nn.tensor;

/**
 * A value flowing between the nodes of a network for one minibatch: a dense {@link Tensor},
 * ragged {@link SparseIds} (bags of ids for an EmbeddingBag) or an {@link IdColumn} (categorical ids).
 */
public sealed interface Value permits Tensor, SparseIds, IdColumn {
    /** Number of examples in the batch this value holds. */
    int batchSize();
}

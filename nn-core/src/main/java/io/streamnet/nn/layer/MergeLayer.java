package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Tensor;

/**
 * A node with several dense inputs (e.g. {@link Concat}); same ownership contract as {@link Layer}.
 * {@link #backward} returns one gradient per input, in input order, in an array the layer owns.
 */
public interface MergeLayer extends Module {
    Tensor forward(Tensor[] inputs, boolean training);

    Tensor[] backward(Tensor gradOutput);
}

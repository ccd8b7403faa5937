package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/**
 * A node of a network with one input.
 *
 * <p>Contract, which every layer keeps so that a step allocates nothing at steady state:
 * <ul>
 *   <li>{@link #forward} returns a tensor the layer owns and reuses; it stays valid until the layer's next
 *       forward call. The layer may keep a reference to its input until {@link #backward}.</li>
 *   <li>{@link #backward} is called at most once after a training forward with the gradient of the loss with
 *       respect to the output; it overwrites the parameter gradients and returns the gradient with respect to
 *       the input (a tensor the layer owns), or null if the input has no gradient (ids) or none was requested.</li>
 * </ul>
 * Inputs are {@code [batch, ...exampleShape]}; sequence layers (Conv1D, GRU) take {@code [batch, time, channels]}.
 */
public interface Layer extends Module {
    Tensor forward(Value input, boolean training);

    Tensor backward(Tensor gradOutput);

    /**
     * Whether {@link #backward} must compute the input gradient. The network turns it off for the first layer
     * after a dense input, which saves a whole matrix product per step.
     */
    default void setInputGradientNeeded(boolean needed) {}

    /** Shapes of a layer, for wiring. */
    @Override
    Shape outputShape();

    @Override
    List<Parameter> params();
}

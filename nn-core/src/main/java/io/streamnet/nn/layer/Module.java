package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Shape;

import java.util.List;

/** What every network node has: a unique name, an output shape (per example) and parameters. */
public interface Module {
    String name();

    /** The shape of one example of the output. */
    Shape outputShape();

    /** Trainable parameters in a fixed order (empty for parameter-free layers). */
    List<Parameter> params();
}

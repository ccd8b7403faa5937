package io.streamnet.nn.layer;

import io.streamnet.nn.activation.ActivationFunction;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/** An element-wise activation (ReLU, LeakyReLU, Sigmoid, Tanh, GELU) as a layer of its own. */
public final class ActivationLayer implements Layer {
    private final String name;
    private final Shape shape;
    private final ActivationFunction fn;
    private final Tensor out = new Tensor();
    private final Tensor gradIn = new Tensor();
    private Tensor input;

    public ActivationLayer(String name, Shape shape, ActivationFunction fn) {
        this.name = name;
        this.shape = shape;
        this.fn = fn;
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        Tensor x = (Tensor) value;
        input = x;
        out.resizeLike(x);
        fn.forward(x.data(), out.data(), x.size());
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        gradIn.resizeLike(gradOutput);
        fn.backward(input.data(), out.data(), gradOutput.data(), gradIn.data(), gradOutput.size());
        return gradIn;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public List<Parameter> params() {
        return List.of();
    }

    public ActivationFunction function() {
        return fn;
    }
}

package io.streamnet.nn.activation;

/**
 * An element-wise activation {@code y = f(x)} over flat arrays, usable standalone (ActivationLayer) or fused
 * into a Dense layer's bias pass.
 */
public interface ActivationFunction {
    /** Name as written in a spec: relu, leaky_relu, sigmoid, tanh, gelu, identity. */
    String name();

    /** {@code y[i] = f(x[i])} for i in [0, n); x and y may be the same array if {@link #derivativeFromOutput()}. */
    void forward(float[] x, float[] y, int n);

    /**
     * {@code gx[i] = gy[i] * f'(x[i])} for i in [0, n). {@code y} is f(x). If {@link #derivativeFromOutput()},
     * only y is read and x may be null. gy and gx may be the same array.
     */
    void backward(float[] x, float[] y, float[] gy, float[] gx, int n);

    /** True when f'(x) can be computed from y = f(x) alone, so x need not be kept. */
    boolean derivativeFromOutput();

    /** Single-value form (bias+activation fusion and tests). */
    float apply(float x);
}

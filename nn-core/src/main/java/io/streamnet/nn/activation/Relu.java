package io.streamnet.nn.activation;

import io.streamnet.nn.tensor.RowKernels;

/** f(x) = max(0, x); f'(x) = 1 for x > 0 else 0 (read from the output: y > 0 iff x > 0). */
public final class Relu implements ActivationFunction {
    public String name() { return "relu"; }

    public void forward(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = Math.max(0f, x[i]);
    }

    public void backward(float[] x, float[] y, float[] gy, float[] gx, int n) {
        RowKernels.get().keepWherePositive(y, gy, gx, n);
    }

    public boolean derivativeFromOutput() { return true; }

    public float apply(float x) { return Math.max(0f, x); }
}

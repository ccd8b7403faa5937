package io.streamnet.nn.activation;

import io.streamnet.nn.tensor.RowKernels;

/** f(x) = x for x > 0, else slope * x (slope in [0, 1), so the sign of y equals the sign of x). */
public final class LeakyRelu implements ActivationFunction {
    private final float slope;

    public LeakyRelu(float slope) {
        if (!(slope >= 0f && slope < 1f)) throw new IllegalArgumentException("leaky_relu slope must be in [0, 1), got " + slope);
        this.slope = slope;
    }

    public float slope() { return slope; }

    public String name() { return "leaky_relu"; }

    public void forward(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            y[i] = v > 0f ? v : slope * v;
        }
    }

    public void backward(float[] x, float[] y, float[] gy, float[] gx, int n) {
        RowKernels.get().scaleWhereNotPositive(y, gy, slope, gx, n);
    }

    public boolean derivativeFromOutput() { return true; }

    public float apply(float x) { return x > 0f ? x : slope * x; }
}

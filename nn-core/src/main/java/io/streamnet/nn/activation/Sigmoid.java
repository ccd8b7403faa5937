package io.streamnet.nn.activation;

/** f(x) = 1 / (1 + e^-x); f'(x) = y (1 - y). Saturates to exactly 0 or 1 without overflow. */
public final class Sigmoid implements ActivationFunction {
    public String name() { return "sigmoid"; }

    public void forward(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = sigmoid(x[i]);
    }

    public void backward(float[] x, float[] y, float[] gy, float[] gx, int n) {
        for (int i = 0; i < n; i++) {
            float s = y[i];
            gx[i] = gy[i] * s * (1f - s);
        }
    }

    public boolean derivativeFromOutput() { return true; }

    public float apply(float x) { return sigmoid(x); }

    /** Stable logistic function: exp is only taken of a non-positive number. */
    public static float sigmoid(float x) {
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}

package io.streamnet.nn.activation;

/** f(x) = tanh(x); f'(x) = 1 - y^2. */
public final class Tanh implements ActivationFunction {
    public String name() { return "tanh"; }

    public void forward(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = (float) FastMath.tanh(x[i]);
    }

    public void backward(float[] x, float[] y, float[] gy, float[] gx, int n) {
        for (int i = 0; i < n; i++) {
            float t = y[i];
            gx[i] = gy[i] * (1f - t * t);
        }
    }

    public boolean derivativeFromOutput() { return true; }

    public float apply(float x) { return (float) FastMath.tanh(x); }
}

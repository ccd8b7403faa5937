package io.streamnet.nn.activation;

/**
 * GELU in its tanh form (Hendrycks and Gimpel 2016; PyTorch's {@code approximate="tanh"}):
 * f(x) = 0.5 x (1 + tanh(u)), u = sqrt(2/pi) (x + 0.044715 x^3). The JDK has no erf, and the tanh form
 * differs from the exact one by less than 1e-3. The derivative needs x, so x is kept.
 */
public final class Gelu implements ActivationFunction {
    private static final double C = Math.sqrt(2.0 / Math.PI);
    private static final double A = 0.044715;

    public String name() { return "gelu"; }

    public void forward(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) y[i] = apply(x[i]);
    }

    public void backward(float[] x, float[] y, float[] gy, float[] gx, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double t = FastMath.tanh(C * (v + A * v * v * v));
            double du = C * (1.0 + 3.0 * A * v * v);
            double d = 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * du;
            gx[i] = (float) (gy[i] * d);
        }
    }

    public boolean derivativeFromOutput() { return false; }

    public float apply(float x) {
        double v = x;
        return (float) (0.5 * v * (1.0 + FastMath.tanh(C * (v + A * v * v * v))));
    }
}

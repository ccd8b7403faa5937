package io.streamnet.nn.loss;

import io.streamnet.nn.activation.Sigmoid;
import io.streamnet.nn.tensor.Tensor;

/**
 * Binary cross-entropy on logits z against targets y in [0, 1], in the stable form
 * {@code max(z, 0) - z y + log(1 + exp(-|z|))} (never overflows, exact for large |z|); the gradient is
 * {@code sigmoid(z) - y}. Several output units are independent binary targets (multi-label).
 */
public final class BinaryCrossEntropyWithLogits implements Loss {
    public String name() { return "bce_with_logits"; }

    public boolean usesClassTargets() { return false; }

    public double lossAndGradient(Tensor z, Targets t, float[] weights, Tensor grad, Tensor predictions) {
        int batch = z.batchSize();
        int k = z.exampleSize();
        grad.resizeLike(z);
        predictions.resizeLike(z);
        float[] zd = z.data();
        float[] y = t.values();
        float[] g = grad.data();
        float[] p = predictions.data();
        double count = (double) batch * k;
        float inv = (float) (1.0 / count);
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            float w = weights == null ? 1f : weights[b];
            for (int j = 0; j < k; j++) {
                int i = b * k + j;
                float x = zd[i];
                float yi = y[i];
                double l = Math.max(x, 0f) - (double) x * yi + Math.log1p(Math.exp(-Math.abs(x)));
                sum += w * l;
                float s = Sigmoid.sigmoid(x);
                p[i] = s;
                g[i] = (s - yi) * w * inv;
            }
        }
        return sum / count;
    }

    public void predict(Tensor z, Tensor predictions) {
        predictions.resizeLike(z);
        float[] zd = z.data();
        float[] p = predictions.data();
        int n = z.size();
        for (int i = 0; i < n; i++) p[i] = Sigmoid.sigmoid(zd[i]);
    }

    public TargetProblem checkTargets(Targets t, int batch, int width) {
        if (t.isClasses() || t.width() != width) return new TargetProblem(-1, "bce_with_logits needs " + width + " values in [0, 1] per example");
        float[] v = t.values();
        for (int i = 0; i < batch * width; i++) {
            float x = v[i];
            if (!Float.isFinite(x)) return new TargetProblem(i / width, "value " + x + " is not finite");
            if (x < 0f || x > 1f) return new TargetProblem(i / width, "value " + x + " is outside [0, 1]");
        }
        return null;
    }
}

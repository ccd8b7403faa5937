package io.streamnet.nn.loss;

import io.streamnet.nn.layer.Softmax;
import io.streamnet.nn.tensor.Tensor;

/**
 * Softmax cross-entropy on logits against class indices: {@code logsumexp(z) - z[c]}, computed with the max
 * subtracted (never overflows); the gradient is {@code softmax(z) - onehot(c)}.
 */
public final class SoftmaxCrossEntropy implements Loss {
    public String name() { return "softmax_cross_entropy"; }

    public boolean usesClassTargets() { return true; }

    public double lossAndGradient(Tensor z, Targets t, float[] weights, Tensor grad, Tensor predictions) {
        int batch = z.batchSize();
        int k = z.exampleSize();
        grad.resizeLike(z);
        predictions.resizeLike(z);
        float[] zd = z.data();
        float[] g = grad.data();
        float[] p = predictions.data();
        int[] cls = t.classIds();
        float inv = 1f / batch;
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            int off = b * k;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) max = Math.max(max, zd[off + j]);
            double s = 0;
            for (int j = 0; j < k; j++) s += Math.exp(zd[off + j] - max);
            double logSum = Math.log(s) + max;
            int c = cls[b];
            float w = weights == null ? 1f : weights[b];
            sum += w * (logSum - zd[off + c]);
            float scale = w * inv;
            for (int j = 0; j < k; j++) {
                float pj = (float) Math.exp(zd[off + j] - logSum);
                p[off + j] = pj;
                g[off + j] = (j == c ? pj - 1f : pj) * scale;
            }
        }
        return sum / batch;
    }

    public void predict(Tensor z, Tensor predictions) {
        predictions.resizeLike(z);
        Softmax.softmaxRows(z.data(), predictions.data(), z.batchSize(), z.exampleSize());
    }

    public TargetProblem checkTargets(Targets t, int batch, int width) {
        if (!t.isClasses()) return new TargetProblem(-1, "softmax_cross_entropy needs one class index per example");
        int[] c = t.classIds();
        for (int b = 0; b < batch; b++) {
            if (c[b] < 0 || c[b] >= width) return new TargetProblem(b, "class " + c[b] + " is out of range [0, " + width + ")");
        }
        return null;
    }
}

package io.streamnet.nn.loss;

import io.streamnet.nn.tensor.Tensor;

/** Mean squared error over all outputs: {@code mean((z - y)^2)}; predictions are the outputs themselves. */
public final class MeanSquaredError implements Loss {
    public String name() { return "mse"; }

    public boolean usesClassTargets() { return false; }

    public double lossAndGradient(Tensor z, Targets t, float[] weights, Tensor grad, Tensor predictions) {
        int batch = z.batchSize();
        int k = z.exampleSize();
        grad.resizeLike(z);
        predictions.copyFrom(z);
        float[] zd = z.data();
        float[] y = t.values();
        float[] g = grad.data();
        double count = (double) batch * k;
        float scale = (float) (2.0 / count);
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            float w = weights == null ? 1f : weights[b];
            for (int j = 0; j < k; j++) {
                int i = b * k + j;
                float d = zd[i] - y[i];
                sum += (double) w * d * d;
                g[i] = scale * w * d;
            }
        }
        return sum / count;
    }

    public void predict(Tensor z, Tensor predictions) {
        predictions.copyFrom(z);
    }

    public TargetProblem checkTargets(Targets t, int batch, int width) {
        if (t.isClasses() || t.width() != width) return new TargetProblem(-1, "mse needs " + width + " float values per example");
        float[] v = t.values();
        for (int i = 0; i < batch * width; i++) {
            if (!Float.isFinite(v[i])) return new TargetProblem(i / width, "value " + v[i] + " is not finite");
        }
        return null;
    }
}

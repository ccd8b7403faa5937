package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/**
 * Softmax over the innermost dimension (max-subtracted, so it never overflows). As a training head prefer the
 * softmax cross-entropy loss on logits, which fuses both and is more accurate; this layer is for softmax inside
 * a network (e.g. attention-like weights).
 */
public final class Softmax implements Layer {
    private final String name;
    private final Shape shape;
    private final Tensor out = new Tensor();
    private final Tensor gradIn = new Tensor();

    public Softmax(String name, Shape shape) {
        this.name = name;
        this.shape = shape;
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        Tensor x = (Tensor) value;
        out.resizeLike(x);
        softmaxRows(x.data(), out.data(), x.rows(), x.last());
        return out;
    }

    /** Row-wise softmax of {@code rows x n} values from x into y (may be the same array). */
    public static void softmaxRows(float[] x, float[] y, int rows, int n) {
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) max = Math.max(max, x[off + j]);
            double sum = 0;
            for (int j = 0; j < n; j++) {
                float e = (float) Math.exp(x[off + j] - max);
                y[off + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < n; j++) y[off + j] *= inv;
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        int rows = gradOutput.rows();
        int n = gradOutput.last();
        gradIn.resizeLike(gradOutput);
        float[] gy = gradOutput.data();
        float[] y = out.data();
        float[] gx = gradIn.data();
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double dot = 0;
            for (int j = 0; j < n; j++) dot += gy[off + j] * y[off + j];
            float d = (float) dot;
            for (int j = 0; j < n; j++) gx[off + j] = y[off + j] * (gy[off + j] - d);
        }
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
}

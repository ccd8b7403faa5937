package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/**
 * Layer normalization (Ba, Kiros, Hinton 2016) over the innermost dimension:
 * {@code y = gain * (x - mean) / sqrt(var + eps) + shift}, with the biased variance. gain starts at 1, shift at 0.
 * Statistics are accumulated in double so that large-mean inputs do not lose precision.
 */
public final class LayerNorm implements Layer {
    private final String name;
    private final Shape shape;
    private final int n;
    private final float eps;
    private final Parameter gain;
    private final Parameter shift;
    private final List<Parameter> params;
    private final Tensor out = new Tensor();
    private final Tensor normalized = new Tensor();
    private final Tensor gradIn = new Tensor();
    private float[] invStd = new float[16];
    private boolean inputGradientNeeded = true;

    public LayerNorm(String name, Shape shape, float eps) {
        if (!(eps > 0f)) throw new IllegalArgumentException("layer_norm '" + name + "': eps must be > 0, got " + eps);
        this.name = name;
        this.shape = shape;
        this.n = shape.last();
        this.eps = eps;
        this.gain = Parameter.dense(name, "gain", 1, n);
        java.util.Arrays.fill(gain.value(), 1f);
        this.shift = Parameter.dense(name, "shift", 1, n);
        this.params = List.of(gain, shift);
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        Tensor x = (Tensor) value;
        if (x.last() != n) throw new IllegalArgumentException("layer_norm '" + name + "': expected " + n + " features, got " + x.last());
        int rows = x.rows();
        out.resizeLike(x);
        normalized.resizeLike(x);
        if (invStd.length < rows) invStd = new float[Math.max(rows, invStd.length * 2)];
        float[] xd = x.data();
        float[] o = out.data();
        float[] xh = normalized.data();
        float[] g = gain.value();
        float[] s = shift.value();
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            double sum = 0;
            for (int j = 0; j < n; j++) sum += xd[off + j];
            double mean = sum / n;
            double sq = 0;
            for (int j = 0; j < n; j++) {
                double d = xd[off + j] - mean;
                sq += d * d;
            }
            float is = (float) (1.0 / Math.sqrt(sq / n + eps));
            invStd[r] = is;
            float m = (float) mean;
            for (int j = 0; j < n; j++) {
                float h = (xd[off + j] - m) * is;
                xh[off + j] = h;
                o[off + j] = g[j] * h + s[j];
            }
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        int rows = gradOutput.rows();
        float[] gy = gradOutput.data();
        float[] xh = normalized.data();
        float[] g = gain.value();
        if (!gain.frozen() || !shift.frozen()) {
            float[] gg = gain.grad();
            float[] gs = shift.grad();
            java.util.Arrays.fill(gg, 0f);
            java.util.Arrays.fill(gs, 0f);
            for (int r = 0; r < rows; r++) {
                int off = r * n;
                for (int j = 0; j < n; j++) {
                    gg[j] += gy[off + j] * xh[off + j];
                    gs[j] += gy[off + j];
                }
            }
        }
        if (!inputGradientNeeded) return null;
        gradIn.resizeLike(gradOutput);
        float[] gx = gradIn.data();
        for (int r = 0; r < rows; r++) {
            int off = r * n;
            // dx = invStd * (dxh - mean(dxh) - xh * mean(dxh * xh)), dxh = gy * gain
            double sumD = 0;
            double sumDX = 0;
            for (int j = 0; j < n; j++) {
                double d = gy[off + j] * g[j];
                sumD += d;
                sumDX += d * xh[off + j];
            }
            float meanD = (float) (sumD / n);
            float meanDX = (float) (sumDX / n);
            float is = invStd[r];
            for (int j = 0; j < n; j++) {
                float d = gy[off + j] * g[j];
                gx[off + j] = is * (d - meanD - xh[off + j] * meanDX);
            }
        }
        return gradIn;
    }

    @Override
    public void setInputGradientNeeded(boolean needed) {
        this.inputGradientNeeded = needed;
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
        return params;
    }

    public float eps() {
        return eps;
    }
}

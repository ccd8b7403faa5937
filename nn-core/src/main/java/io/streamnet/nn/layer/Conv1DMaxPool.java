package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The feature extractor of a TextCNN (Kim 2014): for each kernel width w, {@code filters} 1-D convolutions over a
 * sequence {@code [batch, time, channels]}, max-over-time pooling, a bias and ReLU (or no activation). Output
 * {@code [batch, widths * filters]}, width by width in the order given.
 *
 * <p>Window t of width w reads positions {@code t .. t+w-1}; its weights {@code W_w} are {@code [w * channels,
 * filters]}, row {@code j * channels + c} for position t+j, channel c, so a window is one contiguous run of the
 * input. Convolution and pooling are one layer because pooling keeps a single window per filter: backward visits
 * that window only, instead of every position, and the pre-pooling maps are never stored. The bias and the
 * activation come after the max: both are the same at every position and ReLU is non-decreasing, so
 * {@code relu(max_t(z_t) + b) = max_t(relu(z_t + b))}.
 *
 * <p>Masks: only windows inside an example's valid length compete (ties: the earliest wins); a sequence shorter
 * than w has one window, read up to its end (as if zero-padded). Padded positions are never read, so they never
 * win the max, and get a zero gradient. An empty sequence gives zeros and no gradient.
 *
 * <p>Each window is summed in a fixed order (positions, then channels), one filter per lane ({@link WindowMax}:
 * register-blocked on the Vector API when the JVM has it, plain loops otherwise, the same bits either way); the
 * result of a window depends on nothing else, so padding and batch composition never change it.
 */
public final class Conv1DMaxPool implements Layer {
    private final String name;
    private final int channels;
    private final int filters;
    private final int[] widths;
    private final boolean relu;
    private final Parameter[] weights;
    private final Parameter[] biases;
    private final List<Parameter> params;
    private final Shape outputShape;

    private final Tensor out = new Tensor();
    private final Tensor gradIn = new Tensor();
    /** Winning window of each (example, width, filter); -1 for an empty sequence. */
    private int[] argmax = new int[0];
    private WindowMax windowMax;
    private Tensor input;
    private boolean inputGradientNeeded = true;

    /** @param relu ReLU after the bias, or no activation */
    public Conv1DMaxPool(String name, Shape inputShape, int filters, int[] widths, boolean relu, boolean useBias,
                         Initializer init, Rng rng) {
        if (inputShape.rank() != 2) {
            throw new IllegalArgumentException("conv1d_max_pool '" + name + "': needs a sequence [time, channels], got " + inputShape);
        }
        if (filters <= 0) throw new IllegalArgumentException("conv1d_max_pool '" + name + "': filters must be > 0, got " + filters);
        if (widths.length == 0) throw new IllegalArgumentException("conv1d_max_pool '" + name + "': needs at least one width");
        this.name = name;
        this.channels = inputShape.last();
        this.filters = filters;
        this.widths = widths.clone();
        this.relu = relu;
        this.weights = new Parameter[widths.length];
        this.biases = new Parameter[widths.length];
        List<Parameter> ps = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            int w = widths[i];
            if (w <= 0) throw new IllegalArgumentException("conv1d_max_pool '" + name + "': widths must be > 0, got " + w);
            weights[i] = Parameter.dense(name, "weight_w" + w, w * channels, filters);
            init.fill(weights[i].value(), 0, weights[i].size(), w * channels, filters, rng);
            ps.add(weights[i]);
            if (useBias) {
                biases[i] = Parameter.dense(name, "bias_w" + w, 1, filters);
                ps.add(biases[i]);
            }
        }
        this.params = List.copyOf(ps);
        this.outputShape = Shape.vector(widths.length * filters);
        this.windowMax = WindowMax.create(channels, filters, widths);
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        Tensor x = (Tensor) value;
        if (x.rank() != 3 || x.last() != channels) {
            throw new IllegalArgumentException("conv1d_max_pool '" + name + "': expected [batch, time, " + channels + "], got " + x);
        }
        input = x;
        int batch = x.batchSize();
        int width = widths.length * filters;
        out.resize2(batch, width);
        if (argmax.length < batch * width) argmax = new int[Math.max(batch * width, argmax.length * 2)];
        float[] o = out.data();
        for (int i = 0; i < widths.length; i++) {
            windowMax.pack(i, weights[i].value());
            windowMax.maxOverWindows(i, x, o, argmax, width);
        }
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            for (int i = 0; i < widths.length; i++) {
                int base = b * width + i * filters;
                if (len == 0) {
                    Arrays.fill(o, base, base + filters, 0f);
                    Arrays.fill(argmax, base, base + filters, -1);
                    continue;
                }
                float[] bias = biases[i] == null ? null : biases[i].value();
                for (int f = 0; f < filters; f++) {
                    float v = bias == null ? o[base + f] : o[base + f] + bias[f];
                    o[base + f] = relu ? Math.max(0f, v) : v;
                }
            }
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor x = input;
        int batch = x.batchSize();
        int time = x.dim(1);
        int width = widths.length * filters;
        float[] xd = x.data();
        float[] gy = gradOutput.data();
        float[] o = out.data();
        float[] gx = null;
        if (inputGradientNeeded) {
            gradIn.resizeLike(x);
            gx = gradIn.data();
            Arrays.fill(gx, 0, gradIn.size(), 0f);
        }
        for (int i = 0; i < widths.length; i++) {
            Parameter wp = weights[i];
            Parameter bp = biases[i];
            float[] gw = wp.frozen() ? null : wp.grad();
            float[] gb = bp == null || bp.frozen() ? null : bp.grad();
            if (gw != null) Arrays.fill(gw, 0f);
            if (gb != null) Arrays.fill(gb, 0f);
            if (gw == null && gb == null && gx == null) continue;
            float[] kernel = wp.value();
            int w = widths[i];
            for (int b = 0; b < batch; b++) {
                int len = x.length(b);
                for (int f = 0; f < filters; f++) {
                    int at = b * width + i * filters + f;
                    int t = argmax[at];
                    float g = gy[at];
                    if (t < 0 || g == 0f || (relu && o[at] <= 0f)) continue;
                    if (gb != null) gb[f] += g;
                    int span = Math.min(w, len - t) * channels;
                    int xo = (b * time + t) * channels;
                    for (int r = 0; r < span; r++) {
                        if (gw != null) gw[r * filters + f] += g * xd[xo + r];
                        if (gx != null) gx[xo + r] += g * kernel[r * filters + f];
                    }
                }
            }
        }
        return gx == null ? null : gradIn;
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
        return outputShape;
    }

    @Override
    public List<Parameter> params() {
        return params;
    }

    /** Replaces the window kernel (same shapes), for tests that compare kernels inside one network. */
    void useWindowMax(WindowMax kernel) {
        this.windowMax = kernel;
    }

    /** A copy of the winning window of every (example, width, filter) of the last forward pass, for tests. */
    int[] winningWindows(int batch) {
        return java.util.Arrays.copyOf(argmax, batch * widths.length * filters);
    }

    /** Weights of the i-th width, {@code [width * channels, filters]}. */
    public Parameter weight(int i) {
        return weights[i];
    }

    /** Bias of the i-th width, or null without biases. */
    public Parameter bias(int i) {
        return biases[i];
    }

    public int[] widths() {
        return widths.clone();
    }

    public int filters() {
        return filters;
    }
}

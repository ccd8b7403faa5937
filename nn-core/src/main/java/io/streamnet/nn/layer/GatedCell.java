package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.kernel.Gemm;
import io.streamnet.nn.random.Rng;

import java.util.Arrays;
import java.util.List;

/**
 * What a GRU and an LSTM step share: G gates of H units computed from {@code x W} and {@code h U}, with W
 * {@code [channels, G*H]} ({@code weight}), U {@code [H, G*H]} ({@code recurrent_weight}) and a bias
 * {@code [1, G*H]}, and the {@link Gemm} products of their backward step. The products run over the batch, one
 * step at a time, so their shapes never depend on the sequence length (padding cannot change a result).
 */
abstract class GatedCell implements RecurrentCell {
    final int channels;
    final int units;
    final int width;
    final Parameter weight;
    final Parameter recurrentWeight;
    final Parameter bias;
    private final List<Parameter> params;

    GatedCell(String layer, int channels, int units, int gates, List<Parameter> extra, Initializer init, Rng rng) {
        this.channels = channels;
        this.units = units;
        this.width = gates * units;
        this.weight = Parameter.dense(layer, "weight", channels, width);
        this.recurrentWeight = Parameter.dense(layer, "recurrent_weight", units, width);
        this.bias = Parameter.dense(layer, "bias", 1, width);
        init.fill(weight.value(), 0, weight.size(), channels, width, rng);
        init.fill(recurrentWeight.value(), 0, recurrentWeight.size(), units, width, rng);
        this.params = extra.isEmpty() ? List.of(weight, recurrentWeight, bias) : List.of(weight, recurrentWeight, bias, extra.get(0));
    }

    @Override
    public final int units() {
        return units;
    }

    @Override
    public final List<Parameter> params() {
        return params;
    }

    @Override
    public final void zeroGradients() {
        for (Parameter p : params) if (!p.frozen()) Arrays.fill(p.grad(), 0f);
    }

    /** {@code out = x W} for the batch's rows of one step. */
    final void inputProduct(float[] x, int xOff, int ldx, int batch, float[] out) {
        Gemm.sgemm(false, false, batch, width, channels, 1f, x, xOff, ldx, weight.value(), 0, width, 0f, out, 0, width);
    }

    /** {@code out = h U + beta * out} for the states at {@code prev} (h is the first H of each state). */
    final void recurrentProduct(float[] states, int prev, int batch, float beta, float[] out) {
        Gemm.sgemm(false, false, batch, width, units, 1f, states, prev, stateSize(), recurrentWeight.value(), 0, width,
                beta, out, 0, width);
    }

    /**
     * The products of a backward step: {@code dW += x^T dInput}, {@code dU += h^T dRecurrent}, the bias gradient
     * from dInput, {@code dPrev[h] = dRecurrent U^T + beta * dPrev[h]}, and, unless dx is null, {@code dx = dInput W^T}.
     */
    final void backwardProducts(float[] x, int xOff, int ldx, int batch, float[] states, int prev, float[] dInput,
                                float[] dRecurrent, float[] dPrev, float beta, float[] dx) {
        int s = stateSize();
        if (!weight.frozen()) {
            Gemm.sgemm(true, false, channels, width, batch, 1f, x, xOff, ldx, dInput, 0, width, 1f, weight.grad(), 0, width);
        }
        if (!recurrentWeight.frozen()) {
            Gemm.sgemm(true, false, units, width, batch, 1f, states, prev, s, dRecurrent, 0, width, 1f, recurrentWeight.grad(), 0, width);
        }
        addColumnSums(dInput, batch, bias);
        Gemm.sgemm(false, true, batch, units, width, 1f, dRecurrent, 0, width, recurrentWeight.value(), 0, width, beta, dPrev, 0, s);
        if (dx != null) {
            Gemm.sgemm(false, true, batch, channels, width, 1f, dInput, 0, width, weight.value(), 0, width, 0f, dx, xOff, ldx);
        }
    }

    /** Adds the column sums of {@code rows x width} values to a (non-frozen) bias gradient. */
    final void addColumnSums(float[] values, int rows, Parameter b) {
        if (b.frozen()) return;
        float[] gb = b.grad();
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            for (int j = 0; j < width; j++) gb[j] += values[o + j];
        }
    }
}

package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.RowKernels;

import java.util.List;

/**
 * A GRU step, PyTorch's formulation (gates r, z, n in that order, each H wide):
 * <pre>
 *   r = sigmoid(x Wr + bir + h Ur + bhr)      z = sigmoid(x Wz + biz + h Uz + bhz)
 *   n = tanh(x Wn + bin + r * (h Un + bhn))   h' = (1 - z) * n + z * h
 * </pre>
 * Parameters {@code weight} W {@code [channels, 3H]}, {@code recurrent_weight} U {@code [H, 3H]}, {@code bias}
 * and {@code recurrent_bias} {@code [1, 3H]}: PyTorch's weight_ih, weight_hh (transposed, as Dense stores its
 * weights) and its two biases, which are not redundant because r multiplies {@code h Un + bhn}.
 */
final class GruCell extends GatedCell {
    private final Parameter recurrentBias;
    private final RowKernels kernels = RowKernels.get();

    /** Per step: r, z, n after their activations ([batch, 3H]) and h Un + bhn ([batch, H]), for backward. */
    private float[] gates = new float[0];
    private float[] hiddenN = new float[0];
    private float[] inputPart = new float[0];
    private float[] hiddenPart = new float[0];

    GruCell(String layer, int channels, int units, Initializer init, Rng rng) {
        this(layer, channels, units, Parameter.dense(layer, "recurrent_bias", 1, 3 * units), init, rng);
    }

    private GruCell(String layer, int channels, int units, Parameter recurrentBias, Initializer init, Rng rng) {
        super(layer, channels, units, 3, List.of(recurrentBias), init, rng);
        this.recurrentBias = recurrentBias;
    }

    @Override
    public int stateSize() {
        return units;
    }

    @Override
    public void reserve(int batch, int steps) {
        if (gates.length < steps * batch * width) gates = new float[steps * batch * width];
        if (hiddenN.length < steps * batch * units) hiddenN = new float[steps * batch * units];
        if (inputPart.length < batch * width) {
            inputPart = new float[batch * width];
            hiddenPart = new float[batch * width];
        }
    }

    @Override
    public void forward(int t, float[] x, int xOff, int ldx, int batch, float[] states, int prev, int next) {
        final int h = units;
        final int g = width;
        float[] gi = inputPart;
        float[] gh = hiddenPart;
        inputProduct(x, xOff, ldx, batch, gi);
        recurrentProduct(states, prev, batch, 0f, gh);
        float[] bi = bias.value();
        float[] bh = recurrentBias.value();
        int gateOff = t * batch * g;
        int nOff = t * batch * h;
        for (int b = 0; b < batch; b++) {
            int row = b * g;
            int go = gateOff + row;
            int no = nOff + b * h;
            int hp = prev + b * h;
            int hn = next + b * h;
            // pre-activations first, then each activation over a whole run of units (vectorised in RowKernels)
            for (int j = 0; j < 2 * h; j++) gates[go + j] = gi[row + j] + bi[j] + gh[row + j] + bh[j];
            kernels.gateSigmoid(gates, go, 2 * h);
            for (int j = 0; j < h; j++) {
                float hiddenPartN = gh[row + 2 * h + j] + bh[2 * h + j];
                hiddenN[no + j] = hiddenPartN;
                gates[go + 2 * h + j] = gi[row + 2 * h + j] + bi[2 * h + j] + gates[go + j] * hiddenPartN;
            }
            kernels.gateTanh(gates, go + 2 * h, h);
            for (int j = 0; j < h; j++) {
                float z = gates[go + h + j];
                states[hn + j] = (1f - z) * gates[go + 2 * h + j] + z * states[hp + j];
            }
        }
    }

    @Override
    public void backward(int t, float[] x, int xOff, int ldx, int batch, float[] states, int prev, float[] dNext,
                         float[] dPrev, float[] dx) {
        final int h = units;
        final int g = width;
        float[] dgi = inputPart;
        float[] dgh = hiddenPart;
        int gateOff = t * batch * g;
        int nOff = t * batch * h;
        for (int b = 0; b < batch; b++) {
            int row = b * g;
            int go = gateOff + row;
            int no = nOff + b * h;
            int hp = prev + b * h;
            for (int j = 0; j < h; j++) {
                float dh = dNext[b * h + j];
                float r = gates[go + j];
                float z = gates[go + h + j];
                float n = gates[go + 2 * h + j];
                float dn = dh * (1f - z) * (1f - n * n);
                float dr = dn * hiddenN[no + j] * r * (1f - r);
                float dz = dh * (states[hp + j] - n) * z * (1f - z);
                dgi[row + j] = dr;
                dgi[row + h + j] = dz;
                dgi[row + 2 * h + j] = dn;
                dgh[row + j] = dr;
                dgh[row + h + j] = dz;
                dgh[row + 2 * h + j] = dn * r;
                dPrev[b * h + j] = dh * z;
            }
        }
        addColumnSums(dgh, batch, recurrentBias);
        backwardProducts(x, xOff, ldx, batch, states, prev, dgi, dgh, dPrev, 1f, dx);
    }
}

package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.RowKernels;

import java.util.Arrays;
import java.util.List;

/**
 * An LSTM step, PyTorch's formulation (gates i, f, g, o in that order, each H wide):
 * <pre>
 *   [i, f, g, o] = [sigmoid, sigmoid, tanh, sigmoid](x W + h U + b)
 *   c' = f * c + i * g        h' = o * tanh(c')
 * </pre>
 * The state is h then c (2H per example). Parameters {@code weight} W {@code [channels, 4H]},
 * {@code recurrent_weight} U {@code [H, 4H]}, {@code bias} {@code [1, 4H]} (PyTorch's two biases are one here:
 * they are only ever added). The forget gate's bias starts at 1 (Jozefowicz et al. 2015), so that a fresh
 * network keeps its cell state rather than forgetting it at every step.
 */
final class LstmCell extends GatedCell {
    private final RowKernels kernels = RowKernels.get();
    /** Per step: i, f, g, o after their activations ([batch, 4H]) and tanh(c') ([batch, H]), for backward. */
    private float[] gates = new float[0];
    private float[] cellTanh = new float[0];
    private float[] preActivation = new float[0];

    LstmCell(String layer, int channels, int units, Initializer init, Rng rng) {
        super(layer, channels, units, 4, List.of(), init, rng);
        Arrays.fill(bias.value(), units, 2 * units, 1f);
    }

    @Override
    public int stateSize() {
        return 2 * units;
    }

    @Override
    public void reserve(int batch, int steps) {
        if (gates.length < steps * batch * width) gates = new float[steps * batch * width];
        if (cellTanh.length < steps * batch * units) cellTanh = new float[steps * batch * units];
        if (preActivation.length < batch * width) preActivation = new float[batch * width];
    }

    @Override
    public void forward(int t, float[] x, int xOff, int ldx, int batch, float[] states, int prev, int next) {
        final int h = units;
        final int g = width;
        final int s = 2 * h;
        float[] a = preActivation;
        inputProduct(x, xOff, ldx, batch, a);
        recurrentProduct(states, prev, batch, 1f, a);
        float[] bi = bias.value();
        int gateOff = t * batch * g;
        int cOff = t * batch * h;
        for (int b = 0; b < batch; b++) {
            int row = b * g;
            int go = gateOff + row;
            int co = cOff + b * h;
            int sp = prev + b * s;
            int sn = next + b * s;
            // pre-activations first, then each activation over a whole run of units (vectorised in RowKernels)
            for (int j = 0; j < g; j++) gates[go + j] = a[row + j] + bi[j];
            kernels.gateSigmoid(gates, go, 2 * h);
            kernels.gateTanh(gates, go + 2 * h, h);
            kernels.gateSigmoid(gates, go + 3 * h, h);
            for (int j = 0; j < h; j++) {
                float c = gates[go + h + j] * states[sp + h + j] + gates[go + j] * gates[go + 2 * h + j];
                states[sn + h + j] = c;
                cellTanh[co + j] = c;
            }
            kernels.gateTanh(cellTanh, co, h);
            for (int j = 0; j < h; j++) states[sn + j] = gates[go + 3 * h + j] * cellTanh[co + j];
        }
    }

    @Override
    public void backward(int t, float[] x, int xOff, int ldx, int batch, float[] states, int prev, float[] dNext,
                         float[] dPrev, float[] dx) {
        final int h = units;
        final int g = width;
        final int s = 2 * h;
        float[] da = preActivation;
        int gateOff = t * batch * g;
        int cOff = t * batch * h;
        for (int b = 0; b < batch; b++) {
            int row = b * g;
            int go = gateOff + row;
            int sp = prev + b * s;
            for (int j = 0; j < h; j++) {
                float dh = dNext[b * s + j];
                float i = gates[go + j];
                float f = gates[go + h + j];
                float gg = gates[go + 2 * h + j];
                float o = gates[go + 3 * h + j];
                float tc = cellTanh[cOff + b * h + j];
                float dc = dNext[b * s + h + j] + dh * o * (1f - tc * tc);
                da[row + j] = dc * gg * i * (1f - i);
                da[row + h + j] = dc * states[sp + h + j] * f * (1f - f);
                da[row + 2 * h + j] = dc * i * (1f - gg * gg);
                da[row + 3 * h + j] = dh * tc * o * (1f - o);
                dPrev[b * s + h + j] = dc * f;
            }
        }
        backwardProducts(x, xOff, ldx, batch, states, prev, da, da, dPrev, 0f, dx);
    }
}

package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.Arrays;
import java.util.List;

/**
 * A recurrent layer ({@link #gru GRU} or {@link #lstm LSTM}) over a sequence {@code [batch, time, channels]}, from
 * a zero state. Output: the last valid state {@code [batch, units]}, or every state {@code [batch, time, units]}.
 *
 * <p><b>Masks.</b> A padded step leaves the state unchanged, so the last state is the state after each example's
 * last valid step (zero for an empty sequence); with every state as output, padded positions are zero and keep
 * their padding. Padded inputs are never read into a state and get a zero gradient. Steps after the batch's
 * longest sequence are not computed at all.
 *
 * <p><b>Truncated backpropagation through time.</b> With {@code truncate = k > 0}, the gradient of the state is
 * carried back across at most k steps: each sequence is cut into chunks of k valid steps counted back from its
 * last one, and no gradient crosses a chunk boundary (as if the state were detached there). With the last state as
 * output, only the last k steps get a gradient, and the steps before them are not visited. {@code truncate = 0},
 * or any k at least the sequence's length, is full backpropagation through time, with the same result bit for bit.
 */
public final class Recurrent implements Layer {
    /** What the layer outputs. */
    public enum Output {
        /** The last valid state, {@code [batch, units]}. */
        LAST,
        /** Every state, {@code [batch, time, units]}. */
        ALL
    }

    private final String name;
    private final String type;
    private final RecurrentCell cell;
    private final int channels;
    private final int units;
    private final int stateSize;
    private final int truncate;
    private final Output output;
    private final Shape outputShape;

    private final Tensor out = new Tensor();
    private final Tensor gradIn = new Tensor();
    /** The state before step t at {@code t * batch * stateSize}: step 0 reads zeros. */
    private float[] states = new float[0];
    private float[] dNext = new float[0];
    private float[] dPrev = new float[0];
    private float[] dStep = new float[0];
    private Tensor input;
    private int steps;
    private boolean inputGradientNeeded = true;

    private Recurrent(String name, String type, Shape inputShape, RecurrentCell cell, int truncate, Output output) {
        if (inputShape.rank() != 2) {
            throw new IllegalArgumentException(type + " '" + name + "': needs a sequence [time, channels], got " + inputShape);
        }
        if (truncate < 0) throw new IllegalArgumentException(type + " '" + name + "': truncate must be >= 0, got " + truncate);
        this.name = name;
        this.type = type;
        this.cell = cell;
        this.channels = inputShape.last();
        this.units = cell.units();
        this.stateSize = cell.stateSize();
        this.truncate = truncate;
        this.output = output;
        this.outputShape = output == Output.LAST ? Shape.vector(units) : Shape.sequence(inputShape.dim(0), units);
    }

    /** A GRU layer of {@code units} (see {@link GruCell} for its equations and parameters). */
    public static Recurrent gru(String name, Shape inputShape, int units, int truncate, Output output,
                                Initializer init, Rng rng) {
        checkUnits("gru", name, units);
        return new Recurrent(name, "gru", inputShape, new GruCell(name, inputShape.last(), units, init, rng), truncate, output);
    }

    /** An LSTM layer of {@code units} (see {@link LstmCell} for its equations and parameters). */
    public static Recurrent lstm(String name, Shape inputShape, int units, int truncate, Output output,
                                 Initializer init, Rng rng) {
        checkUnits("lstm", name, units);
        return new Recurrent(name, "lstm", inputShape, new LstmCell(name, inputShape.last(), units, init, rng), truncate, output);
    }

    private static void checkUnits(String type, String name, int units) {
        if (units <= 0) throw new IllegalArgumentException(type + " '" + name + "': units must be > 0, got " + units);
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        Tensor x = (Tensor) value;
        if (x.rank() != 3 || x.last() != channels) {
            throw new IllegalArgumentException(type + " '" + name + "': expected [batch, time, " + channels + "], got " + x);
        }
        input = x;
        int batch = x.batchSize();
        int time = x.dim(1);
        steps = 0;
        for (int b = 0; b < batch; b++) steps = Math.max(steps, x.length(b));
        int rows = batch * stateSize;
        if (states.length < (steps + 1) * rows) states = new float[(steps + 1) * rows];
        cell.reserve(batch, steps);
        Arrays.fill(states, 0, rows, 0f);
        int ldx = time * channels;
        for (int t = 0; t < steps; t++) {
            int prev = t * rows;
            int next = prev + rows;
            cell.forward(t, x.data(), t * channels, ldx, batch, states, prev, next);
            for (int b = 0; b < batch; b++) {
                if (t >= x.length(b)) System.arraycopy(states, prev + b * stateSize, states, next + b * stateSize, stateSize);
            }
        }
        writeOutput(x, batch, time);
        return out;
    }

    private void writeOutput(Tensor x, int batch, int time) {
        int rows = batch * stateSize;
        if (output == Output.LAST) {
            out.resize2(batch, units);
            for (int b = 0; b < batch; b++) System.arraycopy(states, steps * rows + b * stateSize, out.data(), b * units, units);
            return;
        }
        out.resize3(batch, time, units).setLengths(x.lengths());
        float[] o = out.data();
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            for (int t = 0; t < len; t++) System.arraycopy(states, (t + 1) * rows + b * stateSize, o, (b * time + t) * units, units);
            Arrays.fill(o, (b * time + len) * units, (b + 1) * time * units, 0f);
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        Tensor x = input;
        int batch = x.batchSize();
        int time = x.dim(1);
        int rows = batch * stateSize;
        if (dNext.length < rows) {
            dNext = new float[rows];
            dPrev = new float[rows];
            dStep = new float[rows];
        }
        cell.zeroGradients();
        float[] dx = null;
        if (inputGradientNeeded) {
            gradIn.resizeLike(x);
            dx = gradIn.data();
            Arrays.fill(dx, 0, gradIn.size(), 0f);
        }
        float[] gy = gradOutput.data();
        Arrays.fill(dNext, 0, rows, 0f);
        if (output == Output.LAST) {
            for (int b = 0; b < batch; b++) System.arraycopy(gy, b * units, dNext, b * stateSize, units);
        }
        int ldx = time * channels;
        for (int t = steps - 1; t >= 0; t--) {
            boolean any = false;
            for (int b = 0; b < batch; b++) {
                int len = x.length(b);
                boolean reached = reaches(len, t);
                any |= reached;
                int o = b * stateSize;
                if (output == Output.ALL && t < len) {
                    for (int j = 0; j < units; j++) dNext[o + j] += gy[(b * time + t) * units + j];
                }
                // the cell sees the gradient of the rows this step reaches only, so no other row adds to a gradient
                if (reached) System.arraycopy(dNext, o, dStep, o, stateSize);
                else Arrays.fill(dStep, o, o + stateSize, 0f);
            }
            if (any) cell.backward(t, x.data(), t * channels, ldx, batch, states, t * rows, dStep, dPrev, dx);
            for (int b = 0; b < batch; b++) {
                int len = x.length(b);
                int o = b * stateSize;
                if (t >= len) {
                    System.arraycopy(dNext, o, dPrev, o, stateSize); // a padded step passed the state on unchanged
                } else if (!reaches(len, t) || (truncate > 0 && (len - t) % truncate == 0)) {
                    Arrays.fill(dPrev, o, o + stateSize, 0f); // a chunk boundary: the state is detached here
                }
                if (dx != null && any && !reaches(len, t)) Arrays.fill(dx, (b * time + t) * channels, (b * time + t + 1) * channels, 0f);
            }
            float[] swap = dNext;
            dNext = dPrev;
            dPrev = swap;
        }
        return dx == null ? null : gradIn;
    }

    /** Whether step t of a sequence of {@code len} gets a gradient: a valid step, within the window of a last-state output. */
    private boolean reaches(int len, int t) {
        if (t >= len) return false;
        return output == Output.ALL || truncate == 0 || t >= len - truncate;
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
        return cell.params();
    }

    public int units() {
        return units;
    }

    public int truncate() {
        return truncate;
    }

    public Output output() {
        return output;
    }
}

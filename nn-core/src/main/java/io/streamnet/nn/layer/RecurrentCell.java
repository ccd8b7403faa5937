package io.streamnet.nn.layer;

import java.util.List;

/**
 * One step of a recurrent network over a whole batch, for {@link Recurrent}, which owns the time loop, the states,
 * masks and truncation. A state is {@link #stateSize()} floats per example whose first {@link #units()} are the
 * output h (an LSTM appends its cell state c). States live in one array, example b of a step at
 * {@code offset + b * stateSize()}; inputs are rows {@code x[xOff + b * ldx .. + channels)}.
 *
 * <p>A cell keeps what its backward step needs per step (gate activations) in buffers reserved by
 * {@link #reserve}, which only grow, so a steady-state step allocates nothing.
 */
interface RecurrentCell {
    /** Output size H. */
    int units();

    /** Floats of state per example: H for a GRU, 2H (h, then c) for an LSTM. */
    int stateSize();

    List<Parameter> params();

    /** Makes room for {@code steps} steps of {@code batch} examples. */
    void reserve(int batch, int steps);

    /** Step t: the state at {@code next} from the one at {@code prev} and input rows at {@code xOff} (stride ldx). */
    void forward(int t, float[] x, int xOff, int ldx, int batch, float[] states, int prev, int next);

    /** Sets every parameter gradient to zero, before the backward steps add to them. */
    void zeroGradients();

    /**
     * Backward of step t: from the gradient of its output state {@code dNext} ({@code batch} rows of stateSize)
     * overwrites {@code dPrev} with the gradient of its input state, adds to the parameter gradients, and (unless
     * {@code dx} is null) overwrites the input gradient rows of step t at {@code xOff} (stride ldx).
     */
    void backward(int t, float[] x, int xOff, int ldx, int batch, float[] states, int prev, float[] dNext,
                  float[] dPrev, float[] dx);
}

package io.streamnet.nn.network;

import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.Tensor;
import java.util.Arrays;

/**
 * The gradients of a network's loss with respect to its dense inputs, for the inputs that asked for one
 * ({@link Network#setInputGradientNeeded}): summed over the input's consumers during backward, zero when none
 * contributed. Buffers are reused: a backward pass allocates nothing.
 */
final class InputGradients {
    private final NetworkSpec spec;
    private final boolean[] needed;
    private final Tensor[] grads;
    private final int[] seen;

    InputGradients(NetworkSpec spec) {
        this.spec = spec;
        int n = spec.inputs().size();
        this.needed = new boolean[n];
        this.grads = new Tensor[n];
        this.seen = new int[n];
    }

    /** Whether network input {@code k} wants a gradient. */
    boolean needed(int k) {
        return needed[k];
    }

    void setNeeded(String input, boolean on) {
        int k = denseIndex(input);
        needed[k] = on;
        if (on && grads[k] == null) grads[k] = new Tensor();
    }

    Tensor get(String input) {
        int k = denseIndex(input);
        if (!needed[k]) throw new IllegalStateException("input gradient of '" + input + "' was not requested (setInputGradientNeeded)");
        return grads[k];
    }

    /** Before a backward pass. */
    void begin() {
        Arrays.fill(seen, 0);
    }

    /** Adds a consumer's gradient with respect to input {@code k} (if it was requested). */
    void add(int k, Tensor gx) {
        if (!needed[k]) return;
        Tensor acc = grads[k];
        if (seen[k]++ == 0) {
            acc.copyFrom(gx);
        } else {
            float[] a = acc.data();
            float[] g = gx.data();
            int n = acc.size();
            for (int j = 0; j < n; j++) a[j] += g[j];
        }
    }

    /** After a backward pass: a requested input no consumer gave a gradient to gets zeros, shaped like the input. */
    void end(Batch batch) {
        for (int k = 0; k < needed.length; k++) {
            if (needed[k] && seen[k] == 0) grads[k].resizeLike((Tensor) batch.input(k)).zero();
        }
    }

    private int denseIndex(String input) {
        for (int k = 0; k < spec.inputs().size(); k++) {
            InputSpec in = spec.inputs().get(k);
            if (!in.name().equals(input)) continue;
            if (in.type() != InputSpec.Type.DENSE) throw new IllegalArgumentException("input '" + input + "' is " + in.type().specName() + ", not dense: it has no gradient");
            return k;
        }
        throw new IllegalArgumentException("no input named '" + input + "'");
    }
}

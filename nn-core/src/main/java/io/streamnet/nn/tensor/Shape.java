package io.streamnet.nn.tensor;

import java.util.Arrays;

/**
 * The shape of ONE example (the batch dimension excluded): {@code [features]} or {@code [time, channels]}.
 * Immutable; used at build time to wire layers, never per step.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        if (dims.length < 1 || dims.length > 2) {
            throw new IllegalArgumentException("a shape has 1 or 2 dimensions per example, got " + Arrays.toString(dims));
        }
        for (int d : dims) {
            if (d <= 0) throw new IllegalArgumentException("shape dimensions must be > 0, got " + Arrays.toString(dims));
        }
        this.dims = dims.clone();
    }

    /** A vector of {@code features} values per example. */
    public static Shape vector(int features) {
        return new Shape(new int[] {features});
    }

    /** A sequence of {@code time} steps of {@code channels} values per example. */
    public static Shape sequence(int time, int channels) {
        return new Shape(new int[] {time, channels});
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    /** The innermost dimension (features of a vector, channels of a sequence). */
    public int last() {
        return dims[dims.length - 1];
    }

    /** Positions per example that share the innermost dimension: 1 for a vector, {@code time} for a sequence. */
    public int outer() {
        return dims.length == 1 ? 1 : dims[0];
    }

    /** Values per example. */
    public int size() {
        int s = 1;
        for (int d : dims) s *= d;
        return s;
    }

    /** The same outer dimensions with a new innermost dimension. */
    public Shape withLast(int last) {
        int[] d = dims.clone();
        d[d.length - 1] = last;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}

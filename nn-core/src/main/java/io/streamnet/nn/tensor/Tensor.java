package io.streamnet.nn.tensor;

/**
 * A dense minibatch value: row-major {@code float[]} of shape {@code [batch, features]} (rank 2) or
 * {@code [batch, time, channels]} (rank 3).
 *
 * <p>Buffers are reused: {@link #resize2}/{@link #resize3} only allocate when the new size exceeds the
 * capacity, so a layer that resizes its output to the batch size every step allocates nothing at steady state.
 * {@link #data()} may be longer than {@link #size()}; only the first {@code size()} entries are meaningful.
 */
public final class Tensor implements Value {
    private float[] data;
    private int rank;
    private int d0;
    private int d1;
    private int d2;

    /** An empty tensor of shape [0, features]. */
    public Tensor() {
        this.data = new float[0];
        this.rank = 2;
    }

    /** A zero tensor of shape [batch, features]. */
    public static Tensor matrix(int batch, int features) {
        Tensor t = new Tensor();
        t.resize2(batch, features);
        return t;
    }

    /** A zero tensor of shape [batch, time, channels]. */
    public static Tensor sequence(int batch, int time, int channels) {
        Tensor t = new Tensor();
        t.resize3(batch, time, channels);
        return t;
    }

    /** A tensor of shape [batch, features] holding a copy of {@code values} (row-major). */
    public static Tensor of(int batch, int features, float... values) {
        if (values.length != batch * features) {
            throw new IllegalArgumentException("expected " + batch * features + " values for [" + batch + ", " + features + "], got " + values.length);
        }
        Tensor t = matrix(batch, features);
        System.arraycopy(values, 0, t.data, 0, values.length);
        return t;
    }

    /** Sets the shape to [batch, features], growing the buffer if needed. Contents are unspecified afterwards. */
    public Tensor resize2(int batch, int features) {
        if (batch < 0 || features <= 0) throw new IllegalArgumentException("bad shape [" + batch + ", " + features + "]");
        ensureCapacity(batch * features);
        rank = 2;
        d0 = batch;
        d1 = features;
        d2 = 1;
        return this;
    }

    /** Sets the shape to [batch, time, channels], growing the buffer if needed. Contents are unspecified afterwards. */
    public Tensor resize3(int batch, int time, int channels) {
        if (batch < 0 || time <= 0 || channels <= 0) {
            throw new IllegalArgumentException("bad shape [" + batch + ", " + time + ", " + channels + "]");
        }
        ensureCapacity(batch * time * channels);
        rank = 3;
        d0 = batch;
        d1 = time;
        d2 = channels;
        return this;
    }

    /** Sets the shape to {@code batch} examples of {@code shape}. */
    public Tensor resize(int batch, Shape shape) {
        return shape.rank() == 1 ? resize2(batch, shape.dim(0)) : resize3(batch, shape.dim(0), shape.dim(1));
    }

    /** Takes the shape of {@code other} (not its contents). */
    public Tensor resizeLike(Tensor other) {
        return other.rank == 2 ? resize2(other.d0, other.d1) : resize3(other.d0, other.d1, other.d2);
    }

    /** Same outer shape as {@code other} with a different innermost dimension. */
    public Tensor resizeLikeWithLast(Tensor other, int last) {
        return other.rank == 2 ? resize2(other.d0, last) : resize3(other.d0, other.d1, last);
    }

    private void ensureCapacity(int n) {
        if (data.length < n) {
            // Grow geometrically so that a slowly growing batch size does not reallocate every step.
            data = new float[Math.max(n, data.length + (data.length >> 1))];
        }
    }

    /** The backing array (row-major; may be longer than {@link #size()}). */
    public float[] data() {
        return data;
    }

    public int rank() {
        return rank;
    }

    /** Dimension {@code i} of {@code [batch, ...]}. */
    public int dim(int i) {
        return switch (i) {
            case 0 -> d0;
            case 1 -> d1;
            case 2 -> {
                if (rank < 3) throw new IndexOutOfBoundsException("dimension 2 of a rank-2 tensor");
                yield d2;
            }
            default -> throw new IndexOutOfBoundsException("dimension " + i);
        };
    }

    @Override
    public int batchSize() {
        return d0;
    }

    /** The innermost dimension (features or channels). */
    public int last() {
        return rank == 2 ? d1 : d2;
    }

    /** Number of rows of the innermost dimension: batch for rank 2, batch * time for rank 3. */
    public int rows() {
        return rank == 2 ? d0 : d0 * d1;
    }

    /** Values per example. */
    public int exampleSize() {
        return rank == 2 ? d1 : d1 * d2;
    }

    /** Number of meaningful values. */
    public int size() {
        return d0 * exampleSize();
    }

    /** Value at [i, j] of a rank-2 tensor. */
    public float get(int i, int j) {
        return data[i * d1 + j];
    }

    /** Sets [i, j] of a rank-2 tensor. */
    public void set(int i, int j, float v) {
        data[i * d1 + j] = v;
    }

    /** Sets all meaningful values to zero. */
    public void zero() {
        java.util.Arrays.fill(data, 0, size(), 0f);
    }

    /** Copies the meaningful values into a new array. */
    public float[] toArray() {
        return java.util.Arrays.copyOf(data, size());
    }

    /** Copies shape and values of {@code src} into this tensor. */
    public Tensor copyFrom(Tensor src) {
        resizeLike(src);
        System.arraycopy(src.data, 0, data, 0, src.size());
        return this;
    }

    /** The per-example shape. */
    public Shape exampleShape() {
        return rank == 2 ? Shape.vector(d1) : Shape.sequence(d1, d2);
    }

    @Override
    public String toString() {
        return "Tensor" + (rank == 2 ? "[" + d0 + ", " + d1 + "]" : "[" + d0 + ", " + d1 + ", " + d2 + "]");
    }
}

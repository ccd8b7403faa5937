package io.streamnet.nn.tensor;

/**
 * A dense minibatch value: row-major {@code float[]} of shape {@code [batch, features]} (rank 2) or
 * {@code [batch, time, channels]} (rank 3).
 *
 * <p>A sequence may be padded: {@link #lengths()} then gives each example's valid length, its first positions; the
 * rest is padding, which sequence layers (Conv1DMaxPool, Gru, Lstm) neither read nor send gradient to. The
 * lengths travel with the shape: {@link #resizeLike} and {@link #resizeLikeWithLast} take them over (so a Dense or
 * an activation over a padded sequence keeps its padding), {@link #resize2} and {@link #resize3} drop them.
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
    /** Valid length of each example of a padded sequence (not owned: the ids or layer that padded it), or null. */
    private int[] lengths;

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
        lengths = null;
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
        lengths = null;
        return this;
    }

    /** Sets the shape to {@code batch} examples of {@code shape}. */
    public Tensor resize(int batch, Shape shape) {
        return shape.rank() == 1 ? resize2(batch, shape.dim(0)) : resize3(batch, shape.dim(0), shape.dim(1));
    }

    /** Takes the shape of {@code other} (not its contents), with its sequence lengths. */
    public Tensor resizeLike(Tensor other) {
        return resizeLikeWithLast(other, other.last());
    }

    /** Same outer shape (and sequence lengths) as {@code other} with a different innermost dimension. */
    public Tensor resizeLikeWithLast(Tensor other, int last) {
        if (other.rank == 2) return resize2(other.d0, last);
        resize3(other.d0, other.d1, last);
        lengths = other.lengths;
        return this;
    }

    /**
     * Marks this sequence as padded: example {@code b} is valid at positions {@code [0, lengths[b])}. The array is
     * referenced, not copied (it belongs to whoever padded the batch and stays valid for the step); null: no padding.
     */
    public Tensor setLengths(int[] lengths) {
        if (lengths != null && rank != 3) throw new IllegalStateException("only a sequence [batch, time, channels] has lengths");
        this.lengths = lengths;
        return this;
    }

    /** Valid lengths of a padded sequence ({@code batchSize()} meaningful entries), or null when nothing is padded. */
    public int[] lengths() {
        return lengths;
    }

    /** Valid positions of example {@code b}: its length if padded, otherwise the whole time dimension. */
    public int length(int b) {
        return lengths == null ? d1 : lengths[b];
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

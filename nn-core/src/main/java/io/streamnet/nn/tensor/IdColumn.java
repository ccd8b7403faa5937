package io.streamnet.nn.tensor;

import java.util.Arrays;

/**
 * A minibatch of categorical ids, {@code width} ids per example (width 1: one id such as a user id), the input of
 * an Embedding. Reused across batches: {@link #resize(int)} then {@link #set(int, int)}; grows, never shrinks.
 *
 * <p>A token sequence is padded to the width: {@link #setLength} says how many of an example's ids are real (its
 * first ones); the positions after them are padding, whatever ids they hold. Examples whose length was not set are
 * full. The embedding of a padded column is a padded sequence ({@link Tensor#lengths()}).
 */
public final class IdColumn implements Value {
    private final int width;
    private int[] ids;
    private int batch;
    private int[] lengths = new int[16];
    private boolean padded;

    public IdColumn(int width) {
        if (width <= 0) throw new IllegalArgumentException("width must be > 0, got " + width);
        this.width = width;
        this.ids = new int[16 * width];
    }

    /** A one-id-per-example column holding a copy of {@code values}. */
    public static IdColumn of(int... values) {
        IdColumn c = new IdColumn(1);
        c.resize(values.length);
        System.arraycopy(values, 0, c.ids, 0, values.length);
        return c;
    }

    /** Sets the number of examples; contents are unspecified afterwards. */
    public IdColumn resize(int batch) {
        if (batch < 0) throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        int n = batch * width;
        if (ids.length < n) ids = Arrays.copyOf(ids, Math.max(n, ids.length * 2));
        if (lengths.length < batch) lengths = new int[Math.max(batch, lengths.length * 2)];
        this.batch = batch;
        this.padded = false;
        return this;
    }

    /** Example {@code b} holds {@code length} real ids (its first ones, {@code 0 <= length <= width}); the rest is padding. */
    public void setLength(int b, int length) {
        if (length < 0 || length > width) {
            throw new IllegalArgumentException("length of example " + b + " must be in [0, " + width + "], got " + length);
        }
        if (!padded) {
            Arrays.fill(lengths, 0, batch, width);
            padded = true;
        }
        lengths[b] = length;
    }

    /** Real ids of example {@code b}. */
    public int length(int b) {
        return padded ? lengths[b] : width;
    }

    /** Per-example lengths ({@code batchSize()} meaningful entries), or null when no example is padded. */
    public int[] lengths() {
        return padded ? lengths : null;
    }

    /** Sets the (only) id of example {@code b} of a width-1 column, or position {@code b} of the flat id array. */
    public void set(int b, int id) {
        ids[b] = id;
    }

    /** Sets id {@code k} of example {@code b}. */
    public void set(int b, int k, int id) {
        ids[b * width + k] = id;
    }

    public int get(int b) {
        return ids[b];
    }

    @Override
    public int batchSize() {
        return batch;
    }

    public int width() {
        return width;
    }

    /** Flat ids, {@code batchSize() * width()} meaningful entries. */
    public int[] ids() {
        return ids;
    }

    public int size() {
        return batch * width;
    }
}

package io.streamnet.nn.tensor;

import java.util.Arrays;

/**
 * A minibatch of categorical ids, {@code width} ids per example (width 1: one id such as a user id), the input of
 * an Embedding. Reused across batches: {@link #resize(int)} then {@link #set(int, int)}; grows, never shrinks.
 */
public final class IdColumn implements Value {
    private final int width;
    private int[] ids;
    private int batch;

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
        this.batch = batch;
        return this;
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

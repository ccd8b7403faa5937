package io.streamnet.nn.loss;

import java.util.Arrays;

/**
 * Training targets of a minibatch: either {@code width} float values per example (regression, binary or
 * multi-label 0/1 targets) or one class index per example (softmax cross-entropy). Reused across batches:
 * {@link #resize(int)} then set values; grows, never shrinks.
 */
public final class Targets {
    private final int width;
    private final boolean classes;
    private float[] values;
    private int[] classIds;
    private int batch;

    private Targets(int width, boolean classes) {
        if (width <= 0) throw new IllegalArgumentException("target width must be > 0, got " + width);
        this.width = width;
        this.classes = classes;
        if (classes) classIds = new int[16]; else values = new float[16 * width];
    }

    /** {@code width} float targets per example. */
    public static Targets values(int width) {
        return new Targets(width, false);
    }

    /** One class index per example. */
    public static Targets classes() {
        return new Targets(1, true);
    }

    public Targets resize(int batch) {
        if (batch < 0) throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        if (classes) {
            if (classIds.length < batch) classIds = Arrays.copyOf(classIds, Math.max(batch, classIds.length * 2));
        } else if (values.length < batch * width) {
            values = Arrays.copyOf(values, Math.max(batch * width, values.length * 2));
        }
        this.batch = batch;
        return this;
    }

    /** Sets the (first) target value of example b. */
    public void set(int b, float v) {
        values[b * width] = v;
    }

    /** Sets target value j of example b. */
    public void set(int b, int j, float v) {
        values[b * width + j] = v;
    }

    /** Sets the class of example b. */
    public void setClass(int b, int c) {
        classIds[b] = c;
    }

    public float value(int b, int j) {
        return values[b * width + j];
    }

    public int classOf(int b) {
        return classIds[b];
    }

    public boolean isClasses() {
        return classes;
    }

    public int width() {
        return width;
    }

    public int batchSize() {
        return batch;
    }

    /** Flat values ({@code batch * width}), or null for class targets. */
    public float[] values() {
        return values;
    }

    /** Class ids, or null for value targets. */
    public int[] classIds() {
        return classIds;
    }
}

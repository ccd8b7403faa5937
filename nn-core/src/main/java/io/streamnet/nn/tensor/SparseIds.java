package io.streamnet.nn.tensor;

import java.util.Arrays;

/**
 * A ragged minibatch of id lists (one bag of ids per example), the input of an EmbeddingBag:
 * example {@code b} holds {@code ids[offsets[b] .. offsets[b+1])}, optionally with one float weight per id.
 *
 * <p>Filled in place and reused: {@link #clear()}, then per example {@link #add(int)} ... {@link #endExample()}
 * (or {@link #addExample(int[], int, int)}). Arrays grow on demand and are never shrunk, so refilling a batch
 * of the same or a smaller size allocates nothing. An example may hold no ids (see EmbeddingBag for what that means).
 */
public final class SparseIds implements Value {
    private int[] ids = new int[64];
    private float[] weights;
    private int[] offsets = new int[17];
    private int examples;
    private int length;
    private boolean weighted;

    /** Removes all examples (keeps the buffers). */
    public SparseIds clear() {
        examples = 0;
        length = 0;
        weighted = false;
        offsets[0] = 0;
        return this;
    }

    /** Appends {@code id} to the example being filled. */
    public SparseIds add(int id) {
        ensureIds(length + 1);
        ids[length] = id;
        if (weighted) weights[length] = 1f;
        length++;
        return this;
    }

    /** Appends {@code id} with a weight to the example being filled; ids added without a weight weigh 1. */
    public SparseIds add(int id, float weight) {
        if (!weighted) startWeights();
        ensureIds(length + 1);
        ids[length] = id;
        weights[length] = weight;
        length++;
        return this;
    }

    /** Closes the example being filled (possibly empty) and starts the next one. */
    public SparseIds endExample() {
        if (offsets.length < examples + 2) offsets = Arrays.copyOf(offsets, Math.max(examples + 2, offsets.length * 2));
        offsets[++examples] = length;
        return this;
    }

    /** Appends one whole example made of {@code src[from .. from+count)}. */
    public SparseIds addExample(int[] src, int from, int count) {
        ensureIds(length + count);
        System.arraycopy(src, from, ids, length, count);
        if (weighted) Arrays.fill(weights, length, length + count, 1f);
        length += count;
        return endExample();
    }

    /** Appends one whole weighted example. */
    public SparseIds addExample(int[] src, float[] srcWeights, int from, int count) {
        if (!weighted) startWeights();
        ensureIds(length + count);
        System.arraycopy(src, from, ids, length, count);
        System.arraycopy(srcWeights, from, weights, length, count);
        length += count;
        return endExample();
    }

    private void startWeights() {
        weighted = true;
        if (weights == null || weights.length < ids.length) weights = new float[ids.length];
        Arrays.fill(weights, 0, length, 1f);
    }

    private void ensureIds(int n) {
        if (ids.length < n) {
            int cap = Math.max(n, ids.length * 2);
            ids = Arrays.copyOf(ids, cap);
            if (weights != null) weights = Arrays.copyOf(weights, cap);
        } else if (weighted && weights.length < n) {
            weights = Arrays.copyOf(weights, ids.length);
        }
    }

    @Override
    public int batchSize() {
        return examples;
    }

    /** Ids of all examples, concatenated; only the first {@link #totalIds()} entries are meaningful. */
    public int[] ids() {
        return ids;
    }

    /** {@code offsets[b]..offsets[b+1]} delimit example b; has {@code batchSize()+1} meaningful entries. */
    public int[] offsets() {
        return offsets;
    }

    /** Per-id weights, or null when no weight was given. */
    public float[] weights() {
        return weighted ? weights : null;
    }

    public boolean weighted() {
        return weighted;
    }

    /** Number of ids over all closed examples. */
    public int totalIds() {
        return offsets[examples];
    }

    /** Number of ids of example {@code b}. */
    public int count(int b) {
        return offsets[b + 1] - offsets[b];
    }

    /** Ids added to the example being filled but not yet closed with {@link #endExample()}. */
    public int pendingIds() {
        return length - offsets[examples];
    }
}

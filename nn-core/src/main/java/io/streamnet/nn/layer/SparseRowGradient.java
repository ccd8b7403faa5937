package io.streamnet.nn.layer;

import java.util.Arrays;

/**
 * The gradient of an embedding table for one batch, kept as a compact list of the rows the batch touched and
 * one gradient row per touched row. Clearing and reading it costs O(touched rows), never O(table size): a
 * 2^18 x 64 table is never zeroed or scanned per step.
 *
 * <p>{@code slotOfRow[r]} is the slot of row r in the compact list, or -1; it is reset only for touched rows.
 * Rows appear in the order the batch first touched them, so the order is deterministic.
 */
public final class SparseRowGradient {
    private final int rows;
    private final int cols;
    private final int[] slotOfRow;
    private int[] touched = new int[64];
    private float[] grads;
    private int count;

    public SparseRowGradient(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.slotOfRow = new int[rows];
        Arrays.fill(slotOfRow, -1);
        this.grads = new float[64 * cols];
    }

    /** Forgets all touched rows (O(touched)). */
    public void clear() {
        for (int i = 0; i < count; i++) slotOfRow[touched[i]] = -1;
        count = 0;
    }

    /**
     * Offset into {@link #values()} of the gradient row of table row {@code row}; a row touched for the first
     * time in this batch gets a new, zeroed gradient row.
     */
    public int offsetOf(int row) {
        int slot = slotOfRow[row];
        if (slot >= 0) return slot * cols;
        slot = count++;
        if (touched.length < count) {
            touched = Arrays.copyOf(touched, touched.length * 2);
            grads = Arrays.copyOf(grads, touched.length * cols);
        }
        touched[slot] = row;
        slotOfRow[row] = slot;
        int off = slot * cols;
        Arrays.fill(grads, off, off + cols, 0f);
        return off;
    }

    /**
     * Like {@link #offsetOf} but leaves a new row's gradient unset, for callers that write it whole: returns the
     * offset of an existing row, or {@code -(offset + 1)} (negative) for a row touched for the first time.
     */
    public int offsetOrNew(int row) {
        int slot = slotOfRow[row];
        if (slot >= 0) return slot * cols;
        slot = count++;
        if (touched.length < count) {
            touched = Arrays.copyOf(touched, touched.length * 2);
            grads = Arrays.copyOf(grads, touched.length * cols);
        }
        touched[slot] = row;
        slotOfRow[row] = slot;
        return -(slot * cols) - 1;
    }

    /** Number of distinct rows touched. */
    public int count() {
        return count;
    }

    /** Table row of touched slot {@code i}. */
    public int row(int i) {
        return touched[i];
    }

    /** Touched table rows; the first {@link #count()} entries are meaningful. */
    public int[] touchedRows() {
        return touched;
    }

    /** Gradient rows, slot {@code i} at {@code [i * cols, (i+1) * cols)}. */
    public float[] values() {
        return grads;
    }

    public int cols() {
        return cols;
    }

    public int rows() {
        return rows;
    }
}

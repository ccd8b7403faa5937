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
    /** One bit per table row, set for touched rows: lets optimizers visit rows in ascending order cheaply. */
    private final long[] touchedBits;
    private int[] ordered = new int[64];
    private int[] touched = new int[64];
    private float[] grads;
    private int count;

    public SparseRowGradient(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.slotOfRow = new int[rows];
        Arrays.fill(slotOfRow, -1);
        this.touchedBits = new long[(rows + 63) >>> 6];
        this.grads = new float[64 * cols];
    }

    /** Forgets all touched rows (O(touched)). */
    public void clear() {
        for (int i = 0; i < count; i++) {
            int r = touched[i];
            slotOfRow[r] = -1;
            touchedBits[r >>> 6] = 0L;
        }
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
        touchedBits[row >>> 6] |= 1L << row;
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
        touchedBits[row >>> 6] |= 1L << row;
        return -(slot * cols) - 1;
    }

    /**
     * The slots in ascending order of their table rows (a reused array; the first {@link #count()} entries are
     * meaningful). Updating rows in address order keeps memory pages and cache lines local, which matters when a
     * batch touches thousands of rows of a large table (and of each optimizer slot array). With few touched rows
     * the insertion order is returned instead of scanning the row bitmap.
     */
    public int[] slotsInRowOrder() {
        if (ordered.length < count) ordered = new int[touched.length];
        if ((long) count * 16 < touchedBits.length) {
            for (int i = 0; i < count; i++) ordered[i] = i;
            return ordered;
        }
        int k = 0;
        for (int w = 0; w < touchedBits.length; w++) {
            long bits = touchedBits[w];
            while (bits != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                ordered[k++] = slotOfRow[r];
                bits &= bits - 1;
            }
        }
        return ordered;
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

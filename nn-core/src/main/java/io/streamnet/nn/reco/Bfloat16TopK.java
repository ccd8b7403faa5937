package io.streamnet.nn.reco;

import io.streamnet.nn.kernel.Gemm;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.tensor.RowKernels;
import java.util.Arrays;

/**
 * The candidates of a scoring-only model's top K, through a bfloat16 copy of the item table
 * ({@link Bfloat16ItemTable}): approximate scores of every row, the K-th best lower bound among the rows that may be
 * recommended, and float scores, by the same product as {@link CatalogueScorer}'s full scan, for the rows whose upper
 * bound reaches it. Those include every row of the float top K, so ranking them gives the float scan's answer.
 *
 * <p>The copy is rebuilt after the model changed ({@link #modelChanged}) once it has stayed unchanged from one call to
 * the next; until then {@link #ready} says no and the caller scans the float table. Not thread-safe; no allocation
 * per call once its scratch has grown.
 */
final class Bfloat16TopK {
    private final RowKernels kernels = RowKernels.get();
    private final int dim;
    private final IdVocabulary items;
    private final Parameter itemEmbedding;
    private final Parameter itemBias;
    private final Bfloat16ItemTable table;
    /** The user vector zero-padded to the table's pairs. */
    private final float[] uPairs;
    private long changes;
    private long builtAt = -1;
    private long changesAtLastCall = -1;
    private float uNorm;
    private int rows;
    private int[] candidateRows = new int[64];
    private float[] candidateRowsCopy = new float[0];
    private float[] candidateScores = new float[64];
    private float[] kthBounds = new float[16];

    Bfloat16TopK(int dim, IdVocabulary items, Parameter itemEmbedding, Parameter itemBias) {
        this.dim = dim;
        this.items = items;
        this.itemEmbedding = itemEmbedding;
        this.itemBias = itemBias;
        this.table = new Bfloat16ItemTable(dim);
        this.uPairs = new float[2 * table.half()];
    }

    /** The weights or rows changed: the copy is stale. */
    void modelChanged() {
        changes++;
    }

    /**
     * Whether the copy matches the model, rebuilding it when the model has not changed since the last call: a model
     * that changes between most calls scans the float table instead.
     */
    boolean ready() {
        if (builtAt != changes) {
            boolean settled = changesAtLastCall == changes;
            changesAtLastCall = changes;
            if (!settled) {
                return false;
            }
            table.rebuild(itemEmbedding.value(), items.highWater());
            builtAt = changes;
        }
        return table.usable();
    }

    /**
     * Approximate scores (bias included) of the rows in use for the user vector {@code u} into {@code scores}; false,
     * and nothing written, when u is not finite (the float scan then answers).
     */
    boolean scoreApproximately(float[] u, float[] scores) {
        double squares = 0;
        for (int j = 0; j < dim; j++) {
            squares += (double) u[j] * u[j];
        }
        uNorm = Math.nextUp((float) Math.sqrt(squares));
        if (!Float.isFinite(uNorm)) {
            return false;
        }
        System.arraycopy(u, 0, uPairs, 0, dim);
        rows = table.rows();
        table.scores(uPairs, scores);
        kernels.add(itemBias.value(), 0, scores, 0, rows);
        return true;
    }

    /**
     * From the approximate {@code scores} (NaN: excluded), the rows that can be in the top {@code k}, with their float
     * scores of the same product as the full scan: {@link #candidateRows()} and {@link #candidateScores()}, in row
     * order. Returns how many.
     */
    int rescoreCandidates(float[] scores, int k) {
        float threshold = kthLowerBound(scores, k);
        int n = 0;
        for (int row = 1; row < rows; row++) {
            float s = scores[row];
            if (items.idAt(row) == IdVocabulary.FREE || Float.isNaN(s)
                    || s + table.errorBound(row, uNorm, s) < threshold) {
                continue;
            }
            if (n == candidateRows.length) {
                candidateRows = Arrays.copyOf(candidateRows, n * 2);
            }
            candidateRows[n++] = row;
        }
        if (n == 0) {
            return 0;
        }
        if (candidateRowsCopy.length < n * dim) {
            candidateRowsCopy = new float[Math.max(n * dim, candidateRowsCopy.length * 2)];
        }
        if (candidateScores.length < n) {
            candidateScores = new float[Math.max(n, candidateScores.length * 2)];
        }
        float[] emb = itemEmbedding.value();
        for (int c = 0; c < n; c++) {
            System.arraycopy(emb, candidateRows[c] * dim, candidateRowsCopy, c * dim, dim);
        }
        Gemm.sgemm(false, true, 1, n, dim, 1f, uPairs, 0, dim, candidateRowsCopy, 0, dim, 0f, candidateScores, 0, n);
        float[] bias = itemBias.value();
        for (int c = 0; c < n; c++) {
            candidateScores[c] += bias[candidateRows[c]];
        }
        return n;
    }

    /** The rows of the last {@link #rescoreCandidates}. */
    int[] candidateRows() {
        return candidateRows;
    }

    /** Their float scores. */
    float[] candidateScores() {
        return candidateScores;
    }

    /**
     * The K-th largest lower bound (approximate score minus its error bound) among the rows in [1, rows) that may be
     * recommended; -Infinity when fewer than K are. A min-heap of the K largest.
     */
    private float kthLowerBound(float[] scores, int k) {
        if (kthBounds.length < k) {
            kthBounds = new float[k];
        }
        float[] heap = kthBounds;
        int size = 0;
        for (int row = 1; row < rows; row++) {
            float s = scores[row];
            if (Float.isNaN(s) || items.idAt(row) == IdVocabulary.FREE) {
                continue;
            }
            float low = s - table.errorBound(row, uNorm, s);
            if (size < k) {
                int at = size++;
                while (at > 0 && heap[(at - 1) >>> 1] > low) {
                    heap[at] = heap[(at - 1) >>> 1];
                    at = (at - 1) >>> 1;
                }
                heap[at] = low;
            } else if (low > heap[0]) {
                int at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && heap[child + 1] < heap[child]) {
                        child++;
                    }
                    if (heap[child] >= low) {
                        break;
                    }
                    heap[at] = heap[child];
                    at = child;
                }
                heap[at] = low;
            }
        }
        return size < k ? Float.NEGATIVE_INFINITY : heap[0];
    }
}

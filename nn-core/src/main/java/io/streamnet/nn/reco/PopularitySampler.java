package io.streamnet.nn.reco;

import io.streamnet.nn.random.Rng;

/**
 * Draws item rows with probability proportional to {@code count^exponent}, where count is the row's positives so
 * far, from a Fenwick tree: O(log rows) per draw and per count change, nothing allocated.
 *
 * <p>Weights are integers ({@code floor(count^exponent * 1024)}, computed with StrictMath), so the tree never drifts
 * from its counts by rounding: rebuilt from the counts after a restore it is the same tree, and the draws continue
 * exactly. Row 0 (the shared row) and rows without positives are never drawn.
 */
final class PopularitySampler {
    private static final double SCALE = 1024;

    private final double exponent;
    /** Weights by count, computed once each (pow is the costliest part of an update); grows with the top count. */
    private long[] weightOfCount = new long[1 << 10];
    private final int[] counts;
    private final long[] weights;
    /** Fenwick tree over weights, 1-based: tree[i] sums weights of rows (i - lowbit(i), i] shifted by one. */
    private final long[] tree;
    private final int topBit;
    private long total;

    PopularitySampler(int rows, double exponent) {
        this.exponent = exponent;
        this.counts = new int[rows];
        this.weights = new long[rows];
        this.tree = new long[rows + 1];
        this.topBit = Integer.highestOneBit(rows);
        tabulate(1);
    }

    /** Fills the weights of the counts from {@code from} to the table's end. */
    private void tabulate(int from) {
        for (int c = from; c < weightOfCount.length; c++) {
            weightOfCount[c] = (long) (StrictMath.pow(c, exponent) * SCALE);
        }
    }

    /** One more positive for {@code row}. */
    void increment(int row) {
        if (row == IdVocabulary.SHARED_ROW) {
            return;
        }
        setCount(row, counts[row] == Integer.MAX_VALUE ? counts[row] : counts[row] + 1);
    }

    /** Forgets a row (its id expired). */
    void reset(int row) {
        setCount(row, 0);
    }

    int count(int row) {
        return counts[row];
    }

    private void setCount(int row, int count) {
        counts[row] = count;
        if (count >= weightOfCount.length) {
            int from = weightOfCount.length;
            weightOfCount = java.util.Arrays.copyOf(weightOfCount, Math.max(count + 1, 2 * from));
            tabulate(from);
        }
        long w = weightOfCount[count];
        long delta = w - weights[row];
        weights[row] = w;
        total += delta;
        for (int i = row + 1; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
    }

    /** Probability of drawing {@code row} now. */
    double probability(int row) {
        return total == 0 ? 0 : (double) weights[row] / total;
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** A row drawn by weight; the sampler must not be empty. */
    int draw(Rng rng) {
        long r = (long) (rng.nextDouble() * total); // < total: nextDouble() < 1 and total < 2^53
        int pos = 0;
        for (int step = topBit; step > 0; step >>= 1) {
            int next = pos + step;
            if (next < tree.length && tree[next] <= r) {
                pos = next;
                r -= tree[next];
            }
        }
        return pos; // the 0-based row whose cumulative range holds r
    }

    void writeTo(StateWriter out) {
        out.putInt(counts.length).putInts(counts, counts.length);
    }

    void readFrom(StateReader in) {
        int rows = in.getInt("sampler rows");
        if (rows != counts.length) {
            throw in.invalid("sampler rows", rows + " in the state, " + counts.length + " in the spec");
        }
        int[] stored = new int[rows];
        in.getInts("sampler counts", stored, rows);
        for (int row = 0; row < rows; row++) {
            if (stored[row] < 0) {
                throw in.invalid("sampler counts", "row " + row + " has count " + stored[row]);
            }
            if (stored[row] != counts[row]) {
                setCount(row, stored[row]);
            }
        }
    }
}

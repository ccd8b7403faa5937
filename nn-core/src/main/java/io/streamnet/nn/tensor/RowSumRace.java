package io.streamnet.nn.tensor;

/**
 * Chooses between the two bit-identical row-sum loops, the plain one and the line-aligned one
 * ({@link RowKernels#sumRowsLineAligned}), by timing live calls. Which is faster depends on where the rows are:
 * from the caches the line-aligned loop is up to 1.6x faster, while from memory it can be slower
 * (docs/BENCHMARKS.md, "Rows that straddle cache lines"). The choice changes the speed, never a result.
 *
 * <p>Calls are grouped by size (the ids of one call, in powers of two), since one layer scores single examples
 * and trains on batches. Each group first runs the two loops {@value #TRIALS} times each, alternating, and keeps
 * the one with the shorter fastest call, the plain loop unless the other is at least 3% faster (where rows come
 * from memory the line-aligned loop's speed varies more); after {@value #RACE_EVERY} more calls it races again, so a
 * change of workload (or a later compilation) is followed. Not thread-safe: one per layer, as a layer has one thread.
 */
public final class RowSumRace {
    static final int TRIALS = 8;
    static final int RACE_EVERY = 1024;
    private static final int GROUPS = 32;
    private final long[] plainBest = new long[GROUPS];
    private final long[] alignedBest = new long[GROUPS];
    private final int[] calls = new int[GROUPS];
    private final boolean[] aligned = new boolean[GROUPS];

    public RowSumRace() {
        java.util.Arrays.fill(plainBest, Long.MAX_VALUE);
        java.util.Arrays.fill(alignedBest, Long.MAX_VALUE);
    }

    /** Whether the next call with this many ids runs the line-aligned loop. */
    public boolean lineAligned(int ids) {
        int g = group(ids);
        int n = calls[g];
        return n < 2 * TRIALS ? (n & 1) == 1 : aligned[g];
    }

    /** Records the time of the call that {@link #lineAligned} was just asked about. */
    public void record(int ids, long nanos) {
        int g = group(ids);
        int n = calls[g]++;
        if (n < 2 * TRIALS) {
            if ((n & 1) == 1) alignedBest[g] = Math.min(alignedBest[g], nanos);
            else plainBest[g] = Math.min(plainBest[g], nanos);
            if (n == 2 * TRIALS - 1) aligned[g] = alignedBest[g] + (alignedBest[g] >> 5) < plainBest[g];
        } else if (n == 2 * TRIALS + RACE_EVERY - 1) {
            calls[g] = 0;
            plainBest[g] = Long.MAX_VALUE;
            alignedBest[g] = Long.MAX_VALUE;
        }
    }

    private static int group(int ids) {
        return 31 - Integer.numberOfLeadingZeros(Math.max(ids, 1));
    }
}

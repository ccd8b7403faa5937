package io.streamnet.nn.kernel;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Wall-clock time per call of each candidate on scratch operands of the product's sizes (never the caller's data,
 * so measuring changes no result). Candidates run in interleaved rounds, so that load from other processes falls
 * on all of them alike; each gets the median of its rounds. One warm-up round of four times the length first (the
 * native library's first call, caches).
 */
final class CallTiming implements KernelTiming {
    private final long roundNanos;
    private final int rounds;

    /** @param roundNanos time each candidate runs per round; @param rounds measured rounds (odd: a true median) */
    CallTiming(long roundNanos, int rounds) {
        this.roundNanos = roundNanos;
        this.rounds = rounds;
    }

    @Override
    public double[] nanosPerCall(List<SgemmKernel> candidates, boolean transA, boolean transB, int m, int n, int k) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] a = random(m * k, rnd);
        float[] b = random(k * n, rnd);
        float[] c = new float[m * n];
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        double[][] perRound = new double[candidates.size()][rounds];
        for (int r = -1; r < rounds; r++) {
            for (int i = 0; i < candidates.size(); i++) {
                SgemmKernel kernel = candidates.get(i);
                long calls = 0;
                long start = System.nanoTime();
                long elapsed;
                do {
                    kernel.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                    calls++;
                    elapsed = System.nanoTime() - start;
                } while (elapsed < (r < 0 ? 4 * roundNanos : roundNanos));
                if (r >= 0) perRound[i][r] = (double) elapsed / calls;
            }
        }
        double[] median = new double[candidates.size()];
        for (int i = 0; i < median.length; i++) {
            Arrays.sort(perRound[i]);
            median[i] = perRound[i][rounds / 2];
        }
        return median;
    }

    private static float[] random(int size, SplittableRandom rnd) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
        return x;
    }
}

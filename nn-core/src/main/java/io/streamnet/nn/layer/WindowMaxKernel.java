package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Tensor;

import java.util.Arrays;

/**
 * {@link WindowMax} in plain loops, the kernel of a JVM without the Vector API (and the reference the vector
 * kernel is tested against): one window at a time.
 *
 * <p>Written for C2's auto-vectoriser (JDK 17), which {@code kernel.MicroKernels} documents: a loop vectorises only
 * when every array is indexed by the loop variable plus a constant, so the kernel is copied into zero-based rows
 * ({@link #pack}, once per forward pass: it changes with every step) and the window's sums are a zero-based row;
 * four kernel rows go into one pass over the sums (one store per loop, five arrays), so four multiply-adds cost
 * one load and one store of the sums. No allocation once the rows exist.
 *
 * <p>Each window is still summed in exactly the order of one value at a time (0, then position by position,
 * channel by channel, from the first), as {@code (((s + x0 k0) + x1 k1) + x2 k2) + x3 k3}, so the results are bit
 * for bit those of the plain loop, and a window's value depends on nothing but its own inputs.
 */
final class WindowMaxKernel implements WindowMax {
    private final int channels;
    private final int filters;
    private final int[] widths;
    /** Row r of the kernel of the i-th width, zero-based. */
    private final float[][][] rows;
    private final float[] sums;

    WindowMaxKernel(int channels, int filters, int[] widths) {
        this.channels = channels;
        this.filters = filters;
        this.widths = widths.clone();
        this.rows = new float[widths.length][][];
        for (int i = 0; i < widths.length; i++) rows[i] = new float[widths[i] * channels][filters];
        this.sums = new float[filters];
    }

    /** Copies the kernel of the i-th width into its rows. */
    @Override
    public void pack(int i, float[] kernel) {
        float[][] r = rows[i];
        for (int k = 0; k < r.length; k++) System.arraycopy(kernel, k * filters, r[k], 0, filters);
    }

    @Override
    public void maxOverWindows(int i, Tensor x, float[] out, int[] argmax, int stride) {
        int time = x.dim(1);
        for (int b = 0; b < x.batchSize(); b++) {
            int len = x.length(b);
            if (len > 0) example(i, x.data(), b * time * channels, len, out, argmax, b * stride + i * filters);
        }
    }

    /** One example: the {@code len} valid positions at {@code x[start..]}, into {@code best[base..+filters)}. */
    void example(int i, float[] x, int start, int len, float[] best, int[] argmax, int base) {
        int w = widths[i];
        int windows = Math.max(len - w + 1, 1);
        for (int t = 0; t < windows; t++) {
            int span = Math.min(w, len - t) * channels; // a short sequence's one window stops at its end
            sumWindow(rows[i], x, start + t * channels, span);
            keepLarger(t, best, argmax, base);
        }
    }

    /** sums = the window of span values at x[xo] times the first span kernel rows. */
    private void sumWindow(float[][] k, float[] x, int xo, int span) {
        final float[] s = sums;
        Arrays.fill(s, 0f);
        int r = 0;
        for (; r + 4 <= span; r += 4) {
            int p = xo + r;
            rank4(x[p], x[p + 1], x[p + 2], x[p + 3], k[r], k[r + 1], k[r + 2], k[r + 3], s, filters);
        }
        for (; r < span; r++) rank1(x[xo + r], k[r], s, filters);
    }

    /** {@code s += x0 k0 + x1 k1 + x2 k2 + x3 k3}, added one product at a time, over the first n entries. */
    private static void rank4(float x0, float x1, float x2, float x3, float[] k0, float[] k1, float[] k2, float[] k3,
                              float[] s, int n) {
        for (int j = 0; j < n; j++) s[j] = s[j] + x0 * k0[j] + x1 * k1[j] + x2 * k2[j] + x3 * k3[j];
    }

    private static void rank1(float x0, float[] k0, float[] s, int n) {
        for (int j = 0; j < n; j++) s[j] = s[j] + x0 * k0[j];
    }

    /** Window t's sums replace the best so far where larger (the first window always; ties keep the earlier). */
    private void keepLarger(int t, float[] best, int[] argmax, int base) {
        final float[] s = sums;
        for (int k = 0; k < filters; k++) {
            if (t == 0 || s[k] > best[base + k]) {
                best[base + k] = s[k];
                argmax[base + k] = t;
            }
        }
    }
}

package io.streamnet.nn.layer;

/**
 * The forward kernel of {@link Conv1DMaxPool}: for one example and one kernel width, each filter's largest window
 * sum and where it is. A window of width w starting at position t is the contiguous run {@code x[t*C .. (t+w)*C)}
 * times the kernel {@code [w*C, filters]}.
 *
 * <p>Why it is blocked: one window at a time, every multiply-add loads and stores its accumulator and loads a
 * kernel value (three memory operations for one multiply-add, which bound the loop). Here four windows share each
 * kernel load, and four kernel rows go into one accumulator update, so 16 multiply-adds cost 12 memory operations.
 * Plain loops over flat arrays, one filter per lane, which C2 vectorises; no Vector API (its kernels allocate when
 * a shape is not intrinsified) and no allocation.
 *
 * <p>Each window is still summed in exactly the order of the plain loop (0, then its values position by position,
 * channel by channel, from the first), as {@code ((a + x0 k0) + x1 k1) + ...}, so the results are bit for bit those
 * of one window at a time, and a window's value depends on nothing but its own inputs.
 */
final class WindowMaxKernel {
    /** Windows summed together. */
    private static final int BLOCK = 4;

    private final int channels;
    private final int filters;
    private final float[] a0;
    private final float[] a1;
    private final float[] a2;
    private final float[] a3;

    WindowMaxKernel(int channels, int filters) {
        this.channels = channels;
        this.filters = filters;
        this.a0 = new float[filters];
        this.a1 = new float[filters];
        this.a2 = new float[filters];
        this.a3 = new float[filters];
    }

    /**
     * The largest sum of each filter over the windows of width w of the {@code len} valid positions at
     * {@code x[start..]} into {@code best[base..+filters)}, the first window reaching it into {@code argmax}. A
     * sequence shorter than w has one window, read up to its end. {@code len > 0}.
     */
    void maxOverWindows(float[] x, int start, int len, int w, float[] kernel, float[] best, int[] argmax, int base) {
        int windows = Math.max(len - w + 1, 1);
        int t = 0;
        if (len >= w) {
            for (; t + BLOCK <= windows; t += BLOCK) {
                sumFour(x, start + t * channels, w * channels, kernel);
                keepLarger(a0, t, best, argmax, base);
                keepLarger(a1, t + 1, best, argmax, base);
                keepLarger(a2, t + 2, best, argmax, base);
                keepLarger(a3, t + 3, best, argmax, base);
            }
        }
        for (; t < windows; t++) {
            int span = Math.min(w, len - t) * channels; // a short sequence's one window stops at its end
            sumOne(x, start + t * channels, span, kernel);
            keepLarger(a0, t, best, argmax, base);
        }
    }

    /** a0..a3 = the sums of the four windows starting at x[xo], x[xo + C], x[xo + 2C], x[xo + 3C], span values each. */
    private void sumFour(float[] x, int xo, int span, float[] kernel) {
        final int f = filters;
        final int c = channels;
        final float[] s0 = a0, s1 = a1, s2 = a2, s3 = a3;
        java.util.Arrays.fill(s0, 0f);
        java.util.Arrays.fill(s1, 0f);
        java.util.Arrays.fill(s2, 0f);
        java.util.Arrays.fill(s3, 0f);
        int r = 0;
        for (; r + 4 <= span; r += 4) {
            int p = xo + r;
            float x00 = x[p], x01 = x[p + 1], x02 = x[p + 2], x03 = x[p + 3];
            p += c;
            float x10 = x[p], x11 = x[p + 1], x12 = x[p + 2], x13 = x[p + 3];
            p += c;
            float x20 = x[p], x21 = x[p + 1], x22 = x[p + 2], x23 = x[p + 3];
            p += c;
            float x30 = x[p], x31 = x[p + 1], x32 = x[p + 2], x33 = x[p + 3];
            int k0 = r * f, k1 = k0 + f, k2 = k1 + f, k3 = k2 + f;
            for (int k = 0; k < f; k++) {
                float w0 = kernel[k0 + k], w1 = kernel[k1 + k], w2 = kernel[k2 + k], w3 = kernel[k3 + k];
                s0[k] = s0[k] + x00 * w0 + x01 * w1 + x02 * w2 + x03 * w3;
                s1[k] = s1[k] + x10 * w0 + x11 * w1 + x12 * w2 + x13 * w3;
                s2[k] = s2[k] + x20 * w0 + x21 * w1 + x22 * w2 + x23 * w3;
                s3[k] = s3[k] + x30 * w0 + x31 * w1 + x32 * w2 + x33 * w3;
            }
        }
        for (; r < span; r++) {
            int p = xo + r;
            float x0 = x[p], x1 = x[p + c], x2 = x[p + 2 * c], x3 = x[p + 3 * c];
            int k0 = r * f;
            for (int k = 0; k < f; k++) {
                float w0 = kernel[k0 + k];
                s0[k] += x0 * w0;
                s1[k] += x1 * w0;
                s2[k] += x2 * w0;
                s3[k] += x3 * w0;
            }
        }
    }

    /** a0 = the sum of the window of span values at x[xo]. */
    private void sumOne(float[] x, int xo, int span, float[] kernel) {
        final int f = filters;
        final float[] s0 = a0;
        java.util.Arrays.fill(s0, 0f);
        int r = 0;
        for (; r + 4 <= span; r += 4) {
            int p = xo + r;
            float x0 = x[p], x1 = x[p + 1], x2 = x[p + 2], x3 = x[p + 3];
            int k0 = r * f, k1 = k0 + f, k2 = k1 + f, k3 = k2 + f;
            for (int k = 0; k < f; k++) {
                s0[k] = s0[k] + x0 * kernel[k0 + k] + x1 * kernel[k1 + k] + x2 * kernel[k2 + k] + x3 * kernel[k3 + k];
            }
        }
        for (; r < span; r++) {
            float x0 = x[xo + r];
            int k0 = r * f;
            for (int k = 0; k < f; k++) s0[k] += x0 * kernel[k0 + k];
        }
    }

    /** Window t's sums replace the best so far where larger (the first window always; ties keep the earlier). */
    private void keepLarger(float[] sums, int t, float[] best, int[] argmax, int base) {
        for (int k = 0; k < filters; k++) {
            if (t == 0 || sums[k] > best[base + k]) {
                best[base + k] = sums[k];
                argmax[base + k] = t;
            }
        }
    }
}

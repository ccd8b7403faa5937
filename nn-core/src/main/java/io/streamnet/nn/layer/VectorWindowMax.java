package io.streamnet.nn.layer;

import io.streamnet.nn.tensor.Tensor;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WindowMax} on the Vector API, register-blocked: {@link #BLOCK} windows against two vectors of filters,
 * twelve accumulators held in registers across the whole window (every kernel row), so each kernel load serves six
 * windows and each broadcast input value two vectors of filters. The plain loops ({@link WindowMaxKernel}) keep a
 * window's sums in memory and stream the whole kernel again for every window.
 *
 * <p>The windows of a width are listed across the batch, example by example and in order within each, and taken six
 * at a time, so short sequences (a few windows each) fill blocks as well as long ones; a block's last places are
 * padded with a copy of a window whose result is dropped. A sequence shorter than the width has one shorter window;
 * those go into blocks of their own, by length.
 *
 * <p>Bit for bit the plain loop: an accumulator is one (window, filter lane) and takes the rows in order, from
 * zero, as {@code acc + x * k} (a multiply, then an add: the Vector API does not fuse them); each example's windows
 * reach its running maximum in order. The filters are padded with zero columns to whole vectors; the padding lanes
 * are never read out.
 *
 * <p>The kernel is packed once per forward pass into panels of two vectors of filters (the last panel one vector
 * when the count is odd), each panel's rows contiguous, so the window loop reads it sequentially.
 *
 * <p>Incubating module: loaded only through {@link WindowMaxChoice} when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}. The entry point and {@code keep} take arrays only and are never inlined
 * ({@code kernel.KeepVectorKernelsApart}), so that each method C2 compiles stays within its inlining budget; the
 * vectors never cross a method boundary, so nothing is boxed.
 */
final class VectorWindowMax implements WindowMax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Windows summed together. Twelve accumulators, two kernel vectors and a broadcast fit AVX2's 16 registers. */
    static final int BLOCK = 6;

    private final int channels;
    private final int filters;
    private final int[] widths;
    /** Vectors of filters (the last one padded), and their lanes. */
    private final int vectors;
    private final int lanes;
    private final int pairs;
    /** Per width: the panels, pair q at {@code q * rows * 2L}, then the odd vector's panel. */
    private final float[][] panels;
    /** A block's accumulators once summed: window j at {@code j * 2L} (pair panel) or {@code j * L} (odd panel). */
    private final float[] tile;
    /** Per example: the best sums so far, and the first window reaching them as a float (exact below 2^24). */
    private float[] best = new float[0];
    private float[] first = new float[0];
    /** The listed windows: where each starts in x, its example, its position. */
    private int[] start = new int[0];
    private int[] example = new int[0];
    private int[] position = new int[0];

    VectorWindowMax(int channels, int filters, int[] widths) {
        this.channels = channels;
        this.filters = filters;
        this.widths = widths.clone();
        this.vectors = (filters + L - 1) / L;
        this.lanes = vectors * L;
        this.pairs = vectors / 2;
        this.panels = new float[widths.length][];
        for (int i = 0; i < widths.length; i++) panels[i] = new float[widths[i] * channels * lanes];
        this.tile = new float[BLOCK * 2 * L];
    }

    @Override
    public void pack(int i, float[] kernel) {
        float[] p = panels[i];
        int rows = widths[i] * channels;
        for (int q = 0; q < pairs; q++) {
            int col = q * 2 * L;
            int n = Math.min(2 * L, filters - col);
            int base = q * rows * 2 * L;
            for (int r = 0; r < rows; r++) System.arraycopy(kernel, r * filters + col, p, base + r * 2 * L, n);
        }
        if (vectors % 2 == 1) {
            int col = pairs * 2 * L;
            int base = pairs * rows * 2 * L;
            for (int r = 0; r < rows; r++) System.arraycopy(kernel, r * filters + col, p, base + r * L, filters - col);
        }
    }

    @Override
    public void maxOverWindows(int i, Tensor x, float[] out, int[] argmax, int stride) {
        int batch = x.batchSize();
        int time = x.dim(1);
        float[] xd = x.data();
        int w = widths[i];
        int rows = w * channels;
        float[] p = panels[i];
        grow(batch, batch * time + BLOCK);
        // a block's windows share a span: first the one window of each sequence shorter than the width, by
        // length (it stops at the sequence's end), then the full windows of the others
        for (int len = 1; len <= w; len++) {
            int n = 0;
            for (int b = 0; b < batch; b++) {
                int valid = x.length(b);
                if (len < w ? valid != len : valid < w) continue;
                int from = b * time * channels;
                for (int t = 0; t <= Math.max(valid - w, 0); t++) {
                    start[n] = from + t * channels;
                    example[n] = b;
                    position[n++] = t;
                }
            }
            for (int k = n; k % BLOCK != 0; k++) {
                start[k] = start[n - 1];
                example[k] = -1; // computed, never kept
            }
            for (int k = 0; k < n; k += BLOCK) block(p, len * channels, rows, xd, k);
        }
        for (int b = 0; b < batch; b++) {
            if (x.length(b) == 0) continue;
            int o = b * stride + i * filters;
            for (int f = 0; f < filters; f++) {
                out[o + f] = best[b * lanes + f];
                argmax[o + f] = (int) first[b * lanes + f];
            }
        }
    }

    private void grow(int batch, int windows) {
        if (best.length < batch * lanes) {
            best = new float[batch * lanes];
            first = new float[batch * lanes];
        }
        if (start.length < windows) {
            start = new int[windows];
            example = new int[windows];
            position = new int[windows];
        }
    }

    /**
     * The listed windows k .. k+BLOCK, their first span rows of the panels' rows, every panel. One method per
     * panel kind: a single method holding both outgrew C2's inlining budget (NodeCountInliningCutoff), and the
     * Vector API calls past it ran boxed.
     */
    private void block(float[] p, int span, int rows, float[] x, int k) {
        for (int q = 0; q < pairs; q++) pair(p, q * rows * 2 * L, span, x, k, q * 2 * L);
        if (vectors % 2 == 1) odd(p, pairs * rows * 2 * L, span, x, k, pairs * 2 * L);
    }

    /** Windows k .. k+BLOCK against the pair panel at kb (filters from col): twelve accumulators. */
    private void pair(float[] p, int kb, int span, float[] x, int k, int col) {
        int x0 = start[k], x1 = start[k + 1], x2 = start[k + 2];
        int x3 = start[k + 3], x4 = start[k + 4], x5 = start[k + 5];
        FloatVector z = FloatVector.zero(S);
        FloatVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z;
        FloatVector a30 = z, a31 = z, a40 = z, a41 = z, a50 = z, a51 = z;
        // one line a window below: the six windows do the same, each against its own input position
        for (int r = 0; r < span; r++) {
            int kr = kb + r * 2 * L;
            FloatVector k0 = FloatVector.fromArray(S, p, kr);
            FloatVector k1 = FloatVector.fromArray(S, p, kr + L);
            FloatVector v = FloatVector.broadcast(S, x[x0 + r]);
            a00 = a00.add(v.mul(k0)); a01 = a01.add(v.mul(k1));
            v = FloatVector.broadcast(S, x[x1 + r]); a10 = a10.add(v.mul(k0)); a11 = a11.add(v.mul(k1));
            v = FloatVector.broadcast(S, x[x2 + r]); a20 = a20.add(v.mul(k0)); a21 = a21.add(v.mul(k1));
            v = FloatVector.broadcast(S, x[x3 + r]); a30 = a30.add(v.mul(k0)); a31 = a31.add(v.mul(k1));
            v = FloatVector.broadcast(S, x[x4 + r]); a40 = a40.add(v.mul(k0)); a41 = a41.add(v.mul(k1));
            v = FloatVector.broadcast(S, x[x5 + r]); a50 = a50.add(v.mul(k0)); a51 = a51.add(v.mul(k1));
        }
        int s = 2 * L;
        a00.intoArray(tile, 0); a01.intoArray(tile, L);
        a10.intoArray(tile, s); a11.intoArray(tile, s + L);
        a20.intoArray(tile, 2 * s); a21.intoArray(tile, 2 * s + L);
        a30.intoArray(tile, 3 * s); a31.intoArray(tile, 3 * s + L);
        a40.intoArray(tile, 4 * s); a41.intoArray(tile, 4 * s + L);
        a50.intoArray(tile, 5 * s); a51.intoArray(tile, 5 * s + L);
        keep(s, col, 2, k);
    }

    /** Windows k .. k+BLOCK against the one-vector panel at kb (filters from col): six accumulators. */
    private void odd(float[] p, int kb, int span, float[] x, int k, int col) {
        int x0 = start[k], x1 = start[k + 1], x2 = start[k + 2];
        int x3 = start[k + 3], x4 = start[k + 4], x5 = start[k + 5];
        FloatVector z = FloatVector.zero(S);
        FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z;
        for (int r = 0; r < span; r++) {
            FloatVector k0 = FloatVector.fromArray(S, p, kb + r * L);
            a0 = a0.add(FloatVector.broadcast(S, x[x0 + r]).mul(k0));
            a1 = a1.add(FloatVector.broadcast(S, x[x1 + r]).mul(k0));
            a2 = a2.add(FloatVector.broadcast(S, x[x2 + r]).mul(k0));
            a3 = a3.add(FloatVector.broadcast(S, x[x3 + r]).mul(k0));
            a4 = a4.add(FloatVector.broadcast(S, x[x4 + r]).mul(k0));
            a5 = a5.add(FloatVector.broadcast(S, x[x5 + r]).mul(k0));
        }
        a0.intoArray(tile, 0); a1.intoArray(tile, L); a2.intoArray(tile, 2 * L);
        a3.intoArray(tile, 3 * L); a4.intoArray(tile, 4 * L); a5.intoArray(tile, 5 * L);
        keep(L, col, 1, k);
    }

    /**
     * The block's windows (window j's sums in nvec vectors at {@code tile[j * stride..]}), in order, against their
     * examples' best so far of the filters from col: an example's first window always, then a larger sum (ties and
     * NaN keep the earlier).
     */
    private void keep(int stride, int col, int nvec, int k) {
        for (int j = 0; j < BLOCK; j++) {
            int b = example[k + j];
            if (b < 0) continue; // a block's padding
            int t = position[k + j];
            int o = b * lanes + col;
            if (t == 0) {
                System.arraycopy(tile, j * stride, best, o, nvec * L);
                java.util.Arrays.fill(first, o, o + nvec * L, 0f);
                continue;
            }
            for (int v = 0; v < nvec; v++) {
                int at = o + v * L;
                FloatVector s = FloatVector.fromArray(S, tile, j * stride + v * L);
                FloatVector m = FloatVector.fromArray(S, best, at);
                VectorMask<Float> larger = s.compare(VectorOperators.GT, m);
                m.blend(s, larger).intoArray(best, at);
                FloatVector.fromArray(S, first, at).blend((float) t, larger).intoArray(first, at);
            }
        }
    }
}

package io.streamnet.nn.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link WindowMax} on the Vector API, register-blocked: {@link #BLOCK} windows of one example against two
 * vectors of filters, twelve accumulators held in registers across the whole window (every kernel row), so each
 * kernel load serves six windows and each broadcast input value two vectors of filters. The plain loops
 * ({@link WindowMaxKernel}) keep a window's sums in memory and stream the whole kernel again for every window.
 *
 * <p>Bit for bit the plain loop: an accumulator is one (window, filter lane) and takes the rows in order, from
 * zero, as {@code acc + x * k} (a multiply, then an add: the Vector API does not fuse them). The filters are
 * padded with zero columns to whole vectors; the padding lanes are never read out.
 *
 * <p>The kernel is packed once per forward pass into panels of two vectors of filters (the last panel one vector
 * when the count is odd), each panel's rows contiguous, so the window loop reads it sequentially.
 *
 * <p>Incubating module: loaded only through {@link WindowMaxChoice} when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}. The entry points take arrays only and are kept out of their callers
 * ({@code kernel.KeepVectorKernelsApart}); the vectors never cross a method boundary, so nothing is boxed.
 */
final class VectorWindowMax implements WindowMax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Windows summed together. Twelve accumulators, two kernel vectors and a broadcast fit AVX2's 16 registers. */
    static final int BLOCK = 6;

    private final int channels;
    private final int filters;
    private final int[] widths;
    /** Vectors of filters (the last one padded). */
    private final int vectors;
    private final int pairs;
    /** Per width: the panels, pair q at {@code q * rows * 2L}, then the odd vector's panel. */
    private final float[][] panels;
    /** The accumulators of a block (window t at {@code t * 2L}) or of one window (all vectors). */
    private final float[] tile;
    private final float[] best;
    /** The first window reaching {@link #best}, as a float (exact: fewer than 2^24 windows). */
    private final float[] first;

    VectorWindowMax(int channels, int filters, int[] widths) {
        this.channels = channels;
        this.filters = filters;
        this.widths = widths.clone();
        this.vectors = (filters + L - 1) / L;
        this.pairs = vectors / 2;
        this.panels = new float[widths.length][];
        for (int i = 0; i < widths.length; i++) panels[i] = new float[widths[i] * channels * vectors * L];
        this.tile = new float[Math.max(BLOCK * 2 * L, vectors * L)];
        this.best = new float[vectors * L];
        this.first = new float[vectors * L];
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
            int n = filters - col;
            int base = pairs * rows * 2 * L;
            for (int r = 0; r < rows; r++) System.arraycopy(kernel, r * filters + col, p, base + r * L, n);
        }
    }

    @Override
    public void maxOverWindows(int i, float[] x, int start, int len, float[] out, int[] argmax, int base) {
        int w = widths[i];
        int rows = w * channels;
        float[] p = panels[i];
        if (len < w) {
            window(p, rows, x, start, len * channels, 0); // a short sequence's one window stops at its end
        } else {
            int windows = len - w + 1;
            if (windows < BLOCK) {
                for (int t = 0; t < windows; t++) window(p, rows, x, start + t * channels, rows, t);
            } else {
                // the last block ends at the last window: it redoes a few, which cannot change a max already taken
                for (int t0 = 0; t0 < windows; t0 += BLOCK) block(p, rows, x, start, Math.min(t0, windows - BLOCK));
            }
        }
        for (int f = 0; f < filters; f++) {
            out[base + f] = best[f];
            argmax[base + f] = (int) first[f];
        }
    }

    /** Windows t0 .. t0+BLOCK of the example at x[start], every panel. */
    private void block(float[] p, int rows, float[] x, int start, int t0) {
        int xo = start + t0 * channels;
        int c = channels;
        // one line a window below: the six windows do the same, each against its own input position
        for (int q = 0; q < pairs; q++) {
            int kb = q * rows * 2 * L;
            FloatVector z = FloatVector.zero(S);
            FloatVector a00 = z, a01 = z, a10 = z, a11 = z, a20 = z, a21 = z;
            FloatVector a30 = z, a31 = z, a40 = z, a41 = z, a50 = z, a51 = z;
            for (int r = 0; r < rows; r++) {
                int k = kb + r * 2 * L;
                FloatVector k0 = FloatVector.fromArray(S, p, k);
                FloatVector k1 = FloatVector.fromArray(S, p, k + L);
                int xr = xo + r;
                FloatVector v = FloatVector.broadcast(S, x[xr]);
                a00 = a00.add(v.mul(k0)); a01 = a01.add(v.mul(k1));
                v = FloatVector.broadcast(S, x[xr + c]); a10 = a10.add(v.mul(k0)); a11 = a11.add(v.mul(k1));
                v = FloatVector.broadcast(S, x[xr + 2 * c]); a20 = a20.add(v.mul(k0)); a21 = a21.add(v.mul(k1));
                v = FloatVector.broadcast(S, x[xr + 3 * c]); a30 = a30.add(v.mul(k0)); a31 = a31.add(v.mul(k1));
                v = FloatVector.broadcast(S, x[xr + 4 * c]); a40 = a40.add(v.mul(k0)); a41 = a41.add(v.mul(k1));
                v = FloatVector.broadcast(S, x[xr + 5 * c]); a50 = a50.add(v.mul(k0)); a51 = a51.add(v.mul(k1));
            }
            int s = 2 * L;
            a00.intoArray(tile, 0); a01.intoArray(tile, L);
            a10.intoArray(tile, s); a11.intoArray(tile, s + L);
            a20.intoArray(tile, 2 * s); a21.intoArray(tile, 2 * s + L);
            a30.intoArray(tile, 3 * s); a31.intoArray(tile, 3 * s + L);
            a40.intoArray(tile, 4 * s); a41.intoArray(tile, 4 * s + L);
            a50.intoArray(tile, 5 * s); a51.intoArray(tile, 5 * s + L);
            keep(q * 2 * L, 2, s, t0, BLOCK);
        }
        if (vectors % 2 == 1) {
            int kb = pairs * rows * 2 * L;
            FloatVector z = FloatVector.zero(S);
            FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z;
            for (int r = 0; r < rows; r++) {
                FloatVector k0 = FloatVector.fromArray(S, p, kb + r * L);
                int xr = xo + r;
                a0 = a0.add(FloatVector.broadcast(S, x[xr]).mul(k0));
                a1 = a1.add(FloatVector.broadcast(S, x[xr + c]).mul(k0));
                a2 = a2.add(FloatVector.broadcast(S, x[xr + 2 * c]).mul(k0));
                a3 = a3.add(FloatVector.broadcast(S, x[xr + 3 * c]).mul(k0));
                a4 = a4.add(FloatVector.broadcast(S, x[xr + 4 * c]).mul(k0));
                a5 = a5.add(FloatVector.broadcast(S, x[xr + 5 * c]).mul(k0));
            }
            a0.intoArray(tile, 0); a1.intoArray(tile, L); a2.intoArray(tile, 2 * L);
            a3.intoArray(tile, 3 * L); a4.intoArray(tile, 4 * L); a5.intoArray(tile, 5 * L);
            keep(pairs * 2 * L, 1, L, t0, BLOCK);
        }
    }

    /** Window t alone, its first span rows (the sequence's end may cut it), every vector of filters. */
    private void window(float[] p, int rows, float[] x, int xo, int span, int t) {
        for (int v = 0; v < vectors; v++) {
            int q = v / 2;
            int kb = q < pairs ? q * rows * 2 * L + (v % 2) * L : pairs * rows * 2 * L;
            int stride = q < pairs ? 2 * L : L;
            FloatVector a = FloatVector.zero(S);
            for (int r = 0; r < span; r++) {
                a = a.add(FloatVector.broadcast(S, x[xo + r]).mul(FloatVector.fromArray(S, p, kb + r * stride)));
            }
            a.intoArray(tile, v * L);
        }
        keep(0, vectors, 0, t, 1);
    }

    /**
     * Windows t0 .. t0+count (tile row t at {@code t * stride}, nvec vectors) against the best so far of the
     * filters from col: a larger sum replaces it (the first window always; ties and NaN keep the earlier).
     */
    private void keep(int col, int nvec, int stride, int t0, int count) {
        int from = 0;
        if (t0 == 0) {
            System.arraycopy(tile, 0, best, col, nvec * L);
            java.util.Arrays.fill(first, col, col + nvec * L, 0f);
            from = 1;
        }
        for (int v = 0; v < nvec; v++) {
            int o = col + v * L;
            FloatVector b = FloatVector.fromArray(S, best, o);
            FloatVector at = FloatVector.fromArray(S, first, o);
            for (int t = from; t < count; t++) {
                FloatVector s = FloatVector.fromArray(S, tile, t * stride + v * L);
                VectorMask<Float> larger = s.compare(VectorOperators.GT, b);
                b = b.blend(s, larger);
                at = at.blend((float) (t0 + t), larger);
            }
            b.intoArray(best, o);
            at.intoArray(first, o);
        }
    }
}

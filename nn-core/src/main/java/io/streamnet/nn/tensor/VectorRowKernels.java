package io.streamnet.nn.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowKernels} on the incubating Vector API (loaded only when its module is present, see
 * {@link RowKernelChoice}). Each lane does exactly what {@link ScalarRowKernels} does per element, in the same
 * order and without fused multiply-adds, and tails fall back to the scalar code: the results are bit-identical.
 */
public final class VectorRowKernels implements RowKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private final ScalarRowKernels tail = new ScalarRowKernels();

    @Override
    public String name() {
        return "vector (" + L + " lanes)";
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        if (i < n) tail.add(x, xOff + i, y, yOff + i, n - i);
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i).mul(a)).intoArray(y, yOff + i);
        }
        if (i < n) tail.axpy(a, x, xOff + i, y, yOff + i, n - i);
    }

    /**
     * Keeps up to four vectors of the row sum in registers across the whole bag and stores once: no store-to-load
     * chain through the output row, so the loads of many table rows can be in flight at once (the loop is
     * bound by memory latency, not arithmetic).
     */
    @Override
    public void sumRows(float[] table, int base, int d, int[] ids, int start, int end, float[] out, int outOff) {
        int c = 0;
        for (; c + 4 * L <= d; c += 4 * L) {
            int r0 = base + ids[start] * d + c;
            FloatVector a0 = FloatVector.fromArray(S, table, r0);
            FloatVector a1 = FloatVector.fromArray(S, table, r0 + L);
            FloatVector a2 = FloatVector.fromArray(S, table, r0 + 2 * L);
            FloatVector a3 = FloatVector.fromArray(S, table, r0 + 3 * L);
            for (int k = start + 1; k < end; k++) {
                int r = base + ids[k] * d + c;
                a0 = a0.add(FloatVector.fromArray(S, table, r));
                a1 = a1.add(FloatVector.fromArray(S, table, r + L));
                a2 = a2.add(FloatVector.fromArray(S, table, r + 2 * L));
                a3 = a3.add(FloatVector.fromArray(S, table, r + 3 * L));
            }
            a0.intoArray(out, outOff + c);
            a1.intoArray(out, outOff + c + L);
            a2.intoArray(out, outOff + c + 2 * L);
            a3.intoArray(out, outOff + c + 3 * L);
        }
        for (; c + L <= d; c += L) {
            FloatVector a = FloatVector.fromArray(S, table, base + ids[start] * d + c);
            for (int k = start + 1; k < end; k++) a = a.add(FloatVector.fromArray(S, table, base + ids[k] * d + c));
            a.intoArray(out, outOff + c);
        }
        for (; c < d; c++) {
            float s = table[base + ids[start] * d + c];
            for (int k = start + 1; k < end; k++) s += table[base + ids[k] * d + c];
            out[outOff + c] = s;
        }
    }

    @Override
    public void weightedSumRows(float[] table, int base, int d, int[] ids, float[] weights, int start, int end, float[] out, int outOff) {
        int c = 0;
        for (; c + 2 * L <= d; c += 2 * L) {
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (int k = start; k < end; k++) {
                int r = base + ids[k] * d + c;
                float w = weights[k];
                a0 = a0.add(FloatVector.fromArray(S, table, r).mul(w));
                a1 = a1.add(FloatVector.fromArray(S, table, r + L).mul(w));
            }
            a0.intoArray(out, outOff + c);
            a1.intoArray(out, outOff + c + L);
        }
        for (; c + L <= d; c += L) {
            FloatVector a = FloatVector.zero(S);
            for (int k = start; k < end; k++) a = a.add(FloatVector.fromArray(S, table, base + ids[k] * d + c).mul(weights[k]));
            a.intoArray(out, outOff + c);
        }
        for (; c < d; c++) {
            float s = 0f;
            for (int k = start; k < end; k++) s += weights[k] * table[base + ids[k] * d + c];
            out[outOff + c] = s;
        }
    }

    @Override
    public void scaleTo(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(a).intoArray(y, yOff + i);
        }
        if (i < n) tail.scaleTo(a, x, xOff + i, y, yOff + i, n - i);
    }

    @Override
    public double sumOfSquares(float[] x, int off, int n) {
        if (L > 16 || 16 % L != 0) return tail.sumOfSquares(x, off, n);
        int full = n & ~15;
        double total = 0;
        float[] lanes = LANES.get();
        for (int block = 0; block < full; block += SUM_BLOCK) {
            int end = Math.min(full, block + SUM_BLOCK);
            // 16 logical lanes as 16 / L vectors, so that the order matches the scalar kernel on any vector width.
            if (L == 16) {
                FloatVector acc = FloatVector.zero(S);
                for (int i = block; i < end; i += 16) {
                    FloatVector v = FloatVector.fromArray(S, x, off + i);
                    acc = acc.add(v.mul(v));
                }
                acc.intoArray(lanes, 0);
            } else {
                for (int part = 0; part < 16; part += L) {
                    FloatVector acc = FloatVector.zero(S);
                    for (int i = block + part; i < end; i += 16) {
                        FloatVector v = FloatVector.fromArray(S, x, off + i);
                        acc = acc.add(v.mul(v));
                    }
                    acc.intoArray(lanes, part);
                }
            }
            for (int j = 0; j < 16; j++) total += lanes[j];
        }
        for (int i = full; i < n; i++) {
            float v = x[off + i];
            total += v * v;
        }
        return total;
    }

    /** Per-thread lane buffer (kernels are shared by all networks of a JVM). */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[16]);

    @Override
    public void scale(float[] x, int off, int n, float s) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, off + i).mul(s).intoArray(x, off + i);
        }
        if (i < n) tail.scale(x, off + i, n - i, s);
    }

    @Override
    public void keepWherePositive(float[] y, float[] gy, float[] gx, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMask<Float> active = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, gy, i), active).intoArray(gx, i);
        }
        for (; i < n; i++) gx[i] = y[i] > 0f ? gy[i] : 0f;
    }

    @Override
    public void scaleWhereNotPositive(float[] y, float[] gy, float slope, float[] gx, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMask<Float> active = FloatVector.fromArray(S, y, i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(S, gy, i);
            g.mul(slope).blend(g, active).intoArray(gx, i);
        }
        for (; i < n; i++) gx[i] = y[i] > 0f ? gy[i] : slope * gy[i];
    }

    @Override
    public void sgd(float[] w, int wOff, float[] g, int gOff, int n, float lr, float scale, float wd) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(S, w, wOff + i);
            FloatVector d = FloatVector.fromArray(S, g, gOff + i).mul(scale).add(wi.mul(wd));
            wi.sub(d.mul(lr)).intoArray(w, wOff + i);
        }
        if (i < n) tail.sgd(w, wOff + i, g, gOff + i, n - i, lr, scale, wd);
    }

    @Override
    public void sgdMomentum(float[] w, int wOff, float[] g, int gOff, float[] buf, int n, float lr, float scale, float wd,
                            float mu, boolean nesterov) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            int k = wOff + i;
            FloatVector wi = FloatVector.fromArray(S, w, k);
            FloatVector d = FloatVector.fromArray(S, g, gOff + i).mul(scale).add(wi.mul(wd));
            FloatVector b = FloatVector.fromArray(S, buf, k).mul(mu).add(d);
            b.intoArray(buf, k);
            FloatVector step = nesterov ? d.add(b.mul(mu)) : b;
            wi.sub(step.mul(lr)).intoArray(w, k);
        }
        if (i < n) tail.sgdMomentum(w, wOff + i, g, gOff + i, buf, n - i, lr, scale, wd, mu, nesterov);
    }

    @Override
    public void adagrad(float[] w, int wOff, float[] g, int gOff, float[] sum, int n, float lr, float scale, float wd, float eps) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            int k = wOff + i;
            FloatVector wi = FloatVector.fromArray(S, w, k);
            FloatVector d = FloatVector.fromArray(S, g, gOff + i).mul(scale).add(wi.mul(wd));
            FloatVector s = FloatVector.fromArray(S, sum, k).add(d.mul(d));
            s.intoArray(sum, k);
            wi.sub(d.mul(lr).div(s.lanewise(VectorOperators.SQRT).add(eps))).intoArray(w, k);
        }
        if (i < n) tail.adagrad(w, wOff + i, g, gOff + i, sum, n - i, lr, scale, wd, eps);
    }

    @Override
    public void adam(float[] w, int wOff, float[] g, int gOff, float[] m, float[] v, int n, float scale, float l2, float decay,
                     float b1, float b2, float c1, float c2, float stepSize, float invSqrtBc2, float eps) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            int k = wOff + i;
            FloatVector wi = FloatVector.fromArray(S, w, k).mul(decay);
            FloatVector d = FloatVector.fromArray(S, g, gOff + i).mul(scale).add(wi.mul(l2));
            FloatVector mi = FloatVector.fromArray(S, m, k).mul(b1).add(d.mul(c1));
            FloatVector vi = FloatVector.fromArray(S, v, k).mul(b2).add(d.mul(c2).mul(d));
            mi.intoArray(m, k);
            vi.intoArray(v, k);
            FloatVector denom = vi.lanewise(VectorOperators.SQRT).mul(invSqrtBc2).add(eps);
            wi.sub(mi.mul(stepSize).div(denom)).intoArray(w, k);
        }
        if (i < n) tail.adam(w, wOff + i, g, gOff + i, m, v, n - i, scale, l2, decay, b1, b2, c1, c2, stepSize, invSqrtBc2, eps);
    }

    @Override
    public void gateSigmoid(float[] x, int off, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector y = FloatVector.fromArray(S, x, off + i).max(GateFunctions.SIGMOID_LO).min(GateFunctions.SIGMOID_HI).neg();
            FloatVector t = y.mul(GateFunctions.LOG2E).add(GateFunctions.ROUND);
            FloatVector s = VectorGateFunctions.twoToThe(t);
            FloatVector e = s.add(s.mul(VectorGateFunctions.expm1Reduced(y, t.sub(GateFunctions.ROUND))));
            FloatVector.broadcast(S, 1f).div(e.add(1f)).intoArray(x, off + i);
        }
        if (i < n) tail.gateSigmoid(x, off + i, n - i);
    }

    @Override
    public void gateTanh(float[] x, int off, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            FloatVector y = v.abs().min(GateFunctions.TANH_HI).mul(2f);
            FloatVector t = y.mul(GateFunctions.LOG2E).add(GateFunctions.ROUND);
            FloatVector s = VectorGateFunctions.twoToThe(t);
            FloatVector m = s.sub(1f).add(s.mul(VectorGateFunctions.expm1Reduced(y, t.sub(GateFunctions.ROUND))));
            IntVector sign = v.reinterpretAsInts().and(GateFunctions.SIGN);
            m.div(m.add(2f)).reinterpretAsInts().or(sign).reinterpretAsFloats().intoArray(x, off + i);
        }
        if (i < n) tail.gateTanh(x, off + i, n - i);
    }

    /**
     * Two blocks at a time, so that four chains of fused multiply-adds are in flight; widening a bfloat16 is a mask
     * or a 16-bit shift. Lane r does exactly the scalar kernel's operations for row r.
     */
    @Override
    public void bfloat16BlockDots(int[] packed, int half, float[] u, int blocks, float[] out) {
        final int w = Bfloat16Pairs.BLOCK;
        if (L != w || IS.length() != w) {
            tail.bfloat16BlockDots(packed, half, u, blocks, out);
            return;
        }
        int b = 0;
        for (; b + 2 <= blocks; b += 2) {
            int p0 = b * half * w;
            int p1 = p0 + half * w;
            FloatVector h0 = FloatVector.zero(S);
            FloatVector l0 = FloatVector.zero(S);
            FloatVector h1 = FloatVector.zero(S);
            FloatVector l1 = FloatVector.zero(S);
            for (int j = 0; j < half; j++) {
                FloatVector uh = FloatVector.broadcast(S, u[j]);
                FloatVector ul = FloatVector.broadcast(S, u[half + j]);
                IntVector q0 = IntVector.fromArray(IS, packed, p0 + j * w);
                IntVector q1 = IntVector.fromArray(IS, packed, p1 + j * w);
                h0 = q0.and(Bfloat16Pairs.HIGH_MASK).reinterpretAsFloats().fma(uh, h0);
                l0 = q0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(ul, l0);
                h1 = q1.and(Bfloat16Pairs.HIGH_MASK).reinterpretAsFloats().fma(uh, h1);
                l1 = q1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(ul, l1);
            }
            h0.add(l0).intoArray(out, b * w);
            h1.add(l1).intoArray(out, b * w + w);
        }
        if (b < blocks) {
            int p0 = b * half * w;
            FloatVector h0 = FloatVector.zero(S);
            FloatVector l0 = FloatVector.zero(S);
            for (int j = 0; j < half; j++) {
                IntVector q0 = IntVector.fromArray(IS, packed, p0 + j * w);
                h0 = q0.and(Bfloat16Pairs.HIGH_MASK).reinterpretAsFloats().fma(FloatVector.broadcast(S, u[j]), h0);
                l0 = q0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats()
                        .fma(FloatVector.broadcast(S, u[half + j]), l0);
            }
            h0.add(l0).intoArray(out, b * w);
        }
    }
}

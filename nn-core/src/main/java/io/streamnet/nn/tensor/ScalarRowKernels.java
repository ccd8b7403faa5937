package io.streamnet.nn.tensor;

/** Plain-Java {@link RowKernels}; the reference the vector implementation must match bit for bit. */
public final class ScalarRowKernels implements RowKernels {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += x[xOff + i];
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += a * x[xOff + i];
    }

    @Override
    public void sumRows(float[] table, int base, int d, int[] ids, int start, int end, float[] out, int outOff) {
        System.arraycopy(table, base + ids[start] * d, out, outOff, d);
        for (int k = start + 1; k < end; k++) add(table, base + ids[k] * d, out, outOff, d);
    }

    @Override
    public void weightedSumRows(float[] table, int base, int d, int[] ids, float[] weights, int start, int end, float[] out, int outOff) {
        java.util.Arrays.fill(out, outOff, outOff + d, 0f);
        for (int k = start; k < end; k++) axpy(weights[k], table, base + ids[k] * d, out, outOff, d);
    }

    @Override
    public void scaleTo(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = a * x[xOff + i];
    }

    @Override
    public double sumOfSquares(float[] x, int off, int n) {
        int full = n & ~15;
        double total = 0;
        float[] lanes = LANES.get();
        for (int block = 0; block < full; block += SUM_BLOCK) {
            java.util.Arrays.fill(lanes, 0f);
            int end = Math.min(full, block + SUM_BLOCK);
            for (int i = block; i < end; i += 16) {
                for (int j = 0; j < 16; j++) {
                    float v = x[off + i + j];
                    lanes[j] += v * v;
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

    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[16]);

    @Override
    public void scale(float[] x, int off, int n, float s) {
        for (int i = 0; i < n; i++) x[off + i] *= s;
    }

    @Override
    public void keepWherePositive(float[] y, float[] gy, float[] gx, int n) {
        for (int i = 0; i < n; i++) gx[i] = y[i] > 0f ? gy[i] : 0f;
    }

    @Override
    public void scaleWhereNotPositive(float[] y, float[] gy, float slope, float[] gx, int n) {
        for (int i = 0; i < n; i++) gx[i] = y[i] > 0f ? gy[i] : slope * gy[i];
    }

    @Override
    public void sgd(float[] w, int wOff, float[] g, int gOff, int n, float lr, float scale, float wd) {
        for (int i = 0; i < n; i++) {
            float wi = w[wOff + i];
            float d = scale * g[gOff + i] + wd * wi;
            w[wOff + i] = wi - lr * d;
        }
    }

    @Override
    public void sgdMomentum(float[] w, int wOff, float[] g, int gOff, float[] buf, int n, float lr, float scale, float wd,
                            float mu, boolean nesterov) {
        for (int i = 0; i < n; i++) {
            int k = wOff + i;
            float wi = w[k];
            float d = scale * g[gOff + i] + wd * wi;
            float b = mu * buf[k] + d;
            buf[k] = b;
            w[k] = wi - lr * (nesterov ? d + mu * b : b);
        }
    }

    @Override
    public void adagrad(float[] w, int wOff, float[] g, int gOff, float[] sum, int n, float lr, float scale, float wd, float eps) {
        for (int i = 0; i < n; i++) {
            int k = wOff + i;
            float wi = w[k];
            float d = scale * g[gOff + i] + wd * wi;
            float s = sum[k] + d * d;
            sum[k] = s;
            w[k] = wi - lr * d / ((float) Math.sqrt(s) + eps);
        }
    }

    @Override
    public void adam(float[] w, int wOff, float[] g, int gOff, float[] m, float[] v, int n, float scale, float l2, float decay,
                     float b1, float b2, float c1, float c2, float stepSize, float invSqrtBc2, float eps) {
        for (int i = 0; i < n; i++) {
            int k = wOff + i;
            float wi = w[k] * decay;
            float d = scale * g[gOff + i] + l2 * wi;
            float mi = b1 * m[k] + c1 * d;
            float vi = b2 * v[k] + c2 * d * d;
            m[k] = mi;
            v[k] = vi;
            w[k] = wi - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBc2 + eps);
        }
    }

    @Override
    public void gateSigmoid(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) x[i] = GateFunctions.sigmoid(x[i]);
    }

    @Override
    public void gateTanh(float[] x, int off, int n) {
        for (int i = off; i < off + n; i++) x[i] = GateFunctions.tanh(x[i]);
    }

    @Override
    public void bfloat16BlockDots(int[] packed, int half, float[] u, int blocks, float[] out) {
        final int w = Bfloat16Pairs.BLOCK;
        for (int b = 0; b < blocks; b++) {
            int base = b * half * w;
            for (int r = 0; r < w; r++) {
                float h = 0f;
                float l = 0f;
                for (int j = 0; j < half; j++) {
                    int q = packed[base + j * w + r];
                    h = Math.fma(Bfloat16Pairs.high(q), u[j], h);
                    l = Math.fma(Bfloat16Pairs.low(q), u[half + j], l);
                }
                out[b * w + r] = h + l;
            }
        }
    }
}

package io.streamnet.nn.tensor;

/**
 * Element-wise kernels on short rows (an embedding row of 32-64 floats, an optimizer update of one table row),
 * the hot loops of embedding layers and lazy optimizer updates. C2 does not vectorize loops this short on
 * AVX-512 (its unrolled vector loop wants more iterations than a row has), so a Vector API implementation is
 * used when the JVM runs with {@code --add-modules jdk.incubator.vector}, and a plain scalar one otherwise.
 *
 * <p>Both implementations perform the same IEEE operations per element in the same order (no fused
 * multiply-add, correctly rounded sqrt and division), so they give bit-identical results: the choice affects
 * speed, never the model.
 */
public interface RowKernels {
    /** "vector (N lanes)" or "scalar". */
    String name();

    /** {@code y[yOff + i] += x[xOff + i]}. */
    void add(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[yOff + i] += a * x[xOff + i]}. */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Sum of table rows: {@code out[outOff + j] = sum over k in [start, end) of table[base + ids[k] * d + j]}, added
     * in k order starting from the first row (not from zero); {@code start < end}.
     */
    void sumRows(float[] table, int base, int d, int[] ids, int start, int end, float[] out, int outOff);

    /**
     * Weighted sum of table rows: {@code out[outOff + j] = 0 + sum_k weights[k] * table[base + ids[k] * d + j]}, in k
     * order.
     */
    void weightedSumRows(float[] table, int base, int d, int[] ids, float[] weights, int start, int end, float[] out, int outOff);

    /** {@code y[yOff + i] = a * x[xOff + i]}. */
    void scaleTo(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Sum of squares of {@code x[off .. off+n)} in a fixed order that both implementations share: 16 float lanes
     * (lane j takes the elements j, j+16, ...) over blocks of {@value #SUM_BLOCK} elements, the lanes of each block
     * added in lane order into a double, and the last {@code n % 16} elements added one by one.
     */
    double sumOfSquares(float[] x, int off, int n);

    /** Block length of {@link #sumOfSquares}; a multiple of 16 short enough that float lanes stay accurate. */
    int SUM_BLOCK = 4096;

    /** {@code x[off + i] *= s}. */
    void scale(float[] x, int off, int n, float s);

    /**
     * ReLU's backward pass from its output: {@code gx[i] = y[i] > 0 ? gy[i] : 0} (0 where y is 0 or NaN). The
     * comparison is data-dependent and unpredictable (about half the units are active), so a branchy scalar loop
     * pays a misprediction per element; the vector form selects lanes instead.
     */
    void keepWherePositive(float[] y, float[] gy, float[] gx, int n);

    /** Leaky ReLU's backward pass from its output: {@code gx[i] = y[i] > 0 ? gy[i] : slope * gy[i]}. */
    void scaleWhereNotPositive(float[] y, float[] gy, float slope, float[] gx, int n);

    /** Plain SGD: {@code d = scale g + wd w; w -= lr d}. */
    void sgd(float[] w, int wOff, float[] g, int gOff, int n, float lr, float scale, float wd);

    /** SGD with momentum: {@code d = scale g + wd w; buf = mu buf + d; w -= lr (nesterov ? d + mu buf : buf)}; buf is indexed like w. */
    void sgdMomentum(float[] w, int wOff, float[] g, int gOff, float[] buf, int n, float lr, float scale, float wd,
                     float mu, boolean nesterov);

    /** AdaGrad: {@code d = scale g + wd w; sum += d d; w -= lr d / (sqrt(sum) + eps)}; sum is indexed like w. */
    void adagrad(float[] w, int wOff, float[] g, int gOff, float[] sum, int n, float lr, float scale, float wd, float eps);

    /**
     * Adam/AdamW: {@code w' = w decay; d = scale g + l2 w'; m = b1 m + c1 d; v = b2 v + (c2 d) d;
     * w = w' - stepSize m / (sqrt(v) invSqrtBc2 + eps)}; m and v are indexed like w.
     */
    void adam(float[] w, int wOff, float[] g, int gOff, float[] m, float[] v, int n, float scale, float l2, float decay,
              float b1, float b2, float c1, float c2, float stepSize, float invSqrtBc2, float eps);

    /** {@code x[off + i] = GateFunctions.sigmoid(x[off + i])}: the recurrent cells' gates, in place. */
    void gateSigmoid(float[] x, int off, int n);

    /** {@code x[off + i] = GateFunctions.tanh(x[off + i])}: the recurrent cells' candidates, in place. */
    void gateTanh(float[] x, int off, int n);

    /**
     * Dot products of {@code u} with rows of bfloat16 pairs in blocks of {@value Bfloat16Pairs#BLOCK} rows
     * ({@link Bfloat16Pairs#packIntoBlock}): for each lane r of each block b &lt; {@code blocks}, with
     * {@code q(j) = packed[(b half + j) BLOCK + r]}, {@code h = fma(hi(q(j)), u[j], h)} and
     * {@code l = fma(lo(q(j)), u[half + j], l)} in j order from 0, then {@code out[b BLOCK + r] = h + l}.
     * {@code u} holds {@code 2 half} floats. A block's rows are a vector's lanes: no horizontal sums.
     */
    void bfloat16BlockDots(int[] packed, int half, float[] u, int blocks, float[] out);

    /** The kernels of this JVM: vector if the incubator module is present (and not disabled), else scalar. */
    static RowKernels get() {
        return RowKernelChoice.KERNELS;
    }
}

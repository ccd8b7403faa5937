package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.nn.tensor.RowKernels;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/**
 * A bag of embeddings: for each example, the sum or mean of the table rows of its ids, each row optionally
 * scaled by a per-id weight. Input {@link SparseIds}, output {@code [batch, dim]}.
 *
 * <p>Gradients are sparse: backward touches only the rows the batch used (a {@link SparseRowGradient}), so the
 * cost of a step is proportional to the ids in the batch, never to the table size.
 *
 * <p><b>Empty id list.</b> An example with no ids yields the zero vector (for SUM and MEAN alike: the mean of
 * nothing is defined as zero, not NaN), and contributes no gradient to any row. Downstream layers still train
 * on it (a Dense layer sees a zero input and learns its bias from it).
 *
 * <p>Ids must be in {@code [0, vocab)}; a Network validates this before a step, with an error naming the
 * input and the example.
 */
public final class EmbeddingBag implements Layer {
    private final String name;
    private final int vocab;
    private final int dim;
    private final PoolingMode mode;
    private final Parameter table;
    private final List<Parameter> params;
    private final Shape outputShape;
    private final Tensor out = new Tensor();
    private SparseIds input;
    private final RowKernels kernels = RowKernels.get();

    public EmbeddingBag(String name, int vocab, int dim, PoolingMode mode, Initializer init, Rng rng) {
        if (vocab <= 0) throw new IllegalArgumentException("embedding_bag '" + name + "': vocab must be > 0, got " + vocab);
        if (dim <= 0) throw new IllegalArgumentException("embedding_bag '" + name + "': dim must be > 0, got " + dim);
        this.name = name;
        this.vocab = vocab;
        this.dim = dim;
        this.mode = mode;
        this.table = Parameter.sparseLineAligned(name, "table", vocab, dim);
        init.fill(table.value(), table.offset(), table.size(), vocab, dim, rng);
        this.params = List.of(table);
        this.outputShape = Shape.vector(dim);
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        SparseIds x = (SparseIds) value;
        input = x;
        int batch = x.batchSize();
        out.resize2(batch, dim);
        float[] o = out.data();
        float[] w = table.value();
        int base = table.offset();
        int[] ids = x.ids();
        int[] offsets = x.offsets();
        float[] weights = x.weights();
        final int d = dim;
        final RowKernels k = kernels;
        for (int b = 0; b < batch; b++) {
            int ob = b * d;
            int start = offsets[b];
            int end = offsets[b + 1];
            if (start == end) {
                java.util.Arrays.fill(o, ob, ob + d, 0f);
                continue;
            }
            if (weights == null) k.sumRows(w, base, d, ids, start, end, o, ob);
            else k.weightedSumRows(w, base, d, ids, weights, start, end, o, ob);
            if (mode == PoolingMode.MEAN && end - start > 1) k.scale(o, ob, d, 1f / (end - start));
        }
        return out;
    }

    /** Accumulates row gradients of the ids used; returns null (ids have no gradient). */
    @Override
    public Tensor backward(Tensor gradOutput) {
        SparseRowGradient g = table.sparseGrad();
        g.clear();
        if (table.frozen()) return null;
        SparseIds x = input;
        int batch = x.batchSize();
        float[] gy = gradOutput.data();
        int[] ids = x.ids();
        int[] offsets = x.offsets();
        float[] weights = x.weights();
        final int d = dim;
        for (int b = 0; b < batch; b++) {
            int start = offsets[b];
            int end = offsets[b + 1];
            if (end == start) continue;
            float scale = mode == PoolingMode.MEAN ? 1f / (end - start) : 1f;
            int ob = b * d;
            for (int i = start; i < end; i++) {
                float s = weights == null ? scale : scale * weights[i];
                int off = g.offsetOrNew(ids[i]);
                // values() is re-read: offsetOrNew may have grown it. A new row is written, not added to zeros.
                if (off >= 0) kernels.axpy(s, gy, ob, g.values(), off, d);
                else kernels.scaleTo(s, gy, ob, g.values(), -off - 1, d);
            }
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public List<Parameter> params() {
        return params;
    }

    public Parameter table() {
        return table;
    }

    public int vocab() {
        return vocab;
    }

    public int dim() {
        return dim;
    }

    public PoolingMode mode() {
        return mode;
    }
}

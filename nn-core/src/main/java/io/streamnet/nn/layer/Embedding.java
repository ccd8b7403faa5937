package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.IdColumn;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.RowKernels;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.List;

/**
 * Lookup of categorical ids in a table: input an {@link IdColumn} of {@code width} ids per example, output
 * {@code [batch, dim]} for width 1 or {@code [batch, width, dim]} otherwise (a sequence, e.g. for a later GRU).
 * Gradients are sparse, touching only the rows looked up (see {@link SparseRowGradient}).
 *
 * <p>A padded column ({@link IdColumn#setLength}) gives a padded sequence: padded positions are zero vectors, their
 * ids are never read and their rows get no gradient (not even a zero row, which a lazy optimizer would still move).
 */
public final class Embedding implements Layer {
    private final String name;
    private final int vocab;
    private final int dim;
    private final int width;
    private final Parameter table;
    private final List<Parameter> params;
    private final Shape outputShape;
    private final Tensor out = new Tensor();
    private IdColumn input;
    private final RowKernels kernels = RowKernels.get();

    public Embedding(String name, int vocab, int dim, int width, Initializer init, Rng rng) {
        if (vocab <= 0) throw new IllegalArgumentException("embedding '" + name + "': vocab must be > 0, got " + vocab);
        if (dim <= 0) throw new IllegalArgumentException("embedding '" + name + "': dim must be > 0, got " + dim);
        this.name = name;
        this.vocab = vocab;
        this.dim = dim;
        this.width = width;
        this.table = Parameter.sparseLineAligned(name, "table", vocab, dim);
        init.fill(table.value(), table.offset(), table.size(), vocab, dim, rng);
        this.params = List.of(table);
        this.outputShape = width == 1 ? Shape.vector(dim) : Shape.sequence(width, dim);
    }

    @Override
    public Tensor forward(Value value, boolean training) {
        IdColumn x = (IdColumn) value;
        if (x.width() != width) {
            throw new IllegalArgumentException("embedding '" + name + "': expected " + width + " ids per example, got " + x.width());
        }
        input = x;
        int batch = x.batchSize();
        if (width == 1) out.resize2(batch, dim); else out.resize3(batch, width, dim);
        float[] o = out.data();
        float[] w = table.value();
        int base = table.offset();
        int[] ids = x.ids();
        int[] lengths = x.lengths();
        if (lengths == null) {
            int n = x.size();
            for (int i = 0; i < n; i++) System.arraycopy(w, base + ids[i] * dim, o, i * dim, dim);
            return out;
        }
        if (width > 1) out.setLengths(lengths);
        for (int b = 0; b < batch; b++) {
            int i = b * width;
            for (int k = 0; k < lengths[b]; k++, i++) System.arraycopy(w, base + ids[i] * dim, o, i * dim, dim);
            java.util.Arrays.fill(o, i * dim, (b + 1) * width * dim, 0f);
        }
        return out;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        SparseRowGradient g = table.sparseGrad();
        g.clear();
        if (table.frozen()) return null;
        float[] gy = gradOutput.data();
        int[] ids = input.ids();
        int batch = input.batchSize();
        final int d = dim;
        for (int b = 0; b < batch; b++) {
            int end = b * width + input.length(b);
            for (int i = b * width; i < end; i++) {
                int off = g.offsetOrNew(ids[i]);
                if (off >= 0) kernels.add(gy, i * d, g.values(), off, d);
                else System.arraycopy(gy, i * d, g.values(), -off - 1, d);
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

    public int width() {
        return width;
    }
}

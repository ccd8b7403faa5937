package io.streamnet.nn.network;

import io.streamnet.nn.loss.Targets;
import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.IdColumn;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;

import java.util.Arrays;
import java.util.List;

/**
 * A reusable minibatch for one network spec: one value per spec input, the targets and optional per-example
 * weights. Fill it, train or predict, refill it; nothing is allocated once the buffers have grown to the
 * largest batch size used.
 * <pre>
 * Batch b = network.newBatch();
 * b.start(n);                                   // n examples; resizes dense inputs, clears bags
 * SparseIds bag = b.sparse("tokens");
 * for (int i = 0; i &lt; n; i++) {
 *     bag.addExample(ids[i], 0, ids[i].length);  // exactly n examples, in order
 *     b.targets().set(i, label[i]);              // or setClass(i, c) for softmax_cross_entropy
 * }
 * network.trainBatch(b);
 * </pre>
 * Dense inputs: write {@code [n, size]} row-major into {@code b.dense("x").data()}; ids: {@code b.ids("user").set(i, id)}.
 */
public final class Batch {
    private final List<InputSpec> inputs;
    private final Value[] values;
    private final Targets targets;
    private float[] weights = new float[16];
    private boolean weighted;
    private int size;

    /** A batch for {@code spec} (the network's {@link Network#newBatch()} is the usual way). */
    public Batch(NetworkSpec spec) {
        this.inputs = spec.inputs();
        this.values = new Value[inputs.size()];
        for (int i = 0; i < values.length; i++) {
            InputSpec in = inputs.get(i);
            values[i] = switch (in.type()) {
                case DENSE -> new Tensor();
                case SPARSE_IDS -> new SparseIds();
                case IDS -> new IdColumn(in.width());
            };
        }
        boolean classes = spec.loss() != null && spec.loss().type().equals("softmax_cross_entropy");
        this.targets = classes ? Targets.classes() : Targets.values(spec.graph().outputWidth());
        start(0);
    }

    /**
     * Starts a batch of {@code n} examples: dense inputs become {@code [n, ...]} (contents unspecified), id columns
     * hold n ids, bags are emptied (add n examples), targets hold n entries, weights are off.
     */
    public Batch start(int n) {
        if (n < 0) throw new IllegalArgumentException("batch size must be >= 0, got " + n);
        size = n;
        weighted = false;
        for (int i = 0; i < values.length; i++) {
            InputSpec in = inputs.get(i);
            Value v = values[i];
            if (v instanceof Tensor t) {
                if (in.time() > 0) t.resize3(n, in.time(), in.size()); else t.resize2(n, in.size());
            } else if (v instanceof SparseIds s) {
                s.clear();
            } else {
                ((IdColumn) v).resize(n);
            }
        }
        targets.resize(n);
        return this;
    }

    /** Number of examples (as set by {@link #start}). */
    public int size() {
        return size;
    }

    private int index(String name) {
        for (int i = 0; i < inputs.size(); i++) if (inputs.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException("no input named '" + name + "' (inputs: "
                + String.join(", ", inputs.stream().map(InputSpec::name).toList()) + ")");
    }

    /** The dense input named {@code name}, shaped [size, ...] by {@link #start}. */
    public Tensor dense(String name) {
        Value v = values[index(name)];
        if (!(v instanceof Tensor t)) throw new IllegalArgumentException("input '" + name + "' is not a dense input");
        return t;
    }

    /** The sparse-ids input named {@code name}, emptied by {@link #start}. */
    public SparseIds sparse(String name) {
        Value v = values[index(name)];
        if (!(v instanceof SparseIds s)) throw new IllegalArgumentException("input '" + name + "' is not a sparse_ids input");
        return s;
    }

    /** The ids input named {@code name}, sized by {@link #start}. */
    public IdColumn ids(String name) {
        Value v = values[index(name)];
        if (!(v instanceof IdColumn c)) throw new IllegalArgumentException("input '" + name + "' is not an ids input");
        return c;
    }

    /** Input {@code i} in spec order. */
    public Value input(int i) {
        return values[i];
    }

    public int inputCount() {
        return values.length;
    }

    public String inputName(int i) {
        return inputs.get(i).name();
    }

    public Targets targets() {
        return targets;
    }

    /** Sets the weight of example {@code i} (turns weights on; examples not set weigh 1). */
    public Batch setWeight(int i, float w) {
        if (!weighted) {
            if (weights.length < size) weights = new float[Math.max(size, weights.length * 2)];
            Arrays.fill(weights, 0, size, 1f);
            weighted = true;
        }
        weights[i] = w;
        return this;
    }

    /** Per-example weights, or null when none was set. */
    public float[] weights() {
        return weighted ? weights : null;
    }
}

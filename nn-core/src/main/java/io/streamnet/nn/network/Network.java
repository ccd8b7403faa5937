package io.streamnet.nn.network;

import io.streamnet.nn.layer.Layer;
import io.streamnet.nn.layer.MergeLayer;
import io.streamnet.nn.layer.Module;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.loss.Loss;
import io.streamnet.nn.loss.Losses;
import io.streamnet.nn.loss.TargetProblem;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.SpecGraph;
import io.streamnet.nn.tensor.IdColumn;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trainable network built from a {@link NetworkSpec}: a small DAG of layers, a loss on the last layer's
 * output, an optimizer and the one seeded generator all randomness comes from. See the package documentation
 * for the API overview. Not thread-safe: one thread trains or scores a network at a time.
 */
public final class Network implements ModelContent {
    private final NetworkSpec spec;
    private final SpecGraph graph;
    private final Rng rng;
    private final Loss loss;
    private final Module[] modules;
    private final Layer[] layers;
    private final MergeLayer[] merges;
    /** Source of each input of each node: >= 0 a layer index, < 0 the network input -(s + 1). */
    private final int[][] sources;
    private final int[] consumers;
    private final Value[] outputs;
    private final Tensor[][] mergeArgs;
    private final Tensor[] gradRef;
    private final Tensor[] gradAcc;
    private final int[] gradSeen;
    private final boolean[] needsGrad;
    private final List<Parameter> params;
    private final Map<String, Module> byName;
    private final Optimizer optimizer;
    private final int outputWidth;
    private final Tensor gradLogits = new Tensor();
    private final Tensor trainPredictions = new Tensor();
    private final Tensor predictions = new Tensor();
    private final TrainingCounters counters = new TrainingCounters();
    /** "input 'name'" per input, built once so that checking a batch allocates nothing. */
    private final String[] inputFields;

    private Network(NetworkSpec spec, boolean trainable, boolean initialize) {
        this.spec = spec;
        this.graph = spec.graph();
        this.rng = new Rng(spec.seed());
        this.loss = Losses.byName(spec.loss().type());
        int n = spec.layers().size();
        this.modules = new Module[n];
        this.layers = new Layer[n];
        this.merges = new MergeLayer[n];
        this.sources = new int[n][];
        this.consumers = new int[n];
        this.outputs = new Value[n];
        this.mergeArgs = new Tensor[n][];
        this.gradRef = new Tensor[n];
        this.gradAcc = new Tensor[n];
        this.gradSeen = new int[n];
        this.needsGrad = new boolean[n];
        this.byName = new LinkedHashMap<>();
        List<Parameter> ps = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < spec.inputs().size(); i++) index.put(spec.inputs().get(i).name(), -(i + 1));
        for (int i = 0; i < n; i++) {
            LayerSpec ls = spec.layers().get(i);
            List<String> ins = graph.inputsOf(i);
            List<SpecGraph.Node> inNodes = ins.stream().map(graph::node).toList();
            Module m = Components.layer(ls, inNodes, rng, initialize);
            modules[i] = m;
            if (m instanceof Layer l) layers[i] = l; else merges[i] = (MergeLayer) m;
            sources[i] = ins.stream().mapToInt(index::get).toArray();
            for (int s : sources[i]) if (s >= 0) consumers[s]++;
            if (merges[i] != null) mergeArgs[i] = new Tensor[ins.size()];
            gradAcc[i] = new Tensor();
            for (Parameter p : m.params()) {
                p.setFrozen(ls.frozen());
                ps.add(p);
            }
            byName.put(ls.name(), m);
            index.put(ls.name(), i);
        }
        this.params = Collections.unmodifiableList(ps);
        this.outputWidth = graph.outputWidth();
        this.inputFields = spec.inputs().stream().map(in -> "input '" + in.name() + "'").toArray(String[]::new);
        this.optimizer = trainable ? Components.optimizer(spec.optimizer(), ps) : null;
        wireGradients();
    }

    /** A trainable network with freshly initialized weights (from the spec's seed). */
    public static Network build(NetworkSpec spec) {
        return new Network(spec, true, true);
    }

    /** A scoring-only network (no optimizer slots, so no memory for them); {@link #trainBatch} is refused. */
    public static Network forScoring(NetworkSpec spec) {
        return new Network(spec, false, true);
    }

    /**
     * A network whose weights are all zero and whose generator has not been used: for decoders that load
     * every weight, slot and the generator state right after (skips the cost of initialization).
     */
    public static Network withoutInitialization(NetworkSpec spec, boolean trainable) {
        return new Network(spec, trainable, false);
    }

    /** Recomputes which nodes need gradients: those with trainable parameters at or before them. */
    private void wireGradients() {
        for (int i = 0; i < modules.length; i++) {
            boolean need = false;
            for (Parameter p : modules[i].params()) need |= !p.frozen();
            for (int s : sources[i]) if (s >= 0) need |= needsGrad[s];
            needsGrad[i] = need;
            if (layers[i] != null) {
                int s = sources[i][0];
                layers[i].setInputGradientNeeded(s >= 0 && needsGrad[s]);
            }
        }
    }

    /** An empty batch shaped for this network's inputs and targets. */
    public Batch newBatch() {
        return new Batch(spec);
    }

    /**
     * One training step on {@code batch}: validate, forward, loss, backward, optimizer update.
     *
     * <p>Invalid input (NaN/infinite feature or target, id out of range, wrong shape) throws
     * {@link InvalidBatchException} naming the field and the example before anything is touched. A batch whose
     * loss or gradient norm is NaN/infinite is not applied (weights, optimizer slots and step unchanged; the
     * generator has advanced if dropout drew from it) and is reported in the result and in {@link #counters()}.
     *
     * @return the status and loss; the pre-update predictions are in {@link #lastTrainingPredictions()}
     */
    public TrainResult trainBatch(Batch batch) {
        return trainBatch(batch, Double.POSITIVE_INFINITY);
    }

    /**
     * {@link #trainBatch(Batch)} with a loss ceiling: a batch whose (finite) loss is above {@code maxLoss} is not
     * applied and is reported as {@link TrainStatus#REJECTED_LOSS_ABOVE_LIMIT}, decided after the forward pass and
     * before any gradient or weight is touched. For divergence guards that compare a batch's loss with its history.
     */
    public TrainResult trainBatch(Batch batch, double maxLoss) {
        if (optimizer == null) throw new IllegalStateException("this network was built for scoring only (Network.forScoring)");
        checkBatch(batch, true);
        int n = batch.size();
        Tensor logits = forward(batch, true);
        double l = loss.lossAndGradient(logits, batch.targets(), batch.weights(), gradLogits, trainPredictions);
        if (!Double.isFinite(l)) {
            counters.rejectedNonFiniteLoss++;
            return new TrainResult(TrainStatus.REJECTED_NONFINITE_LOSS, l, Double.NaN, optimizer.steps(), n);
        }
        if (l > maxLoss) {
            return new TrainResult(TrainStatus.REJECTED_LOSS_ABOVE_LIMIT, l, Double.NaN, optimizer.steps(), n);
        }
        backward();
        double norm = optimizer.gradientNorm();
        if (!Double.isFinite(norm)) {
            counters.rejectedNonFiniteGradient++;
            return new TrainResult(TrainStatus.REJECTED_NONFINITE_GRADIENT, l, norm, optimizer.steps(), n);
        }
        optimizer.step(norm);
        counters.trainedBatches++;
        counters.trainedExamples += n;
        return new TrainResult(TrainStatus.TRAINED, l, norm, optimizer.steps(), n);
    }

    /**
     * Forward (training mode), loss and backward without an update: afterwards every parameter holds the
     * gradient of the batch loss ({@link Parameter#grad()} or its sparse rows). For gradient checks and for
     * trainers that ship gradients elsewhere. Weights, optimizer state and counters are unchanged.
     *
     * @return the batch loss
     */
    public double computeGradients(Batch batch) {
        checkBatch(batch, true);
        Tensor logits = forward(batch, true);
        double l = loss.lossAndGradient(logits, batch.targets(), batch.weights(), gradLogits, trainPredictions);
        backward();
        return l;
    }

    /** The batch loss in inference mode (no dropout), touching no weights, gradients or counters. */
    public double evaluateLoss(Batch batch) {
        checkBatch(batch, true);
        Tensor logits = forward(batch, false);
        return loss.lossAndGradient(logits, batch.targets(), batch.weights(), gradLogits, predictions);
    }

    /**
     * Predictions for {@code batch} (targets are ignored): probabilities for bce_with_logits (sigmoid) and
     * softmax_cross_entropy (softmax), raw outputs for mse. Returns a {@code [batch, outputs]} tensor owned by
     * the network, valid until the next predict call; copy what must be kept.
     *
     * @throws InvalidBatchException for invalid inputs, naming the field and the example
     */
    public Tensor predict(Batch batch) {
        checkBatch(batch, false);
        Tensor logits = forward(batch, false);
        loss.predict(logits, predictions);
        return predictions;
    }

    /** {@link #predict(Batch)} copied into {@code out} (at least {@code batch.size() * outputWidth()} floats). */
    public void predict(Batch batch, float[] out) {
        Tensor p = predict(batch);
        System.arraycopy(p.data(), 0, out, 0, p.size());
    }

    /**
     * Predictions that the last {@link #trainBatch} computed before its update (training mode: with dropout
     * active if the network has dropout). For test-then-train without dropout they equal {@link #predict} on
     * the pre-update model, so one forward pass serves both. Valid until the next trainBatch.
     */
    public Tensor lastTrainingPredictions() {
        return trainPredictions;
    }

    private Value sourceValue(int s, Batch batch) {
        return s >= 0 ? outputs[s] : batch.input(-s - 1);
    }

    private Tensor forward(Batch batch, boolean training) {
        for (int i = 0; i < modules.length; i++) {
            int[] src = sources[i];
            if (layers[i] != null) {
                outputs[i] = layers[i].forward(sourceValue(src[0], batch), training);
            } else {
                Tensor[] args = mergeArgs[i];
                for (int k = 0; k < src.length; k++) args[k] = (Tensor) sourceValue(src[k], batch);
                outputs[i] = merges[i].forward(args, training);
            }
        }
        return (Tensor) outputs[modules.length - 1];
    }

    private void backward() {
        int last = modules.length - 1;
        Arrays.fill(gradRef, null);
        Arrays.fill(gradSeen, 0);
        gradRef[last] = gradLogits;
        for (int i = last; i >= 0; i--) {
            if (!needsGrad[i]) continue;
            Tensor g = gradRef[i];
            int[] src = sources[i];
            if (layers[i] != null) {
                Tensor gx = layers[i].backward(g);
                if (src[0] >= 0 && needsGrad[src[0]]) accumulate(src[0], gx);
            } else {
                Tensor[] gxs = merges[i].backward(g);
                for (int k = 0; k < src.length; k++) if (src[k] >= 0 && needsGrad[src[k]]) accumulate(src[k], gxs[k]);
            }
        }
    }

    /** Adds a consumer's input gradient to node j's output gradient (by reference when j has one consumer). */
    private void accumulate(int j, Tensor gx) {
        if (consumers[j] == 1) {
            gradRef[j] = gx;
            return;
        }
        Tensor acc = gradAcc[j];
        if (gradSeen[j]++ == 0) {
            acc.copyFrom(gx);
            gradRef[j] = acc;
        } else {
            float[] a = acc.data();
            float[] g = gx.data();
            int n = acc.size();
            for (int k = 0; k < n; k++) a[k] += g[k];
        }
    }

    /**
     * Checks a batch against the spec without touching anything: sizes and shapes of all inputs, every dense
     * value finite, every id in range, every bag weight finite, and (if {@code withTargets}) every target valid and
     * every example weight finite and >= 0.
     *
     * @throws InvalidBatchException naming the field and the example's index
     */
    public void checkBatch(Batch batch, boolean withTargets) {
        int n = batch.size();
        if (n == 0) throw new InvalidBatchException("batch", -1, "is empty (call start(n) with n > 0 and fill it)");
        for (int i = 0; i < batch.inputCount(); i++) {
            InputSpec in = spec.inputs().get(i);
            String field = inputFields[i];
            Value v = batch.input(i);
            switch (in.type()) {
                case DENSE -> checkDense(field, (Tensor) v, in, n);
                case SPARSE_IDS -> checkSparse(field, (SparseIds) v, in, n);
                case IDS -> checkIds(field, (IdColumn) v, in, n);
            }
        }
        if (!withTargets) return;
        if (batch.targets().batchSize() != n) {
            throw new InvalidBatchException("targets", -1, "holds " + batch.targets().batchSize() + " examples, the batch has " + n);
        }
        TargetProblem p = loss.checkTargets(batch.targets(), n, outputWidth);
        if (p != null) throw new InvalidBatchException("targets", p.index(), p.problem());
        float[] w = batch.weights();
        if (w != null) {
            for (int b = 0; b < n; b++) {
                if (!Float.isFinite(w[b]) || w[b] < 0f) throw new InvalidBatchException("weights", b, "weight " + w[b] + " must be finite and >= 0");
            }
        }
    }

    private static void checkDense(String field, Tensor t, InputSpec in, int n) {
        boolean shapeOk = t.batchSize() == n && (in.time() > 0
                ? t.rank() == 3 && t.dim(1) == in.time() && t.dim(2) == in.size()
                : t.rank() == 2 && t.dim(1) == in.size());
        if (!shapeOk) {
            String want = in.time() > 0 ? "[" + n + ", " + in.time() + ", " + in.size() + "]" : "[" + n + ", " + in.size() + "]";
            throw new InvalidBatchException(field, -1, "has shape " + t.toString().substring("Tensor".length()) + ", expected " + want);
        }
        float[] d = t.data();
        int per = t.exampleSize();
        int size = t.size();
        for (int k = 0; k < size; k++) {
            if (!Float.isFinite(d[k])) {
                throw new InvalidBatchException(field, k / per, "feature " + (k % per) + " is " + d[k]);
            }
        }
    }

    private static void checkSparse(String field, SparseIds s, InputSpec in, int n) {
        if (s.pendingIds() != 0) {
            throw new InvalidBatchException(field, s.batchSize(), "has " + s.pendingIds() + " ids not closed by endExample()");
        }
        if (s.batchSize() != n) throw new InvalidBatchException(field, -1, "holds " + s.batchSize() + " examples, the batch has " + n);
        int[] ids = s.ids();
        int[] off = s.offsets();
        float[] w = s.weights();
        int vocab = in.vocab();
        for (int b = 0; b < n; b++) {
            for (int k = off[b]; k < off[b + 1]; k++) {
                int id = ids[k];
                if (id < 0 || id >= vocab) {
                    throw new InvalidBatchException(field, b, "id " + id + " (position " + (k - off[b]) + ") is outside [0, " + vocab + ")");
                }
                if (w != null && !Float.isFinite(w[k])) {
                    throw new InvalidBatchException(field, b, "weight of id " + id + " (position " + (k - off[b]) + ") is " + w[k]);
                }
            }
        }
    }

    private static void checkIds(String field, IdColumn c, InputSpec in, int n) {
        if (c.batchSize() != n) throw new InvalidBatchException(field, -1, "holds " + c.batchSize() + " examples, the batch has " + n);
        int[] ids = c.ids();
        int vocab = in.vocab();
        int w = c.width();
        for (int k = 0; k < n * w; k++) {
            if (ids[k] < 0 || ids[k] >= vocab) {
                throw new InvalidBatchException(field, k / w, "id " + ids[k] + " is outside [0, " + vocab + ")");
            }
        }
    }

    /** Number of trainable values (frozen ones included). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : params) n += p.size();
        return n;
    }

    /** All parameters in layer order (names {@code layer.weight}, {@code layer.bias}, {@code layer.table}, ...). */
    @Override
    public List<Parameter> parameters() {
        return params;
    }

    /** The parameter with full name {@code name} (e.g. "hidden.weight"). */
    public Parameter parameter(String name) {
        for (Parameter p : params) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no parameter named '" + name + "'");
    }

    /** The layer named {@code name}. */
    public Module layer(String name) {
        Module m = byName.get(name);
        if (m == null) throw new IllegalArgumentException("no layer named '" + name + "' (layers: " + byName.keySet() + ")");
        return m;
    }

    /** Freezes (or unfreezes) all parameters of a layer: frozen parameters get no gradient and no update. */
    public void setFrozen(String layerName, boolean frozen) {
        for (Parameter p : layer(layerName).params()) p.setFrozen(frozen);
        wireGradients();
    }

    public void freeze(String layerName) {
        setFrozen(layerName, true);
    }

    public void unfreeze(String layerName) {
        setFrozen(layerName, false);
    }

    /** Re-derives gradient wiring after parameters' frozen flags were changed directly (state decoders). */
    public void refreshFrozen() {
        wireGradients();
    }

    /** A copy of all parameter values. */
    public ParameterSnapshot copyParameters() {
        List<ParameterSnapshot.Entry> es = new ArrayList<>();
        for (Parameter p : params) es.add(new ParameterSnapshot.Entry(p.name(), p.rows(), p.cols(), p.value().clone()));
        return new ParameterSnapshot(es);
    }

    /**
     * Loads parameter values from a snapshot whose names and shapes must match this network's exactly.
     *
     * @throws IllegalArgumentException naming the layer, the parameter and both shapes on a mismatch (nothing is
     *                                  loaded then)
     */
    public void loadParameters(ParameterSnapshot snapshot) {
        if (snapshot.entries().size() != params.size()) {
            throw new IllegalArgumentException("snapshot holds " + snapshot.entries().size() + " parameters, the network has "
                    + params.size() + " (" + params.stream().map(Parameter::name).toList() + ")");
        }
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            ParameterSnapshot.Entry e = snapshot.entries().get(i);
            if (!e.name().equals(p.name()) || e.rows() != p.rows() || e.cols() != p.cols() || e.values().length != p.size()) {
                throw new IllegalArgumentException("layer '" + p.layer() + "': parameter '" + p.name() + "' has shape " + p.shapeString()
                        + " in the network, but the snapshot holds '" + e.name() + "' of shape [" + e.rows() + ", " + e.cols() + "]");
            }
        }
        for (int i = 0; i < params.size(); i++) {
            float[] src = snapshot.entries().get(i).values();
            System.arraycopy(src, 0, params.get(i).value(), 0, src.length);
        }
    }

    /** A scoring-only network with a copy of this network's current weights. */
    public Network scoringCopy() {
        Network copy = withoutInitialization(spec, false);
        copy.loadParameters(copyParameters());
        copy.rng.setState(rng.state());
        return copy;
    }

    public NetworkSpec spec() {
        return spec;
    }

    /** The network's one generator (initialization, dropout, shuffling helpers); its state is model state. */
    public Rng rng() {
        return rng;
    }

    /** The optimizer, or null for a scoring-only network. */
    public Optimizer optimizer() {
        return optimizer;
    }

    public boolean trainable() {
        return optimizer != null;
    }

    public Loss loss() {
        return loss;
    }

    public TrainingCounters counters() {
        return counters;
    }

    /** Values per example of the output (units of the last layer). */
    public int outputWidth() {
        return outputWidth;
    }

    /** Layer names in spec order. */
    public List<String> layerNames() {
        return List.copyOf(byName.keySet());
    }
}

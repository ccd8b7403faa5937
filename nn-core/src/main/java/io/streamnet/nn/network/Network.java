package io.streamnet.nn.network;

import io.streamnet.nn.layer.Module;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.loss.Loss;
import io.streamnet.nn.loss.Losses;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.SpecGraph;
import io.streamnet.nn.tensor.Tensor;
import java.util.List;

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
    /** The layers wired as a graph: their forward and backward passes and which need a gradient. */
    private final LayerGraph layerGraph;
    private final Optimizer optimizer;
    private final int outputWidth;
    private final Tensor gradLogits = new Tensor();
    private final Tensor trainPredictions = new Tensor();
    private final Tensor predictions = new Tensor();
    private final TrainingCounters counters = new TrainingCounters();
    private final BatchCheck batchCheck;
    /** Whether a {@link #forwardForTraining} waits for its {@link #trainFromOutputGradient}. */
    private boolean outputGradientPending;

    private Network(NetworkSpec spec, boolean trainable, boolean initialize) {
        this.spec = spec;
        this.graph = spec.graph();
        this.rng = new Rng(spec.seed());
        this.loss = Losses.byName(spec.loss().type());
        this.layerGraph = new LayerGraph(spec, graph, rng, initialize);
        this.outputWidth = graph.outputWidth();
        this.batchCheck = new BatchCheck(spec, loss, outputWidth);
        this.optimizer = trainable ? Components.optimizer(spec.optimizer(), layerGraph.params) : null;
    }

    /**
     * A trainable network with freshly initialized weights (from the spec's seed), then, if the spec has a
     * {@code transfer}, the chosen layers' weights copied from the model state file it names ({@link Transfer}).
     */
    public static Network build(NetworkSpec spec) {
        Network net = new Network(spec, true, true);
        if (spec.transfer() != null) Transfer.apply(net, spec.transfer());
        return net;
    }

    /**
     * A scoring-only network (no optimizer slots, so no memory for them); {@link #trainBatch} is refused. Its weights
     * come from a snapshot or state loaded next, so a {@code transfer} of the spec is not read (a scorer elsewhere
     * need not have the file).
     */
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

    /**
     * Whether the backward pass of {@link #trainBatch}, {@link #computeGradients} and
     * {@link #trainFromOutputGradient} also computes the gradient of the loss with respect to the dense input
     * {@code input}, read afterwards from {@link #inputGradient}. Off by default (it costs the first layer's
     * input product); for networks trained through another one, e.g. a GAN's discriminator, whose input gradient
     * trains the generator. Not model state: a decoded network starts with it off.
     *
     * @throws IllegalArgumentException if there is no such input or it is not dense
     */
    public void setInputGradientNeeded(String input, boolean needed) {
        layerGraph.inputGrads.setNeeded(input, needed);
        layerGraph.wireGradients();
    }

    /**
     * The gradient of the last backward pass's loss with respect to the dense input {@code input}, shaped like
     * that input ({@code [batch, size]}); owned by the network and overwritten by the next backward pass.
     *
     * @throws IllegalStateException if {@link #setInputGradientNeeded} was not turned on for it
     */
    public Tensor inputGradient(String input) {
        return layerGraph.inputGrads.get(input);
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

    /**
     * The first half of a step whose output gradient comes from outside the network (a GAN's generator, trained
     * through its discriminator): validates the inputs (targets are ignored) and runs the forward pass in
     * training mode. Returns the outputs ({@code [batch, outputWidth]}, owned by the network, valid until its next
     * forward); follow with {@link #trainFromOutputGradient}.
     *
     * @throws InvalidBatchException for invalid inputs, naming the field and the example
     */
    public Tensor forwardForTraining(Batch batch) {
        if (optimizer == null) throw new IllegalStateException("this network was built for scoring only (Network.forScoring)");
        checkBatch(batch, false);
        Tensor out = forward(batch, true);
        outputGradientPending = true;
        return out;
    }

    /**
     * The second half of that step: backward from {@code gradOutput} (the gradient of the caller's loss with
     * respect to the outputs of the last {@link #forwardForTraining}, same shape), then the optimizer update,
     * under the same guard as {@link #trainBatch}: a non-finite gradient is not applied and is counted. The
     * network has no loss of its own here, so the result's loss is NaN.
     *
     * @throws IllegalStateException without a preceding forwardForTraining (each forward serves one step)
     * @throws IllegalArgumentException if {@code gradOutput}'s shape differs from the outputs'
     */
    public TrainResult trainFromOutputGradient(Tensor gradOutput) {
        if (!outputGradientPending) throw new IllegalStateException("trainFromOutputGradient needs a forwardForTraining before it");
        Tensor out = layerGraph.output();
        checkOutputGradient(gradOutput, out);
        outputGradientPending = false;
        int n = out.batchSize();
        gradLogits.copyFrom(gradOutput);
        backward();
        double norm = optimizer.gradientNorm();
        if (!Double.isFinite(norm)) {
            counters.rejectedNonFiniteGradient++;
            return new TrainResult(TrainStatus.REJECTED_NONFINITE_GRADIENT, Double.NaN, norm, optimizer.steps(), n);
        }
        optimizer.step(norm);
        counters.trainedBatches++;
        counters.trainedExamples += n;
        return new TrainResult(TrainStatus.TRAINED, Double.NaN, norm, optimizer.steps(), n);
    }

    /**
     * The raw outputs (logits) of {@code batch} as the model scores (inference mode: no dropout), and the gradient of
     * the outputs weighted by {@code gradOutput} (shaped like the outputs: {@code [batch.size(), outputWidth]}) with
     * respect to the dense inputs that asked for one ({@link #setInputGradientNeeded}), read afterwards from
     * {@link #inputGradient}. For attributions (integrated gradients): no weight, optimizer slot or counter changes;
     * the gradients of parameters that are not frozen are overwritten. Returns a tensor owned by the network.
     *
     * @throws InvalidBatchException for invalid inputs, naming the field and the example
     * @throws IllegalArgumentException if {@code gradOutput}'s shape differs from the outputs'
     */
    public Tensor scoreWithInputGradients(Batch batch, Tensor gradOutput) {
        checkBatch(batch, false);
        Tensor out = forward(batch, false);
        checkOutputGradient(gradOutput, out);
        gradLogits.copyFrom(gradOutput);
        backward();
        return out;
    }

    private static void checkOutputGradient(Tensor gradOutput, Tensor out) {
        if (gradOutput.size() != out.size() || gradOutput.batchSize() != out.batchSize()) {
            throw new IllegalArgumentException("output gradient has " + gradOutput.batchSize() + " rows and " + gradOutput.size()
                    + " values, the outputs " + out.batchSize() + " and " + out.size());
        }
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

    private Tensor forward(Batch batch, boolean training) {
        outputGradientPending = false;
        return layerGraph.forward(batch, training);
    }

    private void backward() {
        layerGraph.backward(gradLogits);
    }

    /**
     * Checks a batch against the spec without touching anything ({@link BatchCheck}).
     *
     * @throws InvalidBatchException naming the field and the example's index
     */
    public void checkBatch(Batch batch, boolean withTargets) {
        batchCheck.check(batch, withTargets);
    }

    /** Number of trainable values (frozen ones included). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : layerGraph.params) n += p.size();
        return n;
    }

    /** All parameters in layer order (names {@code layer.weight}, {@code layer.bias}, {@code layer.table}, ...). */
    @Override
    public List<Parameter> parameters() {
        return layerGraph.params;
    }

    /** The parameter with full name {@code name} (e.g. "hidden.weight"). */
    public Parameter parameter(String name) {
        for (Parameter p : layerGraph.params) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("no parameter named '" + name + "'");
    }

    /** The layer named {@code name}. */
    public Module layer(String name) {
        Module m = layerGraph.byName.get(name);
        if (m == null) throw new IllegalArgumentException("no layer named '" + name + "' (layers: " + layerGraph.byName.keySet() + ")");
        return m;
    }

    /** Freezes (or unfreezes) all parameters of a layer: frozen parameters get no gradient and no update. */
    public void setFrozen(String layerName, boolean frozen) {
        for (Parameter p : layer(layerName).params()) p.setFrozen(frozen);
        layerGraph.wireGradients();
    }

    /** Re-derives gradient wiring after parameters' frozen flags were changed directly (state decoders). */
    public void refreshFrozen() {
        layerGraph.wireGradients();
    }

    /** A copy of all parameter values. */
    public ParameterSnapshot copyParameters() {
        return ParameterSnapshot.of(layerGraph.params);
    }

    /** Loads parameter values whose names and shapes match this network's ({@link ParameterSnapshot#loadInto}). */
    public void loadParameters(ParameterSnapshot snapshot) {
        snapshot.loadInto(layerGraph.params);
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
        return List.copyOf(layerGraph.byName.keySet());
    }
}

package io.streamnet.nn.reco;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.SparseRowGradient;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.RowKernels;
import java.util.Arrays;
import java.util.List;

/**
 * The ranking half of a training step: picks the batch's positives whose item has a row, draws each one's negatives
 * (with probability proportional to popularity^exponent, from the model's generator, never the positive or an item
 * the user has interacted with; with {@code hard_pool} the hardest of a larger draw, {@link HardNegatives}), computes the spec's loss over {@code u . Q[j] + b[j]} with its gradients into the
 * item table, the bias and the user tower, and applies the optimizer unless the loss or the gradient is not finite.
 * The three parts are separate methods so that the gradient checks can evaluate the loss with the negatives fixed.
 */
final class RankingTrainer {
    private final RowKernels kernels = RowKernels.get();
    private final RecommenderSpec spec;
    private final IdVocabulary items;
    private final Parameter itemEmbedding;
    private final Parameter itemBias;
    private final UserTower tower;
    private final List<Parameter> params;
    private final Optimizer optimizer;
    private final PopularitySampler sampler;
    private final Rng rng;
    private final int dim;
    private final int[] contextRows;
    private final float[] u;
    private final float[] gradU;
    private final int[] candidates;
    private final float[] logits;
    private final float[] gradLogits;
    /** The adversarial choice among a larger popularity draw; null with popularity sampling only. */
    private final HardNegatives hard;
    private final int[] pool;
    /** The current batch's examples: event index, candidate rows (positive first), candidate count. */
    private int[] exampleEvents = new int[0];
    private int[] exampleCandidates = new int[0];
    private int[] exampleSizes = new int[0];
    private int examples;
    /** The model's counters (state), indexed by the constants of {@link Recommender}. */
    private final long[] counters;

    /**
     * @param params   the ranking parameters (item table, bias, the tower's own), all updated by {@code optimizer}
     * @param counters the model's counters, which this trainer advances
     */
    RankingTrainer(RecommenderSpec spec, IdVocabulary items, Parameter itemEmbedding, Parameter itemBias,
                   UserTower tower, List<Parameter> params, Optimizer optimizer, PopularitySampler sampler, Rng rng,
                   long[] counters) {
        this.counters = counters;
        this.spec = spec;
        this.items = items;
        this.itemEmbedding = itemEmbedding;
        this.itemBias = itemBias;
        this.tower = tower;
        this.params = params;
        this.optimizer = optimizer;
        this.sampler = sampler;
        this.rng = rng;
        this.dim = spec.dim();
        this.contextRows = new int[spec.history().length()];
        this.u = new float[dim];
        this.gradU = new float[dim];
        int maxCandidates = 1 + spec.negatives().count();
        this.candidates = new int[maxCandidates];
        this.logits = new float[maxCandidates];
        this.gradLogits = new float[maxCandidates];
        RecommenderSpec.Negatives n = spec.negatives();
        this.hard = n.adversarial() ? new HardNegatives(n.count() * n.hardPool(), n.temperature()) : null;
        this.pool = n.adversarial() ? new int[n.count() * n.hardPool()] : null;
    }

    /**
     * The ranking step on the batch's positives with a row; false if there were none or the step was refused.
     *
     * @param userRows the rows of the batch's users, in batch order
     * @param itemRows the rows of the batch's items
     */
    boolean step(TrainingBatch batch, int[] userRows, int[] itemRows) {
        if (prepare(batch, userRows, itemRows) == 0) {
            return false;
        }
        return apply(lossAndGradients(batch, userRows)).trained();
    }

    /**
     * Applies the gradients {@link #lossAndGradients} left for {@code loss}, unless the loss or the gradient is not
     * finite (then nothing changes and the refusal is counted).
     */
    TrainStatus apply(double loss) {
        if (!Double.isFinite(loss)) {
            counters[Recommender.REFUSED_RANKING_STEPS]++;
            return TrainStatus.REJECTED_NONFINITE_LOSS;
        }
        double norm = optimizer.gradientNorm();
        if (!Double.isFinite(norm)) {
            counters[Recommender.REFUSED_RANKING_STEPS]++;
            return TrainStatus.REJECTED_NONFINITE_GRADIENT;
        }
        optimizer.step(norm);
        counters[Recommender.RANKING_STEPS]++;
        counters[Recommender.RANKING_EXAMPLES] += examples;
        return TrainStatus.TRAINED;
    }

    /**
     * Chooses the batch's ranking examples (positives whose item has a row) and draws their negatives; an example
     * that gets no negative is dropped (except with BCE, which can learn from the positive alone). Returns how many.
     */
    int prepare(TrainingBatch batch, int[] userRows, int[] itemRows) {
        int width = 1 + spec.negatives().count();
        if (exampleEvents.length < batch.size()) {
            exampleEvents = new int[batch.size()];
            exampleSizes = new int[batch.size()];
            exampleCandidates = new int[batch.size() * width];
        }
        examples = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (!batch.positive(i) || itemRows[i] == IdVocabulary.SHARED_ROW) {
                continue;
            }
            int negatives = hard == null ? drawNegatives(itemRows[i], batch.history(i), candidates, 1,
                    spec.negatives().count()) : drawHardNegatives(batch, i, userRows[i], itemRows[i]);
            if (negatives == 0 && spec.loss() != RankingLoss.BCE) {
                continue; // nothing to rank the positive against
            }
            candidates[0] = itemRows[i];
            System.arraycopy(candidates, 0, exampleCandidates, examples * width, negatives + 1);
            exampleEvents[examples] = i;
            exampleSizes[examples++] = negatives + 1;
        }
        return examples;
    }

    /**
     * The mean ranking loss of the prepared examples, with every ranking parameter's gradient of it (the weights are
     * not changed): a pure function of the weights once the negatives are drawn, which the gradient checks use.
     */
    double lossAndGradients(TrainingBatch batch, int[] userRows) {
        clearGradients();
        int width = 1 + spec.negatives().count();
        float scale = 1f / examples; // the loss is the mean over the batch's examples
        double loss = 0;
        for (int e = 0; e < examples; e++) {
            int i = exampleEvents[e];
            userVector(batch, i, userRows[i]);
            System.arraycopy(exampleCandidates, e * width, candidates, 0, exampleSizes[e]);
            loss += exampleLossAndGradients(exampleSizes[e] - 1, scale);
            tower.backward(gradU);
        }
        return loss * scale;
    }

    /** The user vector of event {@code i} into {@link #u}: the tower over its history. */
    private void userVector(TrainingBatch batch, int i, int userRow) {
        long[] context = batch.context();
        int off = batch.contextOffset(i);
        int count = batch.contextCount(i);
        for (int k = 0; k < count; k++) {
            contextRows[k] = items.rowOf(context[off + k]);
        }
        tower.forward(contextRows, count, userRow, u, 0);
    }

    /** The batch index of the event behind prepared example {@code e}. */
    int exampleEvent(int e) {
        return exampleEvents[e];
    }

    /** Negative rows of prepared example {@code e} (for tests: none may be an item the user interacted with). */
    int[] negativesOf(int e) {
        int width = 1 + spec.negatives().count();
        return Arrays.copyOfRange(exampleCandidates, e * width + 1, e * width + exampleSizes[e]);
    }

    /**
     * Loss of {@code candidates[0]} (the positive) against {@code candidates[1..negatives]} for the user vector
     * {@link #u}; adds the item rows' and biases' gradients (times {@code scale}) and leaves dLoss/du in
     * {@link #gradU}.
     */
    private double exampleLossAndGradients(int negatives, float scale) {
        int n = negatives + 1;
        float[] q = itemEmbedding.value();
        float[] b = itemBias.value();
        boolean logQ = spec.logQ();
        for (int j = 0; j < n; j++) {
            int row = candidates[j];
            logits[j] = VectorMath.dot(u, 0, q, row * dim, dim) + b[row];
            if (logQ && j > 0) {
                // Importance weight of a sampled negative in the partition function: 1 / (negatives * q(row)).
                logits[j] -= (float) StrictMath.log(negatives * sampler.probability(row));
            }
        }
        double loss = spec.loss().lossAndGradient(logits, n, gradLogits);
        Arrays.fill(gradU, 0f);
        SparseRowGradient gq = itemEmbedding.sparseGrad();
        SparseRowGradient gb = itemBias.sparseGrad();
        for (int j = 0; j < n; j++) {
            int row = candidates[j];
            float g = gradLogits[j] * scale;
            int off = gq.offsetOf(row);
            kernels.axpy(g, u, 0, gq.values(), off, dim);
            int boff = gb.offsetOf(row);
            gb.values()[boff] += g;
            kernels.axpy(g, q, row * dim, gradU, 0, dim);
        }
        return loss;
    }

    /**
     * Draws up to {@code want} negatives into {@code out[from..]} by popularity, rejecting the positive and items the
     * user has interacted with; gives up after {@code want * max_tries} draws. Returns how many were drawn.
     */
    private int drawNegatives(int target, UserHistory history, int[] out, int from, int want) {
        if (sampler.isEmpty()) {
            return 0;
        }
        int tries = want * spec.negatives().maxTries();
        int m = 0;
        for (int t = 0; t < tries && m < want; t++) {
            int row = sampler.draw(rng);
            counters[Recommender.NEGATIVES_DRAWN]++;
            if (row == target || history.hasInteracted(items.idAt(row))) {
                counters[Recommender.NEGATIVES_REJECTED]++;
                continue;
            }
            out[from + m++] = row;
        }
        return m;
    }

    /**
     * {@code hard_pool * count} popularity draws, of which {@code count} are kept into {@code candidates[1..]} by the
     * current model's scores for event {@code i}'s user ({@link HardNegatives}). Returns how many were kept.
     */
    private int drawHardNegatives(TrainingBatch batch, int i, int userRow, int target) {
        int drawn = drawNegatives(target, batch.history(i), pool, 0, pool.length);
        int want = spec.negatives().count();
        if (drawn <= want) {
            System.arraycopy(pool, 0, candidates, 1, drawn);
            return drawn;
        }
        userVector(batch, i, userRow);
        float[] q = itemEmbedding.value();
        float[] b = itemBias.value();
        for (int k = 0; k < drawn; k++) {
            hard.score(k, VectorMath.dot(u, 0, q, pool[k] * dim, dim) + b[pool[k]], rng);
        }
        return hard.keep(pool, drawn, want, candidates, 1);
    }

    private void clearGradients() {
        for (Parameter p : params) {
            if (p.isSparse()) {
                p.sparseGrad().clear();
            } else {
                Arrays.fill(p.grad(), 0f);
            }
        }
    }
}

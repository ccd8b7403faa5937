package io.streamnet.nn.reco;

import io.streamnet.nn.init.Initializers;
import io.streamnet.nn.kernel.Gemm;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.Recurrent;
import io.streamnet.nn.layer.SparseRowGradient;
import io.streamnet.nn.optim.AdaGrad;
import io.streamnet.nn.optim.LearningRateSchedule;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.tensor.Shape;
import io.streamnet.nn.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Next-item prediction in a session: a GRU reads the vectors of the session's last items (oldest first) and its
 * last state h is the session vector; item j scores {@code h . Q[j] + b[j]}, so the whole catalogue is ranked by one
 * matrix-vector product. The hybrid scores {@code a (h . Q[j]) + b[j] + w log(1 + s knn_j) + r[k]}: a learned mix
 * {@code a} (from 0) of the GRU's score, the item-kNN score ({@link SessionItemKnn}), and for an item of the
 * session's window a learned re-view score per position k from the latest view.
 *
 * <p>Item rows are those of the caller's {@link IdVocabulary} (real ids, no hashing). Training: the ranking loss of
 * the next item against negatives drawn by popularity^exponent from the model's seeded generator, never the
 * positive; AdaGrad on every parameter, the item tables lazily (only the rows an example touched). Every random
 * choice comes from the model's generator and every sum has a fixed order, so the same seed and stream give
 * bit-identical weights.
 */
public final class SessionGru {
    private final SessionGruSpec spec;
    private final Rng rng;
    private final Parameter items;
    private final Parameter inputs;
    private final Parameter bias;
    private final Parameter knnWeight;
    private final Parameter repeatWeights;
    private final Parameter gruScale;
    private final Recurrent gru;
    private final List<Parameter> params = new ArrayList<>();
    private final AdaGrad optimizer;
    private final PopularitySampler sampler;

    private final Tensor input = new Tensor();
    private final Tensor gradSession = new Tensor();
    private float[] session;
    /** The example: the session's rows, the positive then the negatives, their logit shifts (logQ), logits. */
    private final int[] recent;
    private int recentLength;
    private final int[] candidates;
    private final float[] shifts;
    private final float[] logits;
    private final float[] dLogits;
    private int candidateCount;
    private SessionItemKnn knn;
    private long refused;

    public SessionGru(SessionGruSpec spec) {
        this.spec = spec;
        this.rng = new Rng(spec.seed());
        int dim = spec.dim();
        items = Parameter.sparse("session", "items", spec.capacity(), dim);
        Initializers.normal(spec.initStd()).fill(items.value(), 0, items.size(), dim, dim, rng);
        if (spec.tied()) {
            inputs = items;
        } else {
            inputs = Parameter.sparse("session", "inputs", spec.capacity(), dim);
            Initializers.normal(spec.initStd()).fill(inputs.value(), 0, inputs.size(), dim, dim, rng);
        }
        bias = Parameter.sparse("session", "item_bias", spec.capacity(), 1);
        gru = Recurrent.gru("session_gru", Shape.sequence(spec.length(), dim), dim, 0, Recurrent.Output.LAST,
                Initializers.xavierUniform(), rng);
        params.add(items);
        if (!spec.tied()) {
            params.add(inputs);
        }
        params.add(bias);
        params.addAll(gru.params());
        knnWeight = spec.knnFeature() ? Parameter.dense("session", "knn_weight", 1, 1) : null;
        if (knnWeight != null) {
            params.add(knnWeight);
        }
        gruScale = spec.hybrid() ? Parameter.dense("session", "gru_scale", 1, 1) : null;
        if (gruScale != null) {
            params.add(gruScale); // from 0: the hybrid starts as its features and takes the GRU in as it helps
        }
        repeatWeights = spec.repeatFeature() ? Parameter.dense("session", "repeat_weights", 1, spec.length()) : null;
        if (repeatWeights != null) {
            params.add(repeatWeights);
        }
        optimizer = new AdaGrad(params, LearningRateSchedule.constant(spec.lr()), 1e-10f, 0f, 0f, 0f);
        sampler = new PopularitySampler(spec.capacity(), spec.exponent());
        recent = new int[spec.length()];
        candidates = new int[spec.negatives() + 1];
        shifts = new float[spec.negatives() + 1];
        logits = new float[spec.negatives() + 1];
        dLogits = new float[spec.negatives() + 1];
        gradSession.resize2(1, dim);
    }

    public SessionGruSpec spec() {
        return spec;
    }

    /** Every parameter, in a fixed order (the item table first). */
    public List<Parameter> parameters() {
        return params;
    }

    /** The hybrid's learned weight of the kNN feature, NaN without it. */
    public double knnWeight() {
        return knnWeight == null ? Double.NaN : knnWeight.value()[0];
    }

    /** Examples whose loss or gradient was not finite, not learned from. */
    public long refused() {
        return refused;
    }

    /** Counts one view of {@code row} for the negative sampler. */
    void observe(int row) {
        sampler.increment(row);
    }

    /**
     * Runs the GRU over the session's last rows {@code rows[0, len)} (oldest first, {@code len >= 1}); the kNN
     * scores (the hybrid's feature) are those of the same session, or null.
     */
    void encode(int[] rows, int len, SessionItemKnn knn) {
        if (rows != recent) {
            System.arraycopy(rows, 0, recent, 0, len);
        }
        recentLength = len;
        this.knn = knn;
        int dim = spec.dim();
        input.resize3(1, len, dim);
        float[] x = input.data();
        float[] table = inputs.value();
        for (int t = 0; t < len; t++) {
            System.arraycopy(table, recent[t] * dim, x, t * dim, dim);
        }
        session = gru.forward(input, true).data();
    }

    /** Scores of item rows {@code [1, end)} for the last {@link #encode}d session, into {@code out[row]}. */
    void scoreAll(int end, float[] out) {
        int dim = spec.dim();
        // Q[1, end) h in one product (the GEMM kernel's vector paths), then the bias and the features
        Gemm.sgemm(false, false, end - 1, 1, dim, gruScale(), items.value(), dim, dim, session, 0, 1, 0f, out, 1, 1);
        float[] b = bias.value();
        for (int row = 1; row < end; row++) {
            out[row] += b[row];
        }
        if (knnWeight != null && knn != null) {
            float w = knnWeight.value()[0];
            int[] rows = knn.touchedRows();
            for (int i = 0, n = knn.touchedCount(); i < n; i++) {
                if (rows[i] < end) {
                    out[rows[i]] += w * knn.feature(rows[i]);
                }
            }
        }
        if (repeatWeights != null) {
            // each window item, not each row: the window is short
            float[] r = repeatWeights.value();
            for (int p = 0; p < recentLength; p++) {
                int row = recent[p];
                if (row != IdVocabulary.SHARED_ROW && row < end) {
                    out[row] += r[recentLength - 1 - p];
                }
            }
        }
    }

    /** The GRU's score and the kNN feature's. */
    private float baseScore(int row) {
        int dim = spec.dim();
        float s = gruScale() * VectorMath.dot(session, 0, items.value(), row * dim, dim) + bias.value()[row];
        return knnWeight != null && knn != null ? s + knnWeight.value()[0] * knn.feature(row) : s;
    }

    /** The hybrid's weight of the GRU's score (1 for the GRU alone). */
    public float gruScale() {
        return gruScale == null ? 1f : gruScale.value()[0];
    }

    /** The full score of one row (the training path). */
    private float score(int row) {
        float s = baseScore(row);
        if (repeatWeights != null) {
            float[] r = repeatWeights.value();
            for (int p = 0; p < recentLength; p++) {
                if (recent[p] == row) {
                    s += r[recentLength - 1 - p];
                }
            }
        }
        return s;
    }

    /**
     * Learns that the last {@link #encode}d session went on to {@code positive}: draws negatives, computes the
     * loss and gradients, updates. Nothing is learned when no negative can be drawn or a value is not finite.
     */
    void train(int positive) {
        if (!drawNegatives(positive)) {
            return;
        }
        double loss = lossAndGradients(false); // the GRU's last forward is this session's, from encode
        double norm = optimizer.gradientNorm();
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            refused++;
            return;
        }
        optimizer.step(norm);
    }

    /** The positive and up to {@code negatives} draws other than it; false if none could be drawn. */
    boolean drawNegatives(int positive) {
        candidates[0] = positive;
        shifts[0] = 0f;
        candidateCount = 1;
        if (sampler.isEmpty()) {
            return false;
        }
        for (int k = 0; k < spec.negatives(); k++) {
            for (int tries = 0; tries < spec.maxTries(); tries++) {
                int row = sampler.draw(rng);
                if (row != positive) {
                    candidates[candidateCount] = row;
                    // logQ: the sampled sum then estimates the full softmax's normaliser
                    shifts[candidateCount] = spec.logq()
                            ? (float) StrictMath.log(spec.negatives() * sampler.probability(row)) : 0f;
                    candidateCount++;
                    break;
                }
            }
        }
        return candidateCount > 1;
    }

    /**
     * Forward and backward of the drawn example from the current weights: writes every parameter's gradient and
     * returns the loss. Repeatable (the negatives stay), so that finite differences can check it.
     */
    double lossAndGradients() {
        return lossAndGradients(true);
    }

    /** @param forward run the GRU again (false: its last forward is the drawn example's, with the current weights) */
    private double lossAndGradients(boolean forward) {
        if (forward) {
            encode(recent, recentLength, knn);
        }
        for (int c = 0; c < candidateCount; c++) {
            logits[c] = score(candidates[c]) - shifts[c];
        }
        double loss = spec.loss().lossAndGradient(logits, candidateCount, dLogits);
        int dim = spec.dim();
        float[] q = items.value();
        float[] dh = gradSession.data();
        Arrays.fill(dh, 0, dim, 0f);
        SparseRowGradient dItems = items.sparseGrad();
        SparseRowGradient dBias = bias.sparseGrad();
        dItems.clear();
        dBias.clear();
        if (inputs != items) {
            inputs.sparseGrad().clear();
        }
        float dWeight = 0f;
        float dScale = 0f;
        float scale = gruScale();
        if (repeatWeights != null) {
            Arrays.fill(repeatWeights.grad(), 0f);
        }
        for (int c = 0; c < candidateCount; c++) {
            int row = candidates[c];
            float g = dLogits[c];
            int off = dItems.offsetOf(row);
            float[] gq = dItems.values();
            for (int i = 0; i < dim; i++) {
                dh[i] += scale * g * q[row * dim + i];
                gq[off + i] += scale * g * session[i];
            }
            dScale += g * VectorMath.dot(session, 0, q, row * dim, dim);
            int b = dBias.offsetOf(row); // before values(): a new row may grow the array
            dBias.values()[b] += g;
            if (knn != null) {
                dWeight += g * knn.feature(row);
            }
            if (repeatWeights != null) {
                for (int p = 0; p < recentLength; p++) {
                    if (recent[p] == row) {
                        repeatWeights.grad()[recentLength - 1 - p] += g;
                    }
                }
            }
        }
        if (knnWeight != null) {
            knnWeight.grad()[0] = dWeight;
        }
        if (gruScale != null) {
            gruScale.grad()[0] = dScale;
        }
        float[] dx = gru.backward(gradSession).data();
        SparseRowGradient dInputs = inputs.sparseGrad();
        for (int t = 0; t < recentLength; t++) {
            int off = dInputs.offsetOf(recent[t]);
            float[] gi = dInputs.values();
            for (int i = 0; i < dim; i++) {
                gi[off + i] += dx[t * dim + i];
            }
        }
        return loss;
    }
}

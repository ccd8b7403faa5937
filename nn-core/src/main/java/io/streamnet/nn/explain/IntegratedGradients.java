package io.streamnet.nn.explain;

import io.streamnet.nn.layer.EmbeddingBag;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.Tensor;

/**
 * Integrated gradients (Sundararajan et al. 2017) on the token embeddings of a bag network (an embedding bag, then
 * any layers): the attribution of bag entry i is {@code (e_i - 0) . mean over the path of d logit / d e_i}, along the
 * straight line from the baseline, every token embedding zero (the pooled input of a text without tokens), to the
 * text's embeddings.
 *
 * <p>Because the bag pools linearly ({@code h = s * sum e_i}, s = 1/n for mean, 1 for sum), the point at fraction a of
 * the path is {@code a * h} and {@code d logit / d e_i = s * grad_h}; so one batch of {@code steps} pooled inputs
 * through the layers after the bag gives every entry's attribution: {@code s * e_i . G}, G the mean of the head's input
 * gradients at the midpoints {@code a = (j + 0.5) / steps}. Repeated ids and ids two n-grams share (hash
 * collisions) are separate entries of the bag and each gets its own row's share. The cost is that batch plus one dot
 * product per entry, whatever the vocabulary.
 *
 * <p>Gradient times input is the one-step special case at a = 1; the midpoint rule is used instead because a ReLU
 * network's gradient changes along the path and completeness is what makes the numbers add up to the prediction.
 * One instance per thread (it reuses its batch).
 */
public final class IntegratedGradients {
    /** The default number of path points: completeness within a few percent on the default sentiment model. */
    public static final int DEFAULT_STEPS = 32;

    private final BagHead head;
    private final int steps;
    private final Batch batch;
    private final Tensor gradOutput = new Tensor();
    private final float[] pooled;
    private final double[] meanGradient;

    /**
     * @param spec  a bag network's spec (one sparse input read by an embedding bag first; one output, bce_with_logits)
     * @param steps path points, >= 1
     * @throws IllegalArgumentException if the spec is not such a network, or steps < 1
     */
    public IntegratedGradients(NetworkSpec spec, int steps) {
        if (steps < 1) throw new IllegalArgumentException("integrated gradients need steps >= 1, got " + steps);
        this.head = new BagHead(spec);
        this.steps = steps;
        this.batch = head.network.newBatch();
        this.pooled = new float[head.dim];
        this.meanGradient = new double[head.dim];
    }

    public int steps() {
        return steps;
    }

    /** The name of the sparse input the bag reads. */
    public String inputName() {
        return head.input;
    }

    /**
     * Attributions of the bag {@code ids[0, count)} under {@code network}'s current weights.
     *
     * @param network a network of the spec this instance was made for (its weights are read, never changed)
     * @throws IllegalArgumentException if an id is outside the vocabulary
     */
    public BagAttribution attribute(Network network, int[] ids, int count) {
        EmbeddingBag bag = head.bagOf(network);
        head.copyWeightsFrom(network);
        float[] table = bag.table().value();
        int dim = head.dim;
        float scale = head.mean && count > 0 ? 1f / count : 1f;
        java.util.Arrays.fill(pooled, 0f);
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            if (id < 0 || id >= bag.vocab()) {
                throw new IllegalArgumentException("id " + id + " at bag entry " + i + " is outside the vocabulary [0, " + bag.vocab() + ")");
            }
            for (int j = 0; j < dim; j++) pooled[j] += table[id * dim + j];
        }
        for (int j = 0; j < dim; j++) pooled[j] *= scale;

        // rows: 0 the baseline, 1 the text, then the midpoints; only the midpoints' gradients are summed (weight 1/steps)
        int rows = steps + 2;
        batch.start(rows);
        float[] x = batch.dense(head.bagLayer).data();
        gradOutput.resize2(rows, 1);
        float[] g = gradOutput.data();
        for (int r = 0; r < rows; r++) {
            float a = r == 0 ? 0f : r == 1 ? 1f : (r - 2 + 0.5f) / steps;
            for (int j = 0; j < dim; j++) x[r * dim + j] = a * pooled[j];
            g[r] = r < 2 ? 0f : 1f / steps;
        }
        Tensor logits = head.network.scoreWithInputGradients(batch, gradOutput);
        double baselineLogit = logits.data()[0];
        double logit = logits.data()[1];
        float[] gx = head.network.inputGradient(head.bagLayer).data();
        java.util.Arrays.fill(meanGradient, 0);
        for (int r = 2; r < rows; r++) {
            for (int j = 0; j < dim; j++) meanGradient[j] += gx[r * dim + j];
        }
        float[] attributions = new float[count];
        for (int i = 0; i < count; i++) {
            int row = ids[i] * dim;
            double dot = 0;
            for (int j = 0; j < dim; j++) dot += table[row + j] * meanGradient[j];
            attributions[i] = (float) (scale * dot);
        }
        return new BagAttribution(logit, baselineLogit, attributions, steps);
    }
}

package io.streamnet.nn.explain;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.Tensor;

/**
 * Integrated gradients (Sundararajan et al. 2017) on the token embeddings of a text network: the attribution of token
 * entry i is {@code (e_i - 0) . mean over the path of d logit / d e_i}, along the straight line from the baseline,
 * every token embedding zero, to the text's embeddings. Two kinds of network ({@link EmbeddingHead}):
 * <ul>
 *   <li><b>a bag</b> (embedding_bag, then any layers): the bag pools linearly ({@code h = s * sum e_i}, s = 1/n for
 *       mean, 1 for sum), so the point at fraction a of the path is {@code a * h}, the baseline is the pooled input of
 *       a text without tokens, and {@code d logit / d e_i = s * grad_h}. Repeated ids and ids two n-grams share (hash
 *       collisions) are separate entries of the bag and each gets its own row's share;</li>
 *   <li><b>a sequence</b> (embedding over padded ids, e.g. TextCNN): the point at fraction a is the sequence of
 *       {@code a * e_t} at the text's positions (the padding stays masked), and entry t's attribution is
 *       {@code e_t . grad_t}: each position is its own entry.</li>
 * </ul>
 * One batch of {@code steps} points through the layers after the embeddings gives every entry's attribution, G being
 * the mean of the head's input gradients at the midpoints {@code a = (j + 0.5) / steps}. The cost is that batch plus
 * one dot product per entry, whatever the vocabulary.
 *
 * <p>Gradient times input is the one-step special case at a = 1; the midpoint rule is used instead because a ReLU
 * network's gradient changes along the path and completeness is what makes the numbers add up to the prediction.
 * One instance per thread (it reuses its batch).
 */
public final class IntegratedGradients {
    /** The default number of path points: completeness within a few percent on the default sentiment model. */
    public static final int DEFAULT_STEPS = 32;

    private final EmbeddingHead head;
    private final int steps;
    private final Batch batch;
    private final Tensor gradOutput = new Tensor();
    private final float[] text;
    private final double[] meanGradient;
    private final int[] lengths;

    /**
     * @param spec  a text network's spec (one id input read by an embedding_bag or embedding first; one output,
     *              bce_with_logits)
     * @param steps path points, >= 1
     * @throws IllegalArgumentException if the spec is not such a network, or steps < 1
     */
    public IntegratedGradients(NetworkSpec spec, int steps) {
        if (steps < 1) throw new IllegalArgumentException("integrated gradients need steps >= 1, got " + steps);
        this.head = new EmbeddingHead(spec);
        this.steps = steps;
        this.batch = head.network.newBatch();
        this.text = new float[head.inputSize()];
        this.meanGradient = new double[head.inputSize()];
        this.lengths = new int[steps + 2];
    }

    public int steps() {
        return steps;
    }

    /** The name of the id input the embeddings read. */
    public String inputName() {
        return head.input;
    }

    /** Ids per example of a sequence model (its input's width), 0 for a bag model. */
    public int sequenceWidth() {
        return head.width;
    }

    /**
     * Attributions of the text whose ids are {@code ids[0, count)} (a bag's entries, or a sequence's first
     * {@code count} positions) under {@code network}'s current weights.
     *
     * @param network a network of the spec this instance was made for (its weights are read, never changed)
     * @throws IllegalArgumentException if an id is outside the vocabulary, or a sequence is longer than the input
     */
    public Attribution attribute(Network network, int[] ids, int count) {
        if (head.sequence() && count > head.width) {
            throw new IllegalArgumentException(count + " ids for a sequence input of width " + head.width);
        }
        head.copyWeightsFrom(network);
        Parameter tableParam = head.tableOf(network);
        float[] table = tableParam.value();
        int base = tableParam.offset();
        int dim = head.dim;
        float scale = head.mean && count > 0 ? 1f / count : 1f;
        java.util.Arrays.fill(text, 0f);
        for (int i = 0; i < count; i++) {
            int id = ids[i];
            if (id < 0 || id >= head.vocab) {
                throw new IllegalArgumentException("id " + id + " at entry " + i + " is outside the vocabulary [0, " + head.vocab + ")");
            }
            int at = offset(i);
            for (int j = 0; j < dim; j++) text[at + j] += table[base + id * dim + j];
        }
        if (scale != 1f) for (int j = 0; j < text.length; j++) text[j] *= scale;

        // rows: 0 the baseline, 1 the text, then the midpoints; only the midpoints' gradients are summed (weight 1/steps)
        int rows = steps + 2;
        int size = text.length;
        batch.start(rows);
        Tensor input = batch.dense(head.firstLayer);
        if (head.sequence()) {
            java.util.Arrays.fill(lengths, count);
            input.setLengths(lengths);
        }
        float[] x = input.data();
        gradOutput.resize2(rows, 1);
        float[] g = gradOutput.data();
        for (int r = 0; r < rows; r++) {
            float a = r == 0 ? 0f : r == 1 ? 1f : (r - 2 + 0.5f) / steps;
            for (int j = 0; j < size; j++) x[r * size + j] = a * text[j];
            g[r] = r < 2 ? 0f : 1f / steps;
        }
        Tensor logits = head.network.scoreWithInputGradients(batch, gradOutput);
        double baselineLogit = logits.data()[0];
        double logit = logits.data()[1];
        float[] gx = head.network.inputGradient(head.firstLayer).data();
        java.util.Arrays.fill(meanGradient, 0);
        for (int r = 2; r < rows; r++) {
            for (int j = 0; j < size; j++) meanGradient[j] += gx[r * size + j];
        }
        float[] attributions = new float[count];
        for (int i = 0; i < count; i++) {
            int row = base + ids[i] * dim;
            int at = offset(i);
            double dot = 0;
            for (int j = 0; j < dim; j++) dot += table[row + j] * meanGradient[at + j];
            attributions[i] = (float) (scale * dot);
        }
        return new Attribution(logit, baselineLogit, attributions, steps);
    }

    /** Where entry i's embedding sits in the head's input: all at 0 in a bag (pooled), at its position in a sequence. */
    private int offset(int i) {
        return head.sequence() ? i * head.dim : 0;
    }
}

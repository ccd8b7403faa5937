package io.streamnet.nn.explain;

/**
 * Integrated gradients of one text: the network's logit, the baseline's (no tokens), and each entry's
 * attribution in logit units. Their sum approximates {@code logit - baselineLogit} (completeness), up to the
 * integration error of {@code steps} midpoints.
 *
 * @param attributions one per entry, in the input's order (a bag's entries: an id that occurs twice has two; a sequence's positions)
 */
public record Attribution(double logit, double baselineLogit, float[] attributions, int steps) {
    /** The sum of the attributions, which completeness compares with {@code logit - baselineLogit}. */
    public double sum() {
        double s = 0;
        for (float a : attributions) s += a;
        return s;
    }

    /** The predicted probability of the positive class. */
    public double probability() {
        return 1 / (1 + Math.exp(-logit));
    }
}

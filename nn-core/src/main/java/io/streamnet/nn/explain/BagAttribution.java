package io.streamnet.nn.explain;

/**
 * Integrated gradients of one text's bag: the network's logit, the baseline's (no tokens), and each bag entry's
 * attribution in logit units. Their sum approximates {@code logit - baselineLogit} (completeness), up to the
 * integration error of {@code steps} midpoints.
 *
 * @param attributions one per bag entry, in the bag's order (an id that occurs twice has two entries)
 */
public record BagAttribution(double logit, double baselineLogit, float[] attributions, int steps) {
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

package io.streamnet.nn.reco;

/**
 * The ranking loss of one positive against its sampled negatives, on logits {@code z[0]} (the positive) and
 * {@code z[1..n)} (the negatives); writes {@code dLoss/dz} and returns the loss. Computed in double, with
 * StrictMath so that results repeat bit for bit on every JVM.
 */
public enum RankingLoss {
    /** Softmax cross-entropy of the positive among itself and the negatives: {@code logsumexp(z) - z[0]}. */
    SAMPLED_SOFTMAX("sampled_softmax") {
        @Override
        double lossAndGradient(float[] z, int n, float[] grad) {
            double max = z[0];
            for (int j = 1; j < n; j++) {
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += StrictMath.exp(z[j] - max);
            }
            for (int j = 0; j < n; j++) {
                grad[j] = (float) (StrictMath.exp(z[j] - max) / sum);
            }
            grad[0] -= 1f;
            return StrictMath.log(sum) + max - z[0];
        }
    },
    /** Bayesian personalised ranking: the mean over negatives of {@code softplus(-(z[0] - z[j]))}. */
    BPR("bpr") {
        @Override
        double lossAndGradient(float[] z, int n, float[] grad) {
            double loss = 0;
            grad[0] = 0f;
            double scale = 1.0 / (n - 1);
            for (int j = 1; j < n; j++) {
                double d = (double) z[0] - z[j];
                loss += softplus(-d) * scale;
                float g = (float) (sigmoid(-d) * scale);
                grad[0] -= g;
                grad[j] = g;
            }
            return loss;
        }
    },
    /** Binary cross-entropy: the positive labelled 1, every negative 0 (summed). */
    BCE("bce") {
        @Override
        double lossAndGradient(float[] z, int n, float[] grad) {
            double loss = softplus(-z[0]);
            grad[0] = (float) (sigmoid(z[0]) - 1.0);
            for (int j = 1; j < n; j++) {
                loss += softplus(z[j]);
                grad[j] = (float) sigmoid(z[j]);
            }
            return loss;
        }
    };

    private final String specName;

    RankingLoss(String specName) {
        this.specName = specName;
    }

    public String specName() {
        return specName;
    }

    /**
     * @param z    logits: the positive first, then the negatives
     * @param n    1 + number of negatives (BPR needs at least one negative; the caller skips examples without)
     * @param grad receives {@code dLoss/dz[j]} for {@code j < n}
     */
    abstract double lossAndGradient(float[] z, int n, float[] grad);

    public static RankingLoss bySpecName(String name) {
        for (RankingLoss l : values()) {
            if (l.specName.equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown ranking loss '" + name + "'");
    }

    static double softplus(double x) {
        return x > 0 ? x + StrictMath.log1p(StrictMath.exp(-x)) : StrictMath.log1p(StrictMath.exp(x));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1.0 / (1.0 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1.0 + StrictMath.exp(x));
    }
}

package io.streamnet.nn.reco;

import io.streamnet.nn.spec.SpecNode;

/**
 * The session model ({@link SessionGru}): a spec section {@code model:}.
 *
 * @param seed        the model's generator: initialisation and negatives (the command line's {@code --seed})
 * @param capacity    item rows, the shared row 0 included (an item beyond it scores as row 0 and is never a hit)
 * @param dim         item vector width, also the GRU's width (the session vector is dotted with item vectors)
 * @param length      last items of the session the GRU reads (backpropagation runs through all of them)
 * @param initStd     item rows start N(0, initStd^2)
 * @param tied        the GRU reads its inputs from the output item table itself (true) or from a second table
 * @param knnFeature  the hybrid: add a learned multiple of {@code log(1 + knnScale * item-kNN score)} to each item's
 *                    score
 * @param knnScale    scale of the kNN score inside the log (cosine scores are small: the log then grows with them)
 * @param repeatFeature add a learned weight per position of the session's window to the score of the item viewed
 *                    there: the session's own items come back often (a re-view), which neither the GRU's dot
 *                    product nor co-occurrence say directly
 * @param loss        ranking loss of the positive against its negatives
 * @param negatives   negatives per positive, drawn by popularity^exponent, never the positive
 * @param exponent    popularity exponent of the negative sampler
 * @param maxTries    draws per negative before giving it up (when the positive is nearly all of the popularity)
 * @param logq        subtract {@code ln(negatives * q)} from each negative's logit (sampled-softmax correction)
 * @param lr          AdaGrad's learning rate
 */
public record SessionGruSpec(long seed, int capacity, int dim, int length, double initStd, boolean tied,
                             boolean knnFeature, double knnScale, boolean repeatFeature, RankingLoss loss, int negatives, double exponent, int maxTries,
                             boolean logq, double lr) {
    public SessionGruSpec {
        if (capacity < 2 || dim < 1 || length < 1 || negatives < 1 || maxTries < 1) {
            throw new IllegalArgumentException("capacity >= 2, dim, length, negatives and max_tries >= 1 expected");
        }
    }

    /** Whether the model is a hybrid (has a feature besides the GRU's score). */
    public boolean hybrid() {
        return knnFeature || repeatFeature;
    }

    /** The same model without the features: the GRU alone. */
    public SessionGruSpec gruAlone() {
        return new SessionGruSpec(seed, capacity, dim, length, initStd, tied, false, knnScale, false, loss, negatives,
                exponent,
                maxTries, logq, lr);
    }

    /**
     * Reads the section; {@code length} and {@code capacity} come from the runner spec (shared with the baselines),
     * the seed from the command line.
     */
    public static SessionGruSpec read(SpecNode n, long seed, int capacity, int length) {
        int dim = n.integer("dim", 64, 1, 4096);
        double initStd = n.real("init_std", 0.1, 0, 10);
        boolean tied = n.choice("input_table", "tied", "tied", "separate").equals("tied");
        boolean knn = n.bool("knn_feature", true);
        double knnScale = n.real("knn_scale", 100, 1e-9, 1e9);
        boolean repeat = n.bool("repeat_feature", true);
        RankingLoss loss = RankingLoss.bySpecName(n.choice("loss", "sampled_softmax", "sampled_softmax", "bpr", "bce"));
        SpecNode neg = n.child("negatives");
        int count = neg.integer("count", 64, 1, 1 << 16);
        double exponent = neg.real("exponent", 0.75, 0, 4);
        int tries = neg.integer("max_tries", 4, 1, 1 << 10);
        boolean logq = neg.bool("logq", true);
        neg.finish();
        SpecNode opt = n.child("optimizer");
        opt.choice("type", "adagrad", "adagrad");
        double lr = opt.real("lr", 0.1, 1e-9, 100);
        opt.finish();
        n.finish();
        return new SessionGruSpec(seed, capacity, dim, length, initStd, tied, knn, knnScale, repeat, loss, count, exponent, tries, logq,
                lr);
    }
}

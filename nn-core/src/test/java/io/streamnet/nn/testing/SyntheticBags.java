package io.streamnet.nn.testing;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.InitSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.tensor.SparseIds;

/**
 * A learnable bag-of-ids stream: ids below vocab/2 lean positive, the others negative; the label is 1 when the
 * bag holds more "positive" ids. Deterministic from its own generator (not the network's).
 */
public final class SyntheticBags {
    private final Rng rng;
    private final int vocab;
    private final int maxLen;

    public SyntheticBags(long seed, int vocab, int maxLen) {
        this.rng = new Rng(seed);
        this.vocab = vocab;
        this.maxLen = maxLen;
    }

    /** Fills {@code b} (input "tokens") with n examples. */
    public void fill(Batch b, int n) {
        b.start(n);
        SparseIds bag = b.sparse("tokens");
        for (int i = 0; i < n; i++) {
            int len = 1 + rng.nextInt(maxLen);
            int pos = 0;
            for (int k = 0; k < len; k++) {
                int id = rng.nextInt(vocab);
                if (id < vocab / 2) pos++;
                bag.add(id);
            }
            bag.endExample();
            b.targets().set(i, 2 * pos > len ? 1f : 0f);
        }
    }

    /** A model-S-shaped spec at a small vocabulary, with dropout so that the generator is used during training. */
    public static NetworkSpec smallSentimentSpec(int vocab, OptimizerSpec optimizer) {
        return NetworkSpec.builder().seed(42)
                .sparseInput("tokens", vocab)
                .embeddingBag("emb", "tokens", 16, "mean", InitSpec.normal(0.1))
                .dense("hidden", 16, "relu")
                .dropout("drop", 0.2)
                .dense("out", 1)
                .loss("bce_with_logits")
                .optimizer(optimizer)
                .build();
    }
}

package io.streamnet.nn.explain;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.InitSpec;
import io.streamnet.nn.spec.LossSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;

/** Small bag networks with weights large enough that their logits move visibly, for the explanation tests. */
final class BagNetworks {
    static final int VOCAB = 64;

    private BagNetworks() {}

    /** Embedding bag (dim 8, the given mode) -> Dense 16 ReLU -> Dense 1, bce_with_logits. */
    static NetworkSpec spec(String mode) {
        return NetworkSpec.builder().name("bag-" + mode).seed(7)
                .sparseInput("tokens", VOCAB)
                .embeddingBag("emb", "tokens", 8, mode, InitSpec.normal(0.8))
                .dense("hidden", 16, "relu", InitSpec.uniform(0.6))
                .dense("out", 1, "identity", InitSpec.uniform(0.6))
                .loss(LossSpec.bceWithLogits())
                .optimizer(OptimizerSpec.sgd(0.1))
                .build();
    }

    /** The network's logit of the bag {@code ids}, each entry scaled by {@code weights} (null: all 1). */
    static double logit(Network net, int[] ids, float[] weights) {
        Batch batch = net.newBatch();
        batch.start(1);
        if (weights == null) batch.sparse("tokens").addExample(ids, 0, ids.length);
        else batch.sparse("tokens").addExample(ids, weights, 0, ids.length);
        double p = net.predict(batch).data()[0];
        return Math.log(p / (1 - p));
    }
}

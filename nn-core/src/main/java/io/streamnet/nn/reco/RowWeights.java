package io.streamnet.nn.reco;

import io.streamnet.nn.init.Initializers;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Components;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.InitSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The recommender's weights row by row: their first values from the spec's seed, and a row given back by the
 * vocabulary (an expired id) starting again from fresh weights and optimizer slots. Draws from the model's generator
 * in the model's order, so a restored model continues bit for bit.
 */
final class RowWeights {
    private final RecommenderSpec spec;
    private final Rng rng;
    private final Parameter itemEmbedding;
    private final Parameter itemBias;
    private final UserTower tower;
    private final RatingHead ratingHead;
    private final List<Parameter> rankingParams;
    private final Optimizer optimizer;
    private final PopularitySampler sampler;

    /** {@code optimizer} and {@code sampler} are null for a scoring-only model (whose rows are never reset). */
    RowWeights(RecommenderSpec spec, Rng rng, Parameter itemEmbedding, Parameter itemBias, UserTower tower,
               RatingHead ratingHead, List<Parameter> rankingParams, Optimizer optimizer, PopularitySampler sampler) {
        this.spec = spec;
        this.rng = rng;
        this.itemEmbedding = itemEmbedding;
        this.itemBias = itemBias;
        this.tower = tower;
        this.ratingHead = ratingHead;
        this.rankingParams = rankingParams;
        this.optimizer = optimizer;
        this.sampler = sampler;
    }

    /** Embedding rows N(0, init_std^2), biases 0, position weights 1, the dense layer Xavier-uniform. */
    void initialize() {
        fillNormal(itemEmbedding.value(), 0, itemEmbedding.size());
        if (tower.separateContext() != null) {
            fillNormal(tower.separateContext().value(), 0, tower.separateContext().size());
        }
        if (tower.user() != null) {
            fillNormal(tower.user().value(), 0, tower.user().size());
        }
        if (tower.positions() != null) {
            Arrays.fill(tower.positions().value(), 1f);
        }
        if (tower.weight() != null) {
            Initializers.xavierUniform().fill(tower.weight().value(), 0, spec.dim() * spec.dim(), spec.dim(),
                    spec.dim(), rng);
        }
    }

    private void fillNormal(float[] w, int off, int len) {
        Components.initializer(InitSpec.normal(spec.initStd())).fill(w, off, len, 1, spec.dim(), rng);
    }

    /** An item's row was taken back: its next id starts from fresh weights, fresh optimizer slots, no popularity. */
    void resetItemRow(int row) {
        resetRow(itemEmbedding, row);
        resetRow(itemBias, row);
        itemBias.value()[row] = 0f;
        if (tower.separateContext() != null) {
            resetRow(tower.separateContext(), row);
        }
        ratingHead.resetRow(RecommenderSpec.ITEM_INPUT, row, rng);
        sampler.reset(row);
    }

    void resetUserRow(int row) {
        if (tower.user() != null) {
            resetRow(tower.user(), row);
        }
        ratingHead.resetRow(RecommenderSpec.USER_INPUT, row, rng);
    }

    private void resetRow(Parameter table, int row) {
        int cols = table.cols();
        if (table != itemBias) {
            fillNormal(table.value(), row * cols, cols);
        }
        optimizer.resetSlots(rankingParams.indexOf(table), row * cols, cols);
    }
}

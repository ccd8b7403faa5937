package io.streamnet.nn.reco;

import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Components;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.tensor.IdColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * Explicit-rating prediction: a small nn-core {@link Network} over the user's and the item's rows (the spec's
 * {@code rating_head}), trained with MSE on every rated event. It predicts the rating's offset from the running
 * mean of the ratings trained on so far (the peer's {@code mu}; without it the output bias would spend thousands of
 * steps climbing to the mean), and predictions are clipped to the rating scale. The mean is a frozen 1x1 parameter
 * ({@code rating_offset.mean}), so that a scoring copy gets it with the other weights.
 *
 * <p>A row given to a new id (after expiry) is re-initialised as the layer's spec says, from the model's generator,
 * and its optimizer slots are reset.
 */
final class RatingHead {
    private final NetworkSpec spec;
    private final Network net;
    private final Batch one;
    private final Batch batch;
    private final RatingScale scale;
    private final Parameter mean = Parameter.dense("rating_offset", "mean", 1, 1);
    /** The running mean in double, and how many ratings it averages (the float parameter mirrors it). */
    private double exactMean;
    private long count;
    private final List<Parameter> params = new ArrayList<>();

    RatingHead(NetworkSpec spec, RatingScale scale, boolean trainable) {
        this(spec, scale, trainable ? Network.build(spec) : Network.forScoring(spec));
    }

    private RatingHead(NetworkSpec spec, RatingScale scale, Network net) {
        this.spec = spec;
        this.net = net;
        this.scale = scale;
        this.one = net.newBatch();
        this.batch = net.newBatch();
        mean.setFrozen(true);
        params.addAll(net.parameters());
        params.add(mean);
    }

    /** Every float a scorer needs: the network's parameters, then the mean. */
    List<Parameter> parameters() {
        return params;
    }

    Network network() {
        return net;
    }

    /** The predicted rating of (user row, item row), clipped to the scale. */
    float predict(int userRow, int itemRow) {
        one.start(1);
        one.ids(RecommenderSpec.USER_INPUT).set(0, userRow);
        one.ids(RecommenderSpec.ITEM_INPUT).set(0, itemRow);
        return scale.clip(mean.value()[0] + net.predict(one).data()[0]);
    }

    /**
     * One MSE step on {@code n} rated events (targets: rating minus the mean so far), then the mean takes them in.
     * The network refuses a step whose loss or gradient is not finite (weights untouched).
     */
    TrainResult train(int[] userRows, int[] itemRows, float[] ratings, int n) {
        batch.start(n);
        IdColumn users = batch.ids(RecommenderSpec.USER_INPUT);
        IdColumn items = batch.ids(RecommenderSpec.ITEM_INPUT);
        float m = mean.value()[0];
        for (int b = 0; b < n; b++) {
            users.set(b, userRows[b]);
            items.set(b, itemRows[b]);
            batch.targets().set(b, ratings[b] - m);
        }
        TrainResult result = net.trainBatch(batch);
        for (int b = 0; b < n; b++) {
            count++;
            exactMean += (ratings[b] - exactMean) / count;
        }
        mean.value()[0] = (float) exactMean;
        return result;
    }

    /** Re-initialises {@code row} of every embedding fed by {@code input} (user or item) and resets its slots. */
    void resetRow(String input, int row, Rng rng) {
        List<Parameter> ps = net.parameters();
        for (LayerSpec l : spec.layers()) {
            if (l instanceof LayerSpec.Embedding e && e.inputs().get(0).equals(input)) {
                int p = ps.indexOf(net.parameter(e.name() + ".table"));
                Parameter table = ps.get(p);
                Initializer init = Components.initializer(e.init());
                init.fill(table.value(), table.offset() + row * table.cols(), table.cols(), table.rows(), table.cols(), rng);
                if (net.optimizer() != null) {
                    net.optimizer().resetSlots(p, row * table.cols(), table.cols());
                }
            }
        }
    }

    /** A scoring-only copy with this head's current weights. */
    RatingHead scoringCopy() {
        RatingHead copy = new RatingHead(spec, scale, net.scoringCopy());
        copy.mean.value()[0] = mean.value()[0];
        copy.exactMean = exactMean;
        copy.count = count;
        return copy;
    }

    void writeTo(StateWriter out, boolean withOptimizer) {
        boolean optimizer = withOptimizer && net.trainable();
        out.putBytes(Math.toIntExact(ModelStateCodec.encodedSize(net, optimizer)),
            (array, offset, length) -> ModelStateCodec.encodeInto(net, optimizer, array, offset, length));
        out.putDouble(exactMean).putLong(count);
    }

    static RatingHead readFrom(StateReader in, NetworkSpec spec, RatingScale scale) {
        Network net = ModelStateCodec.decode(in.getBytes("rating head"), spec);
        RatingHead head = new RatingHead(spec, scale, net);
        head.exactMean = in.getDouble("rating mean");
        head.count = in.getLong("rating count");
        head.mean.value()[0] = (float) head.exactMean;
        return head;
    }
}

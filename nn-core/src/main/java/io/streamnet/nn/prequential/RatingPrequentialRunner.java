package io.streamnet.nn.prequential;

import io.streamnet.nn.data.Rating;
import io.streamnet.nn.feature.DictionaryCategoricalEncoder;
import io.streamnet.nn.metrics.Mae;
import io.streamnet.nn.metrics.Rmse;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.tensor.IdColumn;
import java.util.List;

/**
 * Prequential rating prediction on MovieLens, under the protocol of the online biased-MF baseline in
 * {@code ../shared/peers/reco_baselines.py}: ratings in time order; each rating is predicted before it is learned;
 * predictions are clipped to {@code [0.5, 5]}; RMSE and MAE count every rating after the first
 * {@value #WARM_UP} (the warm-up, as in the peer). The network learns the residual from the running mean of the
 * ratings trained on so far (the peer's {@code mu}): prediction = mean + output, training target = rating - mean.
 * Without that offset the output bias would spend thousands of steps climbing from 0 to about 3.5.
 *
 * <p>Users and movies get ids from bounded dictionaries in first-seen order (id 0 once the capacity is reached).
 */
public final class RatingPrequentialRunner {
    static final int WARM_UP = 1000;
    static final float MIN_RATING = 0.5f;
    static final float MAX_RATING = 5f;

    private final FeatureSpec.UserItem features;
    private final int batchSize;
    private final Network network;
    private final ScoreThenTrain step;
    private final ProgressReporter progress;

    public RatingPrequentialRunner(FeatureSpec.UserItem features, int batchSize, Network network,
                                   ProgressReporter progress) {
        this.features = features;
        this.batchSize = batchSize;
        this.network = network;
        this.step = new ScoreThenTrain(network);
        this.progress = progress;
    }

    public MetricsLine run(List<Rating> stream) {
        DictionaryCategoricalEncoder<Integer> users = new DictionaryCategoricalEncoder<>(features.users());
        DictionaryCategoricalEncoder<Integer> items = new DictionaryCategoricalEncoder<>(features.items());
        Batch batch = network.newBatch();
        Rmse rmse = new Rmse();
        Mae mae = new Mae();
        float[] outputs = new float[batchSize];
        double mean = 0;
        long trained = 0;
        long rejected = 0;
        long start = System.nanoTime();
        int n = stream.size();
        for (int from = 0; from < n; from += batchSize) {
            int size = Math.min(batchSize, n - from);
            batch.start(size);
            IdColumn userIds = batch.ids(features.userInput());
            IdColumn itemIds = batch.ids(features.itemInput());
            for (int b = 0; b < size; b++) {
                Rating r = stream.get(from + b);
                userIds.set(b, users.idOf(r.userId()));
                itemIds.set(b, items.idOf(r.movieId()));
                batch.targets().set(b, (float) (r.rating() - mean));
            }
            if (!step.step(batch, outputs)) {
                rejected++;
            }
            for (int b = 0; b < size; b++) {
                if (from + b >= WARM_UP) {
                    double predicted = Math.max(MIN_RATING, Math.min(MAX_RATING, mean + outputs[b]));
                    float rating = stream.get(from + b).rating();
                    rmse.update(predicted, rating);
                    mae.update(predicted, rating);
                }
            }
            for (int b = 0; b < size; b++) {
                trained++;
                mean += (stream.get(from + b).rating() - mean) / trained;
            }
            long events = from + size;
            progress.maybeReport(() -> new MetricsLine().put("events", events)
                    .put("events_per_s", TextPrequentialRunner.rate(events, start)).put("rmse", rmse.value()));
        }
        progress.finish();
        return new MetricsLine()
                .put("events", (long) n)
                .put("rmse", rmse.value())
                .put("mae", mae.value())
                .put("events_per_s", TextPrequentialRunner.rate(n, start))
                .put("scored", rmse.count())
                .put("users", (long) users.size())
                .put("items", (long) items.size())
                .put("rejected_batches", rejected)
                .put("seconds", (System.nanoTime() - start) / 1e9);
    }
}

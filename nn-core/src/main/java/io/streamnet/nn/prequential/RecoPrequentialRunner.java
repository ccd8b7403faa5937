package io.streamnet.nn.prequential;

import io.streamnet.nn.data.Rating;
import io.streamnet.nn.reco.InteractionEvent;
import io.streamnet.nn.reco.RecoEvaluator;
import io.streamnet.nn.reco.RecoLearner;
import io.streamnet.nn.reco.StreamBaselines;
import java.util.ArrayList;
import java.util.List;

/**
 * Prequential recommendation on MovieLens under the protocol of {@code ../shared/peers/reco_baselines.py}: ratings
 * in stream order (time, user, movie); in minibatches, each event is first scored by the model as it was before the
 * batch (a positive, rating >= 4, ranked exactly among every item of the dataset the user has not interacted with;
 * a rating predicted), then learned from ({@link RecoLearner}). The POP, RPOP and IKNN baselines run on the same
 * stream in the same pass ({@link StreamBaselines}). Ratings become events at {@code timestamp * 1000} ms.
 */
public final class RecoPrequentialRunner {
    private final RecoRunnerSpec spec;
    private final ProgressReporter progress;

    public RecoPrequentialRunner(RecoRunnerSpec spec, ProgressReporter progress) {
        this.spec = spec;
        this.progress = progress;
    }

    public MetricsLine run(List<Rating> stream) {
        long start = System.nanoTime();
        RecoLearner learner = new RecoLearner(spec.learner());
        // The peers rank among every item of the dataset, known up front: so do the model and the baselines.
        long[] catalogue = stream.stream().mapToLong(Rating::movieId).distinct().toArray();
        learner.rankAmongCatalogue(catalogue);
        StreamBaselines baselines = new StreamBaselines(spec.learner().topK(), spec.baselineHistory(),
                spec.baselineHalfLife(), catalogue);
        float positiveAt = spec.learner().model().ratings().positiveAt();
        List<InteractionEvent> batch = new ArrayList<>(spec.batchSize());
        long learnerNanos = 0;
        int n = stream.size();
        for (int from = 0; from < n; from += spec.batchSize()) {
            int to = Math.min(n, from + spec.batchSize());
            batch.clear();
            for (int i = from; i < to; i++) {
                Rating r = stream.get(i);
                InteractionEvent e = InteractionEvent.rated(r.userId(), r.movieId(), r.rating(), r.timestamp() * 1000);
                batch.add(e);
                baselines.process(e.userId(), e.itemId(), e.isPositive(positiveAt));
            }
            long stepStart = System.nanoTime();
            learner.step(batch);
            learnerNanos += System.nanoTime() - stepStart;
            long events = to;
            long rate = rate(events, learnerNanos);
            progress.maybeReport(() -> new MetricsLine().put("events", events)
                    .put("hr_at_" + learner.evaluator().k(), learner.evaluator().hitRate())
                    .put("rmse", learner.evaluator().rmse())
                    .put("events_per_s", rate));
        }
        progress.finish();
        return result(learner, baselines, n, start, learnerNanos);
    }

    private static long rate(long events, long nanos) {
        return nanos <= 0 ? 0 : Math.round(events / (nanos / 1e9));
    }

    /**
     * The final line. {@code events_per_s} is the learner's rate (scoring with exact ranking, and training);
     * {@code seconds} the whole pass, baselines included.
     */
    private static MetricsLine result(RecoLearner learner, StreamBaselines baselines, long events, long start,
                                      long learnerNanos) {
        RecoEvaluator e = learner.evaluator();
        String k = Integer.toString(e.k());
        var model = learner.model();
        return new MetricsLine()
                .put("events", events)
                .put("hr_at_" + k, e.hitRate())
                .put("ndcg_at_" + k, e.ndcg())
                .put("rmse", e.rmse())
                .put("events_per_s", rate(events, learnerNanos))
                .put("pop_hr_at_" + k, baselines.pop().hitRate())
                .put("pop_ndcg_at_" + k, baselines.pop().ndcg())
                .put("iknn_hr_at_" + k, baselines.itemKnn().hitRate())
                .put("iknn_ndcg_at_" + k, baselines.itemKnn().ndcg())
                .put("positives", e.positives())
                .put("seconds", (System.nanoTime() - start) / 1e9)
                .put("learner_seconds", learnerNanos / 1e9)
                .put("rpop_hr_at_" + k, baselines.recencyPop().hitRate())
                .put("rpop_ndcg_at_" + k, baselines.recencyPop().ndcg())
                .put("mae", e.mae())
                .put("rated", e.ratingsScored())
                .put("unranked", e.unranked())
                .put("popularity_fallbacks", e.popularityFallbacks())
                .put("items", (long) model.items().size())
                .put("users", (long) model.users().size());
    }
}

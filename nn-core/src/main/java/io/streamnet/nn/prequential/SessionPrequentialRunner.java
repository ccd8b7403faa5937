package io.streamnet.nn.prequential;

import io.streamnet.nn.data.ItemView;
import io.streamnet.nn.reco.SessionLearner;
import io.streamnet.nn.reco.TopKCounts;
import java.util.List;

/**
 * Prequential session-based recommendation on diginetica: item views in stream order
 * ({@link io.streamnet.nn.data.DigineticaReader#STREAM_ORDER}), each ranked then learned by {@link SessionLearner}
 * (the model, the GRU alone, most-popular and item-kNN side by side). A view's time is its day in milliseconds
 * plus its offset in the session.
 */
public final class SessionPrequentialRunner {
    private static final long DAY_MS = 86_400_000L;
    private final SessionRunnerSpec spec;
    private final ProgressReporter progress;
    private SessionLearner learner;

    public SessionPrequentialRunner(SessionRunnerSpec spec, ProgressReporter progress) {
        this.spec = spec;
        this.progress = progress;
    }

    public MetricsLine run(List<ItemView> stream) {
        learner = new SessionLearner(spec.learner());
        long start = System.nanoTime();
        long events = 0;
        for (ItemView v : stream) {
            learner.process(v.sessionId(), v.itemId(), v.day() * DAY_MS + v.timeframe());
            long n = ++events;
            if ((n & 255) == 0) {
                progress.maybeReport(() -> line(n, start, false));
            }
        }
        progress.finish();
        return line(events, start, true);
    }

    /** The learner of the last run (its model, for tests). */
    public SessionLearner learner() {
        return learner;
    }

    /** Progress lines start with the events so far; the last line holds only the metrics and the rate. */
    private MetricsLine line(long events, long start, boolean last) {
        double seconds = (System.nanoTime() - start) / 1e9;
        String k = Integer.toString(learner.spec().topK());
        MetricsLine line = new MetricsLine();
        if (!last) {
            line.put("events", events);
        }
        put(line, "", k, learner.model());
        put(line, "gru_", k, learner.gru());
        put(line, "pop_", k, learner.popularity());
        put(line, "iknn_", k, learner.itemKnn());
        return line.put("events_per_s", seconds <= 0 ? 0 : Math.round(events / seconds));
    }

    /** Counts of the last run, for a line beside the metrics. */
    public MetricsLine summary() {
        return new MetricsLine().put("events", learner.views()).put("predictions", learner.model().predictions())
                .put("items", (long) learner.items()).put("sessions", (long) learner.sessions())
                .put("refused", learner.sessionModel().refused())
                .put("gru_scale", (double) learner.sessionModel().gruScale())
                .put("knn_weight", learner.sessionModel().knnWeight());
    }

    private static void put(MetricsLine line, String prefix, String k, TopKCounts c) {
        line.put(prefix + "hr_at_" + k, c.hitRate()).put(prefix + "mrr_at_" + k, c.mrr());
    }
}

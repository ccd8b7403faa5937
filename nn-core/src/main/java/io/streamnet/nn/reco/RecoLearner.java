package io.streamnet.nn.reco;

import java.util.List;

/**
 * Test-then-train on an interaction stream, for the prequential runner and for a streaming operator alike: owns the
 * {@link Recommender}, every user's {@link UserHistory} and the {@link RecoEvaluator}.
 *
 * <p>{@link #step} takes a minibatch in stream order. First every event is checked (a bad one throws
 * {@link InvalidEventException} naming the field, before anything changes). Then each event is scored with the model
 * as it was before the batch, and with the user's history as it was just before the event (so an event sees the
 * earlier events of its own batch, as the peers' per-event protocol does): a rated event's rating is predicted, a
 * positive is ranked exactly among all items the user has not interacted with; then the event enters the history.
 * Finally the model trains on the batch.
 *
 * <p>An event that is not a positive (a rating below the threshold, or an ignored impression) trains only the rating
 * head and enters the exclusion set (and, with {@code history.items: all}, the recent items the tower reads): the
 * ranking learns what users choose next, and a low rating says the user did not like the item, not that it should be
 * ranked higher; but the user has seen it, so it is neither recommended again nor drawn as a negative.
 *
 * <p>The whole state ({@link #encode}) round-trips bit for bit: a restored learner continues exactly.
 */
public final class RecoLearner {
    static final byte[] MAGIC = {'S', 'N', 'R', 'L'};
    static final int VERSION = 1;

    private final RecoLearnerSpec spec;
    private final Recommender model;
    private final UserHistories histories;
    private final RecoEvaluator evaluator;
    private final TrainingBatch batch;
    private long events;
    private long steps;

    public RecoLearner(RecoLearnerSpec spec) {
        this(spec, Recommender.build(spec.model()), new UserHistories(spec.model().history(), spec.maxUsers()),
                new RecoEvaluator(spec.topK(), spec.rmseWarmUp()));
    }

    private RecoLearner(RecoLearnerSpec spec, Recommender model, UserHistories histories, RecoEvaluator evaluator) {
        this.spec = spec;
        this.model = model;
        this.histories = histories;
        this.evaluator = evaluator;
        this.batch = new TrainingBatch(spec.model().history().length());
    }

    /** Scores every event of the batch (model before the batch), counts the figures, then trains on the batch. */
    public void step(List<InteractionEvent> events) {
        RatingScale scale = spec.model().ratings();
        for (int i = 0; i < events.size(); i++) {
            events.get(i).check(scale, i);
        }
        if (events.isEmpty()) {
            return;
        }
        batch.clear();
        for (InteractionEvent e : events) {
            UserHistory h = histories.getOrCreate(e.userId());
            boolean positive = e.isPositive(scale.positiveAt());
            if (e.hasRating()) {
                evaluator.rating(model.predictRating(h, e.userId(), e.itemId()), e.rating());
            }
            if (positive) {
                evaluator.rank(model.rankOf(h, e.userId(), e.itemId()), model.isPopularityFallback(h, e.userId()));
            }
            batch.add(e, positive, h);
            h.record(e.itemId(), positive);
        }
        model.train(batch);
        batch.clear();
        this.events += events.size();
        steps++;
    }

    public Recommender model() {
        return model;
    }

    public UserHistories histories() {
        return histories;
    }

    public RecoEvaluator evaluator() {
        return evaluator;
    }

    public RecoLearnerSpec spec() {
        return spec;
    }

    /** Events learned from. */
    public long events() {
        return events;
    }

    /** Batches learned from. */
    public long steps() {
        return steps;
    }
}

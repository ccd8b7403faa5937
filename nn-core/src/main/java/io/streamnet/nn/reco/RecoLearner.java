package io.streamnet.nn.reco;

import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-then-train on an interaction stream, for the prequential runner and for a streaming operator alike: owns the
 * {@link Recommender}, every user's {@link UserHistory} and the {@link RecoEvaluator}.
 *
 * <p>{@link #step} takes a minibatch in stream order. First every event is checked (a bad one throws
 * {@link InvalidEventException} naming the field, before anything changes). Then each event is scored with the model
 * as it was before the batch, and with the user's history as it was just before the event (so an event sees the
 * earlier events of its own batch, as the peers' per-event protocol does): a rated event's rating is predicted, a
 * positive is ranked exactly among all items the user had not interacted with at that moment; then the event enters
 * the history. The positives of a batch are ranked together, in one matrix product of their user vectors with the
 * item table (the table is read once per batch, not once per positive). Finally the model trains on the batch.
 *
 * <p>An event that is not a positive (a rating below the threshold, or an ignored impression) trains only the rating
 * head and enters the exclusion set (and, with {@code history.items: all}, the recent items the tower reads): the
 * ranking learns what users choose next, and a low rating says the user did not like the item, not that it should be
 * ranked higher; but the user has seen it, so it is neither recommended again nor drawn as a negative.
 *
 * <p>The whole state ({@link #encode}) round-trips bit for bit: a restored learner continues exactly.
 */
public final class RecoLearner {
    /** The {@link #metrics()} key of the count of positives ranked. */
    public static final String POSITIVES_METRIC = "positives";
    static final byte[] MAGIC = {'S', 'N', 'R', 'L'};
    static final int VERSION = 1;
    static final byte[] STATE_MAGIC = {'S', 'N', 'R', 'S'};
    static final int STATE_VERSION = 1;

    private final RecoLearnerSpec spec;
    private Recommender model;
    private final UserHistories histories;
    private final RecoEvaluator evaluator;
    private final TrainingBatch batch;
    private final int dim;
    // Per event of the current batch, reused: predicted rating, rank (-1: not a positive), popularity fallback;
    // the positives ranked together after the scoring pass: their event, exclusion point, user vector, scores.
    private float[] predicted = new float[0];
    private int[] ranks = new int[0];
    private boolean[] fallback = new boolean[0];
    private int[] pendingEvent = new int[0];
    private long[] pendingAdded = new long[0];
    private float[] userVectors = new float[0];
    private float[] scores = new float[0];
    /** Every item id of the stream, sorted, when known up front (the peers' protocol ranks among them); or null. */
    private long[] catalogue;
    private long events;
    private long steps;
    private long trainedEvents;
    /** Events of the last step (their ranks stay in {@link #ranks} until the next). */
    private int lastBatch;

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
        this.dim = spec.model().dim();
    }

    /**
     * From now on, ranks each positive among every item of {@code itemIds} (plus any item with a row), as the peers'
     * protocol does with the dataset's items known up front; an item without a row scores as the shared row. Without
     * it (a stream whose items are not known up front) positives are ranked among the items with a row, and a
     * positive on an item without one is a miss. The catalogue must hold every item id the stream will bring.
     */
    public void rankAmongCatalogue(long[] itemIds) {
        long[] sorted = itemIds.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("catalogue lists item " + sorted[i] + " twice");
            }
        }
        this.catalogue = sorted;
    }

    /** Scores every event of the batch (model before the batch), counts the figures, then trains on the batch. */
    public void step(List<InteractionEvent> events) {
        step(events, Double.POSITIVE_INFINITY);
    }

    /**
     * {@link #step(List)} under a loss ceiling (a divergence guard's): every event is scored, counted and enters its
     * user's history, but when the batch's ranking loss is above {@code maxLoss} the model does not learn from it.
     *
     * @return the training step's outcome: its loss is the mean ranking loss (NaN when no event was a positive with a
     *     row: then only the rating head learned)
     */
    public TrainResult step(List<InteractionEvent> events, double maxLoss) {
        RatingScale scale = spec.model().ratings();
        if (events.size() > spec.maxUsers()) {
            // The batch keeps each event's history: no user of the batch may be forgotten before it ends.
            throw new IllegalArgumentException("a batch of " + events.size() + " events is larger than max_users "
                    + spec.maxUsers());
        }
        for (int i = 0; i < events.size(); i++) {
            events.get(i).check(scale, i);
        }
        int n = events.size();
        if (n == 0) {
            return new TrainResult(TrainStatus.TRAINED, Double.NaN, Double.NaN, model.rankingSteps(), 0);
        }
        grow(n);
        batch.clear();
        int deferred = 0;
        int maxInteracted = spec.model().history().maxInteracted();
        for (int i = 0; i < n; i++) {
            InteractionEvent e = events.get(i);
            UserHistory h = histories.getOrCreate(e.userId());
            boolean positive = e.isPositive(scale.positiveAt());
            predicted[i] = e.hasRating() ? model.predictRating(h, e.userId(), e.itemId()) : Float.NaN;
            ranks[i] = -1;
            if (positive) {
                fallback[i] = model.isPopularityFallback(h, e.userId());
                if (h.interactedCount() + n < maxInteracted) {
                    // Ranked below with the batch's other positives in one product; the exclusion set as of now is
                    // recoverable then, because no item can leave the set before the batch ends.
                    pendingEvent[deferred] = i;
                    pendingAdded[deferred] = h.added();
                    model.userVector(h, e.userId(), userVectors, deferred * dim);
                    deferred++;
                } else {
                    ranks[i] = model.rankOf(h, e.userId(), e.itemId(), spec.topK(), catalogue);
                }
            }
            batch.add(e, positive, h);
            h.record(e.itemId(), positive);
        }
        if (deferred > 0) {
            int stride = model.scoreRows(userVectors, deferred, scores);
            for (int p = 0; p < deferred; p++) {
                InteractionEvent e = events.get(pendingEvent[p]);
                ranks[pendingEvent[p]] = ExactRank.of(model.items(), scores, p * stride, stride,
                        histories.get(e.userId()), e.itemId(), pendingAdded[p], spec.topK(), catalogue);
            }
        }
        for (int i = 0; i < n; i++) {
            InteractionEvent e = events.get(i);
            if (e.hasRating()) {
                evaluator.rating(predicted[i], e.rating());
            }
            if (ranks[i] >= 0) {
                evaluator.rank(ranks[i], fallback[i]);
            }
        }
        TrainResult result = model.train(batch, maxLoss);
        batch.clear();
        lastBatch = n;
        this.events += n;
        if (result.trained()) {
            trainedEvents += n;
            steps++;
        }
        return result;
    }

    private void grow(int n) {
        if (predicted.length < n) {
            predicted = new float[n];
            ranks = new int[n];
            fallback = new boolean[n];
            pendingEvent = new int[n];
            pendingAdded = new long[n];
            userVectors = new float[n * dim];
            scores = new float[n * model.scoreWidth()];
        }
    }

    /**
     * The learner's whole state, versioned and checksummed:
     * <pre>
     *   header   "SNRL" | int version = 1
     *   content  int max_users | int top_k | long rmse_warm_up | long events | long steps
     *            int catalogue size (-1: none) | its item ids, ascending
     *            the recommender's training state (RecommenderCodec's content, without its header and trailer)
     *            histories: long evictions | users index (as a vocabulary's index) | per user, least recently active
     *                       first: int length | byte positives only | int max_interacted | int recent count |
     *                       per recent item, oldest first: long item | byte positive | long items added |
     *                       int interacted count |
     *                       per interacted item, oldest first: long item
     *            evaluator: int K | long positives | long hits | double NDCG sum | long warm-up | long ratings seen |
     *                       long ratings scored | double squared errors | double absolute errors |
     *                       long fallbacks | long unranked
     *   trailer  32 bytes: SHA-256 of everything before it
     * </pre>
     */
    public byte[] encode() {
        return StateWriter.encode(MAGIC, VERSION, out -> {
            out.putInt(spec.maxUsers()).putInt(spec.topK()).putLong(spec.rmseWarmUp()).putLong(events).putLong(steps);
            out.putInt(catalogue == null ? -1 : catalogue.length);
            if (catalogue != null) {
                out.putLongs(catalogue, catalogue.length);
            }
            RecommenderCodec.writeTo(model, out, true);
            histories.writeTo(out);
            evaluator.writeTo(out);
        });
    }

    /** A learner that continues exactly as the encoded one would have. */
    public static RecoLearner decode(byte[] bytes) {
        StateReader in = StateReader.open(bytes, MAGIC, VERSION, "recommendation learner state");
        int maxUsers = in.getInt("max_users", RecoLearnerSpec.MIN_USERS, Integer.MAX_VALUE);
        int topK = in.getInt("top_k", 1, Integer.MAX_VALUE);
        long warmUp = in.getLong("rmse_warm_up");
        long events = in.getLong("events");
        long steps = in.getLong("steps");
        int catalogueSize = in.getInt("catalogue size", -1, Integer.MAX_VALUE);
        long[] catalogue = null;
        if (catalogueSize >= 0) {
            catalogue = new long[catalogueSize];
            in.getLongs("catalogue", catalogue, catalogueSize);
            for (int i = 1; i < catalogueSize; i++) {
                if (catalogue[i] <= catalogue[i - 1]) {
                    throw in.invalid("catalogue", "not strictly ascending at index " + i);
                }
            }
        }
        Recommender model = RecommenderCodec.readFrom(in);
        if (!model.trainable()) {
            throw in.invalid("recommender", "a learner state must hold the optimizer");
        }
        RecoLearnerSpec spec = new RecoLearnerSpec(model.spec(), maxUsers, topK, warmUp);
        UserHistories histories = new UserHistories(spec.model().history(), maxUsers);
        histories.readFrom(in);
        RecoEvaluator evaluator = RecoEvaluator.readFrom(in);
        if (evaluator.k() != topK) {
            throw in.invalid("evaluator", "K " + evaluator.k() + " differs from top_k " + topK);
        }
        in.finish();
        RecoLearner learner = new RecoLearner(spec, model, histories, evaluator);
        learner.events = events;
        learner.steps = steps;
        learner.catalogue = catalogue;
        return learner;
    }

    /** The model's whole training state ({@link Recommender#encode()}), for checkpoints and rollbacks. */
    public byte[] encodeModel() {
        return model.encode();
    }

    /** Goes back to a model {@link #encodeModel} encoded (a rollback); histories and evaluation go on. */
    public void restoreModel(byte[] state) {
        Recommender restored = Recommender.decode(state);
        if (!restored.spec().equals(spec.model())) {
            throw new IllegalArgumentException("the model to restore has another recommender spec than the learner's");
        }
        if (!restored.trainable()) {
            throw new IllegalArgumentException("the model to restore has no optimizer state (a scoring state)");
        }
        model = restored;
    }

    /**
     * Everything but the model, as one block (int length, then versioned and checksummed bytes):
     * <pre>
     *   header   "SNRS" | int version = 1
     *   content  long events | long steps | long trained events | histories | evaluator (as in {@link #encode})
     *   trailer  32 bytes: SHA-256 of everything before it
     * </pre>
     */
    public void writeState(DataOutputStream out) throws IOException {
        byte[] bytes = StateWriter.encode(STATE_MAGIC, STATE_VERSION, w -> {
            w.putLong(events).putLong(steps).putLong(trainedEvents);
            histories.writeTo(w);
            evaluator.writeTo(w);
        });
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** A learner continuing from {@link #encodeModel} and {@link #writeState}'s bytes, for {@code spec}. */
    public static RecoLearner restore(RecoLearnerSpec spec, byte[] modelState, DataInputStream state)
            throws IOException {
        byte[] bytes = new byte[state.readInt()];
        state.readFully(bytes);
        StateReader in = StateReader.open(bytes, STATE_MAGIC, STATE_VERSION, "recommendation learner state");
        long events = in.getLong("events");
        long steps = in.getLong("steps");
        long trained = in.getLong("trained events");
        UserHistories histories = new UserHistories(spec.model().history(), spec.maxUsers());
        histories.readFrom(in);
        RecoEvaluator evaluator = RecoEvaluator.readFrom(in);
        in.finish();
        if (evaluator.k() != spec.topK()) {
            throw new IllegalArgumentException("recommendation learner state: its evaluator ranks the top "
                    + evaluator.k() + ", the learner's top_k is " + spec.topK());
        }
        RecoLearner learner = new RecoLearner(spec, Recommender.build(spec.model()), histories, evaluator);
        learner.restoreModel(modelState);
        learner.events = events;
        learner.steps = steps;
        learner.trainedEvents = trained;
        return learner;
    }

    /**
     * The prequential figures by name: hr_at_K, ndcg_at_K, rmse, mae (NaN while undefined), and positives, the
     * positives ranked so far (HR@K's denominator: a baseline on the same stream is compared after as many).
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("hr_at_" + spec.topK(), evaluator.hitRate());
        m.put("ndcg_at_" + spec.topK(), evaluator.ndcg());
        m.put("rmse", evaluator.rmse());
        m.put("mae", evaluator.mae());
        m.put(POSITIVES_METRIC, (double) evaluator.positives());
        return m;
    }

    /**
     * The last step's prequential error of each positive it ranked, in order, for a drift monitor: 1 when the item
     * missed the top K, else 0 (the complement of HR@K's hit); returns how many. Other events have none.
     */
    public int lastExampleLosses(double[] out) {
        int m = 0;
        for (int i = 0; i < lastBatch; i++) {
            if (ranks[i] >= 0) {
                out[m++] = ranks[i] < spec.topK() ? 0 : 1;
            }
        }
        return m;
    }

    /** Events of the steps the model learned from. */
    public long trainedEvents() {
        return trainedEvents;
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

package io.streamnet.nn.reco;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Components;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.snapshot.IdTable;
import io.streamnet.nn.snapshot.ModelContent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The recommendation model: {@code score(user, item) = u . Q[item] + b[item]}, where {@code u} is the
 * {@link UserTower}'s representation of the user's recent items (and row), Q the item table and b the item bias; so
 * the top K of the whole catalogue is one matrix-vector product plus the bias. Rows come from two
 * {@link IdVocabulary}s (items, users). A {@link RatingHead} predicts explicit ratings.
 *
 * <p>Training ({@link #train}): the rating head learns from every rated event; the ranking learns from every positive
 * whose item has a row, against negatives drawn from the model's generator with probability proportional to
 * popularity^exponent ({@link PopularitySampler}), never items the user has interacted with, with the spec's loss.
 * A step whose loss or gradient is not finite is refused (weights and slots unchanged) and counted.
 *
 * <p>Scoring ({@link #topK}, {@link #scoreCandidates} in {@link CatalogueScorer}; {@link #predictRating}) reads the
 * vocabularies without counting, and excludes the items the user has interacted with. A user with neither history
 * nor row gets the popularity ranking of the model, the item bias ({@link #isPopularityFallback}).
 *
 * <p>Deterministic: every random draw comes from the model's {@link Rng} (seeded by the spec). Not thread-safe; no
 * allocation per call in the training or scoring loops once buffers have grown.
 */
public final class Recommender implements ModelContent {
    private final RecommenderSpec spec;
    private final Rng rng;
    private final IdVocabulary items;
    private final IdVocabulary users;
    private final Parameter itemEmbedding;
    private final Parameter itemBias;
    private final UserTower tower;
    private final RatingHead ratingHead;
    private final List<Parameter> rankingParams;
    private final List<Parameter> params;
    private final List<IdTable> idTables;
    private final Optimizer optimizer;
    private final PopularitySampler sampler;
    private final RankingTrainer rankingTrainer;
    /** Package-private so that tests can ask which scan answered ({@link CatalogueScorer#lastTopKByBfloat16}). */
    final CatalogueScorer scorer;
    private final RowWeights rows;
    // Scratch, reused by every call.
    private int[] userRows = new int[0];
    private int[] itemRows = new int[0];
    private int[] ratedUserRows = new int[0];
    private int[] ratedItemRows = new int[0];
    private float[] ratingValues = new float[0];
    /** Indexes of the model's counters (state, encoded in this order). */
    static final int RANKING_STEPS = 0;
    static final int RANKING_EXAMPLES = 1;
    static final int REFUSED_RANKING_STEPS = 2;
    static final int REFUSED_RATING_STEPS = 3;
    static final int NEGATIVES_DRAWN = 4;
    static final int NEGATIVES_REJECTED = 5;
    static final int COUNTERS = 6;
    private final long[] counters = new long[COUNTERS];

    private Recommender(RecommenderSpec spec, boolean trainable, IdVocabulary items, IdVocabulary users,
                        RatingHead ratingHead) {
        this.spec = spec;
        this.rng = new Rng(spec.seed());
        this.items = items;
        this.users = users;
        this.itemEmbedding = Parameter.sparse("reco_item", "embedding", spec.items().capacity(), spec.dim());
        this.itemBias = Parameter.sparse("reco_item", "bias", spec.items().capacity(), 1);
        this.tower = new UserTower(spec, itemEmbedding);
        this.ratingHead = ratingHead;
        List<Parameter> ranking = new ArrayList<>();
        ranking.add(itemEmbedding);
        ranking.add(itemBias);
        ranking.addAll(tower.params());
        this.rankingParams = Collections.unmodifiableList(ranking);
        List<Parameter> all = new ArrayList<>(ranking);
        all.addAll(ratingHead.parameters());
        this.params = Collections.unmodifiableList(all);
        this.idTables = List.of(new VocabularyTable("reco_items", items), new VocabularyTable("reco_users", users));
        UniqueNames.check(all);
        this.optimizer = trainable ? Components.optimizer(spec.optimizer(), ranking) : null;
        this.sampler = trainable ? new PopularitySampler(spec.items().capacity(), spec.negatives().exponent()) : null;
        this.scorer = new CatalogueScorer(spec, items, users, itemEmbedding, itemBias, tower, trainable);
        this.rankingTrainer = optimizer == null ? null : new RankingTrainer(spec, items, itemEmbedding, itemBias, tower,
                rankingParams, optimizer, sampler, rng, counters);
        this.rows = new RowWeights(spec, rng, itemEmbedding, itemBias, tower, ratingHead, rankingParams, optimizer,
                sampler);
        if (trainable) {
            items.setExpiryListener((row, id) -> rows.resetItemRow(row));
            users.setExpiryListener((row, id) -> rows.resetUserRow(row));
        }
    }

    /** A trainable model with fresh weights (from the spec's seed) and empty vocabularies. */
    public static Recommender build(RecommenderSpec spec) {
        Recommender m = new Recommender(spec, true, new IdVocabulary(spec.items()), new IdVocabulary(spec.users()),
                new RatingHead(spec.ratingHead(), spec.ratings(), true));
        m.rows.initialize();
        return m;
    }

    /**
     * A scoring-only model (no optimizer slots, no sampler) with zero weights and empty vocabularies: for a scorer
     * that installs a trainer's weights ({@link #parameters()} values, every one of them) and rows
     * ({@link IdVocabulary#assign}). Not initialised: a full snapshot overwrites every value, and drawing the
     * tables' millions of normals would only delay the first model a scorer serves.
     */
    public static Recommender forScoring(RecommenderSpec spec) {
        return new Recommender(spec, false, new IdVocabulary(spec.items()), new IdVocabulary(spec.users()),
                new RatingHead(spec.ratingHead(), spec.ratings(), false));
    }

    /** For decoders: trainable or not, with the given vocabularies and rating head, weights to be loaded. */
    static Recommender restored(RecommenderSpec spec, boolean trainable, IdVocabulary items, IdVocabulary users,
                                RatingHead ratingHead) {
        return new Recommender(spec, trainable, items, users, ratingHead);
    }

    /** A scoring-only copy of this model's current weights and rows. */
    public Recommender scoringCopy() {
        Recommender copy = new Recommender(spec, false, new IdVocabulary(spec.items()), new IdVocabulary(spec.users()),
                ratingHead.scoringCopy());
        for (int p = 0; p < rankingParams.size(); p++) {
            float[] src = rankingParams.get(p).value();
            System.arraycopy(src, 0, copy.rankingParams.get(p).value(), 0, src.length);
        }
        items.copyRowsTo(copy.items);
        users.copyRowsTo(copy.users);
        copy.rng.setState(rng.state());
        return copy;
    }

    // ---------------------------------------------------------------- scoring

    /** A snapshot was applied to this model's weights or rows: what the scorer derived from them is stale. */
    @Override
    public void contentChanged() {
        scorer.modelChanged();
    }

    /** Whether {@link #topK} answers with the popularity ranking: no history and no user row to go on. */
    public boolean isPopularityFallback(UserHistory history, long userId) {
        return scorer.isPopularityFallback(history, userId);
    }

    /** The user vector for the user's history into {@code out[off, off + dim)}; zero for the popularity fallback. */
    void userVector(UserHistory history, long userId, float[] out, int off) {
        scorer.userVector(history, userId, out, off);
    }

    /** Scores of every item row for {@code m} user vectors ({@link CatalogueScorer#scoreRows}); returns the stride. */
    int scoreRows(float[] users, int m, float[] out) {
        return scorer.scoreRows(users, m, out);
    }

    /** Width of a row of scores for {@link #scoreRows}: the item table's rows. */
    int scoreWidth() {
        return scorer.scoreWidth();
    }

    /**
     * The top {@code k} items for the user among all items with a row, excluding those the user has interacted
     * with; best first, ties to the lower item id.
     *
     * @param history the user's history (null: none)
     * @return how many items were written ({@code min(k, candidates)})
     */
    public int topK(UserHistory history, long userId, int k, long[] outItemIds, float[] outScores) {
        return scorer.topK(history, userId, k, outItemIds, outScores);
    }

    /**
     * Scores of given items for the user: {@code -Infinity} for an item without a row or one the user has
     * interacted with (neither can be recommended).
     */
    public void scoreCandidates(UserHistory history, long userId, long[] itemIds, int n, float[] outScores) {
        scorer.scoreCandidates(history, userId, itemIds, n, outScores);
    }

    /**
     * The exact 0-based rank of {@code itemId} among all items with a row that the user has not interacted with
     * (ties to the lower item id), as {@link #topK} would order them; {@link Integer#MAX_VALUE} when the item has no
     * row or the user has interacted with it already (the model cannot recommend it: a miss).
     */
    public int rankOf(UserHistory history, long userId, long itemId) {
        return scorer.rankOf(history, userId, itemId, Integer.MAX_VALUE, null);
    }

    /** {@link #rankOf} counted up to {@code limit}, among the catalogue's items too if one is given (ExactRank). */
    int rankOf(UserHistory history, long userId, long itemId, int limit, long[] catalogue) {
        return scorer.rankOf(history, userId, itemId, limit, catalogue);
    }

    /** The predicted rating, clipped to the rating scale (history unused by today's head). */
    public float predictRating(UserHistory history, long userId, long itemId) {
        return ratingHead.predict(users.rowOf(userId), items.rowOf(itemId));
    }

    // ---------------------------------------------------------------- training

    /**
     * One training step: counts every event's user and item in the vocabularies (admitting and expiring rows), trains
     * the rating head on the rated events and the ranking on the positives whose item has a row.
     *
     * @return whether the ranking step was applied (false when it was refused or had no examples)
     */
    public boolean train(TrainingBatch batch) {
        TrainResult r = train(batch, Double.POSITIVE_INFINITY);
        return r.trained() && !Double.isNaN(r.loss());
    }

    /**
     * {@link #train(TrainingBatch)} under a loss ceiling, for a divergence guard: the batch's ranking loss is computed
     * first, and when it is above {@code maxLoss} neither the ranking nor the rating head learns from the batch (the
     * vocabularies have counted its ids all the same). The result's loss is the mean ranking loss, NaN when the
     * batch had no ranking example (then only the rating head learned).
     */
    public TrainResult train(TrainingBatch batch, double maxLoss) {
        if (optimizer == null) {
            throw new IllegalStateException("this recommender was built for scoring only");
        }
        observeRows(batch);
        int ranked = rankingTrainer.prepare(batch, userRows, itemRows);
        double loss = ranked == 0 ? Double.NaN : rankingTrainer.lossAndGradients(batch, userRows);
        long steps = rankingSteps();
        if (ranked > 0 && Double.isFinite(loss) && loss > maxLoss) {
            return new TrainResult(TrainStatus.REJECTED_LOSS_ABOVE_LIMIT, loss, Double.NaN, steps, batch.size());
        }
        trainRatings(batch);
        TrainStatus status = ranked == 0 ? TrainStatus.TRAINED : rankingTrainer.apply(loss);
        for (int i = 0; i < batch.size(); i++) {
            if (batch.positive(i)) {
                sampler.increment(itemRows[i]); // after the draws: this batch's negatives came from before it
            }
        }
        return new TrainResult(status, loss, Double.NaN, rankingSteps(), batch.size());
    }

    /** The rating head's step on the batch's rated events; they are compacted to the front of the row arrays. */
    private void trainRatings(TrainingBatch batch) {
        int rated = 0;
        for (int i = 0; i < batch.size(); i++) {
            float r = batch.rating(i);
            if (!Float.isNaN(r)) {
                ratedUserRows[rated] = userRows[i];
                ratedItemRows[rated] = itemRows[i];
                ratingValues[rated++] = r;
            }
        }
        if (rated > 0 && !ratingHead.train(ratedUserRows, ratedItemRows, ratingValues, rated).trained()) {
            counters[REFUSED_RATING_STEPS]++;
        }
    }

    /** Counts the batch's users and items in the vocabularies (admitting, expiring), keeping their rows. */
    void observeRows(TrainingBatch batch) {
        int n = batch.size();
        if (userRows.length < n) {
            userRows = new int[n];
            itemRows = new int[n];
            ratedUserRows = new int[n];
            ratedItemRows = new int[n];
            ratingValues = new float[n];
        }
        for (int i = 0; i < n; i++) {
            userRows[i] = users.observe(batch.user(i), batch.time(i));
            itemRows[i] = items.observe(batch.item(i), batch.time(i));
        }
    }

    /** The ranking trainer, for tests that inspect its examples and gradients. */
    RankingTrainer rankingTrainer() {
        return rankingTrainer;
    }

    /** {@link RankingTrainer#prepare} on the rows of the last {@link #observeRows}. */
    int prepareRanking(TrainingBatch batch) {
        return rankingTrainer.prepare(batch, userRows, itemRows);
    }

    /** {@link RankingTrainer#lossAndGradients} on the rows of the last {@link #observeRows}. */
    double rankingLossAndGradients(TrainingBatch batch) {
        return rankingTrainer.lossAndGradients(batch, userRows);
    }

    // ---------------------------------------------------------------- state

    /**
     * The full training state (with optimizer slots for a trainable model), versioned and checksummed; the format is
     * documented in {@link RecommenderCodec}.
     */
    public byte[] encode() {
        return RecommenderCodec.encode(this, trainable());
    }

    /** The state without optimizer slots and sampler counts: decodes into a scoring-only model. */
    public byte[] encodeForScoring() {
        return RecommenderCodec.encode(this, false);
    }

    /** A model equal to the encoded one in every respect, trainable if the state holds an optimizer. */
    public static Recommender decode(byte[] bytes) {
        return RecommenderCodec.decode(bytes);
    }

    long[] counters() {
        return counters.clone();
    }

    void restoreCounters(long[] c) {
        System.arraycopy(c, 0, counters, 0, COUNTERS);
    }

    List<Parameter> rankingParameters() {
        return rankingParams;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    PopularitySampler sampler() {
        return sampler;
    }

    RatingHead ratingHead() {
        return ratingHead;
    }

    /** Ranking steps applied so far. */
    public long rankingSteps() {
        return counters[RANKING_STEPS];
    }

    /** Ranking steps refused (non-finite loss or gradient) so far. */
    public long refusedRankingSteps() {
        return counters[REFUSED_RANKING_STEPS];
    }

    /** Rating-head steps refused (non-finite loss or gradient) so far. */
    public long refusedRatingSteps() {
        return counters[REFUSED_RATING_STEPS];
    }

    /** Negatives drawn, and of them rejected (the positive itself or an item the user interacted with), so far. */
    public long negativesDrawn() {
        return counters[NEGATIVES_DRAWN];
    }

    public long negativesRejected() {
        return counters[NEGATIVES_REJECTED];
    }

    // ---------------------------------------------------------------- access

    public RecommenderSpec spec() {
        return spec;
    }

    /** Every float a scorer needs, in a stable order with unique names: ranking weights, then the rating head. */
    @Override
    public List<Parameter> parameters() {
        return params;
    }

    /** The id tables a scorer needs: items, then users. */
    public List<IdVocabulary> vocabularies() {
        return List.of(items, users);
    }

    /** The vocabularies as snapshots carry them: {@code reco_items}, then {@code reco_users}. */
    @Override
    public List<IdTable> idTables() {
        return idTables;
    }

    public IdVocabulary items() {
        return items;
    }

    public IdVocabulary users() {
        return users;
    }

    /** The generator every random draw comes from; its state is model state. */
    public Rng rng() {
        return rng;
    }

    public boolean trainable() {
        return optimizer != null;
    }
}

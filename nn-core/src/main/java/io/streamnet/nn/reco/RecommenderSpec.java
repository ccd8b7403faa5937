package io.streamnet.nn.reco;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.SpecNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The recommender as data (the {@code model:} section of a runner spec, YAML or JSON); every key is optional and
 * unknown keys are errors naming the key. The default spec with a comment per key is
 * {@code io/streamnet/nn/prequential/movielens.yaml}.
 *
 * @param seed       seed of the model's generator (initialisation, negatives, re-initialised rows)
 * @param dim        width of item, context and user vectors
 * @param initStd    standard deviation of the normal initialisation of embedding rows
 * @param ratings    the rating scale and the positive threshold
 * @param items      item rows: capacity, admission, expiry
 * @param users      user rows (the user embedding and the rating head)
 * @param history    the recent items the user tower reads and the exclusion set
 * @param tower      how the user representation is built from the history
 * @param negatives  how negatives are drawn
 * @param loss       the ranking loss
 * @param logQ       correct the negatives' logits by {@code -ln(n q)} (n negatives, q: an item's sampling probability)
 * @param optimizer  the ranking weights' optimizer (a network spec's optimizer object)
 * @param ratingHead the rating network: inputs {@code user} and {@code item} (ids, vocab = the capacities), loss mse
 */
public record RecommenderSpec(long seed, int dim, double initStd, RatingScale ratings, VocabularySpec items,
                              VocabularySpec users, HistorySpec history, Tower tower, Negatives negatives,
                              RankingLoss loss, boolean logQ, OptimizerSpec optimizer, NetworkSpec ratingHead) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    static final String USER_INPUT = "user";
    static final String ITEM_INPUT = "item";
    /** Names of the ranking weights start with it. */
    static final String RESERVED_PREFIX = "reco_";

    /**
     * The user tower: the spec section {@code tower:}.
     *
     * @param tiedContext     the history items are read from the item table itself ({@code context_table: tied}), or
     *                        from a second item table ({@code separate})
     * @param userEmbedding   add a learned vector per user row to the pooled history
     * @param recency         the history is pooled with weights {@code recency^k} (k = 0 the most recent), normalised
     *                        to sum to 1 over the items present; 1 is a plain mean
     * @param positionWeights learn a factor per history position on top of the recency weights
     * @param dense           a {@code dim x dim} layer on top: none, identity, tanh or relu
     */
    public record Tower(boolean tiedContext, boolean userEmbedding, double recency, boolean positionWeights,
                        String dense) {
        public Tower {
            if (!(recency > 0 && recency <= 1)) {
                throw new IllegalArgumentException("tower recency must be in (0, 1], got " + recency);
            }
            if (!dense.equals("none") && !dense.equals("identity") && !dense.equals("tanh") && !dense.equals("relu")) {
                throw new IllegalArgumentException("tower dense must be none, identity, tanh or relu, got " + dense);
            }
        }

        public boolean hasDense() {
            return !dense.equals("none");
        }
    }

    /**
     * Negative sampling: the spec section {@code negatives:}.
     *
     * @param count    negatives per positive
     * @param exponent items are drawn with probability proportional to (positives so far)^exponent
     * @param maxTries draws per wanted negative before giving up (draws of items the user interacted with are
     *                 rejected, so a user who has seen most popular items may get fewer negatives)
     * @param hardPool adversarial (hard) negatives: {@code hardPool * count} candidates are drawn by popularity and
     *                 {@code count} of them kept, sampled without replacement with probability proportional to
     *                 {@code exp(score / temperature)} under the current model: the model as its own adversary
     *                 (self-adversarial sampling); 1: off, every drawn candidate is kept
     * @param temperature the softmax temperature of that choice, &gt; 0: lower, harder negatives
     */
    public record Negatives(int count, double exponent, int maxTries, int hardPool, double temperature) {
        public Negatives {
            if (hardPool < 1) {
                throw new IllegalArgumentException("negatives hard_pool must be >= 1, got " + hardPool);
            }
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("negatives temperature must be finite and > 0, got " + temperature);
            }
        }

        /** Popularity sampling only. */
        public Negatives(int count, double exponent, int maxTries) {
            this(count, exponent, maxTries, 1, 1.0);
        }

        /** Whether negatives are chosen by the model's scores among a larger popularity sample. */
        public boolean adversarial() {
            return hardPool > 1;
        }
    }

    /** The default values of every key (what an empty {@code model:} section gives). */
    static RecommenderSpec defaults(NetworkSpec ratingHead) {
        return new RecommenderSpec(42, 128, 0.1, new RatingScale(0.5f, 5f, 4f),
                new VocabularySpec(1 << 15, 1, 1_000_000, 0, 0), new VocabularySpec(1 << 13, 1, 1_000_000, 0, 0),
                new HistorySpec(20, false, 10_000), new Tower(true, false, 0.7, true, "none"),
                new Negatives(64, 0.75, 4),
                RankingLoss.SAMPLED_SOFTMAX, true, OptimizerSpec.adagrad(0.1), ratingHead);
    }

    /** Reads a {@code model:} section; errors are located below {@code n.location()}. */
    public static RecommenderSpec read(SpecNode n) {
        JsonNode head = n.required("rating_head");
        NetworkSpec ratingHead;
        try {
            ratingHead = NetworkSpec.fromJson(JSON.writeValueAsString(head));
        } catch (SpecException e) {
            throw new SpecException(n.location() + ".rating_head." + e.location(),
                    e.getMessage().substring(e.location().length() + 2), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RecommenderSpec d = defaults(ratingHead);
        long seed = n.longInteger("seed", d.seed(), Long.MIN_VALUE, Long.MAX_VALUE);
        int dim = n.integer("dim", d.dim(), 1, 4096);
        double initStd = n.real("init_std", d.initStd(), 0, 10);
        RatingScale ratings = RatingScale.read(n.child("ratings"), d.ratings());
        VocabularySpec items = VocabularySpec.read(n.child("items"), d.items());
        VocabularySpec users = VocabularySpec.read(n.child("users"), d.users());
        HistorySpec history = HistorySpec.read(n.child("history"), d.history());
        SpecNode t = n.child("tower");
        String context = t.choice("context_table", d.tower().tiedContext() ? "tied" : "separate", "tied", "separate");
        Tower tower = new Tower(context.equals("tied"), t.bool("user_embedding", d.tower().userEmbedding()),
                t.real("recency", d.tower().recency(), Double.MIN_VALUE, 1),
                t.bool("position_weights", d.tower().positionWeights()),
                t.choice("dense", d.tower().dense(), "none", "identity", "tanh", "relu"));
        t.finish();
        SpecNode g = n.child("negatives");
        Negatives negatives = new Negatives(g.integer("count", d.negatives().count(), 1, 1 << 16),
                g.real("exponent", d.negatives().exponent(), 0, 4),
                g.integer("max_tries", d.negatives().maxTries(), 1, 1000),
                g.integer("hard_pool", d.negatives().hardPool(), 1, 64),
                g.real("temperature", d.negatives().temperature(), 1e-3, 1e3));
        g.finish();
        SpecNode l = n.child("loss");
        RankingLoss loss = RankingLoss.bySpecName(
                l.choice("type", d.loss().specName(), "sampled_softmax", "bpr", "bce"));
        boolean logQ = l.bool("logq", d.logQ());
        l.finish();
        JsonNode opt = n.get("optimizer");
        OptimizerSpec optimizer = d.optimizer();
        if (opt != null) {
            try {
                optimizer = OptimizerSpec.fromJson(opt);
            } catch (SpecException e) {
                throw new SpecException(n.location() + "." + e.location(),
                        e.getMessage().substring(e.location().length() + 2), e);
            }
        }
        n.finish();
        RecommenderSpec spec = new RecommenderSpec(seed, dim, initStd, ratings, items, users, history, tower, negatives,
                loss, logQ, optimizer, ratingHead);
        spec.checkRatingHead(n.location() + ".rating_head");
        return spec;
    }

    /**
     * The rating head must take user and item rows and predict one number with mse, and leave the {@code reco_}
     * prefix to the ranking weights (parameter names are unique across the model).
     */
    private void checkRatingHead(String location) {
        for (int i = 0; i < ratingHead.layers().size(); i++) {
            String name = ratingHead.layers().get(i).name();
            if (name.startsWith(RESERVED_PREFIX)) {
                throw new SpecException(location + ".layers[" + i + "]", "name '" + name + "' starts with '"
                        + RESERVED_PREFIX + "', which the ranking weights use");
            }
        }
        checkIdInput(location, USER_INPUT, users.capacity(), "users.capacity");
        checkIdInput(location, ITEM_INPUT, items.capacity(), "items.capacity");
        if (!ratingHead.loss().type().equals("mse")) {
            throw new SpecException(location + ".loss", "must be mse (the head predicts the rating's offset from the"
                    + " running mean), got " + ratingHead.loss().type());
        }
        if (ratingHead.graph().outputWidth() != 1) {
            throw new SpecException(location + ".layers", "the last layer must have 1 unit, has "
                    + ratingHead.graph().outputWidth());
        }
    }

    private void checkIdInput(String location, String name, int vocab, String key) {
        InputSpec in = ratingHead.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
        if (in == null || in.type() != InputSpec.Type.IDS || in.width() != 1) {
            throw new SpecException(location + ".inputs", "needs an input {name: " + name + ", type: ids, vocab: "
                    + vocab + "} (one row id per example)");
        }
        if (in.vocab() != vocab) {
            throw new SpecException(location + ".inputs", "input '" + name + "' has vocab " + in.vocab() + " but "
                    + key + " is " + vocab + "; they must be equal");
        }
        if (ratingHead.inputs().size() != 2) {
            throw new SpecException(location + ".inputs", "must be exactly the inputs user and item, got "
                    + ratingHead.inputs().stream().map(InputSpec::name).toList());
        }
    }

    /** Parses a {@code model:} section written in YAML (or JSON, a subset of YAML). */
    public static RecommenderSpec fromYaml(String text, String source) {
        return read(SpecNode.of(parseTree(YAML, text, source), source));
    }

    /** Parses canonical JSON ({@link #toJson()}). */
    public static RecommenderSpec fromJson(String text) {
        return read(SpecNode.of(parseTree(JSON, text, "model"), "model"));
    }

    private static JsonNode parseTree(ObjectMapper mapper, String text, String source) {
        try {
            return mapper.readTree(text);
        } catch (JacksonException e) {
            throw new SpecException(source, "malformed spec: " + e.getOriginalMessage(), e);
        }
    }

    /** Every setting explicit, in a fixed key order; {@code fromJson(toJson())} equals this spec. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("seed", seed).put("dim", dim).put("init_std", initStd);
        ratings.write(o.putObject("ratings"));
        items.write(o.putObject("items"));
        users.write(o.putObject("users"));
        history.write(o.putObject("history"));
        o.putObject("tower").put("context_table", tower.tiedContext() ? "tied" : "separate")
                .put("user_embedding", tower.userEmbedding()).put("recency", tower.recency())
                .put("position_weights", tower.positionWeights()).put("dense", tower.dense());
        ObjectNode neg = o.putObject("negatives").put("count", negatives.count())
                .put("exponent", negatives.exponent()).put("max_tries", negatives.maxTries());
        if (negatives.adversarial()) {
            // written only when on, so the specs (and model states) of popularity sampling keep their exact text
            neg.put("hard_pool", negatives.hardPool()).put("temperature", negatives.temperature());
        }
        o.putObject("loss").put("type", loss.specName()).put("logq", logQ);
        try {
            o.set("optimizer", JSON.readTree(ratingHead.withOptimizer(optimizer).toJson()).get("optimizer"));
            o.set("rating_head", JSON.readTree(ratingHead.toJson()));
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

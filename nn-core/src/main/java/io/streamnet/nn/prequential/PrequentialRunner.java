package io.streamnet.nn.prequential;

import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.DigineticaReader;
import io.streamnet.nn.data.ItemView;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.MovieLensReader;
import io.streamnet.nn.data.Rating;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * One prequential run: locate and read the dataset, put it in its canonical stream order, build the model from the
 * spec, stream it test-then-train, return the final metrics. What the CLI and the tests call.
 */
public final class PrequentialRunner {
    private final Function<NetworkSpec, Network> networks;
    private final ProgressReporter progress;
    private final DataLocator locator;
    private java.util.function.Consumer<Network> finished = n -> {};
    private java.util.function.BiConsumer<Long, Double> curve = (events, accuracy) -> {};

    /** Fresh trainable networks ({@link Network#build}), data located from the environment. */
    public PrequentialRunner(ProgressReporter progress) {
        this(Network::build, progress, DataLocator.fromEnvironment());
    }

    /** @param networks builds the network to train from the spec's network section */
    public PrequentialRunner(Function<NetworkSpec, Network> networks, ProgressReporter progress,
                             DataLocator locator) {
        this.networks = networks;
        this.progress = progress;
        this.locator = locator;
    }

    /** Called with the trained network after a text or rating run (e.g. to save its state). Returns this runner. */
    public PrequentialRunner onFinished(java.util.function.Consumer<Network> finished) {
        this.finished = finished;
        return this;
    }

    /** Receives (events so far, accuracy so far) after every batch of a text run. Returns this runner. */
    public PrequentialRunner withCurve(java.util.function.BiConsumer<Long, Double> curve) {
        this.curve = curve;
        return this;
    }

    /**
     * @param dataset which dataset
     * @param path    its directory or file, or null to locate it in the default data roots
     * @param spec    what to run
     * @param seed    seed of the canonical order (text datasets)
     * @param limit   at most this many events, 0 for all
     */
    public MetricsLine run(Dataset dataset, Path path, RunnerSpec spec, int seed, long limit) {
        Path dir = path != null ? path : locator.locate(dataset);
        switch (dataset.kind()) {
            case TEXT -> {
                FeatureSpec features = spec.features();
                if (!(features instanceof FeatureSpec.TextHashing) && !(features instanceof FeatureSpec.TokenSequence)) {
                    throw new IllegalArgumentException("dataset " + dataset.cliName()
                            + " holds texts: the spec's features must be of type text_hashing or token_sequence");
                }
                List<LabeledText> stream = truncate(CanonicalOrder.apply(dataset.readTexts(dir), seed), limit);
                Network network = networkFor(spec, "bce_with_logits", dataset);
                MetricsLine result = new TextPrequentialRunner(features, spec.batchSize(), network, progress).withCurve(curve).run(stream);
                finished.accept(network);
                return result;
            }
            case RATINGS -> {
                if (!(spec.features() instanceof FeatureSpec.UserItem features)) {
                    throw new IllegalArgumentException("dataset " + dataset.cliName()
                            + " holds ratings: the spec's features must be of type user_item");
                }
                List<Rating> stream = truncate(MovieLensReader.readInStreamOrder(dir), limit);
                Network network = networkFor(spec, "mse", dataset);
                MetricsLine result = new RatingPrequentialRunner(features, spec.batchSize(), network, progress).run(stream);
                finished.accept(network);
                return result;
            }
            case SESSIONS -> throw new IllegalArgumentException("dataset " + dataset.cliName() + " holds sessions:"
                    + " it runs a session spec (" + SessionRunnerSpec.DEFAULT_RESOURCE + "), not a network spec");
            default -> throw new IllegalStateException("unknown dataset kind " + dataset.kind());
        }
    }

    /**
     * A recommender run on an interaction dataset (MovieLens): {@link RecoPrequentialRunner} over the ratings in
     * their canonical stream order.
     *
     * @param path  its directory or file, or null to locate it in the default data roots
     * @param limit at most this many events, 0 for all
     */
    public MetricsLine run(Dataset dataset, Path path, RecoRunnerSpec spec, long limit) {
        if (dataset.kind() != Dataset.Kind.RATINGS) {
            throw new IllegalArgumentException("dataset " + dataset.cliName() + " holds no ratings: a recommender spec"
                    + " needs an interaction dataset (movielens)");
        }
        Path dir = path != null ? path : locator.locate(dataset);
        List<Rating> stream = truncate(MovieLensReader.readInStreamOrder(dir), limit);
        return new RecoPrequentialRunner(spec, progress).run(stream);
    }

    /**
     * A session recommender run on item views (diginetica) in their stream order; {@code finished} receives the
     * runner afterwards (its summary, its model).
     */
    public MetricsLine run(Dataset dataset, Path path, SessionRunnerSpec spec, long limit,
                           java.util.function.Consumer<SessionPrequentialRunner> finished) {
        if (dataset.kind() != Dataset.Kind.SESSIONS) {
            throw new IllegalArgumentException("dataset " + dataset.cliName() + " holds no sessions: a session"
                    + " recommender spec needs a session dataset (diginetica)");
        }
        Path dir = path != null ? path : locator.locate(dataset);
        List<ItemView> stream = truncate(DigineticaReader.readInStreamOrder(dir), limit);
        SessionPrequentialRunner runner = new SessionPrequentialRunner(spec, progress);
        MetricsLine result = runner.run(stream);
        finished.accept(runner);
        return result;
    }

    /** The network for the spec, after checking that it predicts what the dataset's labels are. */
    private Network networkFor(RunnerSpec spec, String loss, Dataset dataset) {
        NetworkSpec net = spec.network();
        String actual = net.loss() == null ? "none" : net.loss().type();
        if (!actual.equals(loss)) {
            throw new IllegalArgumentException("dataset " + dataset.cliName() + " needs a network with loss " + loss
                    + " (one output per event), the spec has loss " + actual);
        }
        Network network = networks.apply(net);
        if (network.outputWidth() != 1) {
            throw new IllegalArgumentException("dataset " + dataset.cliName() + " needs a network with 1 output, the"
                    + " spec's last layer has " + network.outputWidth());
        }
        return network;
    }

    private static <T> List<T> truncate(List<T> stream, long limit) {
        return limit > 0 && limit < stream.size() ? stream.subList(0, (int) limit) : stream;
    }
}

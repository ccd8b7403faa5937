package io.streamnet.nn.cli;

import io.streamnet.nn.state.ModelStateCodec;

import io.streamnet.nn.data.MalformedDataException;
import io.streamnet.nn.prequential.MetricsLine;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.prequential.PrequentialRunner;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.prequential.ProgressReporter;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.prequential.SessionRunnerSpec;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * {@code streamnet prequential}: stream a dataset through a network, test-then-train, print the final metrics as
 * the last line of stdout. Exit status 0 on success, 2 on a usage error, 1 when the run fails (data not found,
 * malformed data or spec, a model error).
 */
public final class PrequentialCommand {
    private PrequentialCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, ProgressReporter.forStderr()));
    }

    /** A network on texts, or the rating-only runner on a movielens spec of {@code features} and {@code network}. */
    private static MetricsLine runNetwork(PrequentialOptions o, PrintStream err, ProgressReporter progress) {
        RunnerSpec spec = o.spec() != null ? RunnerSpec.load(o.spec()) : RunnerSpec.forDataset(o.dataset());
        if (o.batch() > 0) {
            spec = new RunnerSpec(o.batch(), spec.features(), spec.network(), spec.text());
        }
        announce(o, err, spec.batchSize(), RunnerSpec.defaultResource(o.dataset()));
        StringBuilder curve = new StringBuilder("events,accuracy\n");
        PrequentialRunner runner = new PrequentialRunner(progress)
                .withCurve((events, accuracy) -> curve.append(events).append(',').append(accuracy).append('\n'))
                .onFinished(network -> {
                    if (o.saveModel() == null) return;
                    try {
                        java.nio.file.Files.write(o.saveModel(), ModelStateCodec.encode(network));
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException("cannot write model state to " + o.saveModel(), e);
                    }
                    err.println("streamnet prequential: model state written to " + o.saveModel());
                });
        MetricsLine result = runner.run(o.dataset(), o.path(), spec, o.seed(), o.limit());
        if (o.curve() != null) {
            try {
                java.nio.file.Files.writeString(o.curve(), curve);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException("cannot write the curve to " + o.curve(), e);
            }
        }
        return result;
    }

    /** The recommender on an interaction dataset. */
    private static MetricsLine runRecommender(PrequentialOptions o, PrintStream err, ProgressReporter progress) {
        RecoRunnerSpec spec = o.spec() != null ? RecoRunnerSpec.load(o.spec()) : RecoRunnerSpec.defaults();
        if (o.batch() > 0) {
            spec = spec.withBatchSize(o.batch());
        }
        announce(o, err, spec.batchSize(), RecoRunnerSpec.DEFAULT_RESOURCE);
        return new PrequentialRunner(progress).run(o.dataset(), o.path(), spec, o.limit());
    }

    /** The session recommender on item views (diginetica): one view at a time, the model's seed from --seed. */
    private static MetricsLine runSessions(PrequentialOptions o, PrintStream err, ProgressReporter progress) {
        if (o.batch() > 0) {
            throw new IllegalArgumentException("dataset " + o.dataset().cliName() + " ranks and learns one view at a"
                    + " time: --batch does not apply");
        }
        SessionRunnerSpec spec = o.spec() != null ? SessionRunnerSpec.load(o.spec(), o.seed())
                : SessionRunnerSpec.defaults(o.seed());
        announce(o, err, 1, SessionRunnerSpec.DEFAULT_RESOURCE);
        return new PrequentialRunner(progress).run(o.dataset(), o.path(), spec, o.limit(),
                runner -> err.println("streamnet prequential: " + runner.summary()));
    }

    private static void announce(PrequentialOptions o, PrintStream err, int batch, String defaultResource) {
        err.println("streamnet prequential: dataset=" + o.dataset().cliName() + " seed=" + o.seed() + " batch=" + batch
                + " spec=" + (o.spec() != null ? o.spec() : defaultResource)
                + (o.limit() > 0 ? " limit=" + o.limit() : ""));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, ProgressReporter progress) {
        PrequentialOptions.Parsed parsed;
        try {
            parsed = PrequentialOptions.parse(args);
        } catch (UsageException e) {
            err.println("streamnet prequential: " + e.getMessage());
            err.println(PrequentialOptions.USAGE);
            return 2;
        }
        if (parsed.help()) {
            out.println(PrequentialOptions.USAGE);
            return 0;
        }
        PrequentialOptions o = parsed.options();
        try {
            boolean recommender = o.dataset().kind() == Dataset.Kind.RATINGS
                    && (o.spec() == null || RecoRunnerSpec.isRecommenderSpec(o.spec()));
            boolean sessions = o.dataset().kind() == Dataset.Kind.SESSIONS;
            if (parsed.printSpec()) {
                out.print(sessions ? SessionRunnerSpec.defaults(o.seed()).text()
                        : recommender ? RecoRunnerSpec.defaults().text() : RunnerSpec.forDataset(o.dataset()).text());
                return 0;
            }
            MetricsLine result = sessions ? runSessions(o, err, progress)
                    : recommender ? runRecommender(o, err, progress) : runNetwork(o, err, progress);
            out.println(result);
            out.flush();
            return 0;
        } catch (MalformedDataException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("streamnet prequential: error: " + e.getMessage());
            return 1;
        }
    }
}

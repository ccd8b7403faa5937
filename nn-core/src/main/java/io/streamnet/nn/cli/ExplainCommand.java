package io.streamnet.nn.cli;

import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.explain.Explanation;
import io.streamnet.nn.explain.TextExplainer;
import io.streamnet.nn.explain.TokenContribution;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.FeatureSpec;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.state.ModelStateCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;

/**
 * {@code streamnet explain}: a saved sentiment model's probability for a text and the tokens that made it, by
 * integrated gradients ({@link TextExplainer}). Exit status 0 on success, 2 on a usage error, 1 when the model or
 * spec cannot be used.
 */
public final class ExplainCommand {
    private ExplainCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ExplainOptions o;
        try {
            o = ExplainOptions.parse(args);
        } catch (UsageException e) {
            err.println("streamnet explain: " + e.getMessage());
            err.println(ExplainOptions.USAGE);
            return 2;
        }
        if (o == null) {
            out.println(ExplainOptions.USAGE);
            return 0;
        }
        try {
            Network network = ModelStateCodec.decode(readModel(o));
            Explanation e = explainer(network, o).explain(network, o.text());
            print(e, o.top(), out);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("streamnet explain: error: " + e.getMessage());
            return 1;
        }
    }

    private static byte[] readModel(ExplainOptions o) {
        try {
            return Files.readAllBytes(o.model());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + o.model() + ": " + e.getMessage(), e);
        }
    }

    /** The explainer of the model with the features of the runner spec it was trained with. */
    private static TextExplainer explainer(Network network, ExplainOptions o) {
        RunnerSpec spec = o.spec() != null ? RunnerSpec.load(o.spec()) : RunnerSpec.forDataset(Dataset.SST2);
        if (spec.features() instanceof FeatureSpec.TextHashing t) return new TextExplainer(network.spec(), t.config(), o.steps());
        if (spec.features() instanceof FeatureSpec.TokenSequence t) return new TextExplainer(network.spec(), t.config(), o.steps());
        throw new IllegalArgumentException("explanations need text features (text_hashing or token_sequence); "
                + (o.spec() != null ? o.spec() : "the spec") + " has " + spec.features().getClass().getSimpleName());
    }

    static void print(Explanation e, int top, PrintStream out) {
        out.printf(Locale.ROOT, "probability %.4f (%s)  logit %.4f  baseline logit (no tokens) %.4f%n", e.probability(),
                e.probability() > 0.5 ? "positive" : "negative", e.logit(), e.baselineLogit());
        out.printf(Locale.ROOT, "top %d of %d tokens by |contribution| (logit units, + pushes towards positive;"
                + " all tokens sum to %+.4f):%n", Math.min(top, e.tokens().size()), e.tokens().size(), e.total());
        for (TokenContribution t : e.top(top)) {
            out.printf(Locale.ROOT, "  %+.4f  %s%s%n", t.contribution(), t.token(),
                    t.occurrences() > 1 ? " (x" + t.occurrences() + ")" : "");
        }
    }
}

package io.streamnet.nn.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.data.Sst2Reader;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.feature.TextTokenizer;
import io.streamnet.nn.feature.TokenBuffer;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.prequential.FeatureSpec;
import io.streamnet.nn.prequential.PrequentialRunner;
import io.streamnet.nn.prequential.ProgressReporter;
import io.streamnet.nn.prequential.RunnerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Faithfulness by deletion (docs/BENCHMARKS.md, "Explanations (sentiment)"): the default sentiment model trained on one
 * prequential pass over SST-2's training stream (canonical order, seed 42), then, for each dev sentence with at least
 * 4 distinct tokens, |p(x) - p(x without its top-3 tokens)| against |p(x) - p(x without 3 random tokens)|. A token is
 * removed with all its occurrences; the remaining tokens are joined by spaces, so new bigrams form across the gap as
 * they would in a text written without the words. Random tokens come from a generator seeded with 42.
 */
class DeletionFaithfulnessTest {
    private static final int REMOVED = 3;

    @Test
    void removingTheTopTokensMovesTheProbabilityMoreThanRemovingRandomOnes() {
        Path dir = DataLocator.fromEnvironment().locateOrNull(Dataset.SST2);
        assumeTrue(dir != null, "SST-2 not found under ../shared/data or STREAMNET_DATA");
        RunnerSpec spec = RunnerSpec.forDataset(Dataset.SST2);
        AtomicReference<Network> trained = new AtomicReference<>();
        new PrequentialRunner(ProgressReporter.silent()).onFinished(trained::set).run(Dataset.SST2, dir, spec, 42, 0);
        Network net = trained.get();
        TextHashingConfig features = ((FeatureSpec.TextHashing) spec.features()).config();
        TextExplainer explainer = new TextExplainer(net.spec(), features, IntegratedGradients.DEFAULT_STEPS);
        Scorer scorer = new Scorer(net, features);
        SplittableRandom random = new SplittableRandom(42);

        double topSum = 0;
        double randomSum = 0;
        double gapSum = 0;
        int n = 0;
        for (LabeledText sentence : Sst2Reader.readDev(dir)) {
            Explanation e = explainer.explain(net, sentence.text());
            List<TokenContribution> tokens = e.tokens();
            if (tokens.size() < REMOVED + 1) continue;
            Set<String> top = new HashSet<>();
            for (TokenContribution t : e.top(REMOVED)) top.add(t.token());
            Set<String> drawn = new HashSet<>();
            while (drawn.size() < REMOVED) drawn.add(tokens.get(random.nextInt(tokens.size())).token());
            double p = scorer.probability(sentence.text());
            topSum += Math.abs(p - scorer.probability(scorer.without(sentence.text(), top)));
            randomSum += Math.abs(p - scorer.probability(scorer.without(sentence.text(), drawn)));
            gapSum += Math.abs(e.total() - (e.logit() - e.baselineLogit()));
            n++;
        }
        double topMean = topSum / n;
        double randomMean = randomSum / n;
        System.out.printf(Locale.ROOT, "deletion test, SST-2 dev: %d sentences; mean |dp| top-3 %.4f, random-3 %.4f;"
                + " mean |completeness gap| %.5f logits (%d steps)%n", n, topMean, randomMean, gapSum / n,
                IntegratedGradients.DEFAULT_STEPS);
        assertTrue(n > 800, "dev sentences with at least 4 distinct tokens: " + n);
        assertTrue(topMean > randomMean, "top-3 mean " + topMean + " is not above the random-3 mean " + randomMean);
    }

    /** The network's probability for a text, and texts with tokens left out. */
    private static final class Scorer {
        private final Network net;
        private final TextHashingFeaturizer featurizer;
        private final TextTokenizer tokenizer = new TextTokenizer();
        private final TokenBuffer tokens = new TokenBuffer();
        private final IdBuffer ids = new IdBuffer();
        private final Batch batch;

        Scorer(Network net, TextHashingConfig features) {
            this.net = net;
            this.featurizer = new TextHashingFeaturizer(features);
            this.batch = net.newBatch();
        }

        double probability(String text) {
            ids.clear();
            featurizer.featurize(text, ids);
            batch.start(1);
            batch.sparse("tokens").addExample(ids.array(), 0, ids.size());
            return net.predict(batch).data()[0];
        }

        /** The text's tokens in order, without those in {@code removed}, joined by spaces. */
        String without(String text, Set<String> removed) {
            tokenizer.tokenize(text, tokens);
            List<String> kept = new ArrayList<>();
            for (int k = 0; k < tokens.tokenCount(); k++) {
                if (!removed.contains(tokens.token(k))) kept.add(tokens.token(k));
            }
            return String.join(" ", kept);
        }
    }
}

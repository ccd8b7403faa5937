package io.streamnet.nn.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Network;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextExplainerTest {
    private static final String TEXT = "Not good, not good at all: a dull film";

    /** Every mapping step keeps the total: the tokens' contributions add up to the bag's attributions. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void contributionsKeepTheBagsTotalWithCountsAndWithPresence(boolean binary) {
        TextHashingConfig features = new TextHashingConfig(BagNetworks.VOCAB, 1, 2, binary, 0);
        Network net = Network.build(BagNetworks.spec("mean"));
        Explanation e = new TextExplainer(net.spec(), features, 16).explain(net, TEXT);
        int[] ids = new TextHashingFeaturizer(features).featurize(TEXT);
        Attribution bag = new IntegratedGradients(net.spec(), 16).attribute(net, ids, ids.length);
        assertEquals(bag.sum(), e.total(), 1e-5);
        assertEquals(bag.probability(), e.probability(), 1e-9);
        assertEquals(List.of("not", "good", "at", "all", "a", "dull", "film"),
                e.tokens().stream().map(TokenContribution::token).sorted(this::byFirstOccurrence).toList());
    }

    /**
     * Unigrams only, with 2^20 buckets (no collision among these words): a token's contribution is its row's entry
     * attribution times its occurrences, and a repeated token is one entry with its count.
     */
    @Test
    void aRepeatedTokenSumsItsOccurrences() {
        TextHashingConfig features = new TextHashingConfig(BagNetworks.VOCAB, 1, 1, false, 0);
        Network net = Network.build(BagNetworks.spec("mean"));
        String text = "bad bad movie";
        Explanation e = new TextExplainer(net.spec(), features, 16).explain(net, text);
        int[] ids = new TextHashingFeaturizer(features).featurize(text);
        Attribution bag = new IntegratedGradients(net.spec(), 16).attribute(net, ids, ids.length);
        TokenContribution bad = e.tokens().stream().filter(t -> t.token().equals("bad")).findFirst().orElseThrow();
        assertEquals(2, bad.occurrences());
        if (ids[0] != ids[2]) assertEquals(bag.attributions()[0] + bag.attributions()[1], bad.contribution(), 1e-6);
        assertEquals(2, e.tokens().size());
    }

    /** One bucket: every n-gram collides, so all share one row's attribution equally (per n-gram, then per token). */
    @Test
    void collidingNgramsShareTheirRowEqually() {
        TextHashingConfig features = new TextHashingConfig(1, 1, 1, true, 0);
        var spec = BagNetworks.spec("mean");
        spec = new io.streamnet.nn.spec.NetworkSpec(spec.name(), spec.seed(),
                List.of(io.streamnet.nn.spec.InputSpec.sparseIds("tokens", 1)), spec.layers(), spec.loss(), spec.optimizer());
        Network net = Network.build(spec);
        Explanation e = new TextExplainer(spec, features, 16).explain(net, "great awful fine");
        assertEquals(3, e.tokens().size());
        for (TokenContribution t : e.tokens()) assertEquals(e.total() / 3, t.contribution(), 1e-9, t.token());
    }

    @Test
    void topKeepsTheLargestMagnitudesInOrder() {
        TextHashingConfig features = new TextHashingConfig(BagNetworks.VOCAB, 1, 2, false, 0);
        Network net = Network.build(BagNetworks.spec("mean"));
        Explanation e = new TextExplainer(net.spec(), features, 16).explain(net, TEXT);
        List<TokenContribution> top = e.top(3);
        assertEquals(3, top.size());
        for (int i = 1; i < e.tokens().size(); i++) {
            assertTrue(Math.abs(e.tokens().get(i - 1).contribution()) >= Math.abs(e.tokens().get(i).contribution()));
        }
        assertEquals(e.tokens().size(), e.top(100).size());
        assertEquals(0, new TextExplainer(net.spec(), features, 4).explain(net, "  ,; ").tokens().size());
    }

    @Test
    void featuresOfAnotherVocabularyAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new TextExplainer(BagNetworks.spec("mean"),
                new TextHashingConfig(1 << 10, 1, 2, false, 0), 8));
        assertTrue(e.getMessage().contains("1024 buckets") && e.getMessage().contains("vocab 64"), e.getMessage());
    }

    private int byFirstOccurrence(String a, String b) {
        String lower = TEXT.toLowerCase();
        return Integer.compare(lower.indexOf(a.equals("a") ? " a " : a), lower.indexOf(b.equals("a") ? " a " : b));
    }
}

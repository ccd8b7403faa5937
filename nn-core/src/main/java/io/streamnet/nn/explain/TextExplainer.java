package io.streamnet.nn.explain;

import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.feature.TokenBuffer;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a bag model's score of a text in terms of the text's tokens: {@link IntegratedGradients} attributes the
 * logit to the bag's entries, and each entry's attribution goes back to the text it came from, never to a bare
 * hashed id:
 * <ol>
 *   <li><b>id to n-grams.</b> The attributions of all bag entries with the same id are summed, then shared equally
 *       by every n-gram occurrence of the text that hashes to that id. That covers repeated n-grams (count features
 *       have one entry each, binary ones a single entry for all) and hash collisions (two different n-grams of the
 *       text in one bucket share one embedding row, which the model cannot tell apart, so they share its
 *       attribution);</li>
 *   <li><b>n-gram to tokens.</b> An n-gram's share is split equally among its n tokens (a bigram gives half to
 *       each word);</li>
 *   <li><b>tokens to distinct tokens.</b> The occurrences of a repeated token are summed under the token's text.</li>
 * </ol>
 * Every step keeps the total, so the contributions still add up to {@code logit - baselineLogit}. One instance per
 * thread.
 */
public final class TextExplainer {
    private final IntegratedGradients gradients;
    private final TextHashingFeaturizer featurizer;
    private final TextHashingConfig features;
    private final IdBuffer bag = new IdBuffer();
    private final IdBuffer occurrences = new IdBuffer();
    private final TokenBuffer tokens = new TokenBuffer();

    /**
     * @param spec     the bag network's spec
     * @param features the featurizer the network was trained with; its buckets must equal the input's vocabulary
     * @param steps    integrated-gradient path points
     */
    public TextExplainer(NetworkSpec spec, TextHashingConfig features, int steps) {
        this.gradients = new IntegratedGradients(spec, steps);
        int vocab = spec.inputs().get(0).vocab();
        if (features.buckets() != vocab) {
            throw new IllegalArgumentException("the featurizer has " + features.buckets() + " buckets but network input '"
                    + gradients.inputName() + "' has vocab " + vocab + "; explain with the features the model was trained with");
        }
        this.features = features;
        this.featurizer = new TextHashingFeaturizer(features);
    }

    /** Explains {@code network}'s score of {@code text} (a network of the spec this explainer was made for). */
    public Explanation explain(Network network, CharSequence text) {
        bag.clear();
        featurizer.featurize(text, bag);
        BagAttribution a = gradients.attribute(network, bag.array(), bag.size());
        occurrences.clear();
        featurizer.featurizeOccurrences(text, occurrences, tokens);

        Map<Integer, double[]> byId = new HashMap<>(); // id -> {attribution of its entries, n-gram occurrences}
        for (int i = 0; i < bag.size(); i++) byId.computeIfAbsent(bag.get(i), id -> new double[2])[0] += a.attributions()[i];
        for (int i = 0; i < occurrences.size(); i++) byId.get(occurrences.get(i))[1]++;

        double[] perPosition = new double[tokens.tokenCount()];
        int i = 0;
        for (int n = features.minOrder(); n <= features.maxOrder(); n++) {
            for (int k = 0; k + n <= tokens.tokenCount(); k++, i++) { // the featurizer's emission order
                double[] id = byId.get(occurrences.get(i));
                double perToken = id[0] / id[1] / n;
                for (int t = k; t < k + n; t++) perPosition[t] += perToken;
            }
        }
        Map<String, double[]> byToken = new LinkedHashMap<>(); // token -> {contribution, occurrences}
        for (int t = 0; t < perPosition.length; t++) {
            double[] c = byToken.computeIfAbsent(tokens.token(t), s -> new double[2]);
            c[0] += perPosition[t];
            c[1]++;
        }
        List<TokenContribution> ranked = new ArrayList<>(byToken.size());
        byToken.forEach((token, c) -> ranked.add(new TokenContribution(token, c[0], (int) c[1])));
        ranked.sort(Comparator.comparingDouble((TokenContribution c) -> -Math.abs(c.contribution())));
        return new Explanation(a.probability(), a.logit(), a.baselineLogit(), ranked);
    }
}

package io.streamnet.nn.explain;

import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.feature.TextTokenizer;
import io.streamnet.nn.feature.TokenBuffer;
import io.streamnet.nn.feature.TokenSequenceConfig;
import io.streamnet.nn.feature.TokenSequenceFeaturizer;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.IdColumn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a text model's score of a text in terms of the text's tokens: {@link IntegratedGradients} attributes the
 * logit to the model's input entries, and each entry's attribution goes back to the text it came from, never to a
 * bare hashed id.
 *
 * <p><b>Bag models</b> (text_hashing features: hashed n-grams):
 * <ol>
 *   <li><b>id to n-grams.</b> The attributions of all bag entries with the same id are summed, then shared equally
 *       by every n-gram occurrence of the text that hashes to that id. That covers repeated n-grams (count features
 *       have one entry each, binary ones a single entry for all) and hash collisions (two different n-grams of the
 *       text in one bucket share one embedding row, which the model cannot tell apart, so they share its
 *       attribution);</li>
 *   <li><b>n-gram to tokens.</b> An n-gram's share is split equally among its n tokens (a bigram gives half to
 *       each word).</li>
 * </ol>
 * <p><b>Sequence models</b> (token_sequence features, e.g. TextCNN): position t is token t, so its attribution is that
 * token's, collisions included (the position is known even when the id is shared). Tokens after the first
 * {@code max_length} are not read by the model and are not listed.
 *
 * <p>Then the occurrences of a repeated token are summed under the token's text. Every step keeps the total, so the
 * contributions still add up to {@code logit - baselineLogit}. One instance per thread.
 */
public final class TextExplainer {
    private final IntegratedGradients gradients;
    private final TextHashingConfig hashing;
    private final TextHashingFeaturizer bagFeaturizer;
    private final TokenSequenceFeaturizer sequenceFeaturizer;
    private final IdBuffer ids = new IdBuffer();
    private final IdBuffer occurrences = new IdBuffer();
    private final IdColumn sequence;
    private final TokenBuffer tokens = new TokenBuffer();
    private final TextTokenizer tokenizer = new TextTokenizer();

    /**
     * A bag model's explainer.
     *
     * @param spec     the bag network's spec
     * @param features the featurizer the network was trained with; its buckets must equal the input's vocabulary
     * @param steps    integrated-gradient path points
     */
    public TextExplainer(NetworkSpec spec, TextHashingConfig features, int steps) {
        this.gradients = explainable(spec, features.buckets(), steps, false);
        this.hashing = features;
        this.bagFeaturizer = new TextHashingFeaturizer(features);
        this.sequenceFeaturizer = null;
        this.sequence = null;
    }

    /**
     * A sequence model's explainer (TextCNN).
     *
     * @param features the featurizer the network was trained with; buckets and max_length must equal the input's
     *                 vocabulary and width
     */
    public TextExplainer(NetworkSpec spec, TokenSequenceConfig features, int steps) {
        this.gradients = explainable(spec, features.buckets(), steps, true);
        if (gradients.sequenceWidth() != features.maxLength()) {
            throw new IllegalArgumentException("the featurizer keeps " + features.maxLength() + " tokens but network input '"
                    + gradients.inputName() + "' has width " + gradients.sequenceWidth() + "; explain with the features"
                    + " the model was trained with");
        }
        this.hashing = null;
        this.bagFeaturizer = null;
        this.sequenceFeaturizer = new TokenSequenceFeaturizer(features);
        this.sequence = new IdColumn(features.maxLength()).resize(1);
    }

    private static IntegratedGradients explainable(NetworkSpec spec, int buckets, int steps, boolean sequenceFeatures) {
        IntegratedGradients g = new IntegratedGradients(spec, steps);
        if ((g.sequenceWidth() > 0) != sequenceFeatures) {
            throw new IllegalArgumentException("network '" + spec.name() + "' reads " + (sequenceFeatures ? "a bag" : "a sequence")
                    + " of ids but the features are " + (sequenceFeatures ? "token_sequence" : "text_hashing"));
        }
        int vocab = spec.inputs().get(0).vocab();
        if (buckets != vocab) {
            throw new IllegalArgumentException("the featurizer has " + buckets + " buckets but network input '"
                    + g.inputName() + "' has vocab " + vocab + "; explain with the features the model was trained with");
        }
        return g;
    }

    /** Explains {@code network}'s score of {@code text} (a network of the spec this explainer was made for). */
    public Explanation explain(Network network, CharSequence text) {
        Attribution a;
        double[] perPosition;
        if (bagFeaturizer != null) {
            ids.clear();
            bagFeaturizer.featurize(text, ids);
            a = gradients.attribute(network, ids.array(), ids.size());
            occurrences.clear();
            bagFeaturizer.featurizeOccurrences(text, occurrences, tokens);
            perPosition = fromNgrams(a);
        } else {
            int length = sequenceFeaturizer.featurize(text, sequence, 0);
            a = gradients.attribute(network, sequence.ids(), length);
            tokenizer.tokenize(text, tokens);
            perPosition = new double[length];
            for (int t = 0; t < length; t++) perPosition[t] = a.attributions()[t];
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

    /** A bag's entry attributions per token position: through the n-grams each id came from. */
    private double[] fromNgrams(Attribution a) {
        Map<Integer, double[]> byId = new HashMap<>(); // id -> {attribution of its entries, n-gram occurrences}
        for (int i = 0; i < ids.size(); i++) byId.computeIfAbsent(ids.get(i), id -> new double[2])[0] += a.attributions()[i];
        for (int i = 0; i < occurrences.size(); i++) byId.get(occurrences.get(i))[1]++;
        double[] perPosition = new double[tokens.tokenCount()];
        int i = 0;
        for (int n = hashing.minOrder(); n <= hashing.maxOrder(); n++) {
            for (int k = 0; k + n <= tokens.tokenCount(); k++, i++) { // the featurizer's emission order
                double[] id = byId.get(occurrences.get(i));
                double perToken = id[0] / id[1] / n;
                for (int t = k; t < k + n; t++) perPosition[t] += perToken;
            }
        }
        return perPosition;
    }
}

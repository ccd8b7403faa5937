package io.streamnet.nn.prequential;

import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.feature.TokenSequenceFeaturizer;
import io.streamnet.nn.network.Batch;

/** How the text runner writes texts into a batch: the featurizer of the spec's {@code features}, for one thread. */
abstract class TextFeatures {
    /** Writes {@code text} as example {@code b} of {@code batch} (examples are written in order, from 0). */
    abstract void add(Batch batch, int b, String text);

    static TextFeatures of(FeatureSpec spec) {
        if (spec instanceof FeatureSpec.TextHashing t) return new Bags(t);
        if (spec instanceof FeatureSpec.TokenSequence s) return new Sequences(s);
        throw new IllegalArgumentException("texts need features of type text_hashing or token_sequence, got " + spec);
    }

    /** Hashed n-grams, a bag per text. */
    private static final class Bags extends TextFeatures {
        private final TextHashingFeaturizer featurizer;
        private final String input;
        private final IdBuffer buffer = new IdBuffer();

        Bags(FeatureSpec.TextHashing spec) {
            this.featurizer = new TextHashingFeaturizer(spec.config());
            this.input = spec.input();
        }

        @Override
        void add(Batch batch, int b, String text) {
            buffer.clear();
            featurizer.featurize(text, buffer);
            batch.sparse(input).addExample(buffer.array(), 0, buffer.size());
        }
    }

    /** Hashed tokens in order, padded to the maximum length. */
    private static final class Sequences extends TextFeatures {
        private final TokenSequenceFeaturizer featurizer;
        private final String input;

        Sequences(FeatureSpec.TokenSequence spec) {
            this.featurizer = new TokenSequenceFeaturizer(spec.config());
            this.input = spec.input();
        }

        @Override
        void add(Batch batch, int b, String text) {
            featurizer.featurize(text, batch.ids(input), b);
        }
    }
}

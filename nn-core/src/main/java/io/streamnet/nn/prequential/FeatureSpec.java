package io.streamnet.nn.prequential;

import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TokenSequenceConfig;

/** How a runner turns records into network inputs: the {@code features} section of a runner spec. */
public sealed interface FeatureSpec {
    /** {@code type: text_hashing}: text to hashed n-gram ids, fed to the sparse_ids input named {@code input}. */
    record TextHashing(TextHashingConfig config, String input) implements FeatureSpec {}

    /**
     * {@code type: token_sequence}: text to its first {@code max_length} hashed tokens in order, padded, fed to the ids
     * input named {@code input}, whose vocab must equal {@code buckets} and width {@code max_length}.
     */
    record TokenSequence(TokenSequenceConfig config, String input) implements FeatureSpec {}

    /**
     * {@code type: user_item}: user and item ids mapped by bounded dictionaries (first-seen order, id 0 for
     * values beyond capacity) to the ids inputs {@code userInput} and {@code itemInput}, whose vocab must equal
     * {@code users} and {@code items}.
     */
    record UserItem(String userInput, int users, String itemInput, int items) implements FeatureSpec {}
}

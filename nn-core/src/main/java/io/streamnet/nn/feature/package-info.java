/**
 * Featurizers: text to hashed n-gram ids ({@link io.streamnet.nn.feature.TextHashingFeaturizer} with the stated
 * {@link io.streamnet.nn.feature.TextTokenizer} and {@link io.streamnet.nn.feature.MurmurHash3}), text to an ordered,
 * padded sequence of hashed token ids ({@link io.streamnet.nn.feature.TokenSequenceFeaturizer}), and categorical
 * values to ids (by hashing or by a bounded dictionary). Featurizers write into reusable buffers
 * ({@link io.streamnet.nn.feature.IdBuffer}) so the streaming hot path does not allocate per token.
 */
package io.streamnet.nn.feature;

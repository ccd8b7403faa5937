/**
 * Dataset readers (IMDB JSON Lines, SST-2 TSV, UCI labelled sentences, MovieLens ratings CSV), their location
 * ({@link io.streamnet.nn.data.DataLocator}), and the canonical stream order shared with the Python peers
 * ({@link io.streamnet.nn.data.CanonicalOrder}; MovieLens by time). Malformed lines fail with
 * {@link io.streamnet.nn.data.MalformedDataException} naming file and line.
 */
package io.streamnet.nn.data;

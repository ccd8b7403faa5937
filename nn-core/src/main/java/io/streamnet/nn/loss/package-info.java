/**
 * Losses on logits: {@link io.streamnet.nn.loss.MeanSquaredError}, {@link io.streamnet.nn.loss.BinaryCrossEntropyWithLogits},
 * {@link io.streamnet.nn.loss.SoftmaxCrossEntropy}; all numerically stable, all with optional per-example weights.
 */
package io.streamnet.nn.loss;

/**
 * Minibatch values: dense {@link io.streamnet.nn.tensor.Tensor} (row-major float[], [batch, features] or
 * [batch, time, channels]), ragged {@link io.streamnet.nn.tensor.SparseIds} and categorical
 * {@link io.streamnet.nn.tensor.IdColumn}. All are reusable buffers that grow with the batch size and never
 * allocate when refilled at the same or a smaller size.
 */
package io.streamnet.nn.tensor;

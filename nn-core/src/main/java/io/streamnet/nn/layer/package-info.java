/**
 * Layers: {@link io.streamnet.nn.layer.Dense} (with fused activation), {@link io.streamnet.nn.layer.EmbeddingBag},
 * {@link io.streamnet.nn.layer.Embedding}, the sequence layers {@link io.streamnet.nn.layer.Conv1DMaxPool} and
 * {@link io.streamnet.nn.layer.Recurrent} (GRU, LSTM), which respect padding ({@link io.streamnet.nn.tensor.Tensor#lengths()}),
 * {@link io.streamnet.nn.layer.Concat}, {@link io.streamnet.nn.layer.Dropout},
 * {@link io.streamnet.nn.layer.LayerNorm}, {@link io.streamnet.nn.layer.ActivationLayer},
 * {@link io.streamnet.nn.layer.Softmax}; their {@link io.streamnet.nn.layer.Parameter}s and sparse row gradients.
 * Every dense product goes through {@link io.streamnet.nn.kernel.Gemm#sgemm}, except Conv1DMaxPool's windows: plain
 * loops, summed in a fixed order so that padding and batch composition never change a window's result.
 */
package io.streamnet.nn.layer;

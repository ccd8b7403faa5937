/**
 * Layers: {@link io.streamnet.nn.layer.Dense} (with fused activation), {@link io.streamnet.nn.layer.EmbeddingBag},
 * {@link io.streamnet.nn.layer.Embedding}, {@link io.streamnet.nn.layer.Concat}, {@link io.streamnet.nn.layer.Dropout},
 * {@link io.streamnet.nn.layer.LayerNorm}, {@link io.streamnet.nn.layer.ActivationLayer},
 * {@link io.streamnet.nn.layer.Softmax}; their {@link io.streamnet.nn.layer.Parameter}s and sparse row gradients.
 * Every dense product goes through {@link io.streamnet.nn.kernel.Gemm#sgemm}.
 */
package io.streamnet.nn.layer;

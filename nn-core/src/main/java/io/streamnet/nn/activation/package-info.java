/**
 * Element-wise activation functions (ReLU, LeakyReLU, Sigmoid, Tanh, GELU, identity). They are used as layers
 * through {@link io.streamnet.nn.layer.ActivationLayer} or fused into {@link io.streamnet.nn.layer.Dense};
 * the row-wise Softmax is the layer {@link io.streamnet.nn.layer.Softmax}.
 */
package io.streamnet.nn.activation;

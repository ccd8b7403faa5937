/**
 * Optimizers ({@link io.streamnet.nn.optim.Sgd} with momentum/Nesterov, {@link io.streamnet.nn.optim.AdaGrad},
 * {@link io.streamnet.nn.optim.Adam} / AdamW) with lazy sparse row updates for embedding tables, L2 or decoupled
 * weight decay, global gradient-norm clipping, learning-rate schedules and per-parameter freezing.
 */
package io.streamnet.nn.optim;

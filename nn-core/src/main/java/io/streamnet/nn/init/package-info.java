/** Weight initializers (He, Xavier, normal, uniform, zeros), all drawing from the network's {@link io.streamnet.nn.random.Rng}. */
package io.streamnet.nn.init;

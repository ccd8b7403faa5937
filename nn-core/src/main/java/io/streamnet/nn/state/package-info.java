/**
 * The model state codec: spec, weights, optimizer slots, step counter, generator state and training counters
 * to bytes and back, bit-identical, versioned, with a SHA-256 checksum verified on load.
 */
package io.streamnet.nn.state;

/** The seeded, serializable random generator that all randomness of a network comes from. */
package io.streamnet.nn.random;

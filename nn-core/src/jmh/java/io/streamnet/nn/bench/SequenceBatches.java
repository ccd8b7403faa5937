package io.streamnet.nn.bench;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.tensor.IdColumn;

import java.util.SplittableRandom;

/**
 * Seeded token sequences for the sequence benchmarks, shaped as in {@code torch_sequence_throughput.py}: every
 * example a full sequence of {@code length} ids drawn uniformly from {@code buckets}, binary labels. Full lengths
 * keep the work the same on both sides (no padding, so no masks for either to apply).
 */
final class SequenceBatches {
    private SequenceBatches() {}

    static Batch tokens(Network net, int size, int buckets, int length, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Batch b = net.newBatch().start(size);
        IdColumn ids = b.ids("tokens");
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < length; k++) ids.set(i, k, rnd.nextInt(buckets));
            b.targets().set(i, rnd.nextInt(2));
        }
        return b;
    }
}

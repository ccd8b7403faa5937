package io.streamnet.nn.bench;

import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.ReferenceSpecs;
import io.streamnet.nn.tensor.SparseIds;

import java.util.SplittableRandom;

/**
 * Random minibatches for the reference models of docs/ARCHITECTURE.md, shaped as in
 * {@code ../shared/peers/torch_throughput.py}: S 256 ids per example from 2^18 buckets, binary labels;
 * R a user id below 6,040 and an item id below 3,706, binary labels; D 256 standard-normal floats, 10 classes.
 * Seeded, so every run trains on the same data.
 */
final class ReferenceBatches {
    static final int S_IDS_PER_EXAMPLE = 256;
    static final int R_USERS = 6040;
    static final int R_ITEMS = 3706;
    static final int D_FEATURES = 256;
    static final int D_CLASSES = 10;

    private ReferenceBatches() {}

    static Batch sentiment(Network net, int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Batch b = net.newBatch().start(size);
        SparseIds bag = b.sparse("tokens");
        int[] ids = new int[S_IDS_PER_EXAMPLE];
        for (int i = 0; i < size; i++) {
            for (int t = 0; t < ids.length; t++) ids[t] = rnd.nextInt(ReferenceSpecs.S_BUCKETS);
            bag.addExample(ids, 0, ids.length);
            b.targets().set(i, rnd.nextInt(2));
        }
        return b;
    }

    static Batch recommendation(Network net, int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Batch b = net.newBatch().start(size);
        for (int i = 0; i < size; i++) {
            b.ids("user").set(i, rnd.nextInt(R_USERS));
            b.ids("item").set(i, rnd.nextInt(R_ITEMS));
            b.targets().set(i, rnd.nextInt(2));
        }
        return b;
    }

    static Batch dense(Network net, int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Batch b = net.newBatch().start(size);
        float[] x = b.dense("x").data();
        for (int i = 0; i < size * D_FEATURES; i++) x[i] = (float) gaussian(rnd);
        for (int i = 0; i < size; i++) b.targets().setClass(i, rnd.nextInt(D_CLASSES));
        return b;
    }

    /** Selects the GEMM kernel for this benchmark JVM before anything touches it; "auto" leaves the default. */
    static void selectBlas(String blas) {
        if (!blas.equals("auto")) System.setProperty("streamnet.blas", blas);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}

package io.streamnet.nn.layer;

import io.streamnet.nn.init.Initializers;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.testing.SyntheticBags;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented empty-bag behaviour and the compact row gradient. */
class EmbeddingBagTest {

    @Test
    void anEmptyBagGivesTheZeroVectorAndNoGradient() {
        for (PoolingMode mode : PoolingMode.values()) {
            EmbeddingBag bag = new EmbeddingBag("e", 6, 3, mode, Initializers.normal(1), new Rng(1));
            SparseIds ids = new SparseIds();
            ids.endExample();
            ids.add(2).add(4).endExample();
            ids.endExample();
            Tensor y = bag.forward(ids, true);
            for (int j = 0; j < 3; j++) {
                assertEquals(0f, y.get(0, j), mode + ": empty bag");
                assertEquals(0f, y.get(2, j), mode + ": empty bag");
                float row2 = bag.table().value()[2 * 3 + j];
                float row4 = bag.table().value()[4 * 3 + j];
                assertEquals(mode == PoolingMode.MEAN ? (row2 + row4) / 2 : row2 + row4, y.get(1, j), 1e-6f);
            }
            Tensor g = Tensor.of(3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            bag.backward(g);
            SparseRowGradient sg = bag.table().sparseGrad();
            assertEquals(2, sg.count(), "only the ids of the non-empty bag are touched");
            assertEquals(2, sg.row(0));
            assertEquals(4, sg.row(1));
        }
    }

    @Test
    void aLineAlignedTableSumsItsOwnRowsAndNeverTheFloatsBeforeThem() {
        int vocab = 1 << 15;
        int dim = 64;
        EmbeddingBag bag = new EmbeddingBag("e", vocab, dim, PoolingMode.MEAN, Initializers.normal(1), new Rng(3));
        Parameter table = bag.table();
        assertEquals(LineAlignment.headFloats(), table.offset(), "rows of whole lines start after the head");
        assertEquals(vocab * dim, table.size());
        assertEquals(table.offset() + table.size(), table.value().length);
        float[] w = table.value();
        java.util.Arrays.fill(w, 0, table.offset(), Float.NaN);
        Rng rng = new Rng(4);
        SparseIds ids = new SparseIds();
        for (int b = 0; b < 8; b++) {
            for (int t = 0; t < 50; t++) ids.add(rng.nextInt(vocab));
            if (b == 3) ids.add(0).add(vocab - 1);
            ids.endExample();
        }
        float[] y = bag.forward(ids, false).data();
        for (int b = 0; b < 8; b++) {
            for (int j = 0; j < dim; j++) {
                float want = 0f;
                for (int k = ids.offsets()[b]; k < ids.offsets()[b + 1]; k++) want += w[table.offset() + ids.ids()[k] * dim + j];
                assertEquals(want / (ids.offsets()[b + 1] - ids.offsets()[b]), y[b * dim + j], 1e-5f, "bag " + b + ", element " + j);
            }
        }
        assertEquals(0, new EmbeddingBag("f", 10, 5, PoolingMode.SUM, Initializers.normal(1), new Rng(3)).table().offset(),
                "rows of 5 floats cannot all start on a line: no head");
    }

    @Test
    void theHeadOfALineAlignedTableIsNeitherTrainedNorPersisted() {
        for (OptimizerSpec opt : new OptimizerSpec[] {OptimizerSpec.sgd(0.1), OptimizerSpec.adam(0.05)}) {
            Network net = Network.build(SyntheticBags.smallSentimentSpec(50, opt));
            Parameter table = net.parameter("emb.table");
            assertTrue(table.offset() > 0, "dim 16 is one line");
            java.util.Arrays.fill(table.value(), 0, table.offset(), Float.NaN);
            Batch b = net.newBatch();
            b.start(2);
            b.sparse("tokens").add(0).add(49).endExample();
            b.sparse("tokens").add(0).add(7).endExample();
            b.targets().set(0, 1f);
            b.targets().set(1, 0f);
            float[] before = java.util.Arrays.copyOfRange(table.value(), table.offset(), table.value().length);
            for (int s = 0; s < 3; s++) assertTrue(net.trainBatch(b).trained());
            for (int i = 0; i < table.offset(); i++) assertTrue(Float.isNaN(table.value()[i]), opt.type() + ": head float " + i + " untouched");
            float[] after = java.util.Arrays.copyOfRange(table.value(), table.offset(), table.value().length);
            for (float v : after) assertTrue(Float.isFinite(v), opt.type() + ": every row finite");
            assertTrue(after[0] != before[0] && after[49 * 16] != before[49 * 16], opt.type() + ": the first and last rows trained");

            byte[] state = io.streamnet.nn.state.ModelStateCodec.encode(net);
            Network back = io.streamnet.nn.state.ModelStateCodec.decode(state);
            Parameter restored = back.parameter("emb.table");
            assertArrayEquals(after, java.util.Arrays.copyOfRange(restored.value(), restored.offset(), restored.value().length));
            java.util.Arrays.fill(table.value(), 0, table.offset(), 0f);
            assertArrayEquals(state, io.streamnet.nn.state.ModelStateCodec.encode(net), opt.type() + ": the head is not in the state");
        }
    }

    @Test
    void aBatchOfEmptyBagsLeavesTheTableBitIdenticalWhileTheRestTrains() {
        Network net = Network.build(SyntheticBags.smallSentimentSpec(50, OptimizerSpec.adam(0.05)));
        float[] table = net.parameter("emb.table").value().clone();
        float[] bias = net.parameter("out.bias").value().clone();
        Batch b = net.newBatch();
        b.start(4);
        for (int i = 0; i < 4; i++) {
            b.sparse("tokens").endExample();
            b.targets().set(i, 1f);
        }
        for (int s = 0; s < 3; s++) assertTrue(net.trainBatch(b).trained());
        assertArrayEquals(table, net.parameter("emb.table").value());
        assertTrue(net.parameter("out.bias").value()[0] > bias[0], "the output bias learns the label of empty inputs");
    }

    @Test
    void rowGradientsAreCompactAndClearedInTimeOfTheTouchedRows() {
        SparseRowGradient g = new SparseRowGradient(1 << 18, 4);
        for (int round = 0; round < 3; round++) {
            g.clear();
            for (int i = 0; i < 1000; i++) {
                int off = g.offsetOf((i * 7919 + round) % (1 << 18));
                g.values()[off] += 1f;
            }
            assertEquals(1000, g.count());
            for (int i = 0; i < g.count(); i++) assertEquals(1f, g.values()[i * 4], "fresh rows start at zero");
        }
        // Many touched rows: slots come back in ascending row order; few: in insertion order. Both cover every slot once.
        g.clear();
        int[] rows = {70000, 3, 262143, 64, 65, 9};
        for (int r : rows) g.offsetOf(r);
        int[] small = java.util.Arrays.copyOf(g.slotsInRowOrder(), g.count());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, small);
        for (int i = 0; i < 400; i++) g.offsetOf((i * 104729) % (1 << 18));
        int[] order = java.util.Arrays.copyOf(g.slotsInRowOrder(), g.count());
        assertEquals(g.count(), java.util.Arrays.stream(order).distinct().count());
        for (int i = 1; i < order.length; i++) assertTrue(g.row(order[i - 1]) < g.row(order[i]), "ascending rows");
        g.clear();
        g.offsetOf(64);
        assertArrayEquals(new int[] {0}, java.util.Arrays.copyOf(g.slotsInRowOrder(), 1));
        g.clear();
        int a = g.offsetOf(5);
        int b = g.offsetOf(5);
        assertEquals(a, b, "a row touched twice accumulates in one slot");
        assertEquals(1, g.count());
    }
}

package io.streamnet.nn.tensor;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TensorTest {
    @Test
    void buffersAreReusedWhenTheBatchShrinksOrStays() {
        Tensor t = Tensor.matrix(32, 8);
        float[] data = t.data();
        t.resize2(16, 8);
        assertSame(data, t.data());
        t.resize3(4, 8, 8);
        assertSame(data, t.data());
        assertEquals(3, t.rank());
        assertEquals(32, t.rows());
        assertEquals(64, t.exampleSize());
        assertEquals(Shape.sequence(8, 8), t.exampleShape());
        t.resize2(33, 8);
        assertEquals(264, t.size());
        assertThrows(IllegalArgumentException.class, () -> t.resize2(1, 0));
        assertArrayEquals(new float[] {1, 2, 3, 4}, Tensor.of(2, 2, 1, 2, 3, 4).toArray());
    }

    @Test
    void sparseIdsHoldRaggedBagsWithOptionalWeights() {
        SparseIds s = new SparseIds();
        s.add(3).add(4).endExample();
        s.endExample(); // an empty bag
        s.add(7, 0.5f).endExample();
        s.addExample(new int[] {9, 8, 7}, 1, 2);
        assertEquals(4, s.batchSize());
        assertEquals(5, s.totalIds());
        assertArrayEquals(new int[] {0, 2, 2, 3, 5}, java.util.Arrays.copyOf(s.offsets(), 5));
        assertArrayEquals(new int[] {3, 4, 7, 8, 7}, java.util.Arrays.copyOf(s.ids(), 5));
        assertArrayEquals(new float[] {1, 1, 0.5f, 1, 1}, java.util.Arrays.copyOf(s.weights(), 5));
        assertEquals(0, s.count(1));
        s.clear();
        assertEquals(0, s.batchSize());
        assertNull(s.weights(), "clearing forgets weights");
        for (int i = 0; i < 1000; i++) s.add(i);
        assertEquals(1000, s.pendingIds());
        s.endExample();
        assertEquals(1000, s.count(0));
    }

    @Test
    void idColumnsHaveAWidth() {
        IdColumn c = new IdColumn(3).resize(2);
        c.set(1, 2, 5);
        assertEquals(6, c.size());
        assertEquals(5, c.ids()[5]);
        assertEquals(7, IdColumn.of(4, 7).get(1));
    }
}

package io.streamnet.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalOrderTest {
    /*
     * Expected values computed once with the Python peers' own function:
     *   /usr/bin/python3 -c "import sys; sys.path.insert(0, '/work/shared/peers');
     *     from sklearn_sentiment_lib import stream_order; o = stream_order(n, 42); print(o[:5], o[n//2], o[-1])"
     */
    @Test
    void equalsThePythonPeersOrderForImdbSize() {
        int[] o = CanonicalOrder.permutation(50_000, 42);
        assertArrayEquals(new int[] {46246, 9270, 13897, 9328, 43645}, Arrays.copyOf(o, 5));
        assertEquals(32662, o[25_000]);
        assertEquals(33349, o[49_999]);
    }

    @Test
    void equalsThePythonPeersOrderForSst2AndUciSizes() {
        int[] sst2 = CanonicalOrder.permutation(67_349, 42);
        assertArrayEquals(new int[] {46246, 9270, 13897, 9328, 43645}, Arrays.copyOf(sst2, 5));
        assertEquals(11253, sst2[67_349 / 2]);
        assertEquals(33349, sst2[67_348]);
        int[] uci = CanonicalOrder.permutation(3_000, 42);
        assertArrayEquals(new int[] {1884, 1907, 672, 1691, 2703}, Arrays.copyOf(uci, 5));
        assertEquals(1152, uci[1_500]);
        assertEquals(2079, uci[2_999]);
        assertArrayEquals(new int[] {38, 6, 39, 97, 63}, Arrays.copyOf(CanonicalOrder.permutation(100, 7), 5));
    }

    @Test
    void isAPermutationAndApplyFollowsIt() {
        int[] o = CanonicalOrder.permutation(1000, 3);
        boolean[] seen = new boolean[1000];
        for (int i : o) {
            seen[i] = true;
        }
        for (boolean s : seen) {
            assertEquals(true, s);
        }
        List<String> recs = List.of("a", "b", "c", "d", "e");
        int[] p = CanonicalOrder.permutation(5, 3);
        List<String> streamed = CanonicalOrder.apply(recs, 3);
        for (int t = 0; t < 5; t++) {
            assertEquals(recs.get(p[t]), streamed.get(t));
        }
    }
}

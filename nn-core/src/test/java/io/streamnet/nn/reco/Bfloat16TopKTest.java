package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.snapshot.SnapshotPayload;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A scoring copy's top K through the bfloat16 copy of the item table is the float scan's, item for item and bit for
 * bit, on catalogues built to defeat the approximation: clusters of items whose rows differ below bfloat16's
 * resolution, exact duplicates (ties go to the lower id), interacted items excluded, K above the catalogue.
 */
class Bfloat16TopKTest {
    private static final int ITEMS = 3000;

    private static RecommenderSpec spec(int dim) {
        return TinySpecs.parse("""
                seed: 3
                dim: %d
                init_std: 0.1
                items: {capacity: 4096, min_count: 1, max_idle_events: 0}
                users: {capacity: 64, min_count: 1, max_idle_events: 0}
                history: {length: 8, items: all, max_interacted: 100}
                tower: {context_table: tied, user_embedding: true, recency: 0.7, position_weights: true}
                negatives: {count: 5, exponent: 0.75, max_tries: 4}
                loss: {type: sampled_softmax, logq: true}
                optimizer: {type: adagrad, lr: 0.1}
                rating_head:
                  seed: 5
                  inputs: [{name: user, type: ids, vocab: 64}, {name: item, type: ids, vocab: 4096}]
                  layers:
                    - {type: embedding, name: rating_user, input: user, dim: 2}
                    - {type: embedding, name: rating_item, input: item, dim: 2}
                    - {type: concat, name: rating_both, inputs: [rating_user, rating_item]}
                    - {type: dense, name: rating_out, units: 1}
                  loss: mse
                  optimizer: {type: sgd, lr: 0.05}
                """.formatted(dim));
    }

    /**
     * A trainable model (it always scans floats) with ITEMS rows: every fifth row a near copy of an earlier one
     * (relative differences around 1e-5, far below bfloat16's 2^-8), every seventh an exact copy with the same bias.
     */
    private static Recommender catalogue(int dim, long seed) {
        Recommender m = Recommender.build(spec(dim));
        SplittableRandom rng = new SplittableRandom(seed);
        float[] emb = m.parameters().get(0).value();
        float[] bias = m.parameters().get(1).value();
        for (int row = 1; row <= ITEMS; row++) {
            m.items().assign(row, 1_000_000L + 37L * ((row * 7919L) % ITEMS));
            int src = row - 1 - rng.nextInt(Math.min(row - 1, 50) + 1);
            for (int j = 0; j < dim; j++) {
                float v = (float) rng.nextGaussian() * 0.3f;
                if (row > 1 && row % 7 == 0) {
                    v = emb[src * dim + j];
                } else if (row > 1 && row % 5 == 0) {
                    v = emb[src * dim + j] * (1f + (float) rng.nextGaussian() * 1e-5f);
                }
                emb[row * dim + j] = v;
            }
            bias[row] = row > 1 && row % 7 == 0 ? bias[src] : (float) rng.nextGaussian() * 0.05f;
        }
        return m;
    }

    private static UserHistory history(Recommender m, SplittableRandom rng) {
        UserHistory h = new UserHistory(m.spec().history());
        for (int i = 0, n = rng.nextInt(12); i < n; i++) {
            h.record(m.items().idAt(1 + rng.nextInt(ITEMS)), rng.nextBoolean());
        }
        return h;
    }

    private static void assertSameTopK(Recommender floats, Recommender scorer, UserHistory h, long user, int k) {
        long[] a = new long[k];
        long[] b = new long[k];
        float[] sa = new float[k];
        float[] sb = new float[k];
        int na = floats.topK(h, user, k, a, sa);
        int nb = scorer.topK(h, user, k, b, sb);
        assertEquals(na, nb, "items found, k=" + k);
        assertArrayEquals(a, b, "items, k=" + k);
        assertArrayEquals(sa, sb, "scores, k=" + k);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 40, 7})
    void theBfloat16ScanAnswersAsTheFloatScanItemForItemAndBitForBit(int dim) {
        Recommender floats = catalogue(dim, 5);
        Recommender scorer = floats.scoringCopy();
        SplittableRandom rng = new SplittableRandom(9);
        int compact = 0;
        for (int q = 0; q < 300; q++) {
            long user = 50_000 + rng.nextInt(40);
            int k = q % 3 == 0 ? 1 : q % 3 == 1 ? 10 : 100;
            assertSameTopK(floats, scorer, history(floats, rng), user, k);
            assertFalse(floats.scorer.lastTopKByBfloat16(), "a trainable model scans floats");
            compact += scorer.scorer.lastTopKByBfloat16() ? 1 : 0;
        }
        assertEquals(299, compact, "every call but the first (the copy is built once the model has settled)");
    }

    @Test
    void aKLargerThanTheCatalogueANearlyEmptyOneAndOneWithEveryItemExcludedAnswerAsTheFloatScan() {
        Recommender floats = catalogue(16, 6);
        Recommender scorer = floats.scoringCopy();
        SplittableRandom rng = new SplittableRandom(2);
        for (int q = 0; q < 4; q++) {
            assertSameTopK(floats, scorer, history(floats, rng), 7, ITEMS + 50);
        }
        assertTrue(scorer.scorer.lastTopKByBfloat16());
        UserHistory everything = new UserHistory(floats.spec().history());
        Recommender small = Recommender.build(spec(16));
        small.items().assign(1, 42);
        small.items().assign(2, 43);
        everything.record(42, true);
        everything.record(43, false);
        Recommender smallScorer = small.scoringCopy();
        for (int q = 0; q < 3; q++) {
            assertSameTopK(small, smallScorer, everything, 1, 10);
        }
        assertTrue(smallScorer.scorer.lastTopKByBfloat16(), "every item interacted with: nothing to recommend");
        Recommender empty = Recommender.build(spec(16));
        empty.items().assign(1, 42);
        Recommender emptyScorer = empty.scoringCopy();
        for (int q = 0; q < 3; q++) {
            assertSameTopK(empty, emptyScorer, null, 1, 10);
        }
    }

    @Test
    void anAppliedSnapshotIsServedFromItsFirstRequest() {
        Recommender before = catalogue(32, 7);
        Recommender after = catalogue(32, 8);
        Recommender scorer = before.scoringCopy();
        SplittableRandom rng = new SplittableRandom(4);
        UserHistory h = history(before, rng);
        assertSameTopK(before, scorer, h, 3, 10);
        assertSameTopK(before, scorer, h, 3, 10);
        assertTrue(scorer.scorer.lastTopKByBfloat16());

        SnapshotPayload.apply(SnapshotPayload.full(after), scorer);
        assertSameTopK(after, scorer, h, 3, 10);
        assertFalse(scorer.scorer.lastTopKByBfloat16(), "the stale copy is not used");
        for (int q = 0; q < 5; q++) {
            assertSameTopK(after, scorer, history(after, rng), 3, 10);
        }
        assertTrue(scorer.scorer.lastTopKByBfloat16(), "rebuilt once the model settled");
    }

    @Test
    void weightsBfloat16CannotHoldAreScannedAsFloats() {
        Recommender floats = catalogue(16, 9);
        float[] emb = floats.parameters().get(0).value();
        emb[16 * 5 + 3] = 3e38f;
        Recommender scorer = floats.scoringCopy();
        SplittableRandom rng = new SplittableRandom(1);
        for (int q = 0; q < 4; q++) {
            assertSameTopK(floats, scorer, history(floats, rng), 11, 10);
        }
        assertFalse(scorer.scorer.lastTopKByBfloat16());
    }
}

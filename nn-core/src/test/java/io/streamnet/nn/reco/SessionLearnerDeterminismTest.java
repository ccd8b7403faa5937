package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.random.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed and stream give bit-identical weights and metrics; another seed gives other weights. */
class SessionLearnerDeterminismTest {
    /** Sessions walking a ring of 150 items with random jumps: enough structure for every ranker to learn. */
    private static SessionLearner run(long seed) {
        SessionGruSpec model = new SessionGruSpec(seed, 512, 16, 6, 0.1, true, true, 100, true,
                RankingLoss.SAMPLED_SOFTMAX, 16, 0.75, 4, true, 0.1);
        SessionLearner learner = new SessionLearner(new SessionLearnerSpec(20, 512, 6, 0.5, model));
        Rng data = new Rng(99);
        for (int s = 0; s < 300; s++) {
            int item = data.nextInt(150);
            int length = 2 + data.nextInt(8);
            for (int v = 0; v < length; v++) {
                learner.process(s, 1000 + item, s * 1000L + v);
                item = data.nextInt(4) == 0 ? data.nextInt(150) : (item + 1) % 150;
            }
        }
        return learner;
    }

    @Test
    void sameSeedGivesBitIdenticalWeights() {
        SessionLearner a = run(42);
        SessionLearner b = run(42);
        List<Parameter> pa = a.sessionModel().parameters();
        List<Parameter> pb = b.sessionModel().parameters();
        assertEquals(pa.size(), pb.size());
        for (int i = 0; i < pa.size(); i++) {
            assertArrayEquals(bits(pa.get(i).value()), bits(pb.get(i).value()), pa.get(i).name());
        }
        assertEquals(a.model().mrr(), b.model().mrr());
        assertEquals(a.gru().mrr(), b.gru().mrr());
        assertTrue(a.model().hits() > 0, "the stream has hits");
    }

    @Test
    void anotherSeedGivesOtherWeights() {
        float[] a = run(42).sessionModel().parameters().get(0).value();
        float[] b = run(43).sessionModel().parameters().get(0).value();
        assertFalse(Arrays.equals(bits(a), bits(b)));
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }
}

package io.streamnet.nn.prequential;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.data.CanonicalOrder;
import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.data.LabeledText;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreThenTrainTest {
    /** The one-pass shortcut must give bit-identical scores and weights to scoring and training separately. */
    @Test
    void onePassEqualsPredictThenTrain() {
        RunnerSpec spec = RunnerSpec.parse(PrequentialRunnerTest.SMALL_TEXT, false, "small");
        FeatureSpec.TextHashing features = (FeatureSpec.TextHashing) spec.features();
        TextHashingFeaturizer featurizer = new TextHashingFeaturizer(features.config());
        List<LabeledText> texts = CanonicalOrder.apply(
                Dataset.UCI.readTexts(DataLocator.fromEnvironment().locate(Dataset.UCI)), 42).subList(0, 640);
        Network a = Network.build(spec.network());
        Network b = Network.build(spec.network());
        ScoreThenTrain onePass = new ScoreThenTrain(a, true);
        ScoreThenTrain twoPass = new ScoreThenTrain(b, false);
        Batch batchA = a.newBatch();
        Batch batchB = b.newBatch();
        IdBuffer ids = new IdBuffer();
        float[] outA = new float[32];
        float[] outB = new float[32];
        for (int from = 0; from < texts.size(); from += 32) {
            batchA.start(32);
            batchB.start(32);
            for (int i = 0; i < 32; i++) {
                ids.clear();
                featurizer.featurize(texts.get(from + i).text(), ids);
                batchA.sparse("tokens").addExample(ids.array(), 0, ids.size());
                batchB.sparse("tokens").addExample(ids.array(), 0, ids.size());
                batchA.targets().set(i, texts.get(from + i).label());
                batchB.targets().set(i, texts.get(from + i).label());
            }
            assertTrue(onePass.step(batchA, outA));
            assertTrue(twoPass.step(batchB, outB));
            assertArrayEquals(outB, outA, "scores of batch at " + from);
        }
        for (int p = 0; p < a.parameters().size(); p++) {
            assertArrayEquals(b.parameters().get(p).value(), a.parameters().get(p).value());
        }
    }
}

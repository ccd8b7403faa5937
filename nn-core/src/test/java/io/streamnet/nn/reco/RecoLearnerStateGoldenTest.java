package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.testing.GoldenFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden file of the learner's state apart from its model, as the job's trainer checkpoints it
 * ({@link RecoLearner#writeState}: "SNRS" version 1, length-prefixed): {@code golden/learner-state-v1.bin} beside this
 * class, taken from the learner of {@link RecoStateTest#GOLDEN_LEARNER} (histories, evaluation and counters after 25
 * batches). Today's code restores it with that learner's model to the very same learner, and writes it again byte for
 * byte. Written once by {@link #writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, never overwriting). Never
 * regenerate it: trainer checkpoints hold these bytes; a new format version gets a new file beside this one.
 */
class RecoLearnerStateGoldenTest {
    static final String GOLDEN = "learner-state-v1.bin";

    static RecoLearner goldenLearner() throws IOException {
        return RecoLearner.decode(RecoStateTest.resource(RecoStateTest.GOLDEN_LEARNER));
    }

    static byte[] stateOf(RecoLearner learner) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            learner.writeState(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void theStateRestoresTheLearnerWholeWithItsModel() throws IOException {
        RecoLearner original = goldenLearner();
        byte[] golden = GoldenFiles.read(getClass(), GOLDEN);
        RecoLearner restored = RecoLearner.restore(original.spec(), original.encodeModel(),
                new DataInputStream(new ByteArrayInputStream(golden)));
        assertArrayEquals(original.encode(), restored.encode(), "histories, evaluation, counters and model");
        assertEquals(original.metrics(), restored.metrics());
        assertArrayEquals(golden, stateOf(restored), "written again byte for byte");
    }

    @Test
    @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
    void writeGoldenFiles() throws IOException {
        GoldenFiles.writeOnce(getClass(), GOLDEN, stateOf(goldenLearner()));
    }
}

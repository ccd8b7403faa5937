package io.streamnet.nn.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.state.StateFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recommender's and the learner's states: bit-identical round trips, a restored learner that trains on exactly
 * as the uninterrupted one, and golden files of format version 1 that today's code must still read, continue, and
 * reproduce.
 */
class RecoStateTest {
    static final String GOLDEN_LEARNER = "/io/streamnet/nn/reco/golden-learner-v1.bin";
    static final String GOLDEN_MODEL = "/io/streamnet/nn/reco/golden-recommender-v1.bin";
    /** Batches the golden states were taken after, and batches the tests continue with. */
    static final int GOLDEN_BATCHES = 25;
    static final int MORE_BATCHES = 15;

    /** The tiny spec of the golden files: expiry and two-sighting admission on, so their state is in the files. */
    static RecoLearnerSpec goldenSpec() {
        RecommenderSpec spec = TinySpecs.parse(TinySpecs.spec(RecommenderTest.TOWER, RecommenderTest.LOSS, 0.1).toJson()
                .replace("\"items\":{\"capacity\":32,\"min_count\":1,\"max_idle_events\":0,\"max_idle_ms\":0,"
                        + "\"max_candidates\":0}",
                        "\"items\":{\"capacity\":24,\"min_count\":2,\"max_idle_events\":60,\"max_idle_ms\":0,"
                        + "\"max_candidates\":8}")
                .replace("{\"name\":\"item\",\"type\":\"ids\",\"vocab\":32",
                        "{\"name\":\"item\",\"type\":\"ids\",\"vocab\":24"));
        return new RecoLearnerSpec(spec, 1024, 5, 20);
    }

    static List<List<InteractionEvent>> stream() {
        return StreamFixture.batches(21, GOLDEN_BATCHES + MORE_BATCHES, 16, 7, 40);
    }

    static RecoLearner learnerAfter(int batches) {
        RecoLearner learner = new RecoLearner(goldenSpec());
        stream().subList(0, batches).forEach(learner::step);
        return learner;
    }

    @Test
    void theGoldenSpecExercisesEveryPartOfTheState() {
        RecoLearner l = learnerAfter(GOLDEN_BATCHES);
        IdVocabulary items = l.model().items();
        assertTrue(items.expirations() > 0 && items.candidates() > 0, "expiry and admission must be in the state");
        assertTrue(l.model().rankingSteps() > 0 && l.evaluator().positives() > 0 && l.evaluator().ratingsScored() > 0);
    }

    @Test
    void aLearnerRoundTripsBitForBitAndTrainsOnIdentically() {
        RecoLearner a = learnerAfter(GOLDEN_BATCHES);
        byte[] bytes = a.encode();
        RecoLearner b = RecoLearner.decode(bytes);
        assertArrayEquals(bytes, b.encode());
        for (List<InteractionEvent> batch : stream().subList(GOLDEN_BATCHES, GOLDEN_BATCHES + MORE_BATCHES)) {
            a.step(batch);
            b.step(batch);
        }
        assertArrayEquals(a.encode(), b.encode());
        assertEquals(a.evaluator().hitRate(), b.evaluator().hitRate());
    }

    @Test
    void aRecommenderRoundTripsBitForBitForTrainingAndForScoring() {
        Recommender m = learnerAfter(GOLDEN_BATCHES).model();
        byte[] bytes = m.encode();
        Recommender back = Recommender.decode(bytes);
        assertTrue(back.trainable());
        assertArrayEquals(bytes, back.encode());
        for (int p = 0; p < m.parameters().size(); p++) {
            assertArrayEquals(m.parameters().get(p).value(), back.parameters().get(p).value());
        }
        byte[] scoring = m.encodeForScoring();
        assertTrue(scoring.length < bytes.length);
        Recommender scorer = Recommender.decode(scoring);
        assertFalse(scorer.trainable());
        assertArrayEquals(scoring, scorer.encodeForScoring());
        long[] a = new long[5];
        long[] b = new long[5];
        UserHistory h = new UserHistory(m.spec().history());
        h.record(70_003, true);
        m.topK(h, 10_001, 5, a, new float[5]);
        scorer.topK(h, 10_001, 5, b, new float[5]);
        assertArrayEquals(a, b);
    }

    /**
     * The golden learner decodes and re-encodes to the same bytes; restored and continued with a save and restore
     * half-way, it ends exactly where it ends when continued straight.
     */
    @Test
    void theGoldenLearnerStateDecodesAndTrainsOnAsAnUninterruptedOne() throws IOException {
        byte[] golden = resource(GOLDEN_LEARNER);
        RecoLearner straight = RecoLearner.decode(golden);
        assertArrayEquals(golden, straight.encode());
        RecoLearner interrupted = RecoLearner.decode(golden);
        List<List<InteractionEvent>> more = stream().subList(GOLDEN_BATCHES, GOLDEN_BATCHES + MORE_BATCHES);
        for (int b = 0; b < more.size(); b++) {
            straight.step(more.get(b));
            interrupted.step(more.get(b));
            if (b == more.size() / 2) {
                interrupted = RecoLearner.decode(interrupted.encode());
            }
        }
        assertArrayEquals(straight.encode(), interrupted.encode());
    }

    /**
     * Today's code, trained from scratch on the golden stream, reaches the golden ranking weights, vocabularies,
     * sampler and generator bit for bit: the ranking's arithmetic has one fixed order on every JVM. (The rating
     * head's dense layers and the evaluation's scores go through the GEMM kernel, whose summation order depends on the
     * machine's vector width, so they are compared on the same machine only, above.)
     */
    @Test
    void todaysCodeTrainsTheGoldenRankingStateFromScratch() throws IOException {
        Recommender golden = Recommender.decode(resource(GOLDEN_MODEL));
        assertArrayEquals(resource(GOLDEN_MODEL), golden.encode());
        assertEquals(goldenSpec().model(), golden.spec());
        Recommender fresh = learnerAfter(GOLDEN_BATCHES).model();
        for (int p = 0; p < golden.rankingParameters().size(); p++) {
            assertArrayEquals(golden.rankingParameters().get(p).value(), fresh.rankingParameters().get(p).value(),
                    golden.rankingParameters().get(p).name());
            for (int s = 0; s < golden.optimizer().slotNames().length; s++) {
                assertArrayEquals(golden.optimizer().slot(p, s), fresh.optimizer().slot(p, s));
            }
        }
        assertArrayEquals(golden.items().encode(), fresh.items().encode());
        assertArrayEquals(golden.users().encode(), fresh.users().encode());
        assertEquals(golden.rng().state(), fresh.rng().state());
        assertArrayEquals(golden.counters(), fresh.counters());
        for (int row = 0; row < golden.items().capacity(); row++) {
            assertEquals(golden.sampler().count(row), fresh.sampler().count(row));
        }
    }

    @Test
    void damagedStatesAreRefusedWithTheReason() {
        byte[] bytes = learnerAfter(3).encode();
        byte[] flipped = bytes.clone();
        flipped[flipped.length / 2] ^= 4;
        assertMessage(flipped, "checksum mismatch");
        assertMessage(Arrays.copyOf(bytes, 20), "too short");
        assertMessage(Arrays.copyOf(bytes, 200), "checksum mismatch");
        assertMessage(resealed(Arrays.copyOf(bytes, 200)), "is truncated");
        byte[] version = bytes.clone();
        ByteBuffer.wrap(version).putInt(4, 99);
        assertMessage(resealed(version), "format version 99");
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertMessage(magic, "not a recommendation learner state");
        StateFormatException e = assertThrows(StateFormatException.class, () -> Recommender.decode(bytes));
        assertTrue(e.getMessage().contains("SNRM"), e.getMessage());
    }

    private static void assertMessage(byte[] bytes, String expected) {
        StateFormatException e = assertThrows(StateFormatException.class, () -> RecoLearner.decode(bytes));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    /** The bytes with a recomputed checksum (to reach the checks behind it). */
    private static byte[] resealed(byte[] bytes) {
        int end = bytes.length - StateReader.DIGEST;
        System.arraycopy(io.streamnet.nn.state.Sha256.of(bytes, 0, end), 0, bytes, end, StateReader.DIGEST);
        return bytes;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RecoStateTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " missing: run RecoStateTest.main to write the golden files");
            }
            return in.readAllBytes();
        }
    }

    /**
     * Writes the golden files into the source tree (run from the nn-core directory). Only for a deliberate change of
     * the format (with a new version number) or of training: the test exists to catch the accidental ones.
     */
    public static void main(String[] args) throws IOException {
        RecoLearner learner = learnerAfter(GOLDEN_BATCHES);
        Path dir = Path.of("src/test/resources/io/streamnet/nn/reco");
        Files.write(dir.resolve("golden-learner-v1.bin"), learner.encode());
        Files.write(dir.resolve("golden-recommender-v1.bin"), learner.model().encode());
    }
}

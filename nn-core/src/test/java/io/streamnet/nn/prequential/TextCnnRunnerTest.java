package io.streamnet.nn.prequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamnet.nn.data.DataLocator;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token_sequence features in a runner spec, the shipped TextCNN specs, and the TextCNN's accuracy on SST-2. */
class TextCnnRunnerTest {
    static final String SST2_SPEC = "/io/streamnet/nn/spec/textcnn-sst2.yaml";
    static final String IMDB_SPEC = "/io/streamnet/nn/spec/textcnn-imdb.yaml";

    static String resource(String name) {
        try (InputStream in = TextCnnRunnerTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theTextCnnSpecsReadAsTokenSequencesFeedingTheirIdsInput() {
        for (String name : new String[] {SST2_SPEC, IMDB_SPEC}) {
            RunnerSpec spec = RunnerSpec.parse(resource(name), false, name);
            FeatureSpec.TokenSequence t = (FeatureSpec.TokenSequence) spec.features();
            assertEquals(1 << 20, t.config().buckets());
            assertEquals(t.config().maxLength(), spec.network().inputs().get(0).width());
            assertEquals("conv1d_max_pool", spec.network().layer("cnn").type());
        }
    }

    @Test
    void maxLengthMustEqualTheInputWidthAndTheInputMustHoldIds() {
        String text = resource(SST2_SPEC);
        SpecException length = assertThrows(SpecException.class,
                () -> RunnerSpec.parse(text.replace("max_length: 50", "max_length: 40"), false, "t.yaml"));
        assertTrue(length.getMessage().startsWith("t.yaml: features.max_length: is 40 but network input 'tokens' has width 50"),
                length.getMessage());
        SpecException type = assertThrows(SpecException.class, () -> RunnerSpec.parse(text.replace("type: token_sequence", "type: text_hashing")
                .replace("max_length: 50 ", "max_order: 2 "), false, "t.yaml"));
        assertTrue(type.getMessage().contains("network input 'tokens' must be of type sparse_ids, is ids"), type.getMessage());
        SpecException unknown = assertThrows(SpecException.class,
                () -> RunnerSpec.parse(text.replace("type: token_sequence", "type: tokens"), false, "t.yaml"));
        assertTrue(unknown.getMessage().contains("must be text_hashing, token_sequence or user_item, got 'tokens'"), unknown.getMessage());
    }

    /**
     * The UCI stream (3,000 sentences, which the repository carries, so this runs everywhere) through the SST-2
     * TextCNN at 2^18 buckets (a quarter of the table to initialize; these texts have a few thousand distinct words).
     * It measures 0.780 (the default bag spec: 0.770; chance 0.50). Floor 0.72: the standard error over 3,000 events
     * is about 0.008, so the floor is 7 of them below.
     */
    @Test
    void learnsTheUciSentences() {
        RunnerSpec spec = RunnerSpec.parse(resource(SST2_SPEC).replace("2^20", "2^18"), false, SST2_SPEC);
        Map<String, String> m = new PrequentialRunner(ProgressReporter.silent()).run(Dataset.UCI, null, spec, 42, 0).asMap();
        assertEquals("3000", m.get("events"));
        double accuracy = Double.parseDouble(m.get("accuracy"));
        assertTrue(accuracy >= 0.72, "UCI prequential accuracy " + accuracy + " below the floor 0.72");
    }

    /**
     * Issue 13's target: one prequential pass over SST-2 (canonical order, seed 42) with textcnn-sst2.yaml reaches at
     * least 0.88. It measures 0.8838 (the bag model: 0.8795); the run is deterministic for a given GEMM kernel (only
     * the output layer's product goes through it), and the standard error of an accuracy over 67,349 events is
     * 0.0012. About 30 s; skipped where ../shared/data has no SST-2.
     */
    @Test
    void reachesTheTargetOnSst2() {
        var dir = DataLocator.fromEnvironment().locateOrNull(Dataset.SST2);
        assumeTrue(dir != null, "SST-2 not found under ../shared/data or STREAMNET_DATA");
        RunnerSpec spec = RunnerSpec.parse(resource(SST2_SPEC), false, SST2_SPEC);
        Map<String, String> m = new PrequentialRunner(ProgressReporter.silent()).run(Dataset.SST2, dir, spec, 42, 0).asMap();
        assertEquals("67349", m.get("events"));
        double accuracy = Double.parseDouble(m.get("accuracy"));
        assertTrue(accuracy >= 0.88, "SST-2 prequential accuracy " + accuracy + " below the target 0.88");
    }
}

package io.streamnet.nn.prequential;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamnet.nn.reco.RecoLearnerSpec;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.SpecNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the prequential runner runs on an interaction stream (MovieLens): one YAML or JSON file of
 * <pre>
 * batch_size: 32        # events per test-then-train step
 * model: ...            # the recommender (io.streamnet.nn.reco.RecommenderSpec)
 * learner: ...          # max_users, top_k, rmse_warm_up (io.streamnet.nn.reco.RecoLearnerSpec)
 * baselines: ...        # history, half_life of the POP / RPOP / IKNN baselines run beside it
 * </pre>
 * A file with a top-level {@code model:} key is such a spec; one with {@code features:} and {@code network:} is a
 * {@link RunnerSpec} for the rating-only runner ({@link #isRecommenderSpec}).
 *
 * @param baselineHistory positives per user the IKNN baseline reads (the peer's L)
 * @param baselineHalfLife RPOP's half-life in positives (the peer's H)
 * @param text            the spec as written (printed by {@code --print-spec})
 */
public record RecoRunnerSpec(int batchSize, RecoLearnerSpec learner, int baselineHistory, double baselineHalfLife,
                             String text) {
    public static final String DEFAULT_RESOURCE = "/io/streamnet/nn/prequential/movielens.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    /** The default spec (the class-path resource). */
    public static RecoRunnerSpec defaults() {
        try (InputStream in = RecoRunnerSpec.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default spec resource " + DEFAULT_RESOURCE
                        + " missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), false, DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** A spec file: JSON if its name ends in {@code .json}, YAML otherwise. */
    public static RecoRunnerSpec load(Path file) {
        return parse(read(file), file.getFileName().toString().endsWith(".json"), file.toString());
    }

    /** Whether {@code file} holds a recommender spec (a top-level {@code model:} key), not a {@link RunnerSpec}. */
    public static boolean isRecommenderSpec(Path file) {
        return isRecommenderSpec(read(file), file.getFileName().toString().endsWith(".json"), file.toString());
    }

    /** Whether spec text holds a recommender spec (a top-level {@code model:} key); malformed text is an error. */
    public static boolean isRecommenderSpec(String text, boolean json, String source) {
        JsonNode root = tree(text, json, source);
        return root != null && root.has("model");
    }

    /** The text of a spec file (also read by {@link SessionRunnerSpec}). */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses spec text into a tree; malformed text is a {@link SpecException} naming line and column. */
    static JsonNode tree(String text, boolean json, String source) {
        try {
            return (json ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new SpecException(source, "malformed " + (json ? "JSON" : "YAML") + where + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses spec text; {@code source} names it in errors. */
    public static RecoRunnerSpec parse(String text, boolean json, String source) {
        SpecNode top = SpecNode.of(tree(text, json, source), source);
        int batch = top.integer("batch_size", RunnerSpec.DEFAULT_BATCH_SIZE, 1, 1 << 16);
        RecommenderSpec model = RecommenderSpec.read(SpecNode.of(top.required("model"), source + ": model"));
        RecoLearnerSpec learner = RecoLearnerSpec.read(top.child("learner"), model);
        SpecNode b = top.child("baselines");
        int history = b.integer("history", 20, 1, 1 << 12);
        double halfLife = b.real("half_life", 2000, 1e-9, 1e12);
        b.finish();
        top.finish();
        return new RecoRunnerSpec(batch, learner, history, halfLife, text);
    }

    public RecoRunnerSpec withBatchSize(int batchSize) {
        return new RecoRunnerSpec(batchSize, learner, baselineHistory, baselineHalfLife, text);
    }
}

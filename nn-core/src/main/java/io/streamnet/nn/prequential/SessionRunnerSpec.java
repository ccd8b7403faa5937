package io.streamnet.nn.prequential;

import io.streamnet.nn.reco.SessionLearnerSpec;
import io.streamnet.nn.spec.SpecNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What the prequential runner runs on a session stream (diginetica): one YAML or JSON file of
 * <pre>
 * top_k: 20             # K of HR@K and MRR@K
 * items: {capacity: N}  # item rows
 * session_length: 10    # last views of a session the model and item-kNN read
 * model: ...            # the sequence model (io.streamnet.nn.reco.SessionGruSpec)
 * baselines: {item_knn: {decay: 0.8}}
 * </pre>
 *
 * @param text the spec as written (printed by {@code --print-spec})
 */
public record SessionRunnerSpec(SessionLearnerSpec learner, String text) {
    public static final String DEFAULT_RESOURCE = "/io/streamnet/nn/prequential/diginetica.yaml";

    /** The default spec (the class-path resource). */
    public static SessionRunnerSpec defaults(long seed) {
        try (InputStream in = SessionRunnerSpec.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default spec resource " + DEFAULT_RESOURCE + " missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), false, DEFAULT_RESOURCE, seed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** A spec file: JSON if its name ends in {@code .json}, YAML otherwise. */
    public static SessionRunnerSpec load(Path file, long seed) {
        return parse(RecoRunnerSpec.read(file), file.getFileName().toString().endsWith(".json"), file.toString(), seed);
    }

    /** Parses spec text; {@code source} names it in errors; {@code seed} is the model's (the command line's). */
    public static SessionRunnerSpec parse(String text, boolean json, String source, long seed) {
        SpecNode top = SpecNode.of(RecoRunnerSpec.tree(text, json, source), source);
        SessionLearnerSpec learner = SessionLearnerSpec.read(top, seed);
        top.finish();
        return new SessionRunnerSpec(learner, text);
    }
}

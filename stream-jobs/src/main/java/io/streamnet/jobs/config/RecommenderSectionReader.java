package io.streamnet.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.spec.SpecException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Reads the {@code model} section of a recommendation job: {@code model} (the recommender) and optionally
 * {@code learner} inline, as in a recommender runner spec (the format of
 * {@code ./streamnet prequential --dataset movielens --print-spec}), or {@code spec:} such a file, or nothing (the
 * streaming default, {@value ModelSectionReader#DEFAULT_RECOMMENDER}). The runner spec's validation is reused; its
 * error locations are re-mapped below {@code model.}.
 */
final class RecommenderSectionReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecommenderSectionReader() {}

  static ModelSectionReader.Resolved read(ConfigNode n, Path baseDir) {
    if (n.has("batch_size")) {
      throw n.fail("batch_size", "not allowed here: the batch size is trainer.batch_size");
    }
    String spec = n.string("spec", null);
    JsonNode model = n.get("model");
    JsonNode learner = n.get("learner");
    n.finish();
    if (spec != null) {
      if (model != null || learner != null) {
        throw n.fail("spec", "give either spec or model (+ learner), not both");
      }
      return resolved(fromSpec(n, spec.trim(), baseDir));
    }
    if (model == null) {
      if (learner != null) {
        throw n.fail("model", "missing: an inline recommender needs model (or give spec: a runner spec file)");
      }
      return resolved(fromSpec(n, ModelSectionReader.DEFAULT_RECOMMENDER, null));
    }
    ObjectNode runnerSpec = ConfigNode.object();
    runnerSpec.set("model", model);
    if (learner != null) {
      runnerSpec.set("learner", learner);
    }
    try {
      return resolved(RecoRunnerSpec.parse(JSON.writeValueAsString(runnerSpec), true, "model"));
    } catch (SpecException e) {
      throw ModelSectionReader.remap(n, e);
    } catch (IllegalArgumentException e) {
      throw n.fail("model", e.getMessage());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ModelSectionReader.Resolved resolved(RecoRunnerSpec spec) {
    return new ModelSectionReader.Resolved(ModelSection.of(spec), spec.batchSize());
  }

  private static RecoRunnerSpec fromSpec(ConfigNode n, String spec, Path baseDir) {
    try {
      if (spec.startsWith(ModelSectionReader.CLASSPATH)) {
        String name = spec.substring(ModelSectionReader.CLASSPATH.length());
        String text = ModelSectionReader.classpathText(name);
        if (text == null) {
          throw n.fail("spec", "no class-path resource '" + name + "'");
        }
        return RecoRunnerSpec.parse(text, name.endsWith(".json"), spec);
      }
      Path file = baseDir == null ? Path.of(spec) : baseDir.resolve(spec);
      if (!Files.isRegularFile(file)) {
        throw n.fail("spec", "no such file: " + file.toAbsolutePath().normalize());
      }
      return RecoRunnerSpec.load(file);
    } catch (ConfigException e) {
      throw e;
    } catch (InvalidPathException | UncheckedIOException e) {
      throw n.fail("spec", "cannot read '" + spec + "': " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw n.fail("spec", e.getMessage());
    }
  }
}

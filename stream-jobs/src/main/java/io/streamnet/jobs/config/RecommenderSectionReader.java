package io.streamnet.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.spec.SpecException;
import java.io.UncheckedIOException;
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
    SpecText text = SpecText.read(n, spec, baseDir);
    try {
      if (!RecoRunnerSpec.isRecommenderSpec(text.text(), text.json(), text.source())) {
        throw n.fail("spec", text.source() + " is not a recommender spec (no top-level model:); a network spec is"
            + " for job.task: sentiment");
      }
      return RecoRunnerSpec.parse(text.text(), text.json(), text.source());
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw n.fail("spec", e.getMessage());
    }
  }
}

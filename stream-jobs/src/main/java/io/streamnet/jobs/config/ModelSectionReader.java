package io.streamnet.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.spec.SpecException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the {@code model} section, which is one of:
 * <ul>
 *   <li>inline, exactly as in an nn-core runner spec but without {@code batch_size} (that is
 *       {@code trainer.batch_size}): for sentiment {@code features} + {@code network}; for recommendation
 *       {@code model} (the recommender) and optionally {@code learner};</li>
 *   <li>{@code spec: path/to/spec.yaml} or {@code spec: classpath:resource.yaml}, a runner spec file (a relative
 *       path is resolved against the configuration file's directory); its {@code batch_size} becomes the default
 *       of {@code trainer.batch_size};</li>
 *   <li>nothing: the task's streaming default, {@value #DEFAULT_MODEL} or {@value #DEFAULT_RECOMMENDER}.</li>
 * </ul>
 * The runner spec's own validation is reused (so the job accepts exactly what {@code streamnet prequential}
 * accepts), its error locations re-mapped below {@code model.}.
 */
final class ModelSectionReader {
  static final String DEFAULT_MODEL = "classpath:" + JobConfig.DEFAULT_MODEL_RESOURCE;
  /** The recommender the prequential runner uses on MovieLens: the job learns exactly what the runner measures. */
  static final String DEFAULT_RECOMMENDER = "classpath:io/streamnet/nn/prequential/movielens.yaml";
  static final String CLASSPATH = "classpath:";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The model and the batch size its spec file asks for (the default of {@code trainer.batch_size}). */
  record Resolved(ModelSection model, int batchSize) {}

  private ModelSectionReader() {}

  /** The streaming default model. */
  static Resolved defaultModel() {
    String text = classpathText(JobConfig.DEFAULT_MODEL_RESOURCE);
    if (text == null) {
      throw new IllegalStateException("default model resource " + DEFAULT_MODEL + " missing from the class path");
    }
    RunnerSpec spec = RunnerSpec.parse(text, false, DEFAULT_MODEL);
    return new Resolved(ModelSection.of(spec), spec.batchSize());
  }

  /**
   * @param baseDir the configuration file's directory (relative spec paths start there), or null: the working directory
   * @param task    the job's task ({@code job.task})
   */
  static Resolved read(ConfigNode n, Path baseDir, String task) {
    return task.equals(Job.RECOMMENDATION) ? RecommenderSectionReader.read(n, baseDir) : readText(n, baseDir);
  }

  private static Resolved readText(ConfigNode n, Path baseDir) {
    if (n.has("batch_size")) {
      throw n.fail("batch_size", "not allowed here: the batch size is trainer.batch_size");
    }
    String spec = n.string("spec", null);
    JsonNode features = n.get("features");
    JsonNode network = n.get("network");
    n.finish();
    if (spec != null) {
      if (features != null || network != null) {
        throw n.fail("spec", "give either spec or features + network, not both");
      }
      return fromSpecFile(n, spec.trim(), baseDir);
    }
    if (features == null && network == null) {
      return defaultModel();
    }
    if (features == null || network == null) {
      throw n.fail(features == null ? "features" : "network",
          "missing: an inline model needs both features and network (or give spec: a runner spec file)");
    }
    return inline(n, features, network);
  }

  private static Resolved inline(ConfigNode n, JsonNode features, JsonNode network) {
    JsonNode type = features.get("type");
    if (type != null && type.isTextual() && !type.asText().equals("text_hashing")) {
      throw n.fail("features.type", "must be text_hashing (the sentiment job learns from text), got '"
          + type.asText() + "'");
    }
    ObjectNode runnerSpec = ConfigNode.object();
    runnerSpec.set("features", features);
    runnerSpec.set("network", network);
    RunnerSpec spec;
    ModelSection model;
    try {
      spec = RunnerSpec.parse(JSON.writeValueAsString(runnerSpec), true, "model");
      model = ModelSection.of(spec);
    } catch (SpecException e) {
      throw remap(n, e);
    } catch (IllegalArgumentException e) {
      // e.g. TextHashingConfig: min_order above max_order
      throw n.fail("features", e.getMessage());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return new Resolved(model, spec.batchSize());
  }

  /** RunnerSpec locations ("model: features.buckets", "network.layers[1] ...", "features") become model.<key>. */
  static ConfigException remap(ConfigNode n, SpecException e) {
    String location = e.location();
    String problem = e.problem();
    String key = location.startsWith("model: ") ? location.substring("model: ".length())
        : location.equals("model") ? "" : location;
    return key.isEmpty() ? n.failHere(problem) : n.fail(key, problem);
  }

  private static Resolved fromSpecFile(ConfigNode n, String spec, Path baseDir) {
    SpecText text = SpecText.read(n, spec, baseDir);
    try {
      if (RecoRunnerSpec.isRecommenderSpec(text.text(), text.json(), text.source())) {
        throw n.fail("spec", text.source() + " is a recommender spec (a top-level model:): it is for"
            + " job.task: recommendation");
      }
      RunnerSpec runnerSpec = RunnerSpec.parse(text.text(), text.json(), text.source());
      return new Resolved(ModelSection.of(runnerSpec), runnerSpec.batchSize());
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // a SpecException names the spec file and the key inside it; ModelSection.of refuses non-text features
      throw n.fail("spec", e.getMessage().startsWith("features:") ? spec + ": " + e.getMessage() : e.getMessage());
    }
  }

  /** The text of class-path resource {@code name}, or null if there is no such resource. */
  static String classpathText(String name) {
    String resource = resourceName(name);
    try (InputStream in = ModelSectionReader.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class-path resource " + resource, e);
    }
  }

  private static String resourceName(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }
}

package io.streamnet.jobs.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.TransferSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The configuration of the online-learning job: one YAML (or JSON) file, every key optional with a default that
 * follows {@code job.task} (sentiment or recommendation). The bundled default, {@value #DEFAULT_RESOURCE}, lists every
 * key with what it means ({@value #RECOMMENDATION_RESOURCE} the recommendation job's own):
 * <pre>
 * job:         {task, name, model_id, parallelism}
 * model:       {features, network} inline, or {spec: file}; default: the streaming default model
 * trainer:     {batch_size, max_wait_ms, divergence: {...}, drift: {delta}, prequential: {auc_window}}
 * snapshots:   {every_steps, every_ms, full_every, directory, retain}
 * scorer:      {buffer_limit, delivery}
 * metrics:     {interval_ms}
 * checkpointing: {interval_ms, mode, directory, timeout_ms, min_pause_ms, retain_on_cancel, tolerable_failures}
 * restart:     {strategy, attempts, delay_ms}
 * warm_start:  {from}
 * topics:      {labeled, requests, scores, snapshots, dead_letters, metrics}
 * kafka:       {bootstrap_servers, group_id, starting_offsets, transaction_id_prefix, properties}
 * registry:    {url, properties}
 * feedback:    {window_ms, allowed_lateness_ms, out_of_orderness_ms, idle_ms, topic} (recommendation)
 * </pre>
 * Unknown keys and bad values are {@link ConfigException}s naming the file and the full key, e.g.
 * {@code job.yaml: snapshots.every_ms: must be >= 1, got -5}. Immutable and serializable: Flink operators carry it.
 */
public record JobConfig(Job job, ModelSection model, Trainer trainer, Snapshots snapshots, Scorer scorer,
                        Metrics metrics, Checkpointing checkpointing, Restart restart, WarmStart warmStart,
                        Topics topics, Kafka kafka, Registry registry, Feedback feedback) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The class-path resource of the default configuration. */
  public static final String DEFAULT_RESOURCE = "io/streamnet/jobs/config/sentiment-job.yaml";
  /** The class-path resource of the recommendation job's default configuration. */
  public static final String RECOMMENDATION_RESOURCE = "io/streamnet/jobs/config/recommendation-job.yaml";
  /** The class-path resource of the default model (a runner spec). */
  public static final String DEFAULT_MODEL_RESOURCE = "io/streamnet/jobs/config/sentiment-model.yaml";

  private static final ObjectMapper YAML_IN = new YAMLMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper JSON_IN = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  /** JSON text starts like this; a YAML flow mapping ({@code {job: {...}}}) has unquoted keys. */
  private static final Pattern JSON_OBJECT = Pattern.compile("\\s*\\{\\s*\"");
  private static final ObjectMapper YAML_OUT = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build());

  public JobConfig {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(scorer, "scorer");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(checkpointing, "checkpointing");
    Objects.requireNonNull(restart, "restart");
    Objects.requireNonNull(warmStart, "warmStart");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(feedback, "feedback");
  }

  /** Reads a configuration file; a relative {@code model.spec} path is resolved against the file's directory. */
  public static JobConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "", "cannot read the configuration file: " + e, e);
    }
    return parse(text, file.toString(), file.toAbsolutePath().getParent());
  }

  /**
   * Parses configuration text (YAML, or JSON: text starting with <code>{"</code>); {@code sourceName} names it in
   * errors. A relative
   * {@code model.spec} path is resolved against the working directory.
   */
  public static JobConfig parse(String yamlOrJson, String sourceName) {
    return parse(yamlOrJson, sourceName, null);
  }

  /** The bundled default configuration ({@value #DEFAULT_RESOURCE}). */
  public static JobConfig defaults() {
    return Defaults.CONFIG;
  }

  /** The bundled default configuration's text, comments included (a starting point for a job file). */
  public static String defaultYaml() {
    return resourceText(DEFAULT_RESOURCE);
  }

  /**
   * The bundled default configuration of {@code task} ({@link Job#SENTIMENT} or {@link Job#RECOMMENDATION}),
   * comments included; the recommendation file lists the keys whose defaults or meaning are its own.
   */
  public static String defaultYaml(String task) {
    return switch (task) {
      case Job.SENTIMENT -> defaultYaml();
      case Job.RECOMMENDATION -> resourceText(RECOMMENDATION_RESOURCE);
      default -> throw new IllegalArgumentException("no task '" + task + "'");
    };
  }

  private static String resourceText(String resource) {
    try (InputStream in = JobConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }

  /**
   * This configuration with dotted keys set ({@code "kafka.bootstrap_servers" -> "host:9092"},
   * {@code "kafka.properties.security.protocol" -> "SSL"}), validated as if written in the file; errors name the
   * source {@code overrides}. Values are read as YAML scalars: {@code "0"} is a number, {@code "null"} the default.
   */
  public JobConfig withOverrides(Map<String, String> overrides) {
    return withOverrides(overrides, "overrides");
  }

  /** {@link #withOverrides(Map)}, with errors naming {@code sourceName} (e.g. "--set"). */
  public JobConfig withOverrides(Map<String, String> overrides, String sourceName) {
    if (overrides.isEmpty()) {
      return this;
    }
    ObjectNode tree = tree();
    ConfigOverrides.apply(tree, overrides, sourceName);
    return read(tree, sourceName, null);
  }

  /** The effective configuration as YAML (the model as features + network); {@link #parse} gives an equal config. */
  public String toYaml() {
    try {
      return YAML_OUT.writeValueAsString(tree());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema-registry client configuration ({@code registry.url} + {@code registry.properties}). */
  public RegistryConfig registryConfig() {
    return registry.registryConfig();
  }

  /** Kafka client properties for every source and sink: {@code bootstrap.servers} + {@code kafka.properties}. */
  public Properties kafkaProperties() {
    return kafka.clientProperties();
  }

  private static JobConfig parse(String text, String source, Path baseDir) {
    boolean json = JSON_OBJECT.matcher(text).lookingAt();
    JsonNode root;
    try {
      root = (json ? JSON_IN : YAML_IN).readTree(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new ConfigException(source, "", "malformed " + (json ? "JSON" : "YAML") + where + ": "
          + e.getOriginalMessage(), e);
    }
    return read(root, source, baseDir);
  }

  private static JobConfig read(JsonNode root, String source, Path baseDir) {
    ConfigNode top = ConfigNode.root(root, source);
    Job job = Job.read(top.section("job"));
    ModelSectionReader.Resolved model = ModelSectionReader.read(top.section("model"), baseDir, job.task());
    Trainer trainer = Trainer.read(top.section("trainer"), model.batchSize());
    Snapshots snapshots = Snapshots.read(top.section("snapshots"));
    Scorer scorer = Scorer.read(top.section("scorer"), job.recommendation() ? 2 : 1, job.recommendation());
    Metrics metrics = Metrics.read(top.section("metrics"));
    Checkpointing checkpointing = Checkpointing.read(top.section("checkpointing"));
    Restart restart = Restart.read(top.section("restart"));
    ConfigNode warmStartNode = top.section("warm_start");
    WarmStart warmStart = WarmStart.read(warmStartNode);
    Topics topics = Topics.read(top.section("topics"), job.recommendation());
    Kafka kafka = Kafka.read(top.section("kafka"), job.task());
    Registry registry = Registry.read(top.section("registry"));
    ConfigNode feedbackNode = top.section("feedback");
    Feedback feedback = Feedback.read(feedbackNode, job.recommendation());
    top.finish();
    if (feedback.enabled() && topics.contains(feedback.topic())) {
      throw feedbackNode.fail("topic", "'" + feedback.topic() + "' is already one of the job's topics; every topic"
          + " must differ");
    }
    if (warmStart.kind() == WarmStart.Kind.LATEST_FILE && snapshots.directory() == null) {
      throw warmStartNode.fail("from", "latest_file needs snapshots.directory (where the model files are written)");
    }
    if (warmStart.partial()) {
      if (job.recommendation()) {
        throw warmStartNode.fail("layers", "a partial load is for the layers of a network (the sentiment task);"
            + " the recommender's tables are loaded whole: leave layers out");
      }
      try {
        new TransferSpec(warmStart.from(), warmStart.layers()).checkLayers(model.model().network(), "warm_start");
      } catch (SpecException e) {
        throw new ConfigException(source, e.location(), e.problem(), e);
      }
    }
    return new JobConfig(job, model.model(), trainer, snapshots, scorer, metrics, checkpointing, restart, warmStart,
        topics, kafka, registry, feedback);
  }

  /** The configuration as the file would write it, in the documented key order. */
  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.set("job", job.tree());
    o.set("model", model.tree());
    o.set("trainer", trainer.tree());
    o.set("snapshots", snapshots.tree());
    o.set("scorer", scorer.tree());
    o.set("metrics", metrics.tree());
    o.set("checkpointing", checkpointing.tree());
    o.set("restart", restart.tree());
    o.set("warm_start", warmStart.tree());
    o.set("topics", topics.tree());
    o.set("kafka", kafka.tree());
    o.set("registry", registry.tree());
    if (job.recommendation()) {
      o.set("feedback", feedback.tree());
    }
    return o;
  }

  /** Parsed once, on first use. */
  private static final class Defaults {
    static final JobConfig CONFIG = parse(defaultYaml(), "classpath:" + DEFAULT_RESOURCE);
  }
}

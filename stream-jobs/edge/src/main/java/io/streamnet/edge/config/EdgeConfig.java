package io.streamnet.edge.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamnet.connect.security.KafkaClientSecrets;
import io.streamnet.connect.security.SecretReference;
import io.streamnet.connect.sign.SigningKey;
import io.streamnet.edge.score.TaskRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The edge scorer's configuration: a YAML file ({@code ./streamnet serve --config FILE}; {@code ops/edge/edge.yaml}
 * is an example with every key). Every key is optional except the tasks; unknown keys are errors, so that a typo
 * never silently falls back to a default.
 */
public record EdgeConfig(App app, Kafka kafka, Registry registry, Topics topics, Scoring scoring,
                         Signing signing, Map<String, TaskSection> tasks) {

  /** The Kafka Streams application. */
  public record App(String applicationId, Integer threads, String stateDir, Integer commitIntervalMs,
                    Integer httpPort) {
    public App {
      applicationId = applicationId == null ? "streamnet-edge" : applicationId;
      threads = threads == null ? 1 : threads;
      stateDir = stateDir == null ? System.getProperty("java.io.tmpdir") + "/streamnet-edge" : stateDir;
      commitIntervalMs = commitIntervalMs == null ? 100 : commitIntervalMs;
      httpPort = httpPort == null ? 8088 : httpPort;
      positive("app.threads", threads);
      positive("app.commit_interval_ms", commitIntervalMs);
      if (httpPort < -1 || httpPort > 65535) {
        throw new IllegalArgumentException("app.http_port must be -1 (no HTTP server), 0 (any free port) or a port,"
            + " got " + httpPort);
      }
    }
  }

  /**
   * The cluster; {@code properties} go to Kafka Streams and its clients (security.protocol, sasl.*, ssl.*), a password
   * setting's {@code env:NAME} or {@code file:PATH} reference replaced by the value it names
   * ({@link KafkaClientSecrets}).
   */
  public record Kafka(String bootstrapServers, Integer replicationFactor, Map<String, String> properties) {
    public Kafka {
      bootstrapServers = bootstrapServers == null ? "127.0.0.1:9092" : bootstrapServers;
      replicationFactor = replicationFactor == null ? 1 : replicationFactor;
      positive("kafka.replication_factor", replicationFactor);
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** {@link #properties()} with every secret reference read; fails naming the setting whose secret is not there. */
    public Map<String, Object> clientProperties() {
      try {
        return KafkaClientSecrets.resolve(properties);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("kafka.properties." + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      Map<String, String> shown = new TreeMap<>();
      properties.forEach((k, v) -> shown.put(k, KafkaClientSecrets.isPassword(k) && !SecretReference.isReference(v)
          ? "****" : v));
      return "Kafka[bootstrapServers=" + bootstrapServers + ", replicationFactor=" + replicationFactor
          + ", properties=" + shown + "]";
    }
  }

  /** The schema registry (Confluent API); {@code properties} as a Confluent client takes them (basic.auth.*). */
  public record Registry(String url, Map<String, String> properties) {
    public Registry {
      url = url == null ? "http://127.0.0.1:8081/apis/ccompat/v7" : url;
      properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** The client settings, url included. */
    public Map<String, Object> clientProperties() {
      Map<String, Object> p = new LinkedHashMap<>(properties);
      p.put("schema.registry.url", url);
      return p;
    }
  }

  public record Topics(String snapshots, String deadLetters) {
    public Topics {
      snapshots = snapshots == null ? "model.snapshots" : snapshots;
      deadLetters = deadLetters == null ? "streamnet.dlq" : deadLetters;
    }
  }

  /**
   * @param bufferLimit     inputs that may wait for a task's first model, per input partition; beyond: dead letters
   * @param drainIntervalMs how often waiting inputs are checked against a newly arrived model
   * @param autoRegister    whether the answers' schemas are registered when missing
   * @param registryOutageMs how long a record whose schema cannot be fetched is held and retried before it is a
   *                         dead letter
   */
  public record Scoring(Integer bufferLimit, Integer drainIntervalMs, Boolean autoRegister, Integer registryOutageMs) {
    public Scoring {
      registryOutageMs = registryOutageMs == null ? 60_000 : registryOutageMs;
      if (registryOutageMs < 0 || registryOutageMs > 240_000) {
        throw new IllegalArgumentException("scoring.registry_outage_ms must be in [0, 240000] (below the consumer's"
            + " max.poll.interval.ms of 300 s, or the instance leaves its group), got " + registryOutageMs);
      }
      bufferLimit = bufferLimit == null ? 10_000 : bufferLimit;
      drainIntervalMs = drainIntervalMs == null ? 50 : drainIntervalMs;
      autoRegister = autoRegister == null || autoRegister;
      if (bufferLimit < 0) {
        throw new IllegalArgumentException("scoring.buffer_limit must be >= 0, got " + bufferLimit);
      }
      positive("scoring.drain_interval_ms", drainIntervalMs);
    }
  }

  /**
   * The keys a snapshot must be signed with, by key id, each a reference to its secret ({@code env:NAME},
   * {@code file:PATH}, {@code base64:...}); two during a rotation. None: signatures are not checked.
   */
  public record Signing(Map<String, String> keys) {
    public Signing {
      keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    /** The keys, their secrets read; fails naming the key whose secret cannot be read. */
    public Map<String, SigningKey> resolve() {
      Map<String, SigningKey> out = new TreeMap<>();
      keys.forEach((id, ref) -> {
        try {
          out.put(id, SigningKey.of(id, ref));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("signing.keys." + id + ": " + e.getMessage(), e);
        }
      });
      return out;
    }

    @Override
    public String toString() {
      return "Signing[keys=" + keys.keySet() + "]";
    }
  }

  /** One task served: its model and topics ({@code interactions} only for recommendation). */
  public record TaskSection(String modelId, String requests, String interactions, String answers) {}

  public EdgeConfig {
    app = app == null ? new App(null, null, null, null, null) : app;
    kafka = kafka == null ? new Kafka(null, null, null) : kafka;
    registry = registry == null ? new Registry(null, null) : registry;
    topics = topics == null ? new Topics(null, null) : topics;
    scoring = scoring == null ? new Scoring(null, null, null, null) : scoring;
    signing = signing == null ? new Signing(null) : signing;
    if (tasks == null || tasks.isEmpty()) {
      throw new IllegalArgumentException("tasks: name at least one task to serve (sentiment:, recommendation:)");
    }
    Map<String, TaskSection> sections = new TreeMap<>();
    tasks.forEach((name, t) -> sections.put(name, t == null ? new TaskSection(null, null, null, null) : t));
    tasks = Map.copyOf(sections); // `sentiment:` with nothing under it: every default
  }

  /** The routes of the configured tasks, with each task's default model id and topics where none is given. */
  public List<TaskRoute> routes() {
    List<TaskRoute> out = new ArrayList<>();
    for (Map.Entry<String, TaskSection> e : new TreeMap<>(tasks).entrySet()) {
      TaskSection t = e.getValue();
      String task = e.getKey();
      switch (task) {
        case "sentiment" -> {
          if (t.interactions() != null) {
            throw new IllegalArgumentException("tasks.sentiment.interactions: sentiment keeps no context per key;"
                + " only recommendation reads interactions");
          }
          out.add(new TaskRoute(task, or(t.modelId(), task), or(t.requests(), "sentiment.requests"), null,
              or(t.answers(), "sentiment.scores"), topics.deadLetters(), scoring.bufferLimit(),
              scoring.drainIntervalMs()));
        }
        case "recommendation" -> out.add(new TaskRoute(task, or(t.modelId(), task), or(t.requests(), "reco.requests"),
            or(t.interactions(), "reco.interactions"), or(t.answers(), "reco.recommendations"), topics.deadLetters(),
            scoring.bufferLimit(), scoring.drainIntervalMs()));
        default -> throw new IllegalArgumentException("tasks." + task + ": unknown task (this release serves"
            + " sentiment and recommendation)");
      }
    }
    return out;
  }

  /** Reads a configuration file; the exception names the file, the key path and what is wrong. */
  public static EdgeConfig read(Path file) throws IOException {
    return parse(Files.readString(file), file.toString());
  }

  /** Reads a configuration document; {@code source} names it in errors. */
  public static EdgeConfig parse(String yaml, String source) {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    EdgeConfig c;
    try {
      c = mapper.readValue(yaml, EdgeConfig.class);
    } catch (JsonMappingException e) {
      String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
          : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      String what = cause == e ? e.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "") : cause.getMessage();
      throw new IllegalArgumentException(source + ": " + (path.isEmpty() ? "" : path + ": ") + what, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": not a YAML document: " + e.getMessage(), e);
    }
    if (c == null) {
      throw new IllegalArgumentException(source + ": empty configuration; name at least one task under tasks:");
    }
    try {
      c.routes(); // task names and topics checked now
      c.signing().resolve(); // and the keys' secrets readable
      c.kafka().clientProperties(); // and the Kafka passwords
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    return c;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void positive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be >= 1, got " + value);
    }
  }
}

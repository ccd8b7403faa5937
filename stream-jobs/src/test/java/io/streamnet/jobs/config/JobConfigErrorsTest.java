package io.streamnet.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad setting is refused with a message naming the file and the full key. */
class JobConfigErrorsTest {

  private static ConfigException error(String yaml) {
    return assertThrows(ConfigException.class, () -> JobConfig.parse(yaml, "job.yaml"));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        // job
        Arguments.of("job: {name: ''}", "job.yaml: job.name: must not be empty"),
        Arguments.of("job: {model_id: '  '}", "job.yaml: job.model_id: must not be empty"),
        Arguments.of("job: {parallelism: 0}", "job.yaml: job.parallelism: must be >= 1, got 0"),
        // trainer
        Arguments.of("trainer: {batch_size: 0}", "job.yaml: trainer.batch_size: must be between 1 and 65536, got 0"),
        Arguments.of("trainer: {batch_size: 65537}",
            "job.yaml: trainer.batch_size: must be between 1 and 65536, got 65537"),
        Arguments.of("trainer: {max_wait_ms: -1}", "job.yaml: trainer.max_wait_ms: must be >= 0, got -1"),
        Arguments.of("trainer: {max_wait_ms: 1.5}", "job.yaml: trainer.max_wait_ms: must be an integer, got 1.5"),
        Arguments.of("trainer: {max_wait_ms: '100'}",
            "job.yaml: trainer.max_wait_ms: must be an integer, got \"100\""),
        Arguments.of("trainer: {divergence: {loss_factor: 1}}", "job.yaml: trainer.divergence.loss_factor: must be > 1"
            + " (a batch at the running average must pass), got 1.0"),
        Arguments.of("trainer: {divergence: {loss_factor: '8'}}",
            "job.yaml: trainer.divergence.loss_factor: must be a finite number, got \"8\""),
        Arguments.of("trainer: {divergence: {warmup_batches: -1}}",
            "job.yaml: trainer.divergence.warmup_batches: must be >= 0, got -1"),
        Arguments.of("trainer: {divergence: {average_decay: 1}}",
            "job.yaml: trainer.divergence.average_decay: must be between 0 and 1 (both excluded), got 1.0"),
        Arguments.of("trainer: {divergence: {average_decay: 0.0}}",
            "job.yaml: trainer.divergence.average_decay: must be between 0 and 1 (both excluded), got 0.0"),
        Arguments.of("trainer: {divergence: {rollback_after: 0}}",
            "job.yaml: trainer.divergence.rollback_after: must be >= 1, got 0"),
        Arguments.of("trainer: {prequential: {auc_window: 99}}",
            "job.yaml: trainer.prequential.auc_window: must be between 100 and 10000000, got 99"),
        // snapshots
        Arguments.of("snapshots: {every_ms: -5}", "job.yaml: snapshots.every_ms: must be >= 1, got -5"),
        Arguments.of("snapshots: {every_steps: ten}", "job.yaml: snapshots.every_steps: must be an integer, got \"ten\""),
        Arguments.of("snapshots: {every_steps: 3000000000}",
            "job.yaml: snapshots.every_steps: must be >= 1, got 3000000000"),
        Arguments.of("snapshots: {full_every: 0}", "job.yaml: snapshots.full_every: must be >= 1, got 0"),
        Arguments.of("snapshots: {retain: 0}", "job.yaml: snapshots.retain: must be >= 1, got 0"),
        Arguments.of("snapshots: {directory: models/sentiment}", "job.yaml: snapshots.directory: must be a file system"
            + " URI such as file:///var/streamnet/models or s3://bucket/path, got 'models/sentiment'"),
        Arguments.of("snapshots: {directory: 'file:models'}", "job.yaml: snapshots.directory: must be a file system"
            + " URI such as file:///var/streamnet/models or s3://bucket/path, got 'file:models'"),
        // scorer, metrics
        Arguments.of("scorer: {buffer_limit: -1}", "job.yaml: scorer.buffer_limit: must be >= 0, got -1"),
        Arguments.of("metrics: {interval_ms: 99}", "job.yaml: metrics.interval_ms: must be >= 100, got 99"),
        // checkpointing
        Arguments.of("checkpointing: {interval_ms: 50}", "job.yaml: checkpointing.interval_ms: must be >= 100, got 50"),
        Arguments.of("checkpointing: {mode: exactly-once}",
            "job.yaml: checkpointing.mode: must be one of exactly_once, at_least_once, got 'exactly-once'"),
        Arguments.of("checkpointing: {directory: /var/checkpoints}", "job.yaml: checkpointing.directory: must be a file"
            + " system URI such as file:///var/streamnet/models or s3://bucket/path, got '/var/checkpoints'"),
        Arguments.of("checkpointing: {timeout_ms: 5}", "job.yaml: checkpointing.timeout_ms: must be >= 10, got 5"),
        Arguments.of("checkpointing: {min_pause_ms: -1}", "job.yaml: checkpointing.min_pause_ms: must be >= 0, got -1"),
        Arguments.of("checkpointing: {retain_on_cancel: 'yes'}",
            "job.yaml: checkpointing.retain_on_cancel: must be true or false, got \"yes\""),
        Arguments.of("checkpointing: {tolerable_failures: -1}",
            "job.yaml: checkpointing.tolerable_failures: must be >= 0, got -1"),
        // restart
        Arguments.of("restart: {strategy: always}",
            "job.yaml: restart.strategy: must be one of none, fixed_delay, exponential_delay, got 'always'"),
        Arguments.of("restart: {attempts: -1}", "job.yaml: restart.attempts: must be >= 0, got -1"),
        Arguments.of("restart: {delay_ms: -1}", "job.yaml: restart.delay_ms: must be >= 0, got -1"),
        Arguments.of("restart: {strategy: exponential_delay, delay_ms: 0}",
            "job.yaml: restart.delay_ms: must be >= 1 with strategy exponential_delay (it is doubled), got 0"),
        // warm start
        Arguments.of("warm_start: {from: newest}", "job.yaml: warm_start.from: must be latest, none, latest_file, topic or the"
            + " URI of a model file such as file:///var/streamnet/models/<file>), got 'newest'"),
        Arguments.of("warm_start: {from: latest_file}",
            "job.yaml: warm_start.from: latest_file needs snapshots.directory (where the model files are written)"),
        Arguments.of("warm_start: {from: topic, layers: [emb]}", "job.yaml: warm_start.layers: a partial load reads a"
            + " model file: from must be the URI of a model file or latest_file, got 'topic'"),
        Arguments.of("warm_start: {from: 'file:///m.snn', layers: [emb, head]}", "job.yaml: warm_start.layers[1]: no"
            + " layer named 'head' (layers: [emb, hidden, out])"),
        Arguments.of("warm_start: {from: 'file:///m.snn', layers: [emb, emb]}",
            "job.yaml: warm_start.layers[1]: layer 'emb' is listed twice"),
        Arguments.of("model: {features: {type: text_hashing, input: t, buckets: 16}, network: {seed: 1, inputs: [{name:"
            + " t, type: sparse_ids, vocab: 16}], layers: [{type: embedding_bag, name: e, input: t, dim: 2}, {type: dense,"
            + " name: o, units: 1}], loss: bce_with_logits, optimizer: {type: sgd, lr: 0.1}, transfer: {from: m.snnm}}}",
            "job.yaml: model.network.transfer: a job loads layers from another model with warm_start.layers"
            + " (warm_start.from: the URI of the model file, one the cluster can read); remove transfer here"),
        Arguments.of("warm_start: {from: 'file:///m.snn', layers: {emb: 1}}",
            "job.yaml: warm_start.layers: must be a list of names, got {\"emb\":1}"),
        // topics
        Arguments.of("topics: {scores: 'my scores'}",
            "job.yaml: topics.scores: 'my scores' is not a legal Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)"),
        Arguments.of("topics: {scores: sentiment.labeled}",
            "job.yaml: topics.scores: 'sentiment.labeled' is already topics.labeled; every topic must differ"),
        Arguments.of("topics: {metrics: ''}", "job.yaml: topics.metrics: must not be empty"),
        // kafka
        Arguments.of("kafka: {bootstrap_servers: localhost}", "job.yaml: kafka.bootstrap_servers: 'localhost' is not"
            + " host:port (a comma-separated list of host:port is expected, e.g. localhost:9092)"),
        Arguments.of("kafka: {bootstrap_servers: 'a:9092,b:70000'}", "job.yaml: kafka.bootstrap_servers: 'b:70000' is"
            + " not host:port (a comma-separated list of host:port is expected, e.g. localhost:9092)"),
        Arguments.of("kafka: {starting_offsets: beginning}",
            "job.yaml: kafka.starting_offsets: must be one of earliest, latest, committed or an ISO-8601 instant (e.g."
                + " 2026-12-06T10:00:00Z), got 'beginning'"),
        Arguments.of("kafka: {group_id: ''}", "job.yaml: kafka.group_id: must not be empty"),
        Arguments.of("kafka: {properties: {bootstrap.servers: 'x:1'}}",
            "job.yaml: kafka.properties.bootstrap.servers: set kafka.bootstrap_servers instead"),
        Arguments.of("kafka: {properties: {group.id: g}}", "job.yaml: kafka.properties.group.id: set kafka.group_id instead"),
        Arguments.of("kafka: {properties: {linger.ms: [1, 2]}}",
            "job.yaml: kafka.properties.linger.ms: must be a string, number or boolean, got [1,2]"),
        Arguments.of("kafka: {properties: [a, b]}",
            "job.yaml: kafka.properties: must be a mapping of property names to values, got [\"a\",\"b\"]"),
        // registry
        Arguments.of("registry: {url: 'ftp://host'}", "job.yaml: registry.url: invalid schema-registry URL 'ftp://host':"
            + " expected http://host:port[/path], https://... or mock://scope"),
        Arguments.of("registry: {properties: {schema.registry.url: 'http://x:1'}}",
            "job.yaml: registry.properties.schema.registry.url: set registry.url instead"),
        Arguments.of("registry: {properties: {max.retries: -1}}",
            "job.yaml: registry.properties: max.retries must not be negative, was -1"),
        Arguments.of("registry: {properties: {basic.auth.credentials.source: USER_INFO}}",
            "job.yaml: registry.properties: basic.auth.credentials.source=USER_INFO needs credentials of the form"
                + " user:password"),
        // structure
        Arguments.of("trainer: 5", "job.yaml: trainer: must be a mapping (key: value pairs), got 5"),
        Arguments.of("- a\n- b", "job.yaml: must be a mapping of sections (job:, trainer:, ...), got [\"a\",\"b\"]"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void badValueNamesItsKey(String yaml, String message) {
    assertEquals(message, error(yaml).getMessage());
  }

  @Test
  void aStartingTimeThatIsNoInstantNamesItsKeyAndTheForm() {
    assertEquals("job.yaml: kafka.starting_offsets: '2026-13-06T10:00:00Z' is not an ISO-8601 instant (e.g."
        + " 2026-12-06T10:00:00Z)", error("kafka: {starting_offsets: '2026-13-06T10:00:00Z'}").getMessage());
    assertEquals("job.yaml: kafka.starting_offsets: give the time to start from as an ISO-8601 instant, e.g."
        + " 2026-12-06T10:00:00Z", error("kafka: {starting_offsets: timestamp}").getMessage());
  }

  @Test
  void parallelismAbove1IsRefusedWithTheReason() {
    ConfigException e = error("job: {parallelism: 4}");
    assertEquals("job.parallelism", e.key());
    assertTrue(e.getMessage().startsWith("job.yaml: job.parallelism: only 1 is supported for now"), e.getMessage());
    assertTrue(e.getMessage().endsWith("got 4"), e.getMessage());
  }

  static Stream<Arguments> unknownKeys() {
    return Stream.of(
        Arguments.of("kafka: {bootstrap_server: 'x:1'}", "job.yaml: kafka: unknown key 'bootstrap_server' (known:"
            + " bootstrap_servers, group_id, starting_offsets, transaction_id_prefix, properties)"),
        Arguments.of("snapshot: {every_ms: 5}", "job.yaml: unknown key 'snapshot' (known: job, model, trainer,"
            + " snapshots, scorer, metrics, checkpointing, restart, warm_start, topics, kafka, registry, feedback)"),
        Arguments.of("trainer: {divergence: {factor: 2}}", "job.yaml: trainer.divergence: unknown key 'factor' (known:"
            + " loss_factor, min_ceiling, warmup_batches, average_decay, rollback_after, loss_deviations)"),
        Arguments.of("trainer: {prequential: {window: 100}}",
            "job.yaml: trainer.prequential: unknown key 'window' (known: auc_window)"),
        Arguments.of("job: {id: x}", "job.yaml: job: unknown key 'id' (known: task, name, model_id, parallelism)"),
        Arguments.of("checkpointing: {interval: 100}", "job.yaml: checkpointing: unknown key 'interval' (known:"
            + " interval_ms, mode, directory, timeout_ms, min_pause_ms, retain_on_cancel, tolerable_failures, aligned_timeout_ms,"
            + " retained)"),
        Arguments.of("warm_start: {form: topic}", "job.yaml: warm_start: unknown key 'form' (known: from, layers)"),
        Arguments.of("model: {specs: x.yaml}", "job.yaml: model: unknown key 'specs' (known: spec, features, network)"),
        Arguments.of("registry: {properties: {basic.auth.user: u}}", "job.yaml: registry.properties: unknown key"
            + " 'basic.auth.user' (known: basic.auth.credentials.source, basic.auth.user.info,"
            + " bearer.auth.credentials.source, bearer.auth.token, schema.registry.ssl.truststore.location,"
            + " schema.registry.ssl.truststore.password, schema.registry.ssl.truststore.type,"
            + " schema.registry.ssl.keystore.location, schema.registry.ssl.keystore.password,"
            + " schema.registry.ssl.keystore.type, schema.registry.ssl.key.password, max.retries, retries.wait.ms,"
            + " retries.max.wait.ms, retries.jitter.seed, http.connect.timeout.ms, http.read.timeout.ms,"
            + " missing.id.cache.ttl.ms)"));
  }

  @ParameterizedTest
  @MethodSource("unknownKeys")
  void unknownKeyIsAnErrorListingTheKnownOnes(String yaml, String message) {
    assertEquals(message, error(yaml).getMessage());
  }

  static Stream<Arguments> badModels() {
    String features = "features: {type: text_hashing, input: tokens, buckets: 1024}";
    String network = "network: {inputs: [{name: tokens, type: sparse_ids, vocab: 1024}], layers: [{type:"
        + " embedding_bag, name: emb, dim: 4}, {type: dense, name: out, units: 1}], loss: bce_with_logits,"
        + " optimizer: {type: sgd, lr: 0.1}}";
    return Stream.of(
        Arguments.of("model: {batch_size: 8, " + features + ", " + network + "}",
            "job.yaml: model.batch_size: not allowed here: the batch size is trainer.batch_size"),
        Arguments.of("model: {" + features + "}",
            "job.yaml: model.network: missing: an inline model needs both features and network (or give spec: a"
                + " runner spec file)"),
        Arguments.of("model: {spec: x.yaml, " + features + "}",
            "job.yaml: model.spec: give either spec or features + network, not both"),
        Arguments.of("model: {features: {type: user_item}, " + network + "}",
            "job.yaml: model.features.type: must be text_hashing (the sentiment job learns from text), got 'user_item'"),
        Arguments.of("model: {features: {type: text_hashing, buckets: 2048}, " + network + "}",
            "job.yaml: model.features.buckets: is 2048 but network input 'tokens' has vocab 1024; they must be equal"),
        Arguments.of("model: {features: {type: text_hashing, buckets: 1024, max_order: 9}, " + network + "}",
            "job.yaml: model.features.max_order: must be between 1 and 8, got 9"),
        Arguments.of("model: {features: {type: text_hashing, buckets: 1024, min_order: 3, max_order: 2}, "
            + network + "}", "job.yaml: model.features: n-gram orders must satisfy 1 <= minOrder <= maxOrder <= 8,"
            + " got minOrder=3 maxOrder=2"),
        Arguments.of("model: {features: {type: text_hashing, buckets: 1024, input: words}, " + network + "}",
            "job.yaml: model.features: network has no input named 'words' (inputs: [tokens])"),
        Arguments.of("model: {features: {input: tokens, buckets: 1024}, " + network + "}",
            "job.yaml: model.features: missing required key 'type' (text_hashing, token_sequence or user_item)"),
        Arguments.of("model: {features: {type: text_hashing, buckets: 1024, colour: red}, " + network + "}",
            "job.yaml: model.features: unknown key 'colour' (known keys here: [binary, buckets, input, max_order,"
                + " min_order, seed, type])"),
        Arguments.of("model: {spec: 'classpath:no/such/spec.yaml'}",
            "job.yaml: model.spec: no class-path resource 'no/such/spec.yaml'"));
  }

  @ParameterizedTest
  @MethodSource("badModels")
  void badModelNamesItsKey(String yaml, String message) {
    assertEquals(message, error(yaml).getMessage());
  }

  @Test
  void badNetworkLayerIsLocatedBelowModelNetwork() {
    String yaml = "model: {features: {type: text_hashing, buckets: 1024}, network: {inputs: [{name: tokens, type:"
        + " sparse_ids, vocab: 1024}], layers: [{type: embedding_bag, name: emb, dim: 4}, {type: dense, name: out,"
        + " units: -3}], loss: bce_with_logits, optimizer: {type: sgd, lr: 0.1}}}";
    ConfigException e = error(yaml);
    assertTrue(e.key().startsWith("model.network.layers[1]"), e.getMessage());
    assertTrue(e.getMessage().startsWith("job.yaml: model.network.layers[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("units"), e.getMessage());
  }

  @Test
  void malformedYamlNamesTheLine() {
    ConfigException e = error("job:\n  name: a\n  name: b\n");
    assertTrue(e.getMessage().startsWith("job.yaml: malformed YAML at line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("Duplicate field 'name'"), e.getMessage());
    ConfigException bad = error("job: {name: [unclosed\n");
    assertTrue(bad.getMessage().startsWith("job.yaml: malformed YAML at line"), bad.getMessage());
  }

  @Test
  void malformedJsonIsReportedAsJson() {
    ConfigException e = error("{\"job\": {\"name\": }}");
    assertTrue(e.getMessage().startsWith("job.yaml: malformed JSON at line 1"), e.getMessage());
  }
}

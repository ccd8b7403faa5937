package io.streamnet.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.RegistryAuth;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
  /** The example of ops/, from the module's directory (surefire's working directory). */
  private static final Path EXAMPLE = Path.of("..", "ops", "jobs", "sentiment-job.yaml");

  @Test
  void defaultsAreTheDocumentedValues() {
    JobConfig c = JobConfig.defaults();
    assertEquals(new Job("streamnet-sentiment", "sentiment", 1, "sentiment"), c.job());
    assertEquals(new Trainer(32, 0, new Trainer.Divergence(20.0, 0.0, 50, 0.99, 3, 24.0),
        new Trainer.Drift(1e-4, 1_000), new Trainer.Prequential(10_000)), c.trainer());
    assertEquals(new Snapshots(100, 1000, 500, 10, null, 5), c.snapshots());
    assertEquals(new Scorer(10_000, 1, Scorer.Delivery.AT_LEAST_ONCE, 0), c.scorer());
    assertEquals(new Metrics(1000), c.metrics());
    assertEquals(new Checkpointing(5000, Checkpointing.Mode.EXACTLY_ONCE, null, 600_000, 0, true, 3, 10),
        c.checkpointing());
    assertEquals(new Restart(Restart.Strategy.FIXED_DELAY, 10, 1000), c.restart());
    assertEquals(new WarmStart(WarmStart.Kind.LATEST, null), c.warmStart());
    assertEquals(new Topics("sentiment.labeled", "sentiment.requests", "sentiment.scores", "model.snapshots",
        "streamnet.dlq", "streamnet.metrics"), c.topics());
    assertEquals(new Kafka("localhost:9092", "streamnet-sentiment", Kafka.StartingOffsets.COMMITTED, null,
        "streamnet-sentiment", Map.of()), c.kafka());
    assertEquals(new Registry("http://localhost:8081/apis/ccompat/v7", Map.of()), c.registry());

    assertEquals(new TextHashingConfig(1 << 18, 1, 2, false, 0), c.model().textHashing());
    assertEquals("tokens", c.model().inputName());
    assertEquals(1 << 18, c.model().network().inputs().get(0).vocab());
    assertSame(JobConfig.defaults(), JobConfig.defaults());
  }

  @Test
  void theBundledFileDocumentsExactlyTheCodeDefaults() {
    // every key absent (an empty file) gives what the bundled file writes out key by key
    assertEquals(JobConfig.defaults(), JobConfig.parse("", "empty.yaml"));
    assertEquals(JobConfig.defaults(), JobConfig.parse("{}", "empty.json"));
    assertEquals(JobConfig.defaults(), JobConfig.parse("model:\ntrainer: {}\n", "sections.yaml"));
    String text = JobConfig.defaultYaml();
    for (String section : new String[] {"job", "model", "trainer", "snapshots", "scorer", "metrics", "checkpointing",
        "restart", "warm_start", "topics", "kafka", "registry"}) {
      assertTrue(text.contains("\n" + section + ":"), section);
    }
  }

  @Test
  void defaultModelIsNnCoresSentimentSpecWith2To18Buckets() throws IOException {
    String nnCore;
    try (InputStream in = RunnerSpec.class.getResourceAsStream(RunnerSpec.defaultResource(Dataset.IMDB))) {
      nnCore = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    RunnerSpec expected = RunnerSpec.parse(nnCore.replace("2^22", "2^18"), false, "nn-core sentiment.yaml");
    ModelSection model = JobConfig.defaults().model();
    assertEquals(expected.features(), model.features());
    assertEquals(expected.network().withName(model.network().name()), model.network());
    assertNotEquals(RunnerSpec.forDataset(Dataset.IMDB).network().inputs(), model.network().inputs());
  }

  @Test
  void explanationsAreOffByDefaultAndTheirTopKIsBounded() {
    assertEquals(0, JobConfig.defaults().scorer().explainTopK());
    assertEquals(5, JobConfig.parse("scorer: {explain_top_k: 5}", "t").scorer().explainTopK());
    assertEquals("t: scorer.explain_top_k: must be between 0 and 1000, got 1001", assertThrows(ConfigException.class,
        () -> JobConfig.parse("scorer: {explain_top_k: 1001}", "t")).getMessage());
  }

  @Test
  void theOpsExampleParses() {
    JobConfig c = JobConfig.load(EXAMPLE);
    assertEquals("127.0.0.1:9092", c.kafka().bootstrapServers());
    assertEquals("http://127.0.0.1:8081/apis/ccompat/v7", c.registry().url());
    assertEquals(Map.of("client.dns.lookup", "use_all_dns_ips"), c.kafka().properties());
    assertEquals(Map.of(RegistryConfig.READ_TIMEOUT_MS, "10000"), c.registry().properties());
    assertEquals(Duration.ofSeconds(10), c.registryConfig().requestTimeout());
    assertEquals("file:///tmp/streamnet/models", c.snapshots().directory());
    assertEquals("file:///tmp/streamnet/checkpoints", c.checkpointing().directory());
    assertEquals(WarmStart.Kind.LATEST, c.warmStart().kind());
    // its inline model is the streaming default spelled out
    assertEquals(JobConfig.defaults().model(), c.model());
  }

  @Test
  void overridesSetDottedKeysAndAreValidated() {
    JobConfig base = JobConfig.defaults();
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("kafka.bootstrap_servers", "broker-1:9093,broker-2:9093");
    overrides.put("trainer.max_wait_ms", "250");
    overrides.put("kafka.properties.security.protocol", "SSL");
    overrides.put("registry.url", "mock://overrides-test");
    overrides.put("snapshots.directory", "file:///tmp/models");
    overrides.put("warm_start.from", "latest_file");
    overrides.put("checkpointing.retain_on_cancel", "false");
    overrides.put("model.network.optimizer.lr", "0.1");
    JobConfig c = base.withOverrides(overrides);

    assertEquals("broker-1:9093,broker-2:9093", c.kafka().bootstrapServers());
    assertEquals(250, c.trainer().maxWaitMs());
    assertEquals(Map.of("security.protocol", "SSL"), c.kafka().properties());
    assertTrue(c.registryConfig().isMock());
    assertEquals(WarmStart.Kind.LATEST_FILE, c.warmStart().kind());
    assertFalse(c.checkpointing().retainOnCancel());
    assertEquals(0.1, c.model().network().optimizer().lr());
    assertEquals("adagrad", c.model().network().optimizer().type());
    assertEquals(base.topics(), c.topics());
    assertEquals(base.trainer().divergence(), c.trainer().divergence());
    assertEquals(base, JobConfig.defaults(), "the original is unchanged");

    // back to the default with null; model.spec replaces the spelled-out model
    JobConfig back = c.withOverrides(Map.of("trainer.max_wait_ms", "null"));
    assertEquals(0, back.trainer().maxWaitMs());
    JobConfig big = base.withOverrides(Map.of("model.spec", "classpath:io/streamnet/nn/prequential/sentiment.yaml"));
    assertEquals(1 << 22, big.model().textHashing().buckets());
    assertEquals(RunnerSpec.forDataset(Dataset.IMDB).network(), big.model().network());
  }

  @Test
  void badOverridesAreErrorsNamingTheKey() {
    JobConfig base = JobConfig.defaults();
    assertEquals("overrides: trainer.max_wait_ms: must be >= 0, got -1", assertThrows(ConfigException.class,
        () -> base.withOverrides(Map.of("trainer.max_wait_ms", "-1"))).getMessage());
    assertEquals("overrides: trainer.max_wait_ms: must be an integer, got \"soon\"", assertThrows(
        ConfigException.class, () -> base.withOverrides(Map.of("trainer.max_wait_ms", "soon"))).getMessage());
    assertEquals("overrides: kafka: unknown key 'bootstrap_server' (known: bootstrap_servers, group_id,"
            + " starting_offsets, transaction_id_prefix, properties)",
        assertThrows(ConfigException.class, () -> base.withOverrides(Map.of("kafka.bootstrap_server", "x:1")))
            .getMessage());
    assertEquals("overrides: job.name.first: job.name is a value, not a section", assertThrows(
        ConfigException.class, () -> base.withOverrides(Map.of("job.name.first", "x"))).getMessage());
    assertEquals("overrides: kafka..x: not a dotted key such as kafka.bootstrap_servers", assertThrows(
        ConfigException.class, () -> base.withOverrides(Map.of("kafka..x", "1"))).getMessage());
    assertEquals("--set: warm_start.from: latest_file needs snapshots.directory (where the model files are"
        + " written)", assertThrows(ConfigException.class,
            () -> base.withOverrides(Map.of("warm_start.from", "latest_file"), "--set")).getMessage());
    assertEquals("overrides: model.features.buckets: is 1024 but network input 'tokens' has vocab 262144; they must"
        + " be equal", assertThrows(ConfigException.class,
            () -> base.withOverrides(Map.of("model.features.buckets", "1024"))).getMessage());
  }

  @Test
  void toYamlParsesBackToAnEqualConfig() {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("job.name", "'null'");      // a string that reads as null unless quoted
    overrides.put("job.model_id", "'true'");  // a string that reads as a boolean unless quoted
    overrides.put("kafka.group_id", "'007'"); // a string that reads as a number unless quoted
    overrides.put("kafka.properties.enable.idempotence", "true");
    overrides.put("kafka.properties.linger.ms", "5");
    overrides.put("kafka.properties.sasl.jaas.config", "x required username=\"u\" password=\"p: #1\";");
    overrides.put("registry.properties.basic.auth.credentials.source", "USER_INFO");
    overrides.put("registry.properties.basic.auth.user.info", "user:secret");
    overrides.put("snapshots.directory", "s3://bucket/models");
    overrides.put("checkpointing.mode", "at_least_once");
    overrides.put("restart.strategy", "exponential_delay");
    overrides.put("warm_start.from", "file:///var/models/m-1.model");
    overrides.put("trainer.divergence.loss_factor", "2.5");
    JobConfig c = JobConfig.defaults().withOverrides(overrides);
    assertEquals("null", c.job().name());
    assertEquals("true", c.job().modelId());
    assertEquals("007", c.kafka().groupId());
    assertEquals("true", c.kafka().properties().get("enable.idempotence"));

    String yaml = c.toYaml();
    JobConfig back = JobConfig.parse(yaml, "effective.yaml");
    assertEquals(c, back, yaml);
    assertEquals(c.model().network(), back.model().network());
    assertEquals(JobConfig.defaults(), JobConfig.parse(JobConfig.defaults().toYaml(), "defaults.yaml"));
    assertTrue(yaml.contains("features:") && yaml.contains("network:") && !yaml.contains("spec:"), yaml);
  }

  @Test
  void modelSpecFromAFileRelativeToTheConfig(@TempDir Path dir) throws IOException {
    String spec = JobConfig.defaults().model().tree().toString(); // features + network as JSON
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("models/small.json"),
        spec.replace("{\"features\":", "{\"batch_size\":64,\"features\":"));
    Files.writeString(dir.resolve("job.yaml"), "model: {spec: models/small.json}\n");
    JobConfig c = JobConfig.load(dir.resolve("job.yaml"));
    assertEquals(JobConfig.defaults().model(), c.model());
    assertEquals(64, c.trainer().batchSize(), "the spec's batch_size when trainer.batch_size is absent");

    Files.writeString(dir.resolve("job2.yaml"), "model: {spec: models/small.json}\ntrainer: {batch_size: 16}\n");
    assertEquals(16, JobConfig.load(dir.resolve("job2.yaml")).trainer().batchSize());

    Files.writeString(dir.resolve("job3.yaml"), "model: {spec: models/missing.yaml}\n");
    ConfigException e = assertThrows(ConfigException.class, () -> JobConfig.load(dir.resolve("job3.yaml")));
    assertEquals(dir.resolve("job3.yaml") + ": model.spec: no such file: " + dir.resolve("models/missing.yaml"),
        e.getMessage());

    Files.writeString(dir.resolve("models/bad.yaml"), "features: {type: text_hashing, buckets: 0}\nnetwork: {}\n");
    Files.writeString(dir.resolve("job4.yaml"), "model: {spec: models/bad.yaml}\n");
    e = assertThrows(ConfigException.class, () -> JobConfig.load(dir.resolve("job4.yaml")));
    assertEquals("model.spec", e.key());
    assertTrue(e.getMessage().contains("bad.yaml: features.buckets: must be between 1 and"), e.getMessage());
  }

  @Test
  void modelSpecFromTheClassPath() {
    JobConfig c = JobConfig.parse("model: {spec: 'classpath:io/streamnet/nn/prequential/sentiment.yaml'}", "j.yaml");
    RunnerSpec nnCore = RunnerSpec.forDataset(Dataset.IMDB);
    assertEquals(nnCore.features(), c.model().features());
    assertEquals(nnCore.network(), c.model().network());
    assertEquals(nnCore.batchSize(), c.trainer().batchSize());

    ConfigException e = assertThrows(ConfigException.class, () -> JobConfig.parse(
        "model: {spec: 'classpath:io/streamnet/nn/prequential/movielens.yaml'}", "j.yaml"));
    assertEquals("j.yaml: model.spec: classpath:io/streamnet/nn/prequential/movielens.yaml is a recommender spec (a"
        + " top-level model:): it is for job.task: recommendation", e.getMessage());
  }

  @Test
  void javaSerializationKeepsTheConfig() throws Exception {
    JobConfig c = JobConfig.defaults().withOverrides(Map.of(
        "kafka.properties.security.protocol", "SSL",
        "registry.properties.max.retries", "7",
        "snapshots.directory", "file:///tmp/m"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    JobConfig back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (JobConfig) in.readObject();
    }
    assertNotSame(c, back);
    assertEquals(c, back);
    // the network spec is not serialized as an object: it is parsed again from its canonical JSON
    assertEquals(c.model().network(), back.model().network());
    assertEquals(8, back.registryConfig().retry().maxAttempts());
  }

  @Test
  void clientConfigurations() {
    JobConfig c = JobConfig.parse("""
        kafka:
          bootstrap_servers: 'k1:9092, k2:9092'
          properties: {security.protocol: SASL_SSL, sasl.mechanism: PLAIN, max.poll.records: 500}
        registry:
          url: 'https://r1:8081/apis/ccompat/v7,https://r2:8081/apis/ccompat/v7'
          properties:
            basic.auth.credentials.source: USER_INFO
            basic.auth.user.info: 'user:pa:ss'
            http.connect.timeout.ms: 2500
        """, "clients.yaml");
    Properties p = c.kafkaProperties();
    assertEquals("k1:9092, k2:9092", p.getProperty("bootstrap.servers"));
    assertEquals("SASL_SSL", p.getProperty("security.protocol"));
    assertEquals("500", p.getProperty("max.poll.records"));
    assertEquals(4, p.size());

    RegistryConfig r = c.registryConfig();
    assertEquals(2, r.urls().size());
    assertEquals(new RegistryAuth.Basic("user", "pa:ss"), assertInstanceOf(RegistryAuth.Basic.class, r.auth()));
    assertEquals(Duration.ofMillis(2500), r.connectTimeout());
    assertNull(JobConfig.defaults().registryConfig().tls().trustStorePath());
  }

  @Test
  void toStringHidesCredentials() {
    JobConfig c = JobConfig.defaults().withOverrides(Map.of(
        "kafka.properties.sasl.jaas.config", "plain required password=\"hunter2\";",
        "registry.properties.basic.auth.credentials.source", "USER_INFO",
        "registry.properties.basic.auth.user.info", "me:hunter2",
        "kafka.properties.ssl.keystore.key", "-----BEGIN PRIVATE KEY----- hunter2",
        "registry.url", "https://me:hunter2@registry:8081"));
    String s = c.toString();
    assertFalse(s.contains("hunter2"), s);
    assertTrue(s.contains("https://****@registry:8081"), s);
    assertTrue(s.contains("sasl.jaas.config=****") && s.contains("basic.auth.credentials.source=USER_INFO"), s);
    assertTrue(c.toYaml().contains("hunter2"), "the effective configuration keeps them");
  }

  @Test
  void jsonConfigurationParses() {
    JobConfig c = JobConfig.parse("{\"trainer\": {\"batch_size\": 8}, \"topics\": {\"scores\": \"out\"}}", "j.json");
    assertEquals(8, c.trainer().batchSize());
    assertEquals("out", c.topics().scores());
    assertEquals(NetworkSpec.fromJson(c.model().networkJson()), c.model().network());
    // a YAML flow mapping is not JSON
    assertEquals(c.trainer(), JobConfig.parse("{trainer: {batch_size: 8}}", "flow.yaml").trainer());
  }

  @Test
  void theRegistryOutageLimitIsReadBoundedAndReachesTheSources() {
    assertEquals(Duration.ofMinutes(1), JobConfig.defaults().registry().outageLimit());
    JobConfig c = JobConfig.parse("registry: {outage_limit_ms: 10000}", "t.yaml");
    assertEquals(Duration.ofSeconds(10), c.registry().outageLimit());
    assertEquals(Duration.ofSeconds(10), io.streamnet.jobs.job.JobFactory.kafka(c, false).registryOutageLimit());
    ConfigException e = assertThrows(ConfigException.class,
        () -> JobConfig.parse("registry: {outage_limit_ms: 600000}", "t.yaml"));
    assertTrue(e.getMessage().contains("registry.outage_limit_ms"), e.getMessage());
  }

  @Test
  void snapshotsAreSignedWhenAKeyIsConfiguredAndTheSecretIsNeverPrinted() {
    String secret = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    JobConfig c = JobConfig.parse("snapshots: {signing: {key_id: k1, key: 'base64:" + secret + "'}}", "t.yaml");
    assertEquals("k1", c.snapshots().signing().id());
    assertEquals("k1", io.streamnet.jobs.job.JobFactory.kafka(c, false).snapshotSigning().id());
    assertTrue(!c.toString().contains(secret) && c.toString().contains("base64:****"), c.toString());
    assertEquals(null, JobConfig.defaults().snapshots().signing());
    assertTrue(assertThrows(ConfigException.class, () -> JobConfig.parse("snapshots: {signing: {key_id: k1}}", "t"))
        .getMessage().contains("set both key_id and key"));
    ConfigException unset = assertThrows(ConfigException.class, () -> JobConfig.parse(
        "snapshots: {signing: {key_id: k1, key: 'env:STREAMNET_TEST_SURELY_UNSET_KEY'}}", "t"));
    assertTrue(unset.getMessage().contains("snapshots.signing.key")
        && unset.getMessage().contains("STREAMNET_TEST_SURELY_UNSET_KEY is not set"), unset.getMessage());
  }

  @Test
  void kafkaPasswordSettingsMayBeReferencesReadWhereTheClientsAreMadeAndNeverPrinted(@TempDir Path dir)
      throws IOException {
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"pw-9x\";";
    Path file = Files.writeString(dir.resolve("jaas"), jaas + "\n");
    JobConfig c = JobConfig.defaults().withOverrides(Map.of("kafka.properties.sasl.jaas.config", "file:" + file,
        "kafka.properties.security.protocol", "SASL_SSL"));

    assertEquals(jaas, c.kafkaProperties().getProperty("sasl.jaas.config"), "resolved for the clients");
    assertEquals("SASL_SSL", c.kafkaProperties().getProperty("security.protocol"));
    assertTrue(c.toYaml().contains("file:" + file) && !c.toYaml().contains("pw-9x"), c.toYaml());
    assertFalse(c.toString().contains("pw-9x"), c.toString());
    assertEquals(c, JobConfig.parse(c.toYaml(), "again"), "the YAML keeps the reference");

    ConfigException missing = assertThrows(ConfigException.class, () -> JobConfig.defaults().withOverrides(
        Map.of("kafka.properties.ssl.truststore.password", "env:STREAMNET_TEST_SURELY_UNSET_PASS")));
    assertTrue(missing.getMessage().contains("kafka.properties.ssl.truststore.password: environment variable"
        + " STREAMNET_TEST_SURELY_UNSET_PASS is not set"), missing.getMessage());
  }

  @Test
  void aStartingTimeIsAnInstantThatSurvivesTheYamlRoundTrip() {
    JobConfig c = JobConfig.parse("kafka: {starting_offsets: '2026-12-06T10:00:00.250Z'}", "job.yaml");
    assertEquals(Kafka.StartingOffsets.TIMESTAMP, c.kafka().startingOffsets());
    assertEquals(java.time.Instant.parse("2026-12-06T10:00:00.250Z"), c.kafka().startingTimestamp());
    assertEquals(c.kafka(), JobConfig.parse(c.toYaml(), "again").kafka());
    assertEquals(Kafka.StartingOffsets.LATEST, JobConfig.parse("kafka: {starting_offsets: latest}", "job.yaml")
        .kafka().startingOffsets());
  }
}

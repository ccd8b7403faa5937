package io.streamnet.jobs.cli;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.cli.UsageException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The demo's job configuration: the defaults (or {@code --config}), then the demo's own settings, then the user's
 * {@code --set} overrides, then the in-process broker and registry, which the demo owns.
 */
final class DemoConfig {
  /** The in-memory registry shared by the replayer, the job and the demo's readers (one JVM). */
  static final String REGISTRY_URL = "mock://streamnet-demo";
  /** Stands in for the broker's address until it has started: the configuration is checked before anything runs. */
  private static final String BROKER_PLACEHOLDER = "127.0.0.1:9092";
  /** Keys the demo sets itself: the user cannot point it elsewhere (that is what {@code streamnet run} is for). */
  static final Set<String> OWNED_KEYS = Set.of("kafka.bootstrap_servers", "registry.url", "checkpointing.directory");

  private DemoConfig() {}

  /**
   * The demo's settings over any configuration: the last partial batch is trained after 200 ms (otherwise the
   * stream's tail never is), the learning curve gets a point every 250 ms with a windowed accuracy over the last
   * 500 events, and checkpoints (which commit the metrics and snapshots; answers go out at once) come every 5 s, with
   * at least 1 s between them: each one encodes the whole model on the trainer's thread and compresses the trainer's
   * and the scorer's state, CPU that a two-core machine takes from the scorer (docs/BENCHMARKS.md, "The demo's
   * scoring latency"). The sources read the demo's topics from their beginning.
   */
  static Map<String, String> demoSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("trainer.max_wait_ms", "200");
    m.put("metrics.interval_ms", "250");
    m.put("trainer.prequential.auc_window", "500");
    m.put("checkpointing.interval_ms", "5000");
    m.put("checkpointing.min_pause_ms", "1000");
    m.put("kafka.starting_offsets", "earliest");
    m.put("kafka.group_id", "streamnet-demo");
    m.put("kafka.transaction_id_prefix", "streamnet-demo");
    return m;
  }

  /**
   * Resolves the configuration before the broker runs (its address is a placeholder until {@link #withBroker}).
   *
   * @throws UsageException when {@code overrides} set a key the demo owns
   * @throws io.streamnet.jobs.config.ConfigException when the file or an override is invalid (names the key)
   */
  static JobConfig resolve(Path file, Map<String, String> overrides, Path checkpoints) throws UsageException {
    for (String key : overrides.keySet()) {
      if (OWNED_KEYS.contains(key)) {
        throw new UsageException("--set " + key + ": the demo sets it itself (its own broker, registry and"
            + " checkpoint directory); run the job against your own Kafka with 'streamnet run'");
      }
    }
    JobConfig base = file != null ? JobConfig.load(file) : JobConfig.defaults();
    Map<String, String> owned = new LinkedHashMap<>();
    owned.put("kafka.bootstrap_servers", BROKER_PLACEHOLDER);
    owned.put("registry.url", REGISTRY_URL);
    owned.put("checkpointing.directory", checkpoints.toUri().toString());
    return base.withOverrides(demoSettings(), "demo settings")
        .withOverrides(overrides, "--set")
        .withOverrides(owned, "demo settings");
  }

  /** {@code config} pointed at the running broker. */
  static JobConfig withBroker(JobConfig config, String bootstrapServers) {
    return config.withOverrides(Map.of("kafka.bootstrap_servers", bootstrapServers), "demo settings");
  }
}

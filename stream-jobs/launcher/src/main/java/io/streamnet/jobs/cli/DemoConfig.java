package io.streamnet.jobs.cli;

import io.streamnet.jobs.config.JobConfig;
import io.streamnet.nn.cli.UsageException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The demo's job configuration: the defaults of the dataset's task (or {@code --config}, which must be of that task),
 * then the demo's own settings, then the user's {@code --set} overrides, then the in-process broker and registry,
 * which the demo owns.
 */
final class DemoConfig {
  /** The in-memory registry shared by the replayer, the job and the demo's readers (one JVM). */
  static final String REGISTRY_URL = "mock://streamnet-demo";
  /** Stands in for the broker's address until it has started: the configuration is checked before anything runs. */
  private static final String BROKER_PLACEHOLDER = "127.0.0.1:9092";
  /** Keys the demo sets itself: the user cannot point it elsewhere (that is what {@code streamnet run} is for). */
  static final Set<String> OWNED_KEYS = Set.of("kafka.bootstrap_servers", "registry.url", "checkpointing.directory");
  /** The task follows from {@code --dataset}. */
  static final String TASK_KEY = "job.task";

  private DemoConfig() {}

  /**
   * The demo's settings over any configuration: the last partial batch is trained after 200 ms (otherwise the
   * stream's tail never is), the learning curve gets a point every 250 ms with a windowed accuracy over the last
   * 500 events, and checkpoints (which commit the metrics and snapshots; answers go out at once) come every 5 s, with
   * at least 1 s between them: each one encodes the whole model on the trainer's thread and compresses the trainer's
   * and the scorer's state, CPU that a two-core machine takes from the scorer (docs/BENCHMARKS.md, "The demo's
   * scoring latency"). The sources read the demo's topics from their beginning. One scorer instance: the MiniCluster
   * has one slot, and the summary's latency split reads one scorer's answers in order on one partition.
   */
  static Map<String, String> demoSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("scorer.parallelism", "1");
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
   * @param task the task of the datasets replayed ({@code sentiment}, {@code recommendation})
   * @throws UsageException when {@code overrides} set a key the demo owns, or the file is of another task
   * @throws io.streamnet.jobs.config.ConfigException when the file or an override is invalid (names the key)
   */
  static JobConfig resolve(Path file, Map<String, String> overrides, Path checkpoints, String task)
      throws UsageException {
    for (String key : overrides.keySet()) {
      if (OWNED_KEYS.contains(key)) {
        throw new UsageException("--set " + key + ": the demo sets it itself (its own broker, registry and"
            + " checkpoint directory); run the job against your own Kafka with 'streamnet run'");
      }
      if (key.equals(TASK_KEY)) {
        throw new UsageException("--set " + TASK_KEY + ": the dataset chooses the task (--dataset movielens:"
            + " recommendation, the others: sentiment)");
      }
    }
    JobConfig base = file != null ? JobConfig.load(file) : defaultsOf(task);
    if (!base.job().task().equals(task)) {
      throw new UsageException("--config " + file + " is a " + base.job().task() + " job, and the dataset needs the "
          + task + " task");
    }
    Map<String, String> owned = new LinkedHashMap<>();
    owned.put("kafka.bootstrap_servers", BROKER_PLACEHOLDER);
    owned.put("registry.url", REGISTRY_URL);
    owned.put("checkpointing.directory", checkpoints.toUri().toString());
    JobConfig resolved = base.withOverrides(demoSettings(), "demo settings")
        .withOverrides(overrides, "--set")
        .withOverrides(owned, "demo settings");
    if (resolved.scorer().parallelism() != 1) {
      throw new UsageException("--set scorer.parallelism: the demo runs one scorer (its MiniCluster has one slot),"
          + " got " + resolved.scorer().parallelism() + "; run more with 'streamnet run'");
    }
    return resolved;
  }

  /** The built-in defaults of {@code task}: the model, topics, scorer and feedback loop follow the task. */
  static JobConfig defaultsOf(String task) {
    return task.equals(JobConfig.defaults().job().task()) ? JobConfig.defaults()
        : JobConfig.parse("job: {task: " + task + "}", "the " + task + " defaults");
  }

  /** {@code config} pointed at the running broker. */
  static JobConfig withBroker(JobConfig config, String bootstrapServers) {
    return config.withOverrides(Map.of("kafka.bootstrap_servers", bootstrapServers), "demo settings");
  }
}

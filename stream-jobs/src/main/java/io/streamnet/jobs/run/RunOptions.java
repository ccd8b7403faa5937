package io.streamnet.jobs.run;

import io.streamnet.jobs.config.Job;
import io.streamnet.nn.cli.OptionValues;
import io.streamnet.nn.cli.UsageException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@code streamnet run}.
 *
 * @param config      the job configuration (YAML)
 * @param overrides   {@code key=value} settings applied over it, in order
 * @param restoreFrom a retained checkpoint or a savepoint to resume from, or null to start from the configuration
 * @param createTopics create the job's missing topics (and set StreamNet's configs on existing ones)
 */
public record RunOptions(Path config, Map<String, String> overrides, String restoreFrom, boolean resume,
                         boolean createTopics) {


  public static final String USAGE = String.join("\n",
      "usage: streamnet run --config job.yaml [--set KEY=VALUE ...] [--from-checkpoint PATH | --resume]",
      "                     [--create-topics]",
      "       streamnet run --print-config [sentiment|recommendation] > job.yaml",
      "Runs the online learner against the Kafka brokers and the schema registry of the configuration, on a",
      "Flink MiniCluster in this process, until Ctrl-C cancels it (the last checkpoint is retained).",
      "  --config           job configuration (YAML): network, features, topics, Kafka, registry, checkpoints",
      "  --set KEY=VALUE    override one configuration key (repeatable), e.g. --set kafka.bootstrap_servers=h:9092",
      "  --from-checkpoint  resume from a retained checkpoint or savepoint (a directory or its _metadata file)",
      "  --resume           resume from the newest complete checkpoint under checkpointing.directory, of any",
      "                     earlier run (after Ctrl-C, kill -9 or a crash); none there: start as without it",
      "  --create-topics    create the job's missing topics (one partition each: the job reads with parallelism 1;",
      "                     replication factor up to 3) and set the configs StreamNet needs on existing ones;",
      "                     without it, a missing topic is an error",
      "  --print-config     print the default configuration of a task (default sentiment), every key with what it",
      "                     means, and exit",
      "On a Flink cluster the job jar takes the same options: flink run stream-jobs/target/streamnet-job.jar --config ...");

  public RunOptions {
    Objects.requireNonNull(config, "config");
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides)); // in order: later keys win
  }

  /** Parses the arguments after {@code run}. */
  public static Parsed parse(String[] args) throws UsageException {
    Path config = null;
    String restoreFrom = null;
    boolean resume = false;
    boolean createTopics = false;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h", "--help" -> {
          return new Parsed(null, true, null);
        }
        case "--config" -> config = ConfigFiles.existingFile(args, ++i, a);
        case "--set" -> ConfigFiles.addOverride(overrides, args, ++i, a);
        case "--from-checkpoint" -> restoreFrom = OptionValues.value(args, ++i, a);
        case "--resume" -> resume = true;
        case "--create-topics" -> createTopics = true;
        case "--print-config" -> {
          String task = i + 1 < args.length && !args[i + 1].startsWith("-") ? args[++i] : Job.SENTIMENT;
          if (!task.equals(Job.SENTIMENT) && !task.equals(Job.RECOMMENDATION)) {
            throw new UsageException("--print-config takes " + Job.SENTIMENT + " or " + Job.RECOMMENDATION
                + ", got '" + task + "'");
          }
          return new Parsed(null, false, task);
        }
        default -> throw new UsageException("unknown option '" + a + "'");
      }
    }
    if (config == null) {
      throw new UsageException("--config FILE is required: the job configuration (YAML)");
    }
    if (resume && restoreFrom != null) {
      throw new UsageException("--resume and --from-checkpoint both say where to resume from: give one");
    }
    return new Parsed(new RunOptions(config, overrides, restoreFrom, resume, createTopics), false, null);
  }

  /**
   * Parse outcome: options to run, or a request for help or for the default configuration.
   *
   * @param printConfig the task whose default configuration to print, or null
   */
  public record Parsed(RunOptions options, boolean help, String printConfig) {}
}

package io.streamnet.jobs.sentiment;

import io.streamnet.jobs.config.Checkpointing;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Restart;
import io.streamnet.jobs.config.Trainer;
import io.streamnet.jobs.score.ScorerFunction;
import io.streamnet.jobs.train.DivergenceGuard;
import io.streamnet.jobs.train.TrainerSettings;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;

/** Turns a {@link JobConfig} into the sentiment job's plan, its Kafka sources and sinks, and Flink's settings. */
public final class SentimentJobFactory {
  /** Records wait at most this long in a network buffer: scoring latency is measured in milliseconds. */
  static final Duration BUFFER_TIMEOUT = Duration.ofMillis(2);

  private SentimentJobFactory() {}

  public static SentimentJob.Plan plan(JobConfig c) {
    Trainer t = c.trainer();
    Trainer.Divergence d = t.divergence();
    TrainerSettings trainer = new TrainerSettings(c.job().modelId(), c.model().networkJson(), c.model().inputName(),
        t.batchSize(), t.maxWaitMs(),
        new DivergenceGuard.Settings(d.lossFactor(), d.minCeiling(), d.warmupBatches(), d.averageDecay(),
            d.rollbackAfter()),
        t.prequential().aucWindow(), c.snapshots().everySteps(), c.snapshots().everyMs(),
        c.snapshots().minIntervalMs(), c.snapshots().fullEvery(),
        c.snapshots().directory(), c.snapshots().retain(), c.metrics().intervalMs(),
        WarmStartModel.of(c), TopicVersionLookup.of(c));
    ScorerFunction.Settings scorer = new ScorerFunction.Settings(c.job().modelId(), c.model().textHashing(),
        c.model().inputName(), c.scorer().bufferLimit(), c.metrics().intervalMs(), c.topics().requests());
    return new SentimentJob.Plan(trainer, scorer, c.model().textHashing());
  }

  /** The Kafka side; {@code bounded} stops the sources at the end offsets found at start (tests, benchmarks). */
  public static KafkaPipelineIo.Settings kafka(JobConfig c, boolean bounded) {
    var k = c.kafka();
    var t = c.topics();
    return new KafkaPipelineIo.Settings(k.clientProperties(), c.registry().registryConfig(),
        new KafkaPipelineIo.Topics(t.labeled(), t.requests(), t.scores(), t.snapshots(), t.deadLetters(), t.metrics()),
        k.groupId(), KafkaPipelineIo.StartingOffsets.valueOf(k.startingOffsets().name()), bounded,
        c.checkpointing().mode() == Checkpointing.Mode.EXACTLY_ONCE
            ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE,
        k.transactionIdPrefix());
  }

  /** Checkpointing, state backend, restarts and latency settings for the job's Flink environment. */
  public static Configuration flinkConfiguration(JobConfig c) {
    Configuration f = new Configuration();
    Checkpointing cp = c.checkpointing();
    f.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(cp.intervalMs()));
    f.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, cp.mode() == Checkpointing.Mode.EXACTLY_ONCE
        ? CheckpointingMode.EXACTLY_ONCE : CheckpointingMode.AT_LEAST_ONCE);
    f.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, Duration.ofMillis(cp.timeoutMs()));
    f.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(cp.minPauseMs()));
    f.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, cp.tolerableFailures());
    if (cp.alignedTimeoutMs() >= 0 && cp.mode() == Checkpointing.Mode.EXACTLY_ONCE) {
      f.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
      f.set(CheckpointingOptions.ALIGNED_CHECKPOINT_TIMEOUT, Duration.ofMillis(cp.alignedTimeoutMs()));
    }
    f.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, cp.retainOnCancel()
        ? ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION
        : ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
    if (cp.directory() != null) {
      f.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      f.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cp.directory());
    } else {
      f.set(CheckpointingOptions.CHECKPOINT_STORAGE, "jobmanager");
    }
    f.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    // Not for the bytes saved: Flink 2.2's uncompressed restore stream (CompressibleFSDataInputStream) reads operator
    // state one byte per system call, which made restoring a 32 MB trainer state take minutes. The Snappy stream
    // restores it in well under a second.
    f.set(ExecutionOptions.SNAPSHOT_COMPRESSION, true);
    Restart r = c.restart();
    switch (r.strategy()) {
      case NONE -> f.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
      case FIXED_DELAY -> {
        f.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        f.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, r.attempts());
        f.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(r.delayMs()));
      }
      case EXPONENTIAL_DELAY -> {
        f.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        f.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, Duration.ofMillis(r.delayMs()));
        f.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS, r.attempts());
      }
    }
    f.set(CoreOptions.DEFAULT_PARALLELISM, c.job().parallelism());
    f.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
    f.setString("pipeline.name", c.job().name());
    return f;
  }
}

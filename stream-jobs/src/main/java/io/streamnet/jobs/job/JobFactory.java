package io.streamnet.jobs.job;

import io.streamnet.connect.validate.InteractionValidator;
import io.streamnet.connect.validate.RecoRequestValidator;
import io.streamnet.connect.validate.ReviewEventValidator;
import io.streamnet.jobs.config.Checkpointing;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Restart;
import io.streamnet.jobs.config.Scorer;
import io.streamnet.jobs.config.Trainer;
import io.streamnet.jobs.feedback.Impression;
import io.streamnet.jobs.flink.RecoExampleSerializer;
import io.streamnet.jobs.flink.UserHistorySerializer;
import io.streamnet.jobs.score.ScorerFunction;
import io.streamnet.jobs.task.reco.RecoExample;
import io.streamnet.jobs.task.reco.RecommendationTask;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.jobs.task.sentiment.TextFeatures;
import io.streamnet.jobs.train.TrainerSettings;
import io.streamnet.jobs.train.TrainingExampleSerializer;
import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.DriftMonitor;
import io.streamnet.nn.online.StreamExample;
import io.streamnet.nn.online.TextExample;
import io.streamnet.nn.reco.UserHistory;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Turns a {@link JobConfig} into the job's plan, its Kafka sources and sinks, and Flink's settings. */
public final class JobFactory {
  /** Records wait at most this long in a network buffer: scoring latency is measured in milliseconds. */
  static final Duration BUFFER_TIMEOUT = Duration.ofMillis(2);

  private JobFactory() {}

  /** The configured task ({@code job.task}) with its Flink bindings. */
  public static FlinkTask<?, ?, ?, ?, ?> task(JobConfig c) {
    return c.model().recommendation() ? recommendation(c) : sentiment(c);
  }

  /** The recommendation task of the configuration, with its Flink bindings. */
  public static FlinkTask<Interaction, RecoExample, RecoRequest, UserHistory, Recommendation> recommendation(
      JobConfig c) {
    return new FlinkTask<>(RecommendationTask.of(c.model().recommender()), RecoExampleSerializer.TYPE,
        new InteractionValidator(), new RecoRequestValidator(), Recommendation::getRequestId,
        UserHistorySerializer.TYPE, new FeedbackHooks<>(i -> i.getEventTime().toEpochMilli(),
            r -> r.getEventTime().toEpochMilli(), JobFactory::impression, i -> Long.toString(i.getUserId())));
  }

  /** The items a recommendation served its request, at the request's event time. */
  static Impression impression(RecoRequest request, Recommendation answer) {
    long[] items = new long[answer.getItems().size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = answer.getItems().get(i).getItemId();
    }
    return new Impression(request.getRequestId(), request.getUserId(), items, request.getEventTime().toEpochMilli());
  }

  /** The sentiment task of the configuration, with its Flink bindings. */
  public static FlinkTask<ReviewEvent, TextExample, ReviewEvent, Void, SentimentScore> sentiment(JobConfig c) {
    SentimentTask task = new SentimentTask(new TextFeatures(c.model().textHashing(), c.model().inputName()),
        c.model().networkJson(), c.trainer().prequential().aucWindow(), c.scorer().explainTopK());
    return new FlinkTask<>(task, TrainingExampleSerializer.TYPE, new LabeledReviewValidator(),
        new ReviewEventValidator(), SentimentScore::getId, null, null);
  }

  public static OnlineLearningJob.Plan<?, ?, ?, ?, ?> plan(JobConfig c) {
    return plan(c, task(c));
  }

  /** The plan of the configuration for {@code task}. */
  public static <L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase, C,
      O extends SpecificRecordBase> OnlineLearningJob.Plan<L, E, R, C, O> plan(JobConfig c,
                                                                             FlinkTask<L, E, R, C, O> task) {
    Trainer t = c.trainer();
    Trainer.Divergence d = t.divergence();
    TrainerSettings trainer = new TrainerSettings(c.job().modelId(), task.task(), t.batchSize(), t.maxWaitMs(),
        new DivergenceGuard.Settings(d.lossFactor(), d.minCeiling(), d.warmupBatches(), d.averageDecay(),
            d.rollbackAfter(), d.lossDeviations()),
        new DriftMonitor.Settings(t.drift().delta(), t.drift().warmupExamples()),
        c.snapshots().everySteps(), c.snapshots().everyMs(),
        c.snapshots().minIntervalMs(), c.snapshots().fullEvery(),
        c.snapshots().directory(), c.snapshots().retain(), c.metrics().intervalMs(),
        WarmStartModel.of(c), TopicVersionLookup.of(c));
    ScorerFunction.Settings scorer = new ScorerFunction.Settings(c.job().modelId(), c.scorer().bufferLimit(),
        c.metrics().intervalMs(), c.topics().requests(), c.scorer().parallelism());
    return new OnlineLearningJob.Plan<>(task, trainer, scorer, c.feedback());
  }

  /** Adds the configured job, with its Kafka sources and sinks, to {@code env}. */
  public static void buildOnKafka(StreamExecutionEnvironment env, JobConfig c, boolean bounded) {
    buildOnKafka(env, plan(c), kafka(c, bounded));
  }

  private static <L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase, C,
      O extends SpecificRecordBase> void buildOnKafka(StreamExecutionEnvironment env,
                                                      OnlineLearningJob.Plan<L, E, R, C, O> plan,
                                                      KafkaPipelineIo.Settings kafka) {
    OnlineLearningJob.build(env, plan, KafkaPipelineIo.create(kafka, plan.task()));
  }

  /** The Kafka side; {@code bounded} stops the sources at the end offsets found at start (tests, benchmarks). */
  public static KafkaPipelineIo.Settings kafka(JobConfig c, boolean bounded) {
    var k = c.kafka();
    var t = c.topics();
    return new KafkaPipelineIo.Settings(k.clientProperties(), c.registry().registryConfig(),
        new KafkaPipelineIo.Topics(t.labeled(), t.requests(), t.scores(), t.snapshots(), t.deadLetters(), t.metrics(),
            c.feedback().enabled() ? c.feedback().topic() : null),
        k.groupId(), new KafkaPipelineIo.StartingOffsets(
            KafkaPipelineIo.StartingOffsets.Mode.valueOf(k.startingOffsets().name()),
            k.startingTimestamp() == null ? -1 : k.startingTimestamp().toEpochMilli()),
        bounded,
        c.checkpointing().mode() == Checkpointing.Mode.EXACTLY_ONCE
            ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE,
        c.scorer().delivery() == Scorer.Delivery.EXACTLY_ONCE
            ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE,
        k.transactionIdPrefix(), c.registry().outageLimit(), c.snapshots().signing());
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
    f.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, cp.retained());
    f.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, cp.retainOnCancel()
        ? ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION
        : ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
    // Without a directory of its own the job takes the cluster's checkpoint storage (a MiniCluster's is the job
    // manager's memory).
    if (cp.directory() != null) {
      f.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      f.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, cp.directory());
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

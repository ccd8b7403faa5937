package io.streamnet.jobs.job;

import io.streamnet.jobs.config.Feedback;
import io.streamnet.jobs.feedback.EventTimeWatermarks;
import io.streamnet.jobs.feedback.FeedbackLoop;
import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.score.KeyedScorerFunction;
import io.streamnet.jobs.score.ScorerFunction;
import io.streamnet.jobs.task.KeyedTask;
import io.streamnet.jobs.task.Task;
import io.streamnet.jobs.train.TrainerOperator;
import io.streamnet.jobs.train.TrainerSettings;
import io.streamnet.nn.online.StreamExample;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.TrainingMetrics;
import java.time.Duration;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The online-learning job, for any task (docs/ARCHITECTURE.md):
 * <pre>
 * labeled events ─decode+validate─► featurize ─► Trainer (prequential score, then train) ─► ModelSnapshot ─► snapshots sink
 *                      │ bad                                  │ metrics   │ ModelPart (broadcast)
 *                      ▼                                      ▼           ▼
 *                 dead letters                             metrics sink   requests ─decode─► Scorer ─► answers sink
 * </pre>
 * Every operator has a stable uid, so checkpoints and savepoints restore across releases. The trainer runs with
 * parallelism 1: one replica of the shared-model design.
 */
public final class OnlineLearningJob {

  /** What the job computes, resolved from its configuration. */
  public record Plan<L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase, C,
      O extends SpecificRecordBase>(FlinkTask<L, E, R, C, O> task, TrainerSettings trainer,
                                    ScorerFunction.Settings scorer, Feedback feedback) {
    public Plan {
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(scorer, "scorer");
      Objects.requireNonNull(feedback, "feedback");
      if (feedback.enabled() && task.feedback() == null) {
        throw new IllegalArgumentException("the " + task.task().name() + " task has no feedback loop");
      }
      if (trainer.task() != task.task()) {
        throw new IllegalArgumentException("the trainer's task and the job's task must be the same object");
      }
    }
  }

  private OnlineLearningJob() {}

  /** Adds the job to {@code env}. */
  @SuppressWarnings("unchecked")
  public static <L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase, C,
      O extends SpecificRecordBase> void build(StreamExecutionEnvironment env, Plan<L, E, R, C, O> plan,
                                               PipelineIo<L, R, O> io) {
    // Chained operators hand records on without a deep copy (two Avro copies per event, a fifth of the source
    // thread): every operator here emits a new object per record and none changes a record after emitting it.
    env.getConfig().enableObjectReuse();
    Task<L, E, R, C, O> task = plan.task().task();
    TypeInformation<L> labeledType = new AvroTypeInfo<>(task.labeledType());
    TypeInformation<R> requestType = new AvroTypeInfo<>(task.requestType());

    FeedbackHooks<L, R, O> hooks = plan.feedback().enabled() ? plan.task().feedback() : null;
    SingleOutputStreamOperator<L> labeled = env
        .fromSource(io.labeled(), watermarks(hooks == null ? null : hooks.labeledTime(), plan.feedback()),
            "labeled events").uid("labeled-source")
        .setParallelism(1)
        .process(new DeadLetterSplit<L>(), labeledType).name("decode labeled").uid("labeled-decode")
        .setParallelism(1);
    // With a feedback loop the ignored impressions come back from their topic: learned from, and part of each user's
    // history, as the other interactions are.
    SingleOutputStreamOperator<L> fedBack = hooks == null ? null : env
        .fromSource(io.feedback(), watermarks(hooks.labeledTime(), plan.feedback()), "feedback events")
        .uid("feedback-source").setParallelism(1)
        .process(new DeadLetterSplit<L>(), labeledType).name("decode feedback").uid("feedback-decode")
        .setParallelism(1);
    DataStream<L> learned = fedBack == null ? labeled : labeled.union(fedBack);

    SingleOutputStreamOperator<E> examples = learned
        .process(new FeaturizeFunction<>(task), plan.task().examples())
        .name("featurize").uid("featurize").setParallelism(1);

    SingleOutputStreamOperator<ModelSnapshot> snapshots = examples
        .transform("trainer", new AvroTypeInfo<>(ModelSnapshot.class), new TrainerOperator<E>(plan.trainer()))
        .uid("trainer").setParallelism(1).setMaxParallelism(1)
        .disableChaining() // its own thread: featurizing and publishing overlap with training
        // It emits in bursts (a version's parts, a snapshot, metrics): flushed at once, and no flusher thread waking
        // every 2 ms for nothing.
        .setBufferTimeout(0);
    snapshots.sinkTo(io.snapshots()).name("model snapshots").uid("snapshots-sink").setParallelism(1);

    BroadcastStream<ModelPart> models = snapshots.getSideOutput(TrainerOperator.MODEL_PARTS)
        .broadcast(ScorerFunction.MODEL_STATE);
    // Requests leave the source task at once (buffer timeout 0: a flush per record, no flusher thread) instead of
    // waiting up to the job's 2 ms buffer timeout (docs/BENCHMARKS.md).
    SingleOutputStreamOperator<R> requests = env
        .fromSource(io.requests(), watermarks(hooks == null ? null : hooks.requestTime(), plan.feedback()),
            "scoring requests").uid("requests-source")
        .setParallelism(1)
        .process(new DeadLetterSplit<R>(), requestType).name("decode requests").uid("requests-decode")
        .setParallelism(1)
        .setBufferTimeout(0);
    SingleOutputStreamOperator<O> answers = plan.task().keyed()
        ? keyedScorer(plan, learned, requests, models, hooks)
        // Without context, any instance answers any request: with several, requests go round-robin to them.
        : requests.connect(models)
            .process(new ScorerFunction<>(plan.scorer(), (Task<?, ?, R, Void, O>) task),
                new AvroTypeInfo<>(task.answerType()))
            .name("scorer").uid("scorer").setParallelism(plan.scorer().parallelism());
    // Its own task: the exactly-once sink starts a transaction (a blocking InitProducerId) at every checkpoint and
    // commits (blocking) when one completes, which, chained, stopped the scoring thread for 20-215 ms each time.
    answers.sinkTo(io.answers()).name("answers").uid("scores-sink").setParallelism(answers.getParallelism())
        .disableChaining();

    DataStream<TrainingMetrics> metrics = snapshots.getSideOutput(TrainerOperator.METRICS)
        .union(answers.getSideOutput(ScorerFunction.METRICS));
    metrics.sinkTo(io.metrics()).name("metrics").uid("metrics-sink").setParallelism(1);

    DataStream<DeadLetter> deadLetters = labeled.getSideOutput(DeadLetterSplit.DEAD_LETTERS)
        .union(requests.getSideOutput(DeadLetterSplit.DEAD_LETTERS), answers.getSideOutput(ScorerFunction.DEAD_LETTERS));
    if (fedBack != null) {
      deadLetters = deadLetters.union(fedBack.getSideOutput(DeadLetterSplit.DEAD_LETTERS));
      FeedbackLoop.negatives(answers.getSideOutput(KeyedScorerFunction.IMPRESSIONS),
              (DataStream<Interaction>) (DataStream<?>) labeled, plan.feedback(), answers.getParallelism())
          .sinkTo((Sink<Interaction>) (Sink<?>) io.feedbackSink()).name("feedback sink").uid("feedback-sink")
          .setParallelism(answers.getParallelism());
    }
    deadLetters.sinkTo(io.deadLetters()).name("dead letters").uid("dead-letters-sink").setParallelism(1);
  }

  /**
   * Without a feedback loop the sources have no watermarks (nothing in the job uses event time); with one, watermarks
   * follow the records' own event times.
   */
  private static <T> WatermarkStrategy<Either<DeadLetter, T>> watermarks(SerializableFunction<T, Long> eventTime,
                                                                         Feedback feedback) {
    return eventTime == null ? WatermarkStrategy.noWatermarks() : EventTimeWatermarks.of(eventTime,
        Duration.ofMillis(feedback.outOfOrdernessMs()), Duration.ofMillis(feedback.idleMs()));
  }

  /**
   * The scorer of a {@link KeyedTask}: labeled events (which update their key's context) and requests, keyed alike,
   * at the scorer's parallelism, every instance with the whole model.
   */
  @SuppressWarnings("unchecked")
  private static <L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase, C,
      O extends SpecificRecordBase> SingleOutputStreamOperator<O> keyedScorer(
          Plan<L, E, R, C, O> plan, DataStream<L> labeled, DataStream<R> requests, BroadcastStream<ModelPart> models,
          FeedbackHooks<L, R, O> hooks) {
    KeyedTask<L, E, R, C, O> task = (KeyedTask<L, E, R, C, O>) plan.task().task();
    TypeInformation<Either<L, R>> inputs = new EitherTypeInfo<>(new AvroTypeInfo<>(task.labeledType()),
        new AvroTypeInfo<>(task.requestType()));
    int parallelism = plan.scorer().parallelism();
    DataStream<Either<L, R>> updates = labeled.map(Either::<L, R>Left, inputs).name("context updates")
        .uid("scorer-updates").setParallelism(1);
    // Chained to the requests' source task, this is the operator whose output edge leaves it: buffer timeout 0 here,
    // as on the unkeyed scorer's request edge, or each request waits up to the job's 2 ms in the source's buffer.
    DataStream<Either<L, R>> asks = requests.map(Either::<L, R>Right, inputs).name("requests to score")
        .uid("scorer-requests").setParallelism(1).setBufferTimeout(0);
    KeySelector<Either<L, R>, Long> key = new ScorerKey<>(task);
    return updates.union(asks).keyBy(key, Types.LONG).connect(models)
        .process(new KeyedScorerFunction<>(plan.scorer(), task, plan.task().contexts(),
                hooks == null ? null : hooks.impression()),
            new AvroTypeInfo<>(task.answerType()))
        .name("scorer").uid("scorer").setParallelism(parallelism);
  }
}

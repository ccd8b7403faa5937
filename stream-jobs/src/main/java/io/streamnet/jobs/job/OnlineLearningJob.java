package io.streamnet.jobs.job;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.score.KeyedScorerFunction;
import io.streamnet.jobs.score.ScorerFunction;
import io.streamnet.jobs.task.KeyedTask;
import io.streamnet.jobs.task.Task;
import io.streamnet.jobs.train.TrainerOperator;
import io.streamnet.jobs.train.TrainerSettings;
import io.streamnet.nn.online.StreamExample;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.TrainingMetrics;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Either;

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
                                    ScorerFunction.Settings scorer) {
    public Plan {
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(scorer, "scorer");
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

    SingleOutputStreamOperator<L> labeled = env
        .fromSource(io.labeled(), WatermarkStrategy.noWatermarks(), "labeled events").uid("labeled-source")
        .setParallelism(1)
        .process(new DeadLetterSplit<L>(), labeledType).name("decode labeled").uid("labeled-decode")
        .setParallelism(1);

    SingleOutputStreamOperator<E> examples = labeled
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
        .fromSource(io.requests(), WatermarkStrategy.noWatermarks(), "scoring requests").uid("requests-source")
        .setParallelism(1)
        .process(new DeadLetterSplit<R>(), requestType).name("decode requests").uid("requests-decode")
        .setParallelism(1)
        .setBufferTimeout(0);
    SingleOutputStreamOperator<O> answers = plan.task().keyed()
        ? keyedScorer(plan, labeled, requests, models)
        : requests.connect(models)
            .process(new ScorerFunction<>(plan.scorer(), (Task<?, ?, R, Void, O>) task),
                new AvroTypeInfo<>(task.answerType()))
            .name("scorer").uid("scorer").setParallelism(1);
    // Its own task: the exactly-once sink starts a transaction (a blocking InitProducerId) at every checkpoint and
    // commits (blocking) when one completes, which, chained, stopped the scoring thread for 20-215 ms each time.
    answers.sinkTo(io.answers()).name("answers").uid("scores-sink").setParallelism(answers.getParallelism())
        .disableChaining();

    DataStream<TrainingMetrics> metrics = snapshots.getSideOutput(TrainerOperator.METRICS)
        .union(answers.getSideOutput(ScorerFunction.METRICS));
    metrics.sinkTo(io.metrics()).name("metrics").uid("metrics-sink").setParallelism(1);

    DataStream<DeadLetter> deadLetters = labeled.getSideOutput(DeadLetterSplit.DEAD_LETTERS)
        .union(requests.getSideOutput(DeadLetterSplit.DEAD_LETTERS), answers.getSideOutput(ScorerFunction.DEAD_LETTERS));
    deadLetters.sinkTo(io.deadLetters()).name("dead letters").uid("dead-letters-sink").setParallelism(1);
  }

  /**
   * The scorer of a {@link KeyedTask}: labeled events (which update their key's context) and requests, keyed alike,
   * at the scorer's parallelism, every instance with the whole model.
   */
  @SuppressWarnings("unchecked")
  private static <L extends SpecificRecordBase, E extends StreamExample, R extends SpecificRecordBase, C,
      O extends SpecificRecordBase> SingleOutputStreamOperator<O> keyedScorer(
          Plan<L, E, R, C, O> plan, DataStream<L> labeled, DataStream<R> requests, BroadcastStream<ModelPart> models) {
    KeyedTask<L, E, R, C, O> task = (KeyedTask<L, E, R, C, O>) plan.task().task();
    TypeInformation<Either<L, R>> inputs = new EitherTypeInfo<>(new AvroTypeInfo<>(task.labeledType()),
        new AvroTypeInfo<>(task.requestType()));
    int parallelism = plan.scorer().parallelism();
    DataStream<Either<L, R>> updates = labeled.map(Either::<L, R>Left, inputs).name("context updates")
        .uid("scorer-updates").setParallelism(1);
    DataStream<Either<L, R>> asks = requests.map(Either::<L, R>Right, inputs).name("requests to score")
        .uid("scorer-requests").setParallelism(1);
    KeySelector<Either<L, R>, Long> key = new ScorerKey<>(task);
    return updates.union(asks).keyBy(key, Types.LONG).connect(models)
        .process(new KeyedScorerFunction<>(plan.scorer(), task, plan.task().contexts()),
            new AvroTypeInfo<>(task.answerType()))
        .name("scorer").uid("scorer").setParallelism(parallelism);
  }
}

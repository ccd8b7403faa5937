package io.streamnet.jobs.sentiment;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.score.ScorerFunction;
import io.streamnet.jobs.train.TrainerOperator;
import io.streamnet.jobs.train.TrainerSettings;
import io.streamnet.jobs.train.TrainingExample;
import io.streamnet.jobs.train.TrainingExampleSerializer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The sentiment online-learning job:
 * <pre>
 * labeled events ─decode+validate─► featurize ─► Trainer (prequential score, then train) ─► ModelSnapshot ─► snapshots sink
 *                      │ bad                                  │ metrics   │ ModelPart (broadcast)
 *                      ▼                                      ▼           ▼
 *                 dead letters                             metrics sink   requests ─decode─► Scorer ─► scores sink
 * </pre>
 * Every operator has a stable uid, so checkpoints and savepoints restore across releases. Parallelism is 1: one
 * replica of the shared-model design (ARCHITECTURE.md).
 */
public final class SentimentJob {

  /** What the job computes, resolved from its configuration. */
  public record Plan(TrainerSettings trainer, ScorerFunction.Settings scorer, TextHashingConfig features) {
    public Plan {
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(scorer, "scorer");
      Objects.requireNonNull(features, "features");
    }
  }

  private SentimentJob() {}

  /** Adds the job to {@code env}. */
  public static void build(StreamExecutionEnvironment env, Plan plan, SentimentPipelineIo io) {
    // Chained operators hand records on without a deep copy (two Avro copies per event, a fifth of the source
    // thread): every operator here emits a new object per record and none changes a record after emitting it.
    env.getConfig().enableObjectReuse();
    TypeInformation<ReviewEvent> reviews = new AvroTypeInfo<>(ReviewEvent.class);

    SingleOutputStreamOperator<ReviewEvent> labeled = env
        .fromSource(io.labeled(), WatermarkStrategy.noWatermarks(), "labeled events").uid("labeled-source")
        .setParallelism(1)
        .process(new DeadLetterSplit<>(), reviews).name("decode labeled").uid("labeled-decode").setParallelism(1);

    SingleOutputStreamOperator<TrainingExample> examples = labeled
        .process(new TextFeaturizer(plan.features()), TrainingExampleSerializer.TYPE)
        .name("featurize").uid("featurize").setParallelism(1);

    SingleOutputStreamOperator<ModelSnapshot> snapshots = examples
        .transform("trainer", new AvroTypeInfo<>(ModelSnapshot.class), new TrainerOperator(plan.trainer()))
        .uid("trainer").setParallelism(1).setMaxParallelism(1)
        .disableChaining() // its own thread: featurizing and publishing overlap with training
        // It emits in bursts (a version's parts, a snapshot, metrics): flushed at once, and no flusher thread waking
        // every 2 ms for nothing.
        .setBufferTimeout(0);
    snapshots.sinkTo(io.snapshots()).name("model snapshots").uid("snapshots-sink").setParallelism(1);

    BroadcastStream<ModelPart> models = snapshots.getSideOutput(TrainerOperator.MODEL_PARTS)
        .broadcast(ScorerFunction.MODEL_STATE);
    // Requests leave the source task at once (buffer timeout 0: a flush per record, no flusher thread) instead of
    // waiting up to the job's 2 ms buffer timeout: scoring p50 3.97 -> 2.94 ms in the benchmark.
    SingleOutputStreamOperator<ReviewEvent> requests = env
        .fromSource(io.requests(), WatermarkStrategy.noWatermarks(), "scoring requests").uid("requests-source")
        .setParallelism(1)
        .process(new DeadLetterSplit<>(), reviews).name("decode requests").uid("requests-decode").setParallelism(1)
        .setBufferTimeout(0);
    SingleOutputStreamOperator<SentimentScore> scores = requests.connect(models)
        .process(new ScorerFunction(plan.scorer()), new AvroTypeInfo<>(SentimentScore.class))
        .name("scorer").uid("scorer").setParallelism(1);
    // Its own task: the exactly-once sink starts a transaction (a blocking InitProducerId) at every checkpoint and
    // commits (blocking) when one completes, which, chained, stopped the scoring thread for 20-215 ms each time.
    scores.sinkTo(io.scores()).name("scores").uid("scores-sink").setParallelism(1).disableChaining();

    DataStream<TrainingMetrics> metrics = snapshots.getSideOutput(TrainerOperator.METRICS)
        .union(scores.getSideOutput(ScorerFunction.METRICS));
    metrics.sinkTo(io.metrics()).name("metrics").uid("metrics-sink").setParallelism(1);

    DataStream<DeadLetter> deadLetters = labeled.getSideOutput(DeadLetterSplit.DEAD_LETTERS)
        .union(requests.getSideOutput(DeadLetterSplit.DEAD_LETTERS), scores.getSideOutput(ScorerFunction.DEAD_LETTERS));
    deadLetters.sinkTo(io.deadLetters()).name("dead letters").uid("dead-letters-sink").setParallelism(1);
  }
}

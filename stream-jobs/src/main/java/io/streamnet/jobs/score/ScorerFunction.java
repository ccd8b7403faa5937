package io.streamnet.jobs.score;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.Task;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.TrainingMetrics;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of a task that keeps nothing per key (sentiment) with the newest model. Model versions arrive
 * on the broadcast input in parts ({@link ModelPart}, at most a few hundred KB each): they are applied to a back copy
 * between requests and the last part of a version swaps it in ({@link ServingModels}), so the scoring thread never
 * stops for a whole snapshot and every answer comes from one whole version, which it names. A scorer never goes back
 * to an older version. Requests that arrive before any model wait in a bounded {@link RequestBuffer}.
 */
public final class ScorerFunction<R extends SpecificRecordBase, O extends SpecificRecordBase>
    extends BroadcastProcessFunction<R, ModelPart, O> implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ScorerFunction.class);

  /** Broadcast state: the parts of the served model ({@link ModelPartStore}). */
  public static final MapStateDescriptor<String, ModelPart> MODEL_STATE = ModelPartStore.STATE;
  public static final OutputTag<TrainingMetrics> METRICS =
      new OutputTag<>("scorer-metrics", new AvroTypeInfo<>(TrainingMetrics.class));
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("scorer-dead-letters", new AvroTypeInfo<>(DeadLetter.class));

  /**
   * @param modelId               the model served (parts of other ids are ignored)
   * @param bufferLimit           requests held while there is no model (per scorer instance)
   * @param metricsIntervalMillis cadence of the scorer's metrics records
   * @param requestsTopic         named in dead letters
   * @param parallelism           scorer instances, each with the whole model
   */
  public record Settings(String modelId, int bufferLimit, long metricsIntervalMillis, String requestsTopic,
                         int parallelism) implements Serializable {
    public Settings {
      Objects.requireNonNull(modelId, "modelId");
      if (bufferLimit < 0) throw new IllegalArgumentException("bufferLimit must be >= 0, got " + bufferLimit);
      if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    }
  }

  private final Settings settings;
  private final Task<?, ?, R, Void, O> task;

  private transient RequestBuffer<R> buffer;
  private transient Scorer<R, Void, O> scorer;

  public ScorerFunction(Settings settings, Task<?, ?, R, Void, O> task) {
    this.settings = settings;
    this.task = task;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    buffer = new RequestBuffer<>(settings.bufferLimit(), settings.requestsTopic());
    buffer.initialize(context.getOperatorStateStore(), task.requestType(), context.isRestored());
    scorer = new Scorer<>(settings.modelId(), task, System.currentTimeMillis());
    if (context.isRestored()) {
      scorer.restore(context.getOperatorStateStore().getBroadcastState(MODEL_STATE));
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    buffer.snapshot();
  }

  @Override
  public void open(OpenContext openContext) {
    MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("streamnet")
        .addGroup("scorer");
    scorer.register(metrics);
    buffer.register(metrics);
  }

  @Override
  public void processBroadcastElement(ModelPart part, Context ctx, Collector<O> out) throws Exception {
    if (scorer.accept(part, ctx.getBroadcastState(MODEL_STATE)) && buffer.size() > 0) {
      List<Tuple2<R, Long>> waiting = buffer.drain();
      for (Tuple2<R, Long> r : waiting) {
        out.collect(scorer.answerBuffered(r.f0, null, r.f1));
      }
      LOG.info("scorer received its first model {}: answered {} buffered requests", scorer.served(), waiting.size());
    }
    emitMetrics(ctx::output, false);
  }

  @Override
  public void processElement(R request, ReadOnlyContext ctx, Collector<O> out) {
    long now = System.currentTimeMillis();
    long receivedAt = ctx.timestamp() == null ? now : ctx.timestamp();
    if (scorer.ready()) {
      boolean counted = scorer.waitingCounted();
      out.collect(scorer.answer(request, null, receivedAt));
      if (!counted && scorer.waitingCounted()) {
        // A record at once: the figures of the requests that waited for the first model are final now.
        emitMetrics(ctx::output, true);
        return;
      }
    } else {
      DeadLetter overflow = buffer.offer(request, task.requestId(request), receivedAt, now);
      if (overflow != null) {
        ctx.output(DEAD_LETTERS, overflow);
      }
    }
    emitMetrics(ctx::output, false);
  }

  /** A metrics record when one is due, or at once when {@code now}. */
  private void emitMetrics(SideOutput output, boolean now) {
    TrainingMetrics due = scorer.metricsDue(System.currentTimeMillis(), now ? 0 : settings.metricsIntervalMillis(),
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), Map.of("buffered", (double) buffer.size(),
            "buffered_total", (double) buffer.bufferedTotal(), "buffer_overflow", (double) buffer.overflowed()));
    if (due != null) {
      output.emit(METRICS, due);
    }
  }

  /** Either input's context, for side outputs. */
  @FunctionalInterface
  interface SideOutput {
    <X> void emit(OutputTag<X> tag, X value);
  }
}

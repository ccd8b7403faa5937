package io.streamnet.jobs.score;

import io.streamnet.jobs.feedback.Impression;
import io.streamnet.jobs.feedback.ImpressionOf;
import io.streamnet.jobs.feedback.ImpressionSerializer;
import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.KeyedTask;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.TrainingMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests of a task that keeps a context per key ({@link KeyedTask}; recommendation keeps each user's
 * recent items): the labeled events (left) update their key's context in keyed state, and a request (right) is
 * answered with its key's context and the newest model, received in parts as {@link ScorerFunction} receives it.
 * Keyed, so it runs in parallel; every instance holds the whole model. Requests that arrive before any model wait in
 * a bounded {@link RequestBuffer} and are answered with their key's context when the first model arrives.
 */
public final class KeyedScorerFunction<L extends SpecificRecordBase, R extends SpecificRecordBase, C,
    O extends SpecificRecordBase> extends KeyedBroadcastProcessFunction<Long, Either<L, R>, ModelPart, O>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(KeyedScorerFunction.class);

  /** The keyed state's name; part of the job's checkpoints. */
  static final String CONTEXT_STATE = "streamnet-scorer-context";
  /** What each answer served, for the delayed-feedback loop (when the job has one). */
  public static final OutputTag<Impression> IMPRESSIONS = new OutputTag<>("impressions", ImpressionSerializer.TYPE);

  private final ScorerFunction.Settings settings;
  private final KeyedTask<L, ?, R, C, O> task;
  private final TypeInformation<C> contextType;
  private final ImpressionOf<R, O> impressions;

  private transient RequestBuffer<R> buffer;
  private transient Scorer<R, C, O> scorer;
  private transient ValueStateDescriptor<C> contextDescriptor;
  private transient ValueState<C> context;

  /** @param impressions what an answer served, emitted on {@link #IMPRESSIONS}; null: nothing is emitted */
  public KeyedScorerFunction(ScorerFunction.Settings settings, KeyedTask<L, ?, R, C, O> task,
                             TypeInformation<C> contextType, ImpressionOf<R, O> impressions) {
    this.settings = settings;
    this.task = task;
    this.contextType = contextType;
    this.impressions = impressions;
  }

  @Override
  public void initializeState(FunctionInitializationContext ctx) throws Exception {
    buffer = new RequestBuffer<>(settings.bufferLimit(), settings.requestsTopic());
    buffer.initialize(ctx.getOperatorStateStore(), task.requestType(), ctx.isRestored());
    scorer = new Scorer<>(settings.modelId(), task, System.currentTimeMillis());
    if (ctx.isRestored()) {
      scorer.restore(ctx.getOperatorStateStore().getBroadcastState(ScorerFunction.MODEL_STATE));
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
    buffer.snapshot();
  }

  @Override
  public void open(OpenContext openContext) {
    contextDescriptor = new ValueStateDescriptor<>(CONTEXT_STATE, contextType);
    context = getRuntimeContext().getState(contextDescriptor);
    MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("streamnet")
        .addGroup("scorer");
    scorer.register(metrics);
    buffer.register(metrics);
  }

  @Override
  public void processElement(Either<L, R> in, ReadOnlyContext ctx, Collector<O> out) throws Exception {
    long now = System.currentTimeMillis();
    if (in.isLeft()) {
      C current = context.value();
      context.update(task.update(current == null ? task.emptyContext() : current, in.left()));
    } else {
      R request = in.right();
      long receivedAt = ctx.timestamp() == null ? now : ctx.timestamp();
      if (scorer.ready()) {
        C current = context.value();
        served(request, scorer.answer(request, current == null ? task.emptyContext() : current, receivedAt), out,
            ctx::output);
      } else {
        DeadLetter overflow = buffer.offer(request, task.requestId(request), receivedAt, now);
        if (overflow != null) {
          ctx.output(ScorerFunction.DEAD_LETTERS, overflow);
        }
      }
    }
    emitMetricsIfDue(ctx::output);
  }

  @Override
  public void processBroadcastElement(ModelPart part, Context ctx, Collector<O> out) throws Exception {
    if (scorer.accept(part, ctx.getBroadcastState(ScorerFunction.MODEL_STATE)) && buffer.size() > 0) {
      answerBuffered(ctx, out);
    }
    emitMetricsIfDue(ctx::output);
  }

  /** The first model is here: every buffered request is answered with its key's context (empty if none). */
  private void answerBuffered(Context ctx, Collector<O> out) throws Exception {
    List<Tuple2<R, Long>> waiting = buffer.drain();
    Map<Long, List<Tuple2<R, Long>>> byKey = new HashMap<>();
    for (Tuple2<R, Long> r : waiting) {
      byKey.computeIfAbsent(task.requestKey(r.f0), k -> new ArrayList<>()).add(r);
    }
    ctx.applyToKeyedState(contextDescriptor, (key, state) -> {
      List<Tuple2<R, Long>> requests = byKey.remove(key);
      if (requests != null) {
        C c = state.value();
        for (Tuple2<R, Long> r : requests) {
          served(r.f0, scorer.answerBuffered(r.f0, c == null ? task.emptyContext() : c, r.f1), out, ctx::output);
        }
      }
    });
    for (List<Tuple2<R, Long>> requests : byKey.values()) { // keys nothing is known of
      for (Tuple2<R, Long> r : requests) {
        served(r.f0, scorer.answerBuffered(r.f0, task.emptyContext(), r.f1), out, ctx::output);
      }
    }
    LOG.info("scorer received its first model {}: answered {} buffered requests", scorer.served(), waiting.size());
  }

  /** Emits an answer and, with a feedback loop, what it served. */
  private void served(R request, O answer, Collector<O> out, ScorerFunction.SideOutput output) {
    out.collect(answer);
    if (impressions != null) {
      output.emit(IMPRESSIONS, impressions.of(request, answer));
    }
  }

  private void emitMetricsIfDue(ScorerFunction.SideOutput output) {
    TrainingMetrics due = scorer.metricsDue(System.currentTimeMillis(), settings.metricsIntervalMillis(),
        getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), Map.of("buffered", (double) buffer.size(),
            "buffered_total", (double) buffer.bufferedTotal(), "buffer_overflow", (double) buffer.overflowed()));
    if (due != null) {
      output.emit(ScorerFunction.METRICS, due);
    }
  }
}

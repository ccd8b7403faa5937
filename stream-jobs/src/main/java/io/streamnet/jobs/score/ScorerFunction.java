package io.streamnet.jobs.score;

import io.streamnet.jobs.flink.ModelPartSerializer;
import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.model.ModelVersion;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
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
 * Scores sentiment requests with the newest model. Model versions arrive on the broadcast input in parts
 * ({@link ModelPart}, at most a few hundred KB each): they are applied to a back copy of the network between requests
 * and the last part of a version swaps it in ({@link ServingModels}), so the scoring thread never stops for a whole
 * snapshot and every score comes from one whole version. The parts of the served FULL version, of the served delta
 * and of the version being received are kept in broadcast state, so a restored scorer serves the model it served
 * before and completes a version whose last parts were still in flight.
 *
 * <p>Requests that arrive before any model are buffered (operator state, bounded by {@code bufferLimit}) and scored
 * as soon as the first model arrives; beyond the bound they go to the dead-letter output with reason
 * {@code SCORER_BUFFER_FULL}: counted, never dropped. A scorer never goes back to an older version.
 *
 * <p>Measured here: the scoring latency (request's Kafka timestamp to score emission) and the model freshness (an
 * event's Kafka timestamp to the first score by a model that learned from it; each version's last part carries
 * quantiles of the ingestion times of the events it is the first to include). Both go to Flink metrics and, every
 * metrics interval, to a {@link TrainingMetrics} record on {@link #METRICS} with keys prefixed {@code scorer.}.
 */
public final class ScorerFunction extends BroadcastProcessFunction<ReviewEvent, ModelPart, SentimentScore>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ScorerFunction.class);

  /** Broadcast state: the parts of the served model, keyed "full/i", "delta/i" and (being received) "next/i". */
  public static final MapStateDescriptor<String, ModelPart> MODEL_STATE = new MapStateDescriptor<>(
      "streamnet-scorer-model-parts", Types.STRING, ModelPartSerializer.TYPE);
  public static final OutputTag<TrainingMetrics> METRICS =
      new OutputTag<>("scorer-metrics", new AvroTypeInfo<>(TrainingMetrics.class));
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("scorer-dead-letters", new AvroTypeInfo<>(DeadLetter.class));

  private static final String FULL = "full/";
  private static final String DELTA = "delta/";
  private static final String NEXT = "next/";

  /**
   * @param modelId        the model served (snapshots of other ids are ignored)
   * @param features       the featurizer the model was trained with
   * @param inputName      the network's sparse input
   * @param bufferLimit    requests held while there is no model
   * @param metricsIntervalMillis cadence of the scorer's metrics records
   * @param requestsTopic  named in dead letters
   */
  public record Settings(String modelId, TextHashingConfig features, String inputName, int bufferLimit,
                         long metricsIntervalMillis, String requestsTopic) implements Serializable {
    public Settings {
      Objects.requireNonNull(modelId, "modelId");
      Objects.requireNonNull(features, "features");
      Objects.requireNonNull(inputName, "inputName");
      if (bufferLimit < 0) throw new IllegalArgumentException("bufferLimit must be >= 0, got " + bufferLimit);
    }
  }

  private final Settings settings;

  private transient ListState<Tuple2<ReviewEvent, Long>> bufferState;
  private transient List<Tuple2<ReviewEvent, Long>> buffer;
  private transient TextHashingFeaturizer featurizer;
  private transient IdBuffer ids;
  private transient ServingModels models;
  private transient float[] out1;
  private transient List<double[]> freshnessPending;
  private transient LatencyHistogram latency;
  private transient LatencyHistogram freshness;
  private transient LatencyHistogram intervalLatency;
  private transient long scored;
  private transient long bufferedTotal;
  private transient long overflowed;
  private transient long lastMetricsAt;

  public ScorerFunction(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    bufferState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("streamnet-scorer-buffer",
        Types.TUPLE(new AvroTypeInfo<>(ReviewEvent.class), Types.LONG)));
    buffer = new ArrayList<>();
    models = new ServingModels(settings.inputName());
    if (context.isRestored()) {
      for (Tuple2<ReviewEvent, Long> r : bufferState.get()) {
        buffer.add(r);
      }
      restoreModels(context.getOperatorStateStore().getBroadcastState(MODEL_STATE));
    }
  }

  /** Replays the parts in broadcast state: the served FULL version, its delta, then the version being received. */
  private void restoreModels(BroadcastState<String, ModelPart> state) throws Exception {
    Map<String, TreeMap<Integer, ModelPart>> byRole = new HashMap<>();
    for (Map.Entry<String, ModelPart> e : state.entries()) {
      String key = e.getKey();
      int slash = key.indexOf('/');
      byRole.computeIfAbsent(key.substring(0, slash + 1), k -> new TreeMap<>())
          .put(Integer.parseInt(key.substring(slash + 1)), e.getValue());
    }
    for (String role : List.of(FULL, DELTA, NEXT)) {
      for (ModelPart part : byRole.getOrDefault(role, new TreeMap<>()).values()) {
        ServingModels.Outcome o = models.accept(part);
        if (o != ServingModels.Outcome.RECEIVING && o != ServingModels.Outcome.COMPLETED) {
          throw new IllegalStateException("scorer state holds a part that does not continue the model: " + part
              + " gave " + o);
        }
      }
    }
    if (models.served() != null) {
      LOG.info("scorer restored model '{}' at {} from its state", settings.modelId(), models.served());
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    bufferState.update(buffer);
  }

  @Override
  public void open(OpenContext openContext) {
    featurizer = new TextHashingFeaturizer(settings.features());
    ids = new IdBuffer();
    out1 = new float[1];
    freshnessPending = new ArrayList<>();
    latency = new LatencyHistogram();
    freshness = new LatencyHistogram();
    intervalLatency = new LatencyHistogram();
    lastMetricsAt = System.currentTimeMillis();
    registerMetrics(getRuntimeContext().getMetricGroup().addGroup("streamnet").addGroup("scorer"));
  }

  @Override
  public void processBroadcastElement(ModelPart part, Context ctx, Collector<SentimentScore> out) throws Exception {
    if (!settings.modelId().equals(part.modelId())) {
      return;
    }
    BroadcastState<String, ModelPart> state = ctx.getBroadcastState(MODEL_STATE);
    switch (models.accept(part)) {
      case RECEIVING -> {
        if (part.index() == 0) {
          removeReceiving(state); // left by a version that was dropped
        }
        state.put(NEXT + part.index(), part);
      }
      case COMPLETED -> {
        state.clear();
        putAll(state, FULL, models.fullParts());
        putAll(state, DELTA, models.deltaParts());
        rememberLearned(part.learned());
        scoreBuffered(out);
      }
      case ORPHAN -> {
        if (models.orphans() == 1) {
          LOG.warn("scorer got a delta {} against base {}, but serves full {}: skipped until the next full"
              + " version (counted; logged once)", part.version(), part.base(), models.servedFull());
        }
      }
      case OUT_OF_SEQUENCE -> {
        removeReceiving(state);
        if (models.outOfSequence() == 1) {
          LOG.warn("scorer got {} out of sequence: the version being received was dropped (counted; logged once)",
              part);
        }
      }
      case STALE, IGNORED -> { }
    }
    TrainingMetrics due = metricsDue(System.currentTimeMillis());
    if (due != null) {
      ctx.output(METRICS, due);
    }
  }

  private static void putAll(BroadcastState<String, ModelPart> state, String role, List<ModelPart> parts)
      throws Exception {
    for (int i = 0; i < parts.size(); i++) {
      state.put(role + i, parts.get(i));
    }
  }

  private static void removeReceiving(BroadcastState<String, ModelPart> state) throws Exception {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, ModelPart> e : state.entries()) {
      if (e.getKey().startsWith(NEXT)) {
        keys.add(e.getKey());
      }
    }
    for (String k : keys) {
      state.remove(k);
    }
  }

  private void scoreBuffered(Collector<SentimentScore> out) {
    if (buffer.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    for (Tuple2<ReviewEvent, Long> r : buffer) {
      score(r.f0, r.f1, now, out);
    }
    LOG.info("scorer received its first model {}: scored {} buffered requests", models.served(), buffer.size());
    buffer.clear();
  }

  @Override
  public void processElement(ReviewEvent request, ReadOnlyContext ctx, Collector<SentimentScore> out)
      throws Exception {
    long now = System.currentTimeMillis();
    long receivedAt = ctx.timestamp() == null ? now : ctx.timestamp();
    if (models.front() == null) {
      if (buffer.size() < settings.bufferLimit()) {
        buffer.add(Tuple2.of(request, receivedAt));
        bufferedTotal++;
      } else {
        overflowed++;
        ctx.output(DEAD_LETTERS, overflowLetter(request, receivedAt, now));
      }
    } else {
      score(request, receivedAt, now, out);
      models.catchUp(1); // after a FULL version the back copy re-applies it, a part per request
    }
    TrainingMetrics due = metricsDue(now);
    if (due != null) {
      ctx.output(METRICS, due);
    }
  }

  private void rememberLearned(double[] learned) {
    if (learned.length > 1 && learned[0] >= 1) {
      freshnessPending.add(learned);
    }
  }

  private void score(ReviewEvent request, long receivedAt, long now, Collector<SentimentScore> out) {
    ids.clear();
    featurizer.featurize(request.getText(), ids);
    ServingModels.Copy model = models.front();
    model.batch().start(1);
    model.bag().addExample(ids.array(), 0, ids.size());
    model.network().predict(model.batch(), out1);
    ModelVersion served = models.served();
    double p = out1[0];
    long emittedAt = System.currentTimeMillis();
    long latencyMicros = Math.max(0, (emittedAt - receivedAt) * 1000);
    out.collect(SentimentScore.newBuilder()
        .setId(request.getId())
        .setProbability(p)
        .setPredictedLabel(p > 0.5 ? 1 : 0)
        .setModelId(settings.modelId())
        .setModelEpoch(served.epoch())
        .setModelVersion(served.version())
        .setScoredAt(Instant.ofEpochMilli(emittedAt))
        .setLatencyMicros(latencyMicros)
        .build());
    scored++;
    latency.record(latencyMicros);
    intervalLatency.record(latencyMicros);
    if (!freshnessPending.isEmpty()) {
      // The first score by a model that includes these events: their freshness ends now.
      for (double[] sample : freshnessPending) {
        long weight = Math.max(1, Math.round(sample[0] / (sample.length - 1)));
        for (int i = 1; i < sample.length; i++) {
          if (!Double.isNaN(sample[i])) {
            freshness.record(emittedAt - (long) sample[i], weight);
          }
        }
      }
      freshnessPending.clear();
    }
  }

  private DeadLetter overflowLetter(ReviewEvent request, long receivedAt, long now) {
    return DeadLetter.newBuilder()
        .setSourceTopic(settings.requestsTopic())
        .setSourcePartition(-1)
        .setSourceOffset(-1)
        .setSourceTimestamp(Instant.ofEpochMilli(receivedAt))
        .setReason(DeadLetterReason.SCORER_BUFFER_FULL)
        .setMessage("request '" + request.getId() + "' arrived before any model and the scorer's buffer of "
            + settings.bufferLimit() + " requests was full (scorer.buffer_limit)")
        .setSchemaId(null)
        .setKey(ByteBuffer.wrap(request.getId().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .setValue(null)
        .setHeaders(List.of())
        .setDeadLetteredAt(Instant.ofEpochMilli(now))
        .build();
  }

  /** The metrics record when one is due, else null (both inputs' contexts then emit it). */
  private TrainingMetrics metricsDue(long now) {
    return now - lastMetricsAt < settings.metricsIntervalMillis() ? null : metricsRecord(now);
  }

  private TrainingMetrics metricsRecord(long now) {
    Map<String, Double> m = new HashMap<>();
    m.put("scorer.scored", (double) scored);
    m.put("scorer.buffered", (double) buffer.size());
    m.put("scorer.buffered_total", (double) bufferedTotal);
    m.put("scorer.buffer_overflow", (double) overflowed);
    m.put("scorer.stale_snapshots", (double) models.stale());
    m.put("scorer.orphan_deltas", (double) models.orphans());
    m.put("scorer.parts_out_of_sequence", (double) models.outOfSequence());
    m.put("scorer.latency_p50_ms", latency.quantile(0.5) / 1000);
    m.put("scorer.latency_p99_ms", latency.quantile(0.99) / 1000);
    m.put("scorer.window_latency_p99_ms", intervalLatency.quantile(0.99) / 1000);
    m.put("scorer.freshness_p50_ms", freshness.quantile(0.5));
    m.put("scorer.freshness_p99_ms", freshness.quantile(0.99));
    m.put("scorer.apply_ms", models.takeMaxApplyMicros() / 1000.0); // longest part application in the interval
    m.values().removeIf(d -> d.isNaN());
    long window = intervalLatency.count();
    intervalLatency.reset();
    lastMetricsAt = now;
    return TrainingMetrics.newBuilder()
        .setModelId(settings.modelId())
        .setModelEpoch(models.served() == null ? 0 : models.served().epoch())
        .setModelVersion(models.served() == null ? 0 : models.served().version())
        .setSubtask(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask())
        .setStep(0)
        .setExamplesSeen(scored)
        .setWindowExamples(window)
        .setLoss(0.0)
        .setMetrics(m)
        .setDriftDetected(false)
        .setEmittedAt(Instant.ofEpochMilli(now))
        .build();
  }

  private void registerMetrics(MetricGroup group) {
    group.gauge("scored", () -> scored);
    group.gauge("buffered", () -> buffer.size());
    group.gauge("bufferOverflow", () -> overflowed);
    group.gauge("modelVersion", () -> models.served() == null ? 0 : models.served().version());
    group.gauge("latencyP50Ms", () -> latency.quantile(0.5) / 1000);
    group.gauge("latencyP99Ms", () -> latency.quantile(0.99) / 1000);
    group.gauge("freshnessP50Ms", () -> freshness.quantile(0.5));
    group.gauge("freshnessP99Ms", () -> freshness.quantile(0.99));
  }
}

package io.streamnet.jobs.score;

import io.streamnet.jobs.model.ModelVersion;
import io.streamnet.jobs.model.SnapshotPayload;
import io.streamnet.jobs.train.TrainerOperator;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.SnapshotKind;
import io.streamnet.schema.TrainingMetrics;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
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
 * Scores sentiment requests with the newest model. Model snapshots arrive on the broadcast input and are kept in
 * broadcast state (the last FULL one and the newest DELTA on top of it), so a restored scorer serves the model it
 * served before; the working network is applied from them in place, without allocation per row.
 *
 * <p>Requests that arrive before any model are buffered (operator state, bounded by {@code bufferLimit}) and scored
 * as soon as the first model arrives; beyond the bound they go to the dead-letter output with reason
 * {@code SCORER_BUFFER_FULL}: counted, never dropped. A scorer never goes back to an older version.
 *
 * <p>Measured here: the scoring latency (request's Kafka timestamp to score emission) and the model freshness (an
 * event's Kafka timestamp to the first score by a model that learned from it; each snapshot carries quantiles of the
 * ingestion times of the events it is the first to include). Both go to Flink metrics and, every metrics interval,
 * to a {@link TrainingMetrics} record on {@link #METRICS} with keys prefixed {@code scorer.}.
 */
public final class ScorerFunction extends BroadcastProcessFunction<ReviewEvent, ModelSnapshot, SentimentScore>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ScorerFunction.class);

  /** Broadcast state: "full" and "delta" snapshots of the served model. */
  public static final MapStateDescriptor<String, ModelSnapshot> MODEL_STATE = new MapStateDescriptor<>(
      "streamnet-scorer-model", Types.STRING, new AvroTypeInfo<>(ModelSnapshot.class));
  public static final OutputTag<TrainingMetrics> METRICS =
      new OutputTag<>("scorer-metrics", new AvroTypeInfo<>(TrainingMetrics.class));
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("scorer-dead-letters", new AvroTypeInfo<>(DeadLetter.class));

  private static final String FULL = "full";
  private static final String DELTA = "delta";

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
  private transient Network network;
  private transient Batch batch;
  private transient SparseIds bag;
  private transient float[] out1;
  private transient ModelVersion served;
  private transient ModelVersion servedFull;
  private transient boolean servedYet;
  private transient List<double[]> freshnessPending;
  private transient LatencyHistogram latency;
  private transient LatencyHistogram freshness;
  private transient LatencyHistogram intervalLatency;
  private transient long scored;
  private transient long bufferedTotal;
  private transient long overflowed;
  private transient long staleSnapshots;
  private transient long orphanDeltas;
  private transient long lastMetricsAt;
  private transient long lastApplyMicros;

  public ScorerFunction(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    bufferState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("streamnet-scorer-buffer",
        Types.TUPLE(new AvroTypeInfo<>(ReviewEvent.class), Types.LONG)));
    buffer = new ArrayList<>();
    if (context.isRestored()) {
      for (Tuple2<ReviewEvent, Long> r : bufferState.get()) {
        buffer.add(r);
      }
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
  public void processBroadcastElement(ModelSnapshot snapshot, Context ctx, Collector<SentimentScore> out)
      throws Exception {
    if (!settings.modelId().equals(snapshot.getModelId())) {
      return;
    }
    ModelVersion v = new ModelVersion(snapshot.getEpoch(), snapshot.getVersion());
    BroadcastState<String, ModelSnapshot> state = ctx.getBroadcastState(MODEL_STATE);
    if (network == null) {
      restoreFrom(state.get(FULL), state.get(DELTA));
    }
    if (served != null && v.compareTo(served) <= 0) {
      staleSnapshots++;
      return;
    }
    if (snapshot.getKind() == SnapshotKind.FULL) {
      state.put(FULL, snapshot);
      state.remove(DELTA);
    } else {
      ModelVersion base = new ModelVersion(snapshot.getBaseEpoch(), snapshot.getBaseVersion());
      if (servedFull == null || !servedFull.equals(base)) {
        if (orphanDeltas++ == 0) {
          LOG.warn("scorer got a delta of {} against base {}, but serves full {}: skipped until the next full"
              + " snapshot (counted; logged once)", v, base, servedFull);
        }
        return;
      }
      state.put(DELTA, snapshot);
    }
    apply(snapshot);
    rememberLearned(snapshot);
    if (!buffer.isEmpty()) {
      long now = System.currentTimeMillis();
      for (Tuple2<ReviewEvent, Long> r : buffer) {
        score(r.f0, r.f1, now, out);
      }
      LOG.info("scorer received its first model {}: scored {} buffered requests", v, buffer.size());
      buffer.clear();
    }
    TrainingMetrics due = metricsDue(System.currentTimeMillis());
    if (due != null) {
      ctx.output(METRICS, due);
    }
  }

  @Override
  public void processElement(ReviewEvent request, ReadOnlyContext ctx, Collector<SentimentScore> out)
      throws Exception {
    long now = System.currentTimeMillis();
    if (network == null) {
      ReadOnlyBroadcastState<String, ModelSnapshot> state = ctx.getBroadcastState(MODEL_STATE);
      restoreFrom(state.get(FULL), state.get(DELTA));
    }
    long receivedAt = ctx.timestamp() == null ? now : ctx.timestamp();
    if (network == null) {
      if (buffer.size() < settings.bufferLimit()) {
        buffer.add(Tuple2.of(request, receivedAt));
        bufferedTotal++;
      } else {
        overflowed++;
        ctx.output(DEAD_LETTERS, overflowLetter(request, receivedAt, now));
      }
    } else {
      score(request, receivedAt, now, out);
    }
    TrainingMetrics due = metricsDue(now);
    if (due != null) {
      ctx.output(METRICS, due);
    }
  }

  private void restoreFrom(ModelSnapshot full, ModelSnapshot delta) {
    if (full != null) {
      apply(full);
      if (delta != null) {
        apply(delta);
      }
    }
  }

  private void apply(ModelSnapshot s) {
    long start = System.nanoTime();
    ByteBuffer buf = s.getParameters().duplicate();
    byte[] payload;
    if (buf.hasArray() && buf.arrayOffset() == 0 && buf.position() == 0 && buf.remaining() == buf.array().length) {
      payload = buf.array();
    } else {
      payload = new byte[buf.remaining()];
      buf.get(payload);
    }
    if (network == null || s.getKind() == SnapshotKind.FULL && !network.spec().equals(specOf(s))) {
      network = Network.forScoring(specOf(s));
      batch = network.newBatch();
      bag = batch.sparse(settings.inputName());
    }
    SnapshotPayload.apply(payload, network);
    served = new ModelVersion(s.getEpoch(), s.getVersion());
    if (s.getKind() == SnapshotKind.FULL) {
      servedFull = served;
    }
    lastApplyMicros = (System.nanoTime() - start) / 1000;
  }

  private static NetworkSpec specOf(ModelSnapshot s) {
    return NetworkSpec.fromJson(s.getNetworkSpec());
  }

  private void rememberLearned(ModelSnapshot s) {
    Double count = s.getMetrics().get(TrainerOperator.LEARNED_EVENTS);
    if (count == null || count < 1) {
      return;
    }
    int[] qs = TrainerOperator.LEARNED_QUANTILES;
    double[] sample = new double[qs.length + 1];
    sample[0] = count;
    for (int i = 0; i < qs.length; i++) {
      Double t = s.getMetrics().get(TrainerOperator.LEARNED_INGEST_PREFIX + qs[i]);
      sample[i + 1] = t == null ? Double.NaN : t;
    }
    freshnessPending.add(sample);
  }

  private void score(ReviewEvent request, long receivedAt, long now, Collector<SentimentScore> out) {
    ids.clear();
    featurizer.featurize(request.getText(), ids);
    batch.start(1);
    bag.addExample(ids.array(), 0, ids.size());
    network.predict(batch, out1);
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
    m.put("scorer.stale_snapshots", (double) staleSnapshots);
    m.put("scorer.orphan_deltas", (double) orphanDeltas);
    m.put("scorer.latency_p50_ms", latency.quantile(0.5) / 1000);
    m.put("scorer.latency_p99_ms", latency.quantile(0.99) / 1000);
    m.put("scorer.window_latency_p99_ms", intervalLatency.quantile(0.99) / 1000);
    m.put("scorer.freshness_p50_ms", freshness.quantile(0.5));
    m.put("scorer.freshness_p99_ms", freshness.quantile(0.99));
    m.put("scorer.apply_ms", lastApplyMicros / 1000.0);
    m.values().removeIf(d -> d.isNaN());
    long window = intervalLatency.count();
    intervalLatency.reset();
    lastMetricsAt = now;
    return TrainingMetrics.newBuilder()
        .setModelId(settings.modelId())
        .setModelEpoch(served == null ? 0 : served.epoch())
        .setModelVersion(served == null ? 0 : served.version())
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
    group.gauge("modelVersion", () -> served == null ? 0 : served.version());
    group.gauge("latencyP50Ms", () -> latency.quantile(0.5) / 1000);
    group.gauge("latencyP99Ms", () -> latency.quantile(0.99) / 1000);
    group.gauge("freshnessP50Ms", () -> freshness.quantile(0.5));
    group.gauge("freshnessP99Ms", () -> freshness.quantile(0.99));
  }
}

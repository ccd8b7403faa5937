package io.streamnet.jobs.train;

import io.streamnet.jobs.flink.ModelPartSerializer;
import io.streamnet.jobs.model.DeltaTracker;
import io.streamnet.jobs.model.ModelVersion;
import io.streamnet.jobs.model.SnapshotFiles;
import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.model.PayloadParts;
import io.streamnet.jobs.model.SnapshotPayload;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.tensor.SparseIds;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import io.streamnet.schema.TrainingMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.runtime.state.OperatorStateCheckpointOutputStream;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online learner: holds one network with its optimizer state, forms minibatches of featurized labeled events,
 * scores each batch with the model as it was before the batch (prequential evaluation), trains on it, and publishes
 * versioned {@link ModelSnapshot}s (its main output) and {@link TrainingMetrics} (side output {@link #METRICS}).
 *
 * <p>Exactly once: the network, optimizer slots, step, RNG, the events waiting for the next batch and the
 * accounting of applied events are operator state, part of every checkpoint; the source's offsets are in the same
 * checkpoint, so after a failure every event is applied exactly once. With {@code maxWaitMillis = 0} batches form
 * by count only, and a recovery produces bit-identical weights to an uninterrupted run; with a maximum wait, batch
 * boundaries depend on timing but every event is still applied exactly once.
 *
 * <p>Versions: {@code (epoch, version)} grows strictly. Each start (and each restore) opens a new epoch above the
 * checkpointed one and above the newest published version, so versions published after the checkpoint and then
 * discarded by the failure are never reused.
 *
 * <p>Snapshots: every {@code snapshotEverySteps} steps or {@code snapshotEveryMillis} ms, FULL or DELTA (against the
 * last full). On each completed checkpoint, the model state as of that checkpoint is also written as a file.
 *
 * <p>This is one replica of the shared-model design (ARCHITECTURE.md); the job runs it with parallelism 1.
 */
public final class TrainerOperator extends AbstractStreamOperator<ModelSnapshot>
    implements OneInputStreamOperator<TrainingExample, ModelSnapshot>, BoundedOneInput {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TrainerOperator.class);

  /** Each published version in parts for the scorer (ModelPart.MAX_PART_BYTES each), in order. */
  public static final OutputTag<ModelPart> MODEL_PARTS = new OutputTag<>("model-parts", ModelPartSerializer.TYPE);

  /** TrainingMetrics records, every metrics interval. */
  public static final OutputTag<TrainingMetrics> METRICS =
      new OutputTag<>("training-metrics", new AvroTypeInfo<>(TrainingMetrics.class));

  static final String LEGACY_STATE_NAME = "streamnet-trainer-state";
  /** Ingestion-time quantiles of the events a snapshot is the first to include, for freshness. */
  public static final String LEARNED_EVENTS = "learned.events";
  public static final String LEARNED_INGEST_PREFIX = "learned.ingest.p";
  /** The applied-events digest in two exact halves (a double holds 32 bits exactly; a long digest it does not). */
  public static final String APPLIED_DIGEST_HIGH = "applied_digest_high";
  public static final String APPLIED_DIGEST_LOW = "applied_digest_low";
  public static final int[] LEARNED_QUANTILES = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

  private final TrainerSettings settings;

  private transient Network network;
  private transient Batch batch;
  private transient SparseIds bag;
  private transient boolean scoreBeforeTraining;
  private transient float[] scores;
  private transient List<TrainingExample> pending;
  private transient PrequentialEvaluator evaluator;
  private transient DivergenceGuard guard;
  private transient AppliedEvents applied;
  private transient long refusedEvents;
  private transient long rolledBackEvents;
  private transient long epoch;
  private transient long version;
  private transient DeltaTracker deltas;
  private transient int snapshotsSinceFull;
  private transient ModelVersion lastFull;
  private transient int stepsSinceSnapshot;
  private transient long lastSnapshotAt;
  private transient long[] learnedIngest;
  private transient int learnedCount;
  private transient long pendingSince;
  private transient byte[] lastGoodModel;
  private transient NavigableMap<Long, CheckpointedModel> modelsAwaitingCommit;
  private transient SnapshotFiles files;
  private transient ExecutorService fileWriter;
  private transient AtomicLong fileWriteFailures;
  private transient boolean refusalLogged;
  // metrics of the current interval
  private transient long lastMetricsAt;
  private transient long intervalEvents;
  private transient double intervalLossSum;
  private transient int intervalBatches;
  private transient long lastSnapshotBytes;
  private transient long lastSnapshotMicros;
  private transient double eventsPerSecond;

  public TrainerOperator(TrainerSettings settings) {
    this.settings = settings;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    NetworkSpec spec = NetworkSpec.fromJson(settings.networkSpecJson());
    TrainerState restored = null;
    for (StatePartitionStreamProvider partition : context.getRawOperatorStateInputs()) {
      if (restored != null) {
        throw new IllegalStateException("trainer state: more than one raw state partition (parallelism is 1)");
      }
      try (InputStream in = partition.getStream()) {
        restored = TrainerState.readRaw(in, settings.guard());
      }
    }
    // Checkpoints before the raw state kept the trainer in this list state; read them, write raw from now on.
    ListState<byte[]> legacy = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>(LEGACY_STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    if (restored == null && context.isRestored()) {
      List<byte[]> parts = new ArrayList<>();
      legacy.get().forEach(parts::add);
      if (parts.size() == 2) {
        restored = TrainerState.decode(parts.get(0), parts.get(1), settings.guard());
      } else if (!parts.isEmpty()) {
        throw new IllegalStateException("trainer state: expected 2 parts (state, model), found " + parts.size());
      }
    }
    legacy.clear();
    long stateEpoch = 0;
    long stateVersion = 0;
    if (restored != null) {
      network = ModelStateCodec.decode(restored.model());
      if (!network.spec().equals(spec)) {
        throw new IllegalStateException("the checkpointed model's network spec differs from the configured one;"
            + " restore with the spec it was trained with, or start from a model file (warm_start)");
      }
      pending = new ArrayList<>(restored.pending());
      evaluator = restored.evaluator();
      guard = restored.guard();
      applied = new AppliedEvents();
      applied.restore(restored.appliedCount(), restored.appliedDigest());
      refusedEvents = restored.refusedEvents();
      rolledBackEvents = restored.rolledBackEvents();
      stateEpoch = restored.epoch();
      stateVersion = restored.version();
      lastGoodModel = restored.model();
    } else {
      network = settings.initialModel().create(spec);
      if (!network.spec().equals(spec)) {
        throw new IllegalStateException("the warm-start model's network spec differs from the configured one");
      }
      pending = new ArrayList<>(settings.batchSize());
      evaluator = new PrequentialEvaluator(settings.aucWindow());
      guard = new DivergenceGuard(settings.guard());
      applied = new AppliedEvents();
      lastGoodModel = ModelStateCodec.encode(network);
    }
    int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
    ModelVersion published = settings.publishedVersions().latest().orElse(new ModelVersion(0, 0));
    epoch = Math.max(stateEpoch + 1 + attempt, published.epoch() + 1);
    version = Math.max(stateVersion, published.version());
    LOG.info("trainer for model '{}' starts epoch {} at version {} ({}; {} events applied so far, {} waiting)",
        settings.modelId(), epoch, version, restored != null ? "restored from a checkpoint" : "new state",
        applied.count(), pending.size());
  }

  @Override
  public void open() throws Exception {
    super.open();
    batch = network.newBatch();
    bag = batch.sparse(settings.inputName());
    scoreBeforeTraining = network.spec().layers().stream().anyMatch(l -> l instanceof LayerSpec.Dropout);
    scores = new float[settings.batchSize()];
    deltas = new DeltaTracker(network);
    learnedIngest = new long[Math.max(1024, settings.batchSize())];
    modelsAwaitingCommit = new TreeMap<>();
    if (settings.snapshotDirectory() != null) {
      files = new SnapshotFiles(settings.snapshotDirectory(), settings.snapshotRetain());
      // Writing and syncing tens of MB must not stall training: one background writer, in checkpoint order.
      fileWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "streamnet-model-file-writer");
        t.setDaemon(true);
        return t;
      });
    }
    fileWriteFailures = new AtomicLong();
    long now = getProcessingTimeService().getCurrentProcessingTime();
    lastSnapshotAt = now;
    lastMetricsAt = now;
    pendingSince = now;
    registerMetrics(getMetricGroup().addGroup("streamnet").addGroup("trainer"));
    // A restored or warm-started model is served at once: the scorer starts from it, not from nothing.
    if (network.optimizer().steps() > 0) {
      publishSnapshot(now);
    }
    long tick = tickMillis();
    getProcessingTimeService().scheduleWithFixedDelay(this::onTick, tick, tick);
  }

  private long tickMillis() {
    long t = Math.min(settings.snapshotEveryMillis(), settings.metricsIntervalMillis());
    if (settings.snapshotMinIntervalMillis() > 0) {
      t = Math.min(t, settings.snapshotMinIntervalMillis());
    }
    if (settings.maxWaitMillis() > 0) {
      t = Math.min(t, settings.maxWaitMillis());
    }
    return Math.max(5, t / 2);
  }

  @Override
  public void processElement(StreamRecord<TrainingExample> element) {
    if (pending.isEmpty()) {
      pendingSince = getProcessingTimeService().getCurrentProcessingTime();
    }
    pending.add(element.getValue());
    if (pending.size() >= settings.batchSize()) {
      trainPending();
    }
  }

  private void onTick(long now) {
    if (settings.maxWaitMillis() > 0 && !pending.isEmpty() && now - pendingSince >= settings.maxWaitMillis()) {
      trainPending();
    }
    if (snapshotDue(now)) {
      publishSnapshot(now);
    }
    if (now - lastMetricsAt >= settings.metricsIntervalMillis()) {
      emitMetrics(now);
    }
  }

  /** One test-then-train step on the waiting events. */
  private void trainPending() {
    int n = pending.size();
    if (n == 0) {
      return;
    }
    batch.start(n);
    for (int i = 0; i < n; i++) {
      TrainingExample e = pending.get(i);
      bag.addExample(e.ids, 0, e.ids.length);
      batch.targets().set(i, e.label);
    }
    if (scoreBeforeTraining) {
      network.predict(batch, scores);
    }
    TrainResult result = network.trainBatch(batch, guard.ceiling());
    if (!scoreBeforeTraining) {
      System.arraycopy(network.lastTrainingPredictions().data(), 0, scores, 0, n);
    }
    for (int i = 0; i < n; i++) {
      evaluator.update(scores[i], pending.get(i).label);
    }
    intervalEvents += n;
    DivergenceGuard.Verdict verdict = guard.record(result);
    if (verdict == DivergenceGuard.Verdict.APPLIED) {
      for (int i = 0; i < n; i++) {
        TrainingExample e = pending.get(i);
        applied.add(e.id);
        rememberLearned(e.ingestedAtMillis);
      }
      intervalLossSum += result.loss();
      intervalBatches++;
      stepsSinceSnapshot++;
    } else {
      refusedEvents += n;
      if (!refusalLogged) {
        refusalLogged = true;
        LOG.warn("trainer refused a batch of {} events ({}: loss {}, ceiling {}); refusals are counted in the"
            + " metrics, only this first one is logged", n, result.status(), result.loss(), guard.ceiling());
      }
      if (verdict == DivergenceGuard.Verdict.ROLL_BACK) {
        rollBack();
      }
    }
    pending.clear();
    if (stepsSinceSnapshot >= settings.snapshotEverySteps()) {
      long now = getProcessingTimeService().getCurrentProcessingTime();
      if (snapshotDue(now)) {
        publishSnapshot(now);
      }
    }
  }

  /**
   * Every N steps or T ms, whichever comes first, when something changed; but never sooner than the minimum interval
   * after the previous snapshot (a step-due snapshot held back by it goes out on the tick that reaches it).
   */
  private boolean snapshotDue(long now) {
    if (stepsSinceSnapshot == 0) {
      return false;
    }
    long since = now - lastSnapshotAt;
    return since >= settings.snapshotMinIntervalMillis()
        && (stepsSinceSnapshot >= settings.snapshotEverySteps() || since >= settings.snapshotEveryMillis());
  }

  private void rememberLearned(long ingestedAt) {
    if (learnedCount == learnedIngest.length) {
      learnedIngest = Arrays.copyOf(learnedIngest, learnedCount * 2);
    }
    learnedIngest[learnedCount++] = ingestedAt;
  }

  /** Back to the model of the last completed checkpoint (or the start): the recent updates made it diverge. */
  private void rollBack() {
    Network good = ModelStateCodec.decode(lastGoodModel);
    long since = network.counters().trainedExamples() - good.counters().trainedExamples();
    network = good;
    batch = network.newBatch();
    bag = batch.sparse(settings.inputName());
    deltas = new DeltaTracker(network);
    rolledBackEvents += Math.max(0, since);
    stepsSinceSnapshot = Math.max(stepsSinceSnapshot, 1); // publish the rolled-back model
    LOG.warn("trainer rolled back model '{}' to its last good state after {} refused batches in a row"
        + " (discarding the updates of {} events since; rollback #{})", settings.modelId(),
        settings.guard().rollbackAfter(), since, guard.rollbacks());
  }

  private void publishSnapshot(long now) {
    publishSnapshot(now, false);
  }

  private void publishSnapshot(long now, boolean forceFull) {
    long start = System.nanoTime();
    boolean full = forceFull || !deltas.hasBase() || snapshotsSinceFull + 1 >= settings.fullEvery();
    byte[] payload = full ? deltas.full() : deltas.delta();
    version++;
    ModelVersion v = new ModelVersion(epoch, version);
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("applied_events", (double) applied.count());
    metrics.put(APPLIED_DIGEST_HIGH, (double) (applied.digest() >>> 32));
    metrics.put(APPLIED_DIGEST_LOW, (double) (applied.digest() & 0xffffffffL));
    metrics.put("steps", (double) network.optimizer().steps());
    metrics.put("accuracy", evaluator.accuracy());
    metrics.put("loss_avg", guard.averageLoss());
    metrics.values().removeIf(d -> d.isNaN());
    metrics.put(LEARNED_EVENTS, (double) learnedCount);
    double[] learned = new double[LEARNED_QUANTILES.length + 1];
    learned[0] = learnedCount;
    if (learnedCount > 0) {
      Arrays.sort(learnedIngest, 0, learnedCount);
      for (int i = 0; i < LEARNED_QUANTILES.length; i++) {
        int q = LEARNED_QUANTILES[i];
        int idx = (int) Math.min(learnedCount - 1, Math.round(q / 100.0 * (learnedCount - 1)));
        metrics.put(LEARNED_INGEST_PREFIX + q, (double) learnedIngest[idx]);
        learned[i + 1] = learnedIngest[idx];
      }
    }
    ModelSnapshot.Builder snapshot = ModelSnapshot.newBuilder()
        .setModelId(settings.modelId())
        .setEpoch(v.epoch())
        .setVersion(v.version())
        .setCreatedAt(Instant.ofEpochMilli(now))
        .setCheckpointId(null)
        .setNetworkSpec(settings.networkSpecJson())
        .setKind(full ? SnapshotKind.FULL : SnapshotKind.DELTA)
        .setBaseEpoch(full ? null : lastFull.epoch())
        .setBaseVersion(full ? null : lastFull.version())
        .setParameters(ByteBuffer.wrap(payload))
        .setMetrics(metrics)
        .setSha256(SnapshotPayload.sha256Hex(payload))
        .setSignature(null);
    ModelVersion lastFullBefore = lastFull;
    if (full) {
      lastFull = v;
      snapshotsSinceFull = 0;
    } else {
      snapshotsSinceFull++;
    }
    learnedCount = 0;
    stepsSinceSnapshot = 0;
    lastSnapshotAt = now;
    lastSnapshotBytes = payload.length;
    lastSnapshotMicros = (System.nanoTime() - start) / 1000;
    // the scorer first: it serves the version as soon as the parts are through; the topic's record follows
    List<byte[]> parts = PayloadParts.split(payload, ModelPart.MAX_PART_BYTES);
    ModelVersion base = full ? null : lastFullBefore;
    for (int i = 0; i < parts.size(); i++) {
      boolean last = i == parts.size() - 1;
      ModelPart part = new ModelPart(settings.modelId(), v, base, i, parts.size(),
          full && i == 0 ? settings.networkSpecJson() : null, parts.get(i), last ? learned : null);
      output.collect(MODEL_PARTS, new StreamRecord<>(part, now));
    }
    output.collect(new StreamRecord<>(snapshot.build(), now));
  }

  private void emitMetrics(long now) {
    double seconds = Math.max(1e-3, (now - lastMetricsAt) / 1000.0);
    eventsPerSecond = intervalEvents / seconds;
    Map<String, Double> m = new HashMap<>();
    m.put("accuracy", evaluator.accuracy());
    m.put("logloss", evaluator.logLoss());
    m.put("window_accuracy", evaluator.windowAccuracy());
    m.put("window_auc", evaluator.windowAuc());
    m.put("events_per_s", eventsPerSecond);
    m.put("applied_events", (double) applied.count());
    m.put("refused_events", (double) refusedEvents);
    m.put("refused_nonfinite_batches", (double) guard.refusedNonFinite());
    m.put("refused_loss_spike_batches", (double) guard.refusedAboveCeiling());
    m.put("rollbacks", (double) guard.rollbacks());
    m.put("rolled_back_events", (double) rolledBackEvents);
    m.put("snapshot_bytes", (double) lastSnapshotBytes);
    m.put("snapshot_ms", lastSnapshotMicros / 1000.0);
    m.put("pending_events", (double) pending.size());
    m.values().removeIf(d -> d.isNaN());
    TrainingMetrics record = TrainingMetrics.newBuilder()
        .setModelId(settings.modelId())
        .setModelEpoch(epoch)
        .setModelVersion(version)
        .setSubtask(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask())
        .setStep(network.optimizer().steps())
        .setExamplesSeen(evaluator.count())
        .setWindowExamples(intervalEvents)
        .setLoss(intervalBatches > 0 ? intervalLossSum / intervalBatches
            : Double.isNaN(guard.averageLoss()) ? 0.0 : guard.averageLoss())
        .setMetrics(m)
        .setDriftDetected(false)
        .setEmittedAt(Instant.ofEpochMilli(now))
        .build();
    output.collect(METRICS, new StreamRecord<>(record, now));
    intervalEvents = 0;
    intervalLossSum = 0;
    intervalBatches = 0;
    lastMetricsAt = now;
  }

  private void registerMetrics(MetricGroup group) {
    group.gauge("accuracy", () -> evaluator.accuracy());
    group.gauge("windowAuc", () -> evaluator.windowAuc());
    group.gauge("loss", () -> guard.averageLoss());
    group.gauge("eventsPerSecond", () -> eventsPerSecond);
    group.gauge("modelEpoch", () -> epoch);
    group.gauge("modelVersion", () -> version);
    group.gauge("appliedEvents", () -> applied.count());
    group.gauge("refusedEvents", () -> refusedEvents);
    group.gauge("rollbacks", () -> guard.rollbacks());
    group.gauge("snapshotBytes", () -> lastSnapshotBytes);
    group.gauge("snapshotMillis", () -> lastSnapshotMicros / 1000.0);
    group.gauge("modelFileWriteFailures", () -> fileWriteFailures.get());
  }

  @Override
  public void endInput() {
    trainPending();
    long now = getProcessingTimeService().getCurrentProcessingTime();
    // The last model of a bounded input goes out whole: readers need nothing else to have the final weights.
    publishSnapshot(now, true);
    emitMetrics(now);
    LOG.info("trainer input ended: {} events applied, model '{}' at {}", applied.count(), settings.modelId(),
        new ModelVersion(epoch, version));
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    byte[] model = ModelStateCodec.encode(network);
    TrainerState state = new TrainerState(epoch, version, model, pending, evaluator, guard, applied.count(),
        applied.digest(), refusedEvents, rolledBackEvents);
    // Raw operator state, written here in bulk: Flink 2.2 writes managed operator state one byte at a time through
    // its (compressing) stream, which cost a core for about 0.2 s per checkpoint, and deep-copies a list state
    // synchronously first. The bytes are the same; restoring reads them in bulk too.
    OperatorStateCheckpointOutputStream out = context.getRawOperatorStateOutput();
    out.startNewPartition();
    TrainerState.writeRaw(out, state.encodeWithoutModel(), model);
    modelsAwaitingCommit.put(context.getCheckpointId(), new CheckpointedModel(new ModelVersion(epoch, version), model));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    CheckpointedModel model = modelsAwaitingCommit.get(checkpointId);
    modelsAwaitingCommit.headMap(checkpointId, true).clear();
    if (model == null) {
      return;
    }
    lastGoodModel = model.state();
    if (files != null) {
      fileWriter.execute(() -> writeModelFile(model, checkpointId));
    }
  }

  private void writeModelFile(CheckpointedModel model, long checkpointId) {
    try {
      files.write(model.version(), checkpointId, model.state());
    } catch (IOException | RuntimeException e) {
      if (fileWriteFailures.getAndIncrement() == 0) {
        LOG.warn("could not write the model file of checkpoint {} to {}: {} (failures are counted in the"
            + " modelFileWriteFailures metric; only the first is logged)", checkpointId, settings.snapshotDirectory(),
            e.toString());
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (fileWriter != null) {
      fileWriter.shutdown();
      if (!fileWriter.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("model file writer did not finish within a minute; the last model file may be missing");
      }
    }
    super.close();
  }

  /** Events applied so far and their digest (tests, operators' dashboards). */
  public AppliedEvents applied() {
    return applied;
  }

  /** The live network (tests). */
  public Network network() {
    return network;
  }

  /** The version of the last published snapshot. */
  public ModelVersion lastVersion() {
    return new ModelVersion(epoch, version);
  }

  /** The model state taken at a checkpoint, written as a file once that checkpoint completes. */
  private record CheckpointedModel(ModelVersion version, byte[] state) {}
}

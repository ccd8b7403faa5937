package io.streamnet.jobs.train;

import io.streamnet.jobs.flink.ModelPartSerializer;
import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.Task;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.DriftMonitor;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.online.StreamExample;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.TrainingMetrics;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.state.OperatorStateCheckpointOutputStream;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online learner of a task: forms minibatches of examples, lets the task's {@link OnlineLearner} score each batch
 * with the model as it was before the batch (prequential evaluation) and train on it, under a
 * {@link DivergenceGuard}; watches the loss of applied batches for drift ({@link DriftMonitor}: on a drift a
 * {@link TrainingMetrics} record with {@code driftDetected} goes out at once); publishes versions
 * ({@link SnapshotPublisher}): {@link ModelSnapshot}s as its main output, {@link ModelPart}s for the scorer on
 * {@link #MODEL_PARTS}, and {@link TrainingMetrics} on {@link #METRICS}.
 *
 * <p>Exactly once: the model, the learner's state, the drift monitor, the events waiting for the next batch and the
 * accounting of applied events are operator state, part of every checkpoint; the source's offsets are in the same
 * checkpoint, so after a failure every event is applied exactly once (and every drift found once). With {@code
 * maxWaitMillis = 0} batches form by count only, and a recovery produces bit-identical weights to an uninterrupted run;
 * with a maximum wait, batch boundaries depend on timing but every event is still applied exactly once.
 *
 * <p>Versions: {@code (epoch, version)} grows strictly. Each start (and each restore) opens a new epoch above the
 * checkpointed one and above the newest published version, so versions published after the checkpoint and then
 * discarded by the failure are never reused. On each completed checkpoint the model as of that checkpoint becomes
 * the rollback target and is written as a file ({@link ModelFileWriter}).
 *
 * <p>One replica of the shared-model design (docs/ARCHITECTURE.md); the job runs it with parallelism 1.
 */
public final class TrainerOperator<E extends StreamExample> extends AbstractStreamOperator<ModelSnapshot>
    implements OneInputStreamOperator<E, ModelSnapshot>, BoundedOneInput, TrainerMetrics.Trainer {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TrainerOperator.class);

  /** Each published version in parts for the scorer (ModelPart.MAX_PART_BYTES each), in order. */
  public static final OutputTag<ModelPart> MODEL_PARTS = new OutputTag<>("model-parts", ModelPartSerializer.TYPE);

  /** TrainingMetrics records, every metrics interval. */
  public static final OutputTag<TrainingMetrics> METRICS =
      new OutputTag<>("training-metrics", new AvroTypeInfo<>(TrainingMetrics.class));

  static final String LEGACY_STATE_NAME = "streamnet-trainer-state";

  private final TrainerSettings settings;
  private final Task<?, E, ?, ?, ?> task;

  private transient OnlineLearner<E> learner;
  private transient List<E> pending;
  private transient DivergenceGuard guard;
  private transient DriftMonitor drift;
  private transient AppliedEvents applied;
  private transient long refusedEvents;
  private transient long rolledBackEvents;
  private transient SnapshotPublisher publisher;
  private transient LearnedEvents learned;
  private transient int stepsSinceSnapshot;
  private transient long lastSnapshotAt;
  private transient long pendingSince;
  private transient byte[] lastGoodModel;
  private transient ModelFileWriter files;
  private transient TrainerMetrics metrics;
  private transient boolean refusalLogged;

  @SuppressWarnings("unchecked")
  public TrainerOperator(TrainerSettings settings) {
    this.settings = settings;
    this.task = (Task<?, E, ?, ?, ?>) settings.task();
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    TrainerState<E> restored = null;
    for (StatePartitionStreamProvider partition : context.getRawOperatorStateInputs()) {
      if (restored != null) {
        throw new IllegalStateException("trainer state: more than one raw state partition (parallelism is 1)");
      }
      try (InputStream in = partition.getStream()) {
        restored = TrainerState.readRaw(in, task, settings.guard(), settings.drift());
      }
    }
    // Checkpoints before the raw state kept the trainer in this list state; read them, write raw from now on.
    ListState<byte[]> legacy = context.getOperatorStateStore().getListState(
        new ListStateDescriptor<>(LEGACY_STATE_NAME, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    if (restored == null && context.isRestored()) {
      List<byte[]> parts = new ArrayList<>();
      legacy.get().forEach(parts::add);
      if (parts.size() == 2) {
        restored = TrainerState.decode(parts.get(0), parts.get(1), task, settings.guard(), settings.drift());
      } else if (!parts.isEmpty()) {
        throw new IllegalStateException("trainer state: expected 2 parts (state, model), found " + parts.size());
      }
    }
    legacy.clear();
    long stateEpoch = 0;
    long stateVersion = 0;
    applied = new AppliedEvents();
    if (restored != null) {
      learner = restored.learner();
      pending = new ArrayList<>(restored.pending());
      guard = restored.guard();
      drift = restored.drift();
      applied.restore(restored.appliedCount(), restored.appliedDigest());
      refusedEvents = restored.refusedEvents();
      rolledBackEvents = restored.rolledBackEvents();
      stateEpoch = restored.epoch();
      stateVersion = restored.version();
      lastGoodModel = restored.model();
    } else {
      learner = task.newLearner(settings.initialModel().modelState(task));
      pending = new ArrayList<>(settings.batchSize());
      guard = new DivergenceGuard(settings.guard());
      drift = new DriftMonitor(settings.drift());
      lastGoodModel = learner.encodeModel();
    }
    int attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
    ModelVersion published = settings.publishedVersions().latest().orElse(new ModelVersion(0, 0));
    long epoch = Math.max(stateEpoch + 1 + attempt, published.epoch() + 1);
    long version = Math.max(stateVersion, published.version());
    publisher = new SnapshotPublisher(settings.modelId(), task.descriptor(), settings.fullEvery(), learner.content(),
        epoch, version);
    LOG.info("trainer of {} model '{}' starts epoch {} at version {} ({}; {} events applied so far, {} waiting)",
        task.name(), settings.modelId(), epoch, version, restored != null ? "restored from a checkpoint" : "new state",
        applied.count(), pending.size());
  }

  @Override
  public void open() throws Exception {
    super.open();
    learned = new LearnedEvents(settings.batchSize());
    files = new ModelFileWriter(settings.snapshotDirectory(), settings.snapshotRetain());
    long now = getProcessingTimeService().getCurrentProcessingTime();
    lastSnapshotAt = now;
    pendingSince = now;
    metrics = new TrainerMetrics(settings.modelId(), getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), now);
    metrics.register(getMetricGroup().addGroup("streamnet").addGroup("trainer"), learner, guard, this);
    // A restored or warm-started model is served at once: the scorer starts from it, not from nothing.
    if (learner.steps() > 0) {
      publishSnapshot(now, false);
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
  public void processElement(StreamRecord<E> element) {
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
      publishSnapshot(now, false);
    }
    if (metrics.due(now, settings.metricsIntervalMillis())) {
      emitMetrics(now, false);
    }
  }

  private void emitMetrics(long now, boolean driftDetected) {
    output.collect(METRICS, new StreamRecord<>(metrics.emit(now, learner, guard, this, driftDetected), now));
  }

  /** One test-then-train step on the waiting events. */
  private void trainPending() {
    int n = pending.size();
    if (n == 0) {
      return;
    }
    TrainResult result = learner.step(pending, guard.ceiling());
    DivergenceGuard.Verdict verdict = guard.record(result);
    metrics.batch(n, verdict == DivergenceGuard.Verdict.APPLIED, result.loss());
    if (verdict == DivergenceGuard.Verdict.APPLIED) {
      for (E e : pending) {
        applied.add(e.id());
        learned.add(e.ingestedAtMillis());
      }
      stepsSinceSnapshot++;
      if (drift.record(learner, result)) {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        LOG.info("trainer of model '{}' found drift #{}: the prequential loss rose (window mean now {}), {} events"
            + " evaluated", settings.modelId(), drift.drifts(), drift.windowLoss(), learner.evaluated());
        emitMetrics(now, true);
      }
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
        publishSnapshot(now, false);
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

  /** Back to the model of the last completed checkpoint (or the start): the recent updates made it diverge. */
  private void rollBack() {
    long before = learner.trainedExamples();
    learner.restoreModel(lastGoodModel);
    long since = before - learner.trainedExamples();
    publisher.track(learner.content());
    rolledBackEvents += Math.max(0, since);
    stepsSinceSnapshot = Math.max(stepsSinceSnapshot, 1); // publish the rolled-back model
    LOG.warn("trainer rolled back model '{}' to its last good state after {} refused batches in a row"
        + " (discarding the updates of {} events since; rollback #{})", settings.modelId(),
        settings.guard().rollbackAfter(), since, guard.rollbacks());
  }

  private void publishSnapshot(long now, boolean forceFull) {
    Map<String, Double> m = new HashMap<>();
    applied.putInto(m);
    m.put("steps", (double) learner.steps());
    m.putAll(learner.metrics());
    m.put("loss_avg", guard.averageLoss());
    m.values().removeIf(d -> d.isNaN());
    double[] quantiles = learned.takeQuantiles();
    LearnedEvents.putInto(m, quantiles);
    SnapshotPublisher.Published published = publisher.publish(now, forceFull, m, quantiles);
    stepsSinceSnapshot = 0;
    lastSnapshotAt = now;
    // the scorer first: it serves the version as soon as the parts are through; the topic's record follows
    for (ModelPart part : published.parts()) {
      output.collect(MODEL_PARTS, new StreamRecord<>(part, now));
    }
    output.collect(new StreamRecord<>(published.snapshot(), now));
  }

  @Override
  public void endInput() {
    trainPending();
    long now = getProcessingTimeService().getCurrentProcessingTime();
    // The last model of a bounded input goes out whole: readers need nothing else to have the final weights.
    publishSnapshot(now, true);
    emitMetrics(now, false);
    LOG.info("trainer input ended: {} events applied, model '{}' at {}", applied.count(), settings.modelId(),
        publisher.lastVersion());
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    byte[] model = learner.encodeModel();
    TrainerState<E> state = new TrainerState<>(publisher.epoch(), publisher.version(), model, pending, learner, guard,
        applied.count(), applied.digest(), refusedEvents, rolledBackEvents, drift);
    // Raw operator state, written here in bulk: Flink 2.2 writes managed operator state one byte at a time through
    // its (compressing) stream, which cost a core for about 0.2 s per checkpoint, and deep-copies a list state
    // synchronously first. The bytes are the same; restoring reads them in bulk too.
    OperatorStateCheckpointOutputStream out = context.getRawOperatorStateOutput();
    out.startNewPartition();
    TrainerState.writeRaw(out, state.encodeWithoutModel(task), model);
    files.taken(context.getCheckpointId(), publisher.lastVersion(), model);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    super.notifyCheckpointComplete(checkpointId);
    ModelFileWriter.CheckpointedModel model = files.completed(checkpointId);
    if (model != null) {
      lastGoodModel = model.state();
    }
  }

  @Override
  public void close() throws Exception {
    if (files != null) {
      files.close();
    }
    super.close();
  }

  /** Events applied so far and their digest (tests, operators' dashboards). */
  @Override
  public AppliedEvents applied() {
    return applied;
  }

  /** The live learner (tests). */
  public OnlineLearner<E> learner() {
    return learner;
  }

  /** The version of the last published snapshot. */
  public ModelVersion lastVersion() {
    return publisher.lastVersion();
  }

  @Override
  public long refusedEvents() {
    return refusedEvents;
  }

  @Override
  public long rolledBackEvents() {
    return rolledBackEvents;
  }

  @Override
  public int pendingEvents() {
    return pending.size();
  }

  @Override
  public long modelFileWriteFailures() {
    return files == null ? 0 : files.failures();
  }

  @Override
  public DriftMonitor drift() {
    return drift;
  }

  @Override
  public SnapshotPublisher publisher() {
    return publisher;
  }
}

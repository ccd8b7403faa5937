package io.streamnet.edge.model;

import io.streamnet.connect.sign.SigningKey;
import io.streamnet.connect.sign.SnapshotSignature;
import io.streamnet.connect.validate.ModelSnapshotValidator;
import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.jobs.task.Task;
import io.streamnet.jobs.task.Tasks;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newest version of one model, followed from its snapshots. FULL snapshots replace every value; a DELTA is
 * applied on its base FULL version (deltas are cumulative against it, so the latest delta after its FULL gives the
 * exact model). Two scoring copies alternate: the next version is written into the copy nobody scores with and then
 * published in one reference swap, so scoring never waits for a swap and every answer comes from one version. A
 * version not newer than the served one is ignored: the served version never goes back.
 *
 * <p>{@link #accept} is called by one thread (the global store's); {@link #acquire} by any number of scoring threads.
 */
public final class LiveModel {
  private static final Logger LOG = LoggerFactory.getLogger(LiveModel.class);
  private static final ModelSnapshotValidator VALIDATOR = new ModelSnapshotValidator();

  private final String modelId;
  private final String taskName;
  private final Map<String, SigningKey> keys;
  private final AtomicReference<ServedModel> served = new AtomicReference<>();
  private final ModelCopy[] copies = new ModelCopy[2];
  private final Map<SnapshotOutcome, AtomicLong> outcomes = new EnumMap<>(SnapshotOutcome.class);
  private final FollowLags followLags = new FollowLags();
  private volatile ModelVersion newestSeen;
  private volatile long newestSeenCreatedAt;

  // The FULL version the served one is (or is a delta against), to rebuild the other copy from.
  private ModelVersion fullVersion;
  private byte[] fullPayload;
  private ModelDescriptor fullDescriptor;
  private Task<?, ?, ?, ?, ?> fullTask;
  /** The newest delta whose base FULL has not been read yet. */
  private ModelSnapshot awaitingBase;
  /** When the snapshot being taken was read: a version is served once applied, up to a second later (a cold FULL). */
  private long acceptedAtNanos;

  /**
   * @param modelId  the model followed
   * @param taskName the task its snapshots must be of (the requests this application decodes for it)
   * @param keys     the keys a snapshot must be signed with (by key id); empty: signatures are not checked
   */
  public LiveModel(String modelId, String taskName, Map<String, SigningKey> keys) {
    this.modelId = modelId;
    this.taskName = taskName;
    this.keys = Map.copyOf(keys);
    for (SnapshotOutcome o : SnapshotOutcome.values()) {
      outcomes.put(o, new AtomicLong());
    }
  }

  public String modelId() {
    return modelId;
  }

  public String taskName() {
    return taskName;
  }

  /**
   * The served version for one answer, or null before the first; the caller must {@link ServedModel#release()} it.
   * Never blocks.
   */
  public ServedModel acquire() {
    while (true) {
      ServedModel s = served.get();
      if (s == null) {
        return null;
      }
      s.copy().readers.incrementAndGet();
      if (served.get() == s) {
        return s;
      }
      s.copy().readers.decrementAndGet(); // swapped meanwhile: its copy may be written now, take the new one
    }
  }

  /** The served version without reading it (for reports); null before the first. */
  public ServedModel current() {
    return served.get();
  }

  /** The newest version read from the topic, served or not; null before any. */
  public ModelVersion newestSeen() {
    return newestSeen;
  }

  /** When the trainer took the newest version read from the topic. */
  public long newestSeenCreatedAt() {
    return newestSeenCreatedAt;
  }

  /** From the trainer taking each recent version to this store serving it. */
  public FollowLags followLags() {
    return followLags;
  }

  /** How many snapshots had each outcome. */
  public long count(SnapshotOutcome outcome) {
    return outcomes.get(outcome).get();
  }

  /** Takes one snapshot of this model (see {@link SnapshotOutcome}). */
  public SnapshotOutcome accept(ModelSnapshot s, long nowMillis) {
    acceptedAtNanos = System.nanoTime();
    SnapshotOutcome o = apply(s, nowMillis);
    outcomes.get(o).incrementAndGet();
    return o;
  }

  private SnapshotOutcome apply(ModelSnapshot s, long nowMillis) {
    byte[] payload = bytes(s.getParameters());
    String sha = SnapshotPayload.sha256Hex(payload);
    String at = "(" + s.getEpoch() + ", " + s.getVersion() + ")";
    if (!sha.equals(s.getSha256())) {
      LOG.warn("refused snapshot {} of model '{}': its parameters hash to {}, the record says {}", at, modelId, sha,
          s.getSha256());
      return SnapshotOutcome.REFUSED_CHECKSUM;
    }
    if (!keys.isEmpty()) {
      SnapshotSignature.Verdict verdict = SnapshotSignature.verify(s, keys);
      if (verdict != SnapshotSignature.Verdict.VALID) {
        LOG.warn("refused snapshot {} of model '{}': signature {} (key id {}; this reader holds {})", at, modelId,
            verdict, SnapshotSignature.keyId(s), keys.keySet());
        return SnapshotOutcome.REFUSED_SIGNATURE;
      }
    }
    List<String> violations = VALIDATOR.violations(s);
    if (!violations.isEmpty()) {
      LOG.warn("refused snapshot {} of model '{}': {}", at, modelId, String.join("; ", violations));
      return SnapshotOutcome.REFUSED_INVALID;
    }
    ModelVersion v = new ModelVersion(s.getEpoch(), s.getVersion());
    if (newestSeen == null || v.isAfter(newestSeen)) {
      newestSeen = v;
      newestSeenCreatedAt = s.getCreatedAt().toEpochMilli();
    }
    ServedModel current = served.get();
    if (current != null && !v.isAfter(current.version())) {
      return SnapshotOutcome.STALE;
    }
    try {
      return s.getKind() == SnapshotKind.FULL ? applyFull(s, v, payload, nowMillis) : applyDelta(s, v, payload,
          nowMillis);
    } catch (IllegalArgumentException e) {
      LOG.warn("refused snapshot {} of model '{}': {}", v, modelId, e.getMessage());
      return SnapshotOutcome.REFUSED_INVALID;
    }
  }

  private SnapshotOutcome applyFull(ModelSnapshot s, ModelVersion v, byte[] payload, long nowMillis) {
    if (!taskName.equals(s.getTask())) {
      throw new IllegalArgumentException("it is a '" + s.getTask() + "' model, this application serves model '"
          + modelId + "' as task '" + taskName + "'");
    }
    ModelDescriptor d = new ModelDescriptor(s.getTask(), s.getTaskSpec() == null ? "{}" : s.getTaskSpec(),
        s.getNetworkSpec());
    Task<?, ?, ?, ?, ?> task = Tasks.serving(d);
    ModelCopy copy = writableCopy(task, d);
    SnapshotPayload.apply(payload, copy.model);
    copy.full = v;
    fullVersion = v;
    fullPayload = payload;
    fullDescriptor = d;
    fullTask = task;
    publish(new ServedModel(modelId, v, d, task, copy, s.getCreatedAt().toEpochMilli(),
        servedAt(nowMillis)));
    ModelSnapshot waiting = awaitingBase;
    if (waiting != null) {
      awaitingBase = null;
      if (v.equals(new ModelVersion(waiting.getBaseEpoch(), waiting.getBaseVersion()))) {
        accept(waiting, nowMillis);
      }
    }
    return SnapshotOutcome.SERVED;
  }

  private SnapshotOutcome applyDelta(ModelSnapshot s, ModelVersion v, byte[] payload, long nowMillis) {
    if (s.getBaseEpoch() == null || s.getBaseVersion() == null) {
      throw new IllegalArgumentException("a DELTA snapshot without its base version");
    }
    ModelVersion base = new ModelVersion(s.getBaseEpoch(), s.getBaseVersion());
    if (!base.equals(fullVersion)) {
      if (fullVersion != null && !base.isAfter(fullVersion)) {
        return SnapshotOutcome.STALE; // against a FULL older than the one served
      }
      if (awaitingBase == null || v.isAfter(new ModelVersion(awaitingBase.getEpoch(), awaitingBase.getVersion()))) {
        awaitingBase = s;
      }
      return SnapshotOutcome.AWAITING_BASE;
    }
    ModelCopy copy = writableCopy(fullTask, fullDescriptor);
    if (!fullVersion.equals(copy.full)) {
      SnapshotPayload.apply(fullPayload, copy.model);
      copy.full = fullVersion;
    }
    SnapshotPayload.apply(payload, copy.model);
    publish(new ServedModel(modelId, v, fullDescriptor, fullTask, copy, s.getCreatedAt().toEpochMilli(),
        servedAt(nowMillis)));
    return SnapshotOutcome.SERVED;
  }

  /**
   * The copy not served, once no scoring thread reads it any more (a reader holds it for one answer); a new copy when
   * the spec changed.
   */
  private ModelCopy writableCopy(Task<?, ?, ?, ?, ?> task, ModelDescriptor d) {
    ServedModel current = served.get();
    int slot = current != null && copies[0] == current.copy() ? 1 : 0;
    ModelCopy copy = copies[slot];
    if (copy == null || !copy.model.modelSpecJson().equals(d.modelSpecJson())) {
      copy = new ModelCopy(task.newServingModel(d.modelSpecJson()));
      copies[slot] = copy;
      return copy;
    }
    while (copy.readers.get() != 0) {
      LockSupport.parkNanos(50_000);
    }
    return copy;
  }

  /** Now on the caller's clock, {@code readAtMillis} being when the snapshot was read. */
  private long servedAt(long readAtMillis) {
    return readAtMillis + (System.nanoTime() - acceptedAtNanos) / 1_000_000;
  }

  private void publish(ServedModel next) {
    ServedModel previous = served.getAndSet(next);
    followLags.record(next.appliedAtMillis() - next.createdAtMillis());
    if (previous == null || !previous.descriptor().equals(next.descriptor())) {
      LOG.info("serving model '{}' {} (task {})", modelId, next.version(), next.descriptor().task());
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    ByteBuffer d = b.duplicate();
    byte[] out = new byte[d.remaining()];
    d.get(out);
    return out;
  }
}

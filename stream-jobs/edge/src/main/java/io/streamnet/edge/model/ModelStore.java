package io.streamnet.edge.model;

import io.streamnet.connect.serde.EventDecoder;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.connect.serde.RegistryOutageHold;
import io.streamnet.connect.sign.SigningKey;
import io.streamnet.schema.ModelSnapshot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;

/**
 * The global store of the edge scorer: the newest version of every served model ({@link LiveModel}), built from the
 * snapshots topic. Every application instance holds all of it (a Kafka Streams global store), in memory: on start it
 * is rebuilt from the compacted topic, whose last FULL and last DELTA of each model give the newest version.
 *
 * <p>Written by the global stream thread only (the {@link ModelStoreUpdater}, or the restore callback on start);
 * read by the scoring threads through {@link #model}.
 */
public final class ModelStore implements StateStore {
  /** The store's name in the topology. */
  public static final String NAME = "streamnet-edge-models";

  private final Map<String, LiveModel> models = new LinkedHashMap<>();
  private final EventDecoder<ModelSnapshot> decoder;
  private final RegistryOutageHold hold;
  private final AtomicLong undecodable = new AtomicLong();
  private final AtomicLong otherModels = new AtomicLong();
  private volatile boolean open;

  /**
   * @param tasksByModel the models served here and the task of each; snapshots of others are ignored (counted)
   * @param decoder      decodes the topic's records (Confluent wire format through the schema registry); checking
   *                     a snapshot is the {@link LiveModel}'s, so that a refusal is counted for its model
   * @param hold         how a registry outage is waited out (a snapshot is never dropped for one)
   * @param keys         the keys snapshots must be signed with, by key id; empty: signatures are not checked
   */
  public ModelStore(Map<String, String> tasksByModel, EventDecoder<ModelSnapshot> decoder, RegistryOutageHold hold,
                    Map<String, SigningKey> keys) {
    tasksByModel.forEach((id, task) -> models.put(id, new LiveModel(id, task, keys)));
    this.decoder = decoder;
    this.hold = hold;
  }

  /** The served model {@code modelId}; null for a model not served here. */
  public LiveModel model(String modelId) {
    return models.get(modelId);
  }

  public Collection<LiveModel> models() {
    return models.values();
  }

  /** Records of the snapshots topic that did not decode or failed validation. */
  public long undecodable() {
    return undecodable.get();
  }

  /** Snapshots of models not served here. */
  public long otherModels() {
    return otherModels.get();
  }

  /** Takes one record of the snapshots topic. */
  public SnapshotOutcome accept(RawRecord record, long nowMillis) {
    DecodeOutcome<ModelSnapshot> decoded = hold.decode(decoder, record);
    if (!decoded.isValid()) {
      undecodable.incrementAndGet(); // the decoder logs the first of each reason
      return SnapshotOutcome.REFUSED_INVALID;
    }
    ModelSnapshot s = decoded.record();
    LiveModel m = models.get(s.getModelId());
    if (m == null) {
      otherModels.incrementAndGet();
      return SnapshotOutcome.NOT_SERVED_HERE;
    }
    return m.accept(s, nowMillis);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    // Kafka Streams restores a global store through its processor; a plain restore would hand raw records here.
    context.register(root, (key, value) -> {
      if (value != null) {
        accept(RawRecord.ofValue("model snapshots (restore)", value), System.currentTimeMillis());
      }
    });
    open = true;
  }

  @Override
  public void flush() {
    // in memory: nothing to write
  }

  @Override
  public void close() {
    open = false;
  }

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return open;
  }
}

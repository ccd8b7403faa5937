package io.streamnet.jobs.score;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.ServingModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import io.streamnet.jobs.flink.ModelPartSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scorer's model, received in parts ({@link ServingModels}) and mirrored in broadcast state: the parts of the
 * served FULL version (keys {@code full/i}), of the served delta ({@code delta/i}) and of the version being received
 * ({@code next/i}). A restored scorer replays them, so it serves the model it served before and completes a version
 * whose last parts were still in flight.
 */
final class ModelPartStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModelPartStore.class);

  /** Broadcast state of the parts; its name is part of the job's checkpoints. */
  static final MapStateDescriptor<String, ModelPart> STATE = new MapStateDescriptor<>(
      "streamnet-scorer-model-parts", Types.STRING, ModelPartSerializer.TYPE);

  private static final String FULL = "full/";
  private static final String DELTA = "delta/";
  private static final String NEXT = "next/";

  private final String modelId;
  private final ServingModels models;

  ModelPartStore(String modelId, Function<String, ServingModel> copies) {
    this.modelId = modelId;
    this.models = new ServingModels(copies);
  }

  /** Replays the parts in broadcast state: the served FULL version, its delta, then the version being received. */
  void restore(ReadOnlyBroadcastState<String, ModelPart> state) throws Exception {
    Map<String, TreeMap<Integer, ModelPart>> byRole = new HashMap<>();
    for (Map.Entry<String, ModelPart> e : state.immutableEntries()) {
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
      LOG.info("scorer restored model '{}' at {} from its state", modelId, models.served());
    }
  }

  /**
   * Applies a part of the model (parts of other models are ignored) and mirrors it in {@code state}.
   *
   * @return whether the part completed a version, which is now served
   */
  boolean accept(ModelPart part, BroadcastState<String, ModelPart> state) throws Exception {
    if (!modelId.equals(part.modelId())) {
      return false;
    }
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
        return true;
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
    return false;
  }

  ServingModels models() {
    return models;
  }

  /** Counts of parts not applied, by metric key. */
  Map<String, Double> counters() {
    Map<String, Double> m = new HashMap<>();
    m.put("stale_snapshots", (double) models.stale());
    m.put("orphan_deltas", (double) models.orphans());
    m.put("parts_out_of_sequence", (double) models.outOfSequence());
    m.put("apply_ms", models.takeMaxApplyMicros() / 1000.0); // longest part application in the interval
    return m;
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
}

package io.streamnet.jobs.score;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.jobs.task.ServingModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The scorer's two copies of the model (the task's {@link ServingModel}s). Requests are scored by the front copy, always one whole version; the parts
 * of the next version ({@link ModelPart}) are applied to the back copy as they arrive, and its last part swaps the
 * two. The back copy is one version behind the front, which is exact because deltas are cumulative against their
 * FULL version: applying delta k+1 to (full + delta k-1) gives (full + delta k+1). After a FULL version the back
 * copy first re-applies that version's parts ({@link #catchUp}, one part at a time between requests).
 *
 * <p>Parts of a version older than the one served are ignored (counted), so the served version never goes back; a
 * delta against another FULL version than the served one is ignored until the next FULL (counted). Not thread-safe.
 */
final class ServingModels {

  /** What {@link #accept} did with a part. */
  enum Outcome {
    /** Applied to the back copy; more parts of its version follow. */
    RECEIVING,
    /** Applied, and it was its version's last part: the version is now served. */
    COMPLETED,
    /** Part 0 of a version not newer than the one served: the version is ignored. */
    STALE,
    /** Part 0 of a delta against another FULL version than the served one: the version is ignored. */
    ORPHAN,
    /** A part out of sequence: the version being received is dropped, the back copy restored. */
    OUT_OF_SEQUENCE,
    /** A later part of a version that was ignored. */
    IGNORED
  }

  private final Function<String, ServingModel> copies;
  private ServingModel front;
  private ServingModel back;
  private ModelVersion served;
  private ModelVersion servedFull;
  private ModelVersion receiving;
  private ModelVersion ignoring;
  private List<ModelPart> fullParts = List.of();
  private List<ModelPart> deltaParts = List.of();
  private List<ModelPart> next = new ArrayList<>();
  /** Parts the back copy must apply before the next version's parts. */
  private final ArrayDeque<ModelPart> backlog = new ArrayDeque<>();
  private long stale;
  private long orphans;
  private long outOfSequence;
  private long maxApplyNanos;

  /** @param copies a new scoring copy of the model of a spec (the task's {@code newServingModel}) */
  ServingModels(Function<String, ServingModel> copies) {
    this.copies = copies;
  }

  /** Applies {@code part} (see {@link Outcome}). */
  Outcome accept(ModelPart part) {
    ModelVersion v = part.version();
    if (!v.equals(receiving)) {
      if (part.index() != 0) {
        if (v.equals(ignoring)) {
          return Outcome.IGNORED;
        }
        if (receiving != null) {
          return dropReceiving(v);
        }
        outOfSequence++; // a stray part, the back copy is untouched
        ignoring = v;
        return Outcome.OUT_OF_SEQUENCE;
      }
      if (receiving != null) {
        dropReceiving(null);
      }
      if (served != null && v.compareTo(served) <= 0) {
        stale++;
        ignoring = v;
        return Outcome.STALE;
      }
      if (!part.full() && !part.base().equals(servedFull)) {
        orphans++;
        ignoring = v;
        return Outcome.ORPHAN;
      }
      start(part);
    } else if (part.index() != next.size()) {
      return dropReceiving(v);
    }
    catchUp(Integer.MAX_VALUE);
    apply(part, back);
    next.add(part);
    if (!part.last()) {
      return Outcome.RECEIVING;
    }
    complete(part);
    return Outcome.COMPLETED;
  }

  private void start(ModelPart first) {
    receiving = first.version();
    if (first.full()) {
      if (back == null || !back.modelSpecJson().equals(first.networkSpec())) {
        back = copies.apply(first.networkSpec());
      }
      backlog.clear(); // a FULL version writes every value of the back copy
    }
  }

  private void complete(ModelPart last) {
    ServingModel swapped = front;
    front = back;
    back = swapped;
    served = receiving;
    receiving = null;
    if (last.full()) {
      servedFull = served;
      fullParts = List.copyOf(next);
      deltaParts = List.of();
      if (back == null || !back.modelSpecJson().equals(front.modelSpecJson())) {
        back = copies.apply(front.modelSpecJson());
      }
      backlog.addAll(fullParts);
    } else {
      deltaParts = List.copyOf(next);
    }
    next = new ArrayList<>();
  }

  /** Drops the version being received; the back copy is brought back to a served state by the backlog. */
  private Outcome dropReceiving(ModelVersion ignore) {
    outOfSequence++;
    ignoring = ignore;
    receiving = null;
    next = new ArrayList<>();
    backlog.clear();
    if (front == null) {
      back = null;
      return Outcome.OUT_OF_SEQUENCE;
    }
    if (!back.modelSpecJson().equals(front.modelSpecJson())) {
      back = copies.apply(front.modelSpecJson());
    }
    backlog.addAll(fullParts);
    backlog.addAll(deltaParts);
    return Outcome.OUT_OF_SEQUENCE;
  }

  /** Applies up to {@code parts} parts the back copy still owes; between requests, so no request waits for many. */
  void catchUp(int parts) {
    for (int i = 0; i < parts && !backlog.isEmpty(); i++) {
      apply(backlog.poll(), back);
    }
  }

  private void apply(ModelPart part, ServingModel copy) {
    long start = System.nanoTime();
    SnapshotPayload.apply(part.payload(), copy);
    maxApplyNanos = Math.max(maxApplyNanos, System.nanoTime() - start);
  }

  /** The copy requests are scored with; null before the first version. */
  ServingModel front() {
    return front;
  }

  /** The version served; null before the first. */
  ModelVersion served() {
    return served;
  }

  /** The FULL version the served one is, or is a delta against; null before the first. */
  ModelVersion servedFull() {
    return servedFull;
  }

  /** The served FULL version's parts, in order. */
  List<ModelPart> fullParts() {
    return fullParts;
  }

  /** The served delta's parts, in order (empty when a FULL version is served). */
  List<ModelPart> deltaParts() {
    return deltaParts;
  }

  /** Parts of the version being received, in order. */
  List<ModelPart> receivingParts() {
    return next;
  }

  /** Parts the back copy still owes. */
  int backlog() {
    return backlog.size();
  }

  long stale() {
    return stale;
  }

  long orphans() {
    return orphans;
  }

  long outOfSequence() {
    return outOfSequence;
  }

  /** The longest single part application since the last call, in microseconds; resets it. */
  long takeMaxApplyMicros() {
    long m = maxApplyNanos / 1000;
    maxApplyNanos = 0;
    return m;
  }
}

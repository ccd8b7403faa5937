package io.streamnet.jobs.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * One labeled event, featurized: what flows from the featurizer to the trainer, carried by
 * {@link TrainingExampleSerializer}.
 */
public final class TrainingExample {
  /** The event's id (ReviewEvent.id): the unit of exactly-once accounting. */
  public String id;
  /** Hashed feature ids of the text (the network's sparse input). */
  public int[] ids;
  /** The target, 0 or 1. */
  public float label;
  /** When the event reached Kafka (record timestamp, epoch ms): the start of freshness. */
  public long ingestedAtMillis;

  public TrainingExample() {}

  public TrainingExample(String id, int[] ids, float label, long ingestedAtMillis) {
    this.id = id;
    this.ids = ids;
    this.label = label;
    this.ingestedAtMillis = ingestedAtMillis;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingExample e && Objects.equals(id, e.id) && Arrays.equals(ids, e.ids)
        && Float.compare(label, e.label) == 0 && ingestedAtMillis == e.ingestedAtMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(ids), label, ingestedAtMillis);
  }

  @Override
  public String toString() {
    return "TrainingExample{id=" + id + ", ids=" + (ids == null ? 0 : ids.length) + ", label=" + label + "}";
  }
}

package io.streamnet.jobs.feedback;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the scorer served for one recommendation request: the items, in rank order, shown to a user at the request's
 * event time. The {@link FeedbackJoiner} keeps it in keyed state until its window closes and then says, item by item,
 * whether the user engaged with it.
 *
 * <p>Immutable (the items are copied in and out), so Flink may share one object between operators and state
 * ({@link ImpressionSerializer#copy} returns it as it is).
 *
 * @param requestId       the request's caller-assigned id (RecoRequest.requestId); names the examples it yields
 * @param userId          the user recommended for: the joiner's key
 * @param itemIds         the recommended items, best first, each at most once (an example id is request and item)
 * @param eventTimeMillis the request's event time (RecoRequest.eventTime), epoch milliseconds: the window opens here
 */
public record Impression(String requestId, long userId, long[] itemIds, long eventTimeMillis) {

  public Impression {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(itemIds, "itemIds");
    itemIds = itemIds.clone();
    long[] sorted = itemIds.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException("impression " + requestId + " lists item " + sorted[i] + " twice");
      }
    }
  }

  /** A copy of the items in rank order. */
  @Override
  public long[] itemIds() {
    return itemIds.clone();
  }

  /** How many items were served. */
  public int size() {
    return itemIds.length;
  }

  /** The item at {@code rank} (0 is the best). */
  public long item(int rank) {
    return itemIds[rank];
  }

  /** The rank of {@code itemId}, or -1 if it was not served. */
  public int rankOf(long itemId) {
    for (int i = 0; i < itemIds.length; i++) {
      if (itemIds[i] == itemId) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Impression i && requestId.equals(i.requestId) && userId == i.userId
        && Arrays.equals(itemIds, i.itemIds) && eventTimeMillis == i.eventTimeMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, userId, Arrays.hashCode(itemIds), eventTimeMillis);
  }

  @Override
  public String toString() {
    return "Impression[" + requestId + " user " + userId + " at " + eventTimeMillis + ": " + Arrays.toString(itemIds)
        + "]";
  }
}

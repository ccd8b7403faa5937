package io.streamnet.jobs.feedback;

import java.util.Objects;

/**
 * The outcome of one served item: the user engaged with it within the impression's window (a positive) or did not (a
 * negative). The {@link FeedbackJoiner} decides each (impression, item) exactly once.
 *
 * @param requestId       the impression's request id
 * @param userId          the user it was served to
 * @param itemId          the item
 * @param rank            the item's position in the impression, 0 for the best: a negative far down the list is weak
 *                        evidence (the user may never have looked that far), which a learner may want to weigh
 * @param clicked         true: a positive; false: a negative
 * @param eventTimeMillis the impression's event time, epoch milliseconds: when the example counts, whatever its label
 * @param decidedAtMillis when the joiner decided it (processing time, epoch milliseconds): freshness counts from here
 */
public record FeedbackExample(String requestId, long userId, long itemId, int rank, boolean clicked,
                              long eventTimeMillis, long decidedAtMillis) {

  public FeedbackExample {
    Objects.requireNonNull(requestId, "requestId");
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0, got " + rank);
    }
  }

  /**
   * The example's stable id, {@code <requestId>#<itemId>}: the same whoever decides it and however often it is
   * replayed, so exactly-once accounting (count and digest of ids) counts it once.
   */
  public String id() {
    return id(requestId, itemId);
  }

  /** The id of the example of {@code itemId} in the impression of {@code requestId}. */
  static String id(String requestId, long itemId) {
    return requestId + "#" + itemId;
  }
}

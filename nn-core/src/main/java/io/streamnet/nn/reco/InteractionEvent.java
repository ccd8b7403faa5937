package io.streamnet.nn.reco;

/**
 * One user-item interaction, as {@code Interaction} on {@code reco.interactions}: an explicit rating, an implicit
 * click, or both.
 *
 * @param rating          the rating on the source's scale, or NaN when there is none
 * @param clicked         true for a click or view, false for an ignored impression, null when there is none
 * @param eventTimeMillis when it happened (epoch milliseconds)
 */
public record InteractionEvent(long userId, long itemId, float rating, Boolean clicked, long eventTimeMillis) {
    /** An explicit rating. */
    public static InteractionEvent rated(long userId, long itemId, float rating, long eventTimeMillis) {
        return new InteractionEvent(userId, itemId, rating, null, eventTimeMillis);
    }

    /** Implicit feedback. */
    public static InteractionEvent clicked(long userId, long itemId, boolean clicked, long eventTimeMillis) {
        return new InteractionEvent(userId, itemId, Float.NaN, clicked, eventTimeMillis);
    }

    public boolean hasRating() {
        return !Float.isNaN(rating);
    }

    /**
     * Whether this is a positive interaction, the kind the ranking learns to predict: a rating of at least
     * {@code positiveAt} when there is a rating (an explicit judgement outranks the click that came with it),
     * else a click.
     */
    public boolean isPositive(float positiveAt) {
        return hasRating() ? rating >= positiveAt : Boolean.TRUE.equals(clicked);
    }

    /**
     * Checks the event against the schema's rules and the rating scale.
     *
     * @param index the event's position in its batch, for the message
     * @throws InvalidEventException naming the field and the index
     */
    public void check(RatingScale scale, int index) {
        if (userId < 0) {
            throw new InvalidEventException(index, "userId", "must be non-negative, got " + userId);
        }
        if (itemId < 0) {
            throw new InvalidEventException(index, "itemId", "must be non-negative, got " + itemId);
        }
        if (Float.isInfinite(rating)) {
            throw new InvalidEventException(index, "rating", "must be finite, got " + rating);
        }
        if (hasRating() && !(rating >= scale.min() && rating <= scale.max())) {
            throw new InvalidEventException(index, "rating", "must be in [" + scale.min() + ", " + scale.max()
                    + "], got " + rating);
        }
        if (!hasRating() && clicked == null) {
            throw new InvalidEventException(index, "rating/clicked", "one of them must be present (rating is NaN and"
                    + " clicked is null)");
        }
    }
}

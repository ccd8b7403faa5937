package io.streamnet.nn.reco;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.SpecNode;

/**
 * The rating scale of a stream: the spec section {@code ratings:}. Ratings outside {@code [min, max]} are rejected,
 * predictions are clipped to it, and a rating of at least {@code positiveAt} is a positive interaction.
 */
public record RatingScale(float min, float max, float positiveAt) {
    public RatingScale {
        if (!(Float.isFinite(min) && Float.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("rating scale needs finite min < max, got [" + min + ", " + max + "]");
        }
        if (!(positiveAt >= min && positiveAt <= max)) {
            throw new IllegalArgumentException("positive_at " + positiveAt + " outside [" + min + ", " + max + "]");
        }
    }

    static RatingScale read(SpecNode n, RatingScale defaults) {
        float min = (float) n.real("min", defaults.min(), -1e9, 1e9);
        float max = (float) n.real("max", defaults.max(), -1e9, 1e9);
        float positiveAt = (float) n.real("positive_at", defaults.positiveAt(), -1e9, 1e9);
        n.finish();
        try {
            return new RatingScale(min, max, positiveAt);
        } catch (IllegalArgumentException e) {
            throw new SpecException(n.location(), e.getMessage());
        }
    }

    void write(ObjectNode o) {
        o.put("min", min).put("max", max).put("positive_at", positiveAt);
    }

    /** {@code r} clipped to the scale. */
    public float clip(double r) {
        return (float) Math.max(min, Math.min(max, r));
    }
}

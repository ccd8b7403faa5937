package io.streamnet.nn.reco;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.spec.SpecNode;

/**
 * What a {@link UserHistory} keeps: the spec section {@code history:}.
 *
 * @param length        recent items kept (the user tower's input), most recent first
 * @param positivesOnly whether only positive interactions enter the recent items ({@code items: positive}) or all
 *                      of them ({@code items: all}); the exclusion set always holds every interaction
 * @param maxInteracted items remembered as interacted with (excluded from rankings and negatives); beyond it the
 *                      oldest is forgotten, which bounds a heavy user's memory
 */
public record HistorySpec(int length, boolean positivesOnly, int maxInteracted) {
    public HistorySpec {
        if (length < 1) {
            throw new IllegalArgumentException("history length must be >= 1, got " + length);
        }
        if (maxInteracted < 1) {
            throw new IllegalArgumentException("max_interacted must be >= 1, got " + maxInteracted);
        }
    }

    static HistorySpec read(SpecNode n, HistorySpec defaults) {
        int length = n.integer("length", defaults.length(), 1, 1 << 12);
        String items = n.choice("items", defaults.positivesOnly() ? "positive" : "all", "all", "positive");
        int max = n.integer("max_interacted", defaults.maxInteracted(), 1, 1 << 24);
        n.finish();
        return new HistorySpec(length, items.equals("positive"), max);
    }

    void write(ObjectNode o) {
        o.put("length", length).put("items", positivesOnly ? "positive" : "all").put("max_interacted", maxInteracted);
    }
}

package io.streamnet.nn.reco;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.SpecNode;

/**
 * How an {@link IdVocabulary} gives ids their rows: a spec section such as {@code items:} or {@code users:}.
 *
 * @param capacity      table rows, row 0 (the shared row) included; memory is bounded by it
 * @param minCount      observations an id needs before it gets a row of its own (1: at first sight)
 * @param maxIdleEvents an id not observed for more than this many observations of the vocabulary loses its row
 *                      (0: never)
 * @param maxIdleMillis an id whose last observation is more than this far (event time) behind the latest one loses
 *                      its row (0: never)
 * @param maxCandidates ids still counting towards {@code minCount} that are remembered at once; beyond it the least
 *                      recently seen candidate is forgotten (0 when {@code minCount} is 1)
 */
public record VocabularySpec(int capacity, int minCount, long maxIdleEvents, long maxIdleMillis, int maxCandidates) {
    public VocabularySpec {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be >= 2 (row 0 is shared), got " + capacity);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("min_count must be >= 1, got " + minCount);
        }
        if (maxIdleEvents < 0 || maxIdleMillis < 0) {
            throw new IllegalArgumentException("max_idle_events and max_idle_ms must be >= 0 (0 = never)");
        }
        if (maxCandidates < 0 || (minCount > 1 && maxCandidates < 1)) {
            throw new IllegalArgumentException("max_candidates must be >= 1 when min_count > 1, got " + maxCandidates);
        }
    }

    /** Reads the section, taking absent keys from {@code defaults}. */
    static VocabularySpec read(SpecNode n, VocabularySpec defaults) {
        int capacity = n.integer("capacity", defaults.capacity(), 2, 1 << 28);
        int minCount = n.integer("min_count", defaults.minCount(), 1, 1 << 20);
        long idleEvents = n.longInteger("max_idle_events", defaults.maxIdleEvents(), 0, Long.MAX_VALUE);
        long idleMillis = n.longInteger("max_idle_ms", defaults.maxIdleMillis(), 0, Long.MAX_VALUE);
        int candidates = n.integer("max_candidates", minCount == 1 ? 0 : defaults.maxCandidates(), 0, 1 << 28);
        n.finish();
        if (minCount > 1 && candidates < 1) {
            throw new SpecException(n.location() + ".max_candidates", "must be >= 1 when min_count > 1");
        }
        return new VocabularySpec(capacity, minCount, idleEvents, idleMillis, candidates);
    }

    void write(ObjectNode o) {
        o.put("capacity", capacity).put("min_count", minCount).put("max_idle_events", maxIdleEvents)
                .put("max_idle_ms", maxIdleMillis).put("max_candidates", maxCandidates);
    }
}

package io.streamnet.nn.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A copy of a network's parameter values only (no gradients, optimizer slots or generator), e.g. for a scoring
 * snapshot. Immutable by convention: the arrays are copies that nothing else holds; do not modify them.
 */
public final class ParameterSnapshot {
    /** One parameter: its full name, shape and values. */
    public record Entry(String name, int rows, int cols, float[] values) {}

    private final List<Entry> entries;

    public ParameterSnapshot(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry named {@code name}, or null. */
    public Entry entry(String name) {
        for (Entry e : entries) if (e.name().equals(name)) return e;
        return null;
    }

    /** Total number of values. */
    public long size() {
        long n = 0;
        for (Entry e : entries) n += e.values().length;
        return n;
    }
}

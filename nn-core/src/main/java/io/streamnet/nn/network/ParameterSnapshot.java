package io.streamnet.nn.network;

import io.streamnet.nn.layer.Parameter;
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

    /** A copy of the values of {@code params}. */
    static ParameterSnapshot of(List<Parameter> params) {
        List<Entry> es = new ArrayList<>();
        for (Parameter p : params) {
            es.add(new Entry(p.name(), p.rows(), p.cols(), java.util.Arrays.copyOfRange(p.value(), p.offset(), p.offset() + p.size())));
        }
        return new ParameterSnapshot(es);
    }

    /**
     * Loads these values into {@code params}, whose names and shapes must match exactly.
     *
     * @throws IllegalArgumentException naming the layer, the parameter and both shapes on a mismatch (nothing is
     *                                  loaded then)
     */
    void loadInto(List<Parameter> params) {
        if (entries.size() != params.size()) {
            throw new IllegalArgumentException("snapshot holds " + entries.size() + " parameters, the network has "
                    + params.size() + " (" + params.stream().map(Parameter::name).toList() + ")");
        }
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            Entry e = entries.get(i);
            if (!e.name().equals(p.name()) || e.rows() != p.rows() || e.cols() != p.cols() || e.values().length != p.size()) {
                throw new IllegalArgumentException("layer '" + p.layer() + "': parameter '" + p.name() + "' has shape " + p.shapeString()
                        + " in the network, but the snapshot holds '" + e.name() + "' of shape [" + e.rows() + ", " + e.cols() + "]");
            }
        }
        for (int i = 0; i < params.size(); i++) {
            float[] src = entries.get(i).values();
            System.arraycopy(src, 0, params.get(i).value(), params.get(i).offset(), src.length);
        }
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

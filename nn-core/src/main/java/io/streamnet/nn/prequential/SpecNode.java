package io.streamnet.nn.prequential;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnet.nn.spec.SpecException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one object of a runner spec, with errors naming the key ({@link SpecException}, as the network spec does)
 * and rejecting keys it does not know, so that a typo never silently falls back to a default.
 */
final class SpecNode {
    private final JsonNode node;
    private final String location;
    private final Set<String> seen = new HashSet<>();

    private SpecNode(JsonNode node, String location) {
        this.node = node;
        this.location = location;
    }

    static SpecNode of(JsonNode node, String location) {
        if (node == null || !node.isObject()) {
            throw new SpecException(location, "must be an object (key: value pairs), got " + node);
        }
        return new SpecNode(node, location);
    }

    JsonNode get(String key) {
        seen.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    JsonNode required(String key) {
        JsonNode v = get(key);
        if (v == null) {
            throw new SpecException(location, "missing required key '" + key + "'");
        }
        return v;
    }

    String string(String key, String def) {
        JsonNode v = get(key);
        if (v == null) {
            return def;
        }
        if (!v.isTextual()) {
            throw new SpecException(location + "." + key, "must be a string, got " + v);
        }
        return v.asText();
    }

    boolean bool(String key, boolean def) {
        JsonNode v = get(key);
        if (v == null) {
            return def;
        }
        if (!v.isBoolean()) {
            throw new SpecException(location + "." + key, "must be true or false, got " + v);
        }
        return v.asBoolean();
    }

    /** An int in {@code [min, max]}; also accepts {@code "2^k"} for bucket counts. */
    int integer(String key, int def, int min, int max) {
        JsonNode v = get(key);
        long value;
        if (v == null) {
            value = def;
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.asLong();
        } else if (v.isTextual() && v.asText().trim().matches("2\\^\\d{1,2}")) {
            value = 1L << Integer.parseInt(v.asText().trim().substring(2));
        } else {
            throw new SpecException(location + "." + key, "must be an integer, got " + v);
        }
        if (value < min || value > max) {
            throw new SpecException(location + "." + key, "must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    /** Fails on any key not read so far. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!seen.contains(k)) {
                throw new SpecException(location, "unknown key '" + k + "' (known keys here: " + new TreeSet<>(seen) + ")");
            }
        }
    }
}

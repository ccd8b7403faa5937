package io.streamnet.nn.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one object of a runner or model spec, with errors naming the key ({@link SpecException}, as the network
 * spec does) and rejecting keys it does not know, so that a typo never silently falls back to a default.
 */
public final class SpecNode {
    private final JsonNode node;
    private final String location;
    private final Set<String> seen = new HashSet<>();

    private SpecNode(JsonNode node, String location) {
        this.node = node;
        this.location = location;
    }

    public static SpecNode of(JsonNode node, String location) {
        if (node == null || !node.isObject()) {
            throw new SpecException(location, "must be an object (key: value pairs), got " + node);
        }
        return new SpecNode(node, location);
    }

    /** Where this object is, as errors name it (e.g. {@code model.items}). */
    public String location() {
        return location;
    }

    /** The object under {@code key}, or an empty object (all defaults) when the key is absent. */
    public SpecNode child(String key) {
        JsonNode v = get(key);
        return of(v == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : v,
                location + "." + key);
    }

    public JsonNode get(String key) {
        seen.add(key);
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    public JsonNode required(String key) {
        JsonNode v = get(key);
        if (v == null) {
            throw new SpecException(location, "missing required key '" + key + "'");
        }
        return v;
    }

    public String string(String key, String def) {
        JsonNode v = get(key);
        if (v == null) {
            return def;
        }
        if (!v.isTextual()) {
            throw new SpecException(location + "." + key, "must be a string, got " + v);
        }
        return v.asText();
    }

    /** A string that must be one of {@code allowed}. */
    public String choice(String key, String def, String... allowed) {
        String v = string(key, def);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw new SpecException(location + "." + key, "must be one of " + String.join(", ", allowed) + ", got '"
                + v + "'");
    }

    public boolean bool(String key, boolean def) {
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
    public int integer(String key, int def, int min, int max) {
        return (int) longInteger(key, def, min, max);
    }

    /** A long in {@code [min, max]}; also accepts {@code "2^k"}. */
    public long longInteger(String key, long def, long min, long max) {
        JsonNode v = get(key);
        long value;
        if (v == null) {
            value = def;
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.asLong();
        } else if (v.isTextual() && v.asText().trim().matches("2\\^\\d{1,2}")) {
            int e = Integer.parseInt(v.asText().trim().substring(2));
            if (e > 62) {
                throw new SpecException(location + "." + key, "must be at most 2^62, got " + v.asText());
            }
            value = 1L << e;
        } else {
            throw new SpecException(location + "." + key, "must be an integer, got " + v);
        }
        if (value < min || value > max) {
            throw new SpecException(location + "." + key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** A finite number in {@code [min, max]}; YAML's {@code 1e-3} (read as text) is accepted as the number meant. */
    public double real(String key, double def, double min, double max) {
        JsonNode v = get(key);
        double value;
        if (v == null) {
            value = def;
        } else if (v.isNumber()) {
            value = v.asDouble();
        } else {
            try {
                value = v.isTextual() ? Double.parseDouble(v.asText().trim()) : Double.NaN;
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (Double.isNaN(value)) {
                throw new SpecException(location + "." + key, "must be a number, got " + v);
            }
        }
        if (!(value >= min && value <= max)) {
            throw new SpecException(location + "." + key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** Fails on any key not read so far. */
    public void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!seen.contains(k)) {
                throw new SpecException(location, "unknown key '" + k + "' (known keys here: " + new TreeSet<>(seen)
                        + ")");
            }
        }
    }
}

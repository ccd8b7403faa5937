package io.streamnet.nn.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a spec tree (from JSON or YAML) into a {@link NetworkSpec}: every key is checked (unknown keys are
 * errors, so a typo such as {@code unit:} is reported rather than ignored), every error names its location.
 */
final class SpecReader {
    private SpecReader() {}

    static NetworkSpec read(JsonNode root) {
        Obj top = Obj.of(root, "spec");
        String name = top.string("name", "");
        long seed = top.longValue("seed", 0L);
        List<InputSpec> inputs = new ArrayList<>();
        JsonNode ins = top.requiredArray("inputs");
        for (int i = 0; i < ins.size(); i++) inputs.add(readInput(ins.get(i), i));
        List<LayerSpec> layers = new ArrayList<>();
        JsonNode ls = top.requiredArray("layers");
        for (int i = 0; i < ls.size(); i++) layers.add(readLayer(ls.get(i), i));
        LossSpec loss = readLoss(top.required("loss"));
        OptimizerSpec opt = readOptimizer(top.required("optimizer"));
        TransferSpec transfer = readTransfer(top.get("transfer"));
        top.finish();
        return new NetworkSpec(name, seed, inputs, layers, loss, opt, transfer);
    }

    private static TransferSpec readTransfer(JsonNode node) {
        if (node == null) return null;
        Obj o = Obj.of(node, "transfer");
        String from = o.requiredString("from");
        if (from.isBlank()) throw new SpecException("transfer.from", "must be a model state file, got an empty name");
        List<String> layers = o.get("layers") == null ? List.of() : o.requiredStringList("layers");
        o.finish();
        return new TransferSpec(from, layers);
    }

    private static InputSpec readInput(JsonNode node, int i) {
        Obj o = Obj.of(node, "inputs[" + i + "]");
        String name = o.requiredString("name");
        o.loc = "inputs[" + i + "] '" + name + "'";
        String type = o.requiredString("type");
        InputSpec in = switch (type) {
            case "dense" -> new InputSpec(name, InputSpec.Type.DENSE, o.requiredInt("size"), o.integer("time", 0), 0, 0);
            case "sparse_ids" -> new InputSpec(name, InputSpec.Type.SPARSE_IDS, 0, 0, o.requiredInt("vocab"), 0);
            case "ids" -> new InputSpec(name, InputSpec.Type.IDS, 0, 0, o.requiredInt("vocab"), o.integer("width", 1));
            default -> throw new SpecException(o.loc + ".type", "unknown input type '" + type + "' (expected dense, sparse_ids, ids)");
        };
        o.finish();
        return in;
    }

    private static LayerSpec readLayer(JsonNode node, int i) {
        Obj o = Obj.of(node, "layers[" + i + "]");
        String type = o.requiredString("type");
        String name = o.string("name", type + "_" + i);
        o.loc = "layers[" + i + "] (" + type + " '" + name + "')";
        List<String> inputs = readInputs(o);
        LayerSpec l = switch (type) {
            case "dense" -> {
                String act = o.string("activation", "identity");
                if (!act.equals("leaky_relu") && o.get("slope") != null) {
                    throw new SpecException(o.loc + ".slope", "applies to activation leaky_relu only, not " + act);
                }
                JsonNode init = o.get("init");
                yield new LayerSpec.Dense(name, inputs, o.requiredInt("units"), act, o.number("slope", 0.01),
                        o.bool("bias", true), init == null ? null : readInit(init, o.loc + ".init"), o.bool("frozen", false));
            }
            case "embedding_bag" -> {
                JsonNode init = o.get("init");
                yield new LayerSpec.EmbeddingBag(name, inputs, o.requiredInt("dim"), o.string("mode", "mean"),
                        init == null ? null : readInit(init, o.loc + ".init"), o.bool("frozen", false));
            }
            case "embedding" -> {
                JsonNode init = o.get("init");
                yield new LayerSpec.Embedding(name, inputs, o.requiredInt("dim"),
                        init == null ? null : readInit(init, o.loc + ".init"), o.bool("frozen", false));
            }
            case "conv1d_max_pool" -> {
                JsonNode init = o.get("init");
                yield new LayerSpec.Conv1DMaxPool(name, inputs, o.requiredInt("filters"), o.requiredIntList("widths"),
                        o.string("activation", "relu"), o.bool("bias", true),
                        init == null ? null : readInit(init, o.loc + ".init"), o.bool("frozen", false));
            }
            case "gru", "lstm" -> {
                JsonNode init = o.get("init");
                yield new LayerSpec.Recurrent(name, inputs, type, o.requiredInt("units"), o.integer("truncate", 0),
                        o.string("output", "last"), init == null ? null : readInit(init, o.loc + ".init"),
                        o.bool("frozen", false));
            }
            case "concat" -> new LayerSpec.Concat(name, inputs);
            case "dropout" -> new LayerSpec.Dropout(name, inputs, o.requiredNumber("rate"));
            case "layer_norm" -> new LayerSpec.LayerNorm(name, inputs, o.number("eps", LayerSpec.LayerNorm.DEFAULT_EPS), o.bool("frozen", false));
            case "relu", "sigmoid", "tanh", "gelu" -> new LayerSpec.Activation(name, inputs, type, 0.01);
            case "leaky_relu" -> new LayerSpec.Activation(name, inputs, type, o.number("slope", 0.01));
            case "softmax" -> new LayerSpec.Softmax(name, inputs);
            default -> throw new SpecException(o.loc + ".type", "unknown layer type '" + type
                    + "' (expected dense, embedding_bag, embedding, conv1d_max_pool, gru, lstm, concat, dropout, layer_norm, relu,"
                    + " leaky_relu, sigmoid, tanh, gelu, softmax)");
        };
        o.finish();
        return l;
    }

    private static List<String> readInputs(Obj o) {
        JsonNode one = o.get("input");
        JsonNode many = o.get("inputs");
        if (one != null && many != null) throw new SpecException(o.loc, "give either 'input' or 'inputs', not both");
        if (one != null) {
            if (!one.isTextual()) throw new SpecException(o.loc + ".input", "must be a name, got " + one);
            return List.of(one.asText());
        }
        if (many != null) {
            if (!many.isArray()) throw new SpecException(o.loc + ".inputs", "must be a list of names, got " + many);
            List<String> names = new ArrayList<>();
            for (int k = 0; k < many.size(); k++) {
                JsonNode n = many.get(k);
                if (!n.isTextual()) throw new SpecException(o.loc + ".inputs[" + k + "]", "must be a name, got " + n);
                names.add(n.asText());
            }
            return names;
        }
        return List.of();
    }

    private static InitSpec readInit(JsonNode node, String loc) {
        if (node.isTextual()) return new InitSpec(node.asText(), node.asText().equals("normal") ? 0.1 : 0.0);
        Obj o = Obj.of(node, loc);
        String type = o.requiredString("type");
        InitSpec init = switch (type) {
            case "normal" -> new InitSpec(type, o.requiredNumber("std"));
            case "uniform" -> new InitSpec(type, o.requiredNumber("limit"));
            default -> new InitSpec(type, 0);
        };
        o.finish();
        return init;
    }

    private static LossSpec readLoss(JsonNode node) {
        if (node.isTextual()) return new LossSpec(node.asText());
        Obj o = Obj.of(node, "loss");
        LossSpec l = new LossSpec(o.requiredString("type"));
        o.finish();
        return l;
    }

    static OptimizerSpec readOptimizer(JsonNode node) {
        Obj o = Obj.of(node, "optimizer");
        String type = o.requiredString("type");
        if (!OptimizerSpec.isKnown(type)) {
            throw new SpecException("optimizer.type", "unknown optimizer '" + type + "' (expected sgd, adagrad, adam, adamw)");
        }
        Set<String> specific = OptimizerSpec.specificKeys(type);
        for (String k : List.of("momentum", "nesterov", "beta1", "beta2", "eps", "initial_accumulator")) {
            if (!specific.contains(k) && o.get(k) != null) {
                throw new SpecException("optimizer." + k, "is not a setting of " + type + " (its own settings: " + new TreeSet<>(specific) + ")");
            }
        }
        OptimizerSpec d = OptimizerSpec.defaults(type, 1.0);
        OptimizerSpec spec = new OptimizerSpec(type, o.requiredNumber("lr"), o.number("momentum", d.momentum()),
                o.bool("nesterov", d.nesterov()), o.number("beta1", d.beta1()), o.number("beta2", d.beta2()),
                o.number("eps", d.eps()), o.number("weight_decay", d.weightDecay()), o.number("clip_norm", d.clipNorm()),
                o.number("initial_accumulator", d.initialAccumulator()), o.string("schedule", d.schedule()),
                o.number("timescale", d.timescale()), o.longValue("warmup_steps", d.warmupSteps()),
                readGroups(o.get("groups"), o.requiredNumber("lr")));
        o.finish();
        return spec;
    }

    /** {@code groups: [{layers: [a, b], lr_scale: 0.1} | {layers: [c], lr: 0.01}]}; checked further by SpecValidator. */
    private static List<OptimizerSpec.Group> readGroups(JsonNode node, double baseLr) {
        if (node == null) return List.of();
        if (!node.isArray()) throw new SpecException("optimizer.groups", "must be a list of {layers: [...], lr_scale: X} or {layers: [...], lr: X}, got " + node);
        List<OptimizerSpec.Group> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Obj g = Obj.of(node.get(i), "optimizer.groups[" + i + "]");
            List<String> layers = g.requiredStringList("layers");
            boolean hasScale = g.get("lr_scale") != null;
            boolean hasLr = g.get("lr") != null;
            if (hasScale == hasLr) throw new SpecException(g.loc, "give exactly one of 'lr_scale' and 'lr'");
            double scale;
            if (hasScale) {
                scale = g.number("lr_scale", 1.0);
            } else {
                double lr = g.number("lr", 0.0);
                if (!(lr >= 0) || Double.isInfinite(lr)) throw new SpecException(g.loc + ".lr", "must be finite and >= 0, got " + lr);
                if (!(baseLr > 0)) throw new SpecException(g.loc + ".lr", "needs optimizer.lr > 0 (the group's rate is read as a scale of it), got " + baseLr);
                scale = lr / baseLr;
            }
            g.finish();
            out.add(new OptimizerSpec.Group(layers, scale));
        }
        return out;
    }

    /** A JSON object being read: remembers which keys were read so that the rest can be reported as unknown. */
    private static final class Obj {
        final JsonNode node;
        String loc;
        final Set<String> seen = new HashSet<>();

        private Obj(JsonNode node, String loc) {
            this.node = node;
            this.loc = loc;
        }

        static Obj of(JsonNode node, String loc) {
            if (node == null || !node.isObject()) throw new SpecException(loc, "must be an object (key: value pairs), got " + node);
            return new Obj(node, loc);
        }

        JsonNode get(String key) {
            seen.add(key);
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        JsonNode required(String key) {
            JsonNode v = get(key);
            if (v == null) throw new SpecException(loc, "missing required key '" + key + "'");
            return v;
        }

        JsonNode requiredArray(String key) {
            JsonNode v = required(key);
            if (!v.isArray()) throw new SpecException(loc + "." + key, "must be a list, got " + v);
            return v;
        }

        String string(String key, String def) {
            JsonNode v = get(key);
            if (v == null) return def;
            if (!v.isTextual()) throw new SpecException(loc + "." + key, "must be a string, got " + v);
            return v.asText();
        }

        String requiredString(String key) {
            required(key);
            return string(key, null);
        }

        double number(String key, double def) {
            JsonNode v = get(key);
            if (v == null) return def;
            if (v.isNumber()) return v.asDouble();
            if (v.isTextual()) {
                // YAML 1.1 reads "1e-3" (no dot) as a string; accept it as the number a user meant.
                try {
                    return Double.parseDouble(v.asText().trim());
                } catch (NumberFormatException e) {
                    // fall through to the error
                }
            }
            throw new SpecException(loc + "." + key, "must be a number, got " + v);
        }

        double requiredNumber(String key) {
            required(key);
            return number(key, 0);
        }

        long longValue(String key, long def) {
            JsonNode v = get(key);
            if (v == null) return def;
            if (v.isIntegralNumber() && v.canConvertToLong()) return v.asLong();
            if (v.isTextual()) {
                String t = v.asText().trim();
                Long p = parsePowerOfTwo(t);
                if (p != null) return p;
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    // fall through to the error
                }
            }
            if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()) && Math.abs(v.asDouble()) < 9e15) return (long) v.asDouble();
            throw new SpecException(loc + "." + key, "must be an integer, got " + v);
        }

        int integer(String key, int def) {
            long l = longValue(key, def);
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw new SpecException(loc + "." + key, "is out of range, got " + l);
            return (int) l;
        }

        int requiredInt(String key) {
            required(key);
            return integer(key, 0);
        }

        /** A non-empty list of integers (e.g. {@code widths: [3, 4, 5]}); a single integer is a list of one. */
        List<Integer> requiredIntList(String key) {
            JsonNode v = required(key);
            if (v.isIntegralNumber() && v.canConvertToInt()) return List.of(v.asInt());
            if (!v.isArray() || v.isEmpty()) throw new SpecException(loc + "." + key, "must be a non-empty list of integers, got " + v);
            List<Integer> out = new ArrayList<>();
            for (int k = 0; k < v.size(); k++) {
                JsonNode e = v.get(k);
                if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                    throw new SpecException(loc + "." + key + "[" + k + "]", "must be an integer, got " + e);
                }
                out.add(e.asInt());
            }
            return out;
        }

        /** A non-empty list of strings; a single string is a list of one. */
        List<String> requiredStringList(String key) {
            JsonNode v = required(key);
            if (v.isTextual()) return List.of(v.asText());
            if (!v.isArray() || v.isEmpty()) throw new SpecException(loc + "." + key, "must be a non-empty list of names, got " + v);
            List<String> out = new ArrayList<>();
            for (int k = 0; k < v.size(); k++) {
                JsonNode e = v.get(k);
                if (!e.isTextual()) throw new SpecException(loc + "." + key + "[" + k + "]", "must be a name, got " + e);
                out.add(e.asText());
            }
            return out;
        }

        boolean bool(String key, boolean def) {
            JsonNode v = get(key);
            if (v == null) return def;
            if (!v.isBoolean()) throw new SpecException(loc + "." + key, "must be true or false, got " + v);
            return v.asBoolean();
        }

        void finish() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!seen.contains(k)) {
                    throw new SpecException(loc, "unknown key '" + k + "' (known keys here: " + new TreeSet<>(seen) + ")");
                }
            }
        }

        /** "2^18" as 262144, so that bucket counts can be written the way they are thought of. */
        private static Long parsePowerOfTwo(String t) {
            if (!t.startsWith("2^")) return null;
            try {
                int e = Integer.parseInt(t.substring(2).trim());
                return e >= 0 && e < 63 ? 1L << e : null;
            } catch (NumberFormatException ex) {
                return null;
            }
        }
    }
}

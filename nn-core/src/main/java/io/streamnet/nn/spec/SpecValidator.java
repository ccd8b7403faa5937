package io.streamnet.nn.spec;

import io.streamnet.nn.tensor.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a {@link NetworkSpec} as a whole (values, names, wiring, shapes) and resolves it into a {@link SpecGraph}. */
final class SpecValidator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-/]+");

    private SpecValidator() {}

    static SpecGraph validate(NetworkSpec spec) {
        if (spec.inputs().isEmpty()) throw new SpecException("inputs", "at least one input is required");
        if (spec.layers().isEmpty()) throw new SpecException("layers", "at least one layer is required");
        Map<String, SpecGraph.Node> nodes = new LinkedHashMap<>();
        Map<String, String> where = new HashMap<>();
        for (int i = 0; i < spec.inputs().size(); i++) {
            InputSpec in = spec.inputs().get(i);
            String loc = "inputs[" + i + "] '" + in.name() + "'";
            checkName(loc, in.name(), where);
            SpecGraph.Node node = switch (in.type()) {
                case DENSE -> {
                    if (in.size() <= 0) throw new SpecException(loc, "size must be > 0, got " + in.size());
                    if (in.time() < 0) throw new SpecException(loc, "time must be >= 0, got " + in.time());
                    Shape s = in.time() == 0 ? Shape.vector(in.size()) : Shape.sequence(in.time(), in.size());
                    yield new SpecGraph.Node(in.name(), SpecGraph.Kind.DENSE, s, 0, 0);
                }
                case SPARSE_IDS -> {
                    if (in.vocab() <= 0) throw new SpecException(loc, "vocab must be > 0, got " + in.vocab());
                    yield new SpecGraph.Node(in.name(), SpecGraph.Kind.SPARSE_IDS, null, in.vocab(), 0);
                }
                case IDS -> {
                    if (in.vocab() <= 0) throw new SpecException(loc, "vocab must be > 0, got " + in.vocab());
                    if (in.width() <= 0) throw new SpecException(loc, "width must be > 0, got " + in.width());
                    yield new SpecGraph.Node(in.name(), SpecGraph.Kind.IDS, null, in.vocab(), in.width());
                }
            };
            nodes.put(in.name(), node);
            where.put(in.name(), loc);
        }

        List<List<String>> resolved = new ArrayList<>();
        Set<String> used = new HashSet<>();
        String previous = spec.inputs().size() == 1 ? spec.inputs().get(0).name() : null;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec l = spec.layers().get(i);
            String loc = location(i, l);
            checkName(loc, l.name(), where);
            List<String> ins = l.inputs();
            if (ins.isEmpty()) {
                if (previous == null) {
                    throw new SpecException(loc, "input is required (the network has several inputs: "
                            + String.join(", ", spec.inputs().stream().map(InputSpec::name).toList()) + ")");
                }
                ins = List.of(previous);
            }
            List<SpecGraph.Node> in = new ArrayList<>();
            for (String name : ins) {
                SpecGraph.Node n = nodes.get(name);
                if (n == null) {
                    throw new SpecException(loc, "input '" + name + "' is not a network input or an earlier layer");
                }
                in.add(n);
                used.add(name);
            }
            if (!(l instanceof LayerSpec.Concat) && in.size() != 1) {
                throw new SpecException(loc, "takes exactly one input, got " + in.size());
            }
            SpecGraph.Node out = outputOf(loc, l, in);
            nodes.put(l.name(), out);
            where.put(l.name(), loc);
            resolved.add(List.copyOf(ins));
            previous = l.name();
        }

        String output = previous;
        SpecGraph.Node outNode = nodes.get(output);
        if (outNode.shape().rank() != 1) {
            throw new SpecException(where.get(output), "the output layer must produce a vector per example, got shape " + outNode.shape());
        }
        checkLoss(spec.loss(), outNode);
        checkOptimizer(spec.optimizer());
        checkLayerRefs(spec);
        for (String name : nodes.keySet()) {
            if (!name.equals(output) && !used.contains(name)) {
                throw new SpecException(where.get(name), "is not used by any layer (every input and layer must lead to the output '" + output + "')");
            }
        }
        return new SpecGraph(List.copyOf(resolved), Map.copyOf(nodes), output);
    }

    static String location(int i, LayerSpec l) {
        return "layers[" + i + "] (" + l.type() + " '" + l.name() + "')";
    }

    private static void checkName(String loc, String name, Map<String, String> where) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new SpecException(loc, "name must be non-empty and use only letters, digits, '_', '-' or '/', got '" + name + "'");
        }
        if (where.containsKey(name)) throw new SpecException(loc, "name '" + name + "' is already used by " + where.get(name));
    }

    private static SpecGraph.Node dense(String loc, SpecGraph.Node in, String what) {
        if (in.kind() != SpecGraph.Kind.DENSE) {
            throw new SpecException(loc, what + " needs a dense input, but '" + in.name() + "' holds " + in.kind().name().toLowerCase()
                    + (in.kind() == SpecGraph.Kind.SPARSE_IDS ? " (use embedding_bag)" : " (use embedding)"));
        }
        return in;
    }

    /** The shape of a sequence input, or an error saying how to get one. */
    private static Shape sequence(String loc, SpecGraph.Node in, String what) {
        Shape s = dense(loc, in, what).shape();
        if (s.rank() != 2) {
            throw new SpecException(loc, what + " needs a sequence [time, channels], but '" + in.name() + "' has shape " + s
                    + " (an embedding of an ids input of width > 1, a dense input with time, or a gru/lstm with output: all gives one)");
        }
        return s;
    }

    private static SpecGraph.Node outputOf(String loc, LayerSpec l, List<SpecGraph.Node> in) {
        String name = l.name();
        if (l instanceof LayerSpec.Dense d) {
            SpecGraph.Node x = dense(loc, in.get(0), "dense");
            if (d.units() <= 0) throw new SpecException(loc, "units must be > 0, got " + d.units());
            checkActivation(loc, d.activation(), d.slope());
            checkInit(loc, d.init());
            return new SpecGraph.Node(name, SpecGraph.Kind.DENSE, x.shape().withLast(d.units()), 0, 0);
        }
        if (l instanceof LayerSpec.EmbeddingBag e) {
            SpecGraph.Node x = in.get(0);
            if (x.kind() != SpecGraph.Kind.SPARSE_IDS) {
                throw new SpecException(loc, "input '" + x.name() + "' must be a sparse_ids input, got " + x.kind().name().toLowerCase());
            }
            if (e.dim() <= 0) throw new SpecException(loc, "dim must be > 0, got " + e.dim());
            if (!e.mode().equals("sum") && !e.mode().equals("mean")) throw new SpecException(loc, "mode must be sum or mean, got '" + e.mode() + "'");
            checkTable(loc, x.vocab(), e.dim());
            checkInit(loc, e.init());
            return new SpecGraph.Node(name, SpecGraph.Kind.DENSE, Shape.vector(e.dim()), 0, 0);
        }
        if (l instanceof LayerSpec.Embedding e) {
            SpecGraph.Node x = in.get(0);
            if (x.kind() != SpecGraph.Kind.IDS) {
                throw new SpecException(loc, "input '" + x.name() + "' must be an ids input, got " + x.kind().name().toLowerCase());
            }
            if (e.dim() <= 0) throw new SpecException(loc, "dim must be > 0, got " + e.dim());
            checkTable(loc, x.vocab(), e.dim());
            checkInit(loc, e.init());
            Shape s = x.width() == 1 ? Shape.vector(e.dim()) : Shape.sequence(x.width(), e.dim());
            return new SpecGraph.Node(name, SpecGraph.Kind.DENSE, s, 0, 0);
        }
        if (l instanceof LayerSpec.Conv1DMaxPool c) {
            Shape x = sequence(loc, in.get(0), l.type());
            if (c.filters() <= 0) throw new SpecException(loc, "filters must be > 0, got " + c.filters());
            if (c.widths().isEmpty()) throw new SpecException(loc + ".widths", "needs at least one kernel width");
            Set<Integer> seen = new HashSet<>();
            for (int w : c.widths()) {
                if (w <= 0 || w > x.dim(0)) {
                    throw new SpecException(loc + ".widths", "each width must be in [1, " + x.dim(0) + "] (the input's time), got " + w);
                }
                if (!seen.add(w)) throw new SpecException(loc + ".widths", "width " + w + " is given twice");
            }
            if (!c.activation().equals("relu") && !c.activation().equals("identity")) {
                throw new SpecException(loc, "activation must be relu or identity (applied after the max), got '" + c.activation() + "'");
            }
            checkInit(loc, c.init());
            return new SpecGraph.Node(name, SpecGraph.Kind.DENSE, Shape.vector(c.widths().size() * c.filters()), 0, 0);
        }
        if (l instanceof LayerSpec.Recurrent r) {
            Shape x = sequence(loc, in.get(0), l.type());
            if (r.units() <= 0) throw new SpecException(loc, "units must be > 0, got " + r.units());
            if (r.truncate() < 0) throw new SpecException(loc, "truncate must be >= 0 (0: full backpropagation through time), got " + r.truncate());
            if (!r.output().equals("last") && !r.output().equals("all")) {
                throw new SpecException(loc, "output must be last (the last valid state) or all (every state), got '" + r.output() + "'");
            }
            checkInit(loc, r.init());
            Shape s = r.output().equals("last") ? Shape.vector(r.units()) : Shape.sequence(x.dim(0), r.units());
            return new SpecGraph.Node(name, SpecGraph.Kind.DENSE, s, 0, 0);
        }
        if (l instanceof LayerSpec.Concat) {
            if (in.size() < 2) throw new SpecException(loc, "needs at least 2 inputs, got " + in.size());
            Shape first = dense(loc, in.get(0), "concat").shape();
            int sum = 0;
            for (SpecGraph.Node n : in) {
                Shape s = dense(loc, n, "concat").shape();
                if (s.rank() != first.rank() || s.outer() != first.outer()) {
                    throw new SpecException(loc, "input '" + n.name() + "' has shape " + s + ", incompatible with '"
                            + in.get(0).name() + "' of shape " + first + " (all but the last dimension must match)");
                }
                sum += s.last();
            }
            return new SpecGraph.Node(name, SpecGraph.Kind.DENSE, first.withLast(sum), 0, 0);
        }
        SpecGraph.Node x = dense(loc, in.get(0), l.type());
        if (l instanceof LayerSpec.Dropout d) {
            if (!(d.rate() >= 0 && d.rate() < 1)) throw new SpecException(loc, "rate must be in [0, 1), got " + d.rate());
        } else if (l instanceof LayerSpec.LayerNorm n) {
            if (!(n.eps() > 0) || Double.isInfinite(n.eps())) throw new SpecException(loc, "eps must be > 0, got " + n.eps());
        } else if (l instanceof LayerSpec.Activation a) {
            if (a.function().equals("identity")) throw new SpecException(loc, "an identity activation layer does nothing; remove it");
            checkActivation(loc, a.function(), a.slope());
        }
        return new SpecGraph.Node(name, SpecGraph.Kind.DENSE, x.shape(), 0, 0);
    }

    private static void checkTable(String loc, int vocab, int dim) {
        if ((long) vocab * dim > Integer.MAX_VALUE - 16) {
            throw new SpecException(loc, "table of " + vocab + " x " + dim + " exceeds one Java array (2^31 values)");
        }
    }

    private static void checkActivation(String loc, String activation, double slope) {
        switch (activation) {
            case "identity", "relu", "sigmoid", "tanh", "gelu" -> { }
            case "leaky_relu" -> {
                if (!(slope >= 0 && slope < 1)) throw new SpecException(loc, "slope must be in [0, 1), got " + slope);
            }
            default -> throw new SpecException(loc, "unknown activation '" + activation + "' (expected identity, relu, leaky_relu, sigmoid, tanh, gelu)");
        }
    }

    private static void checkInit(String loc, InitSpec init) {
        if (!InitSpec.isKnown(init.type())) {
            throw new SpecException(loc + ".init", "unknown initializer '" + init.type()
                    + "' (expected he_uniform, he_normal, xavier_uniform, xavier_normal, normal, uniform, zeros)");
        }
        if (init.hasScale() && (!(init.scale() >= 0) || Double.isInfinite(init.scale()))) {
            throw new SpecException(loc + ".init." + init.scaleKey(), "must be finite and >= 0, got " + init.scale());
        }
    }

    private static void checkLoss(LossSpec loss, SpecGraph.Node out) {
        if (loss == null) throw new SpecException("loss", "is required (mse, bce_with_logits or softmax_cross_entropy)");
        if (!LossSpec.isKnown(loss.type())) {
            throw new SpecException("loss", "unknown loss '" + loss.type() + "' (expected mse, bce_with_logits, softmax_cross_entropy)");
        }
        if (loss.type().equals("softmax_cross_entropy") && out.shape().last() < 2) {
            throw new SpecException("loss", "softmax_cross_entropy needs an output layer with at least 2 units, '" + out.name() + "' has " + out.shape().last());
        }
    }

    private static void checkOptimizer(OptimizerSpec o) {
        if (o == null) throw new SpecException("optimizer", "is required (sgd, adagrad, adam or adamw)");
        if (!OptimizerSpec.isKnown(o.type())) throw new SpecException("optimizer.type", "unknown optimizer '" + o.type() + "' (expected sgd, adagrad, adam, adamw)");
        positive("optimizer.lr", o.lr());
        unitInterval("optimizer.momentum", o.momentum());
        if (o.nesterov() && o.momentum() == 0) throw new SpecException("optimizer.nesterov", "needs momentum > 0");
        unitInterval("optimizer.beta1", o.beta1());
        unitInterval("optimizer.beta2", o.beta2());
        positive("optimizer.eps", o.eps());
        nonNegative("optimizer.weight_decay", o.weightDecay());
        nonNegative("optimizer.clip_norm", o.clipNorm());
        nonNegative("optimizer.initial_accumulator", o.initialAccumulator());
        if (!o.schedule().equals("constant") && !o.schedule().equals("inverse_sqrt")) {
            throw new SpecException("optimizer.schedule", "unknown schedule '" + o.schedule() + "' (expected constant, inverse_sqrt)");
        }
        positive("optimizer.timescale", o.timescale());
        if (o.warmupSteps() < 0) throw new SpecException("optimizer.warmup_steps", "must be >= 0, got " + o.warmupSteps());
    }

    /** Optimizer groups and transfer name existing layers that have parameters, each at most once. */
    private static void checkLayerRefs(NetworkSpec spec) {
        Set<String> grouped = new HashSet<>();
        List<OptimizerSpec.Group> groups = spec.optimizer().groups();
        for (int i = 0; i < groups.size(); i++) {
            OptimizerSpec.Group g = groups.get(i);
            String loc = "optimizer.groups[" + i + "]";
            if (g.layers().isEmpty()) throw new SpecException(loc + ".layers", "must name at least one layer");
            if (!(g.lrScale() >= 0) || Double.isInfinite(g.lrScale())) throw new SpecException(loc + ".lr_scale", "must be finite and >= 0, got " + g.lrScale());
            for (int k = 0; k < g.layers().size(); k++) {
                String name = g.layers().get(k);
                checkParametricLayer(spec, loc + ".layers[" + k + "]", name);
                if (!grouped.add(name)) throw new SpecException(loc + ".layers[" + k + "]", "layer '" + name + "' is already in an earlier group");
            }
        }
        TransferSpec t = spec.transfer();
        if (t != null) checkLoadedLayers(spec, t.layers(), "transfer");
    }

    /**
     * Checks a list of layers to load from another model (a spec's {@code transfer.layers}, a job's
     * {@code warm_start.layers}): each names a layer of {@code spec} that has parameters, at most once.
     *
     * @param key where the list is, for the errors ({@code key.layers[i]})
     */
    static void checkLoadedLayers(NetworkSpec spec, List<String> layers, String key) {
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < layers.size(); k++) {
            String name = layers.get(k);
            checkParametricLayer(spec, key + ".layers[" + k + "]", name);
            if (!seen.add(name)) throw new SpecException(key + ".layers[" + k + "]", "layer '" + name + "' is listed twice");
        }
    }

    private static void checkParametricLayer(NetworkSpec spec, String loc, String name) {
        LayerSpec l = spec.layer(name);
        if (l == null) {
            throw new SpecException(loc, "no layer named '" + name + "' (layers: " + spec.layers().stream().map(LayerSpec::name).toList() + ")");
        }
        if (!hasParameters(l)) throw new SpecException(loc, "layer '" + name + "' (" + l.type() + ") has no parameters");
    }

    /** Whether layers of this kind have parameters (weights, tables, gains). */
    static boolean hasParameters(LayerSpec l) {
        return l instanceof LayerSpec.Dense || l instanceof LayerSpec.EmbeddingBag || l instanceof LayerSpec.Embedding
                || l instanceof LayerSpec.Conv1DMaxPool || l instanceof LayerSpec.Recurrent || l instanceof LayerSpec.LayerNorm;
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new SpecException(key, "must be finite and > 0, got " + v);
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new SpecException(key, "must be finite and >= 0, got " + v);
    }

    private static void unitInterval(String key, double v) {
        if (!(v >= 0 && v < 1)) throw new SpecException(key, "must be in [0, 1), got " + v);
    }
}

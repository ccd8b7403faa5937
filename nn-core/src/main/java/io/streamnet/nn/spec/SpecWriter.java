package io.streamnet.nn.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Writes a {@link NetworkSpec} as a canonical tree (fixed key order, every setting explicit), readable back by {@link SpecReader}. */
final class SpecWriter {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private SpecWriter() {}

    static ObjectNode write(NetworkSpec s) {
        ObjectNode root = F.objectNode();
        if (!s.name().isEmpty()) root.put("name", s.name());
        root.put("seed", s.seed());
        ArrayNode ins = root.putArray("inputs");
        for (InputSpec in : s.inputs()) {
            ObjectNode o = ins.addObject();
            o.put("name", in.name());
            o.put("type", in.type().specName());
            switch (in.type()) {
                case DENSE -> {
                    o.put("size", in.size());
                    if (in.time() > 0) o.put("time", in.time());
                }
                case SPARSE_IDS -> o.put("vocab", in.vocab());
                case IDS -> {
                    o.put("vocab", in.vocab());
                    if (in.width() != 1) o.put("width", in.width());
                }
            }
        }
        ArrayNode layers = root.putArray("layers");
        for (LayerSpec l : s.layers()) layers.add(layer(l));
        root.put("loss", s.loss().type());
        root.set("optimizer", optimizer(s.optimizer()));
        if (s.transfer() != null) {
            ObjectNode t = root.putObject("transfer");
            t.put("from", s.transfer().from());
            if (!s.transfer().layers().isEmpty()) {
                ArrayNode ls = t.putArray("layers");
                s.transfer().layers().forEach(ls::add);
            }
        }
        return root;
    }

    private static ObjectNode layer(LayerSpec l) {
        ObjectNode o = F.objectNode();
        o.put("type", l.type());
        o.put("name", l.name());
        List<String> in = l.inputs();
        if (in.size() == 1 && !(l instanceof LayerSpec.Concat)) {
            o.put("input", in.get(0));
        } else if (!in.isEmpty()) {
            ArrayNode a = o.putArray("inputs");
            in.forEach(a::add);
        }
        if (l instanceof LayerSpec.Dense d) {
            o.put("units", d.units());
            o.put("activation", d.activation());
            if (d.activation().equals("leaky_relu")) o.put("slope", d.slope());
            o.put("bias", d.bias());
            o.set("init", init(d.init()));
            if (d.frozen()) o.put("frozen", true);
        } else if (l instanceof LayerSpec.EmbeddingBag e) {
            o.put("dim", e.dim());
            o.put("mode", e.mode());
            o.set("init", init(e.init()));
            if (e.frozen()) o.put("frozen", true);
        } else if (l instanceof LayerSpec.Embedding e) {
            o.put("dim", e.dim());
            o.set("init", init(e.init()));
            if (e.frozen()) o.put("frozen", true);
        } else if (l instanceof LayerSpec.Conv1DMaxPool c) {
            o.put("filters", c.filters());
            ArrayNode w = o.putArray("widths");
            c.widths().forEach(w::add);
            o.put("activation", c.activation());
            o.put("bias", c.bias());
            o.set("init", init(c.init()));
            if (c.frozen()) o.put("frozen", true);
        } else if (l instanceof LayerSpec.Recurrent r) {
            o.put("units", r.units());
            o.put("truncate", r.truncate());
            o.put("output", r.output());
            o.set("init", init(r.init()));
            if (r.frozen()) o.put("frozen", true);
        } else if (l instanceof LayerSpec.Dropout d) {
            o.put("rate", d.rate());
        } else if (l instanceof LayerSpec.LayerNorm n) {
            o.put("eps", n.eps());
            if (n.frozen()) o.put("frozen", true);
        } else if (l instanceof LayerSpec.Activation a) {
            if (a.function().equals("leaky_relu")) o.put("slope", a.slope());
        }
        return o;
    }

    private static ObjectNode init(InitSpec init) {
        ObjectNode o = F.objectNode();
        o.put("type", init.type());
        if (init.hasScale()) o.put(init.scaleKey(), init.scale());
        return o;
    }

    private static ObjectNode optimizer(OptimizerSpec s) {
        ObjectNode o = F.objectNode();
        o.put("type", s.type());
        o.put("lr", s.lr());
        switch (s.type()) {
            case "sgd" -> {
                o.put("momentum", s.momentum());
                o.put("nesterov", s.nesterov());
            }
            case "adagrad" -> {
                o.put("eps", s.eps());
                o.put("initial_accumulator", s.initialAccumulator());
            }
            default -> {
                o.put("beta1", s.beta1());
                o.put("beta2", s.beta2());
                o.put("eps", s.eps());
            }
        }
        o.put("weight_decay", s.weightDecay());
        o.put("clip_norm", s.clipNorm());
        o.put("schedule", s.schedule());
        o.put("timescale", s.timescale());
        o.put("warmup_steps", s.warmupSteps());
        if (!s.groups().isEmpty()) {
            ArrayNode groups = o.putArray("groups");
            for (OptimizerSpec.Group g : s.groups()) {
                ObjectNode go = groups.addObject();
                ArrayNode ls = go.putArray("layers");
                g.layers().forEach(ls::add);
                go.put("lr_scale", g.lrScale());
            }
        }
        return o;
    }
}

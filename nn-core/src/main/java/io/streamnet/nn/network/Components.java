package io.streamnet.nn.network;

import io.streamnet.nn.activation.Activations;
import io.streamnet.nn.init.Initializer;
import io.streamnet.nn.init.Initializers;
import io.streamnet.nn.layer.ActivationLayer;
import io.streamnet.nn.layer.Concat;
import io.streamnet.nn.layer.Conv1DMaxPool;
import io.streamnet.nn.layer.Dense;
import io.streamnet.nn.layer.Dropout;
import io.streamnet.nn.layer.Embedding;
import io.streamnet.nn.layer.EmbeddingBag;
import io.streamnet.nn.layer.LayerNorm;
import io.streamnet.nn.layer.Module;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.layer.PoolingMode;
import io.streamnet.nn.layer.Recurrent;
import io.streamnet.nn.layer.Softmax;
import io.streamnet.nn.optim.AdaGrad;
import io.streamnet.nn.optim.Adam;
import io.streamnet.nn.optim.LearningRateSchedule;
import io.streamnet.nn.optim.Optimizer;
import io.streamnet.nn.optim.Sgd;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.InitSpec;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.spec.SpecGraph;
import io.streamnet.nn.tensor.Shape;

import java.util.List;

/**
 * Turns validated spec parts into layers, initializers and optimizers. Public for models built outside
 * {@link Network} (the recommender in {@code io.streamnet.nn.reco}) that take the same initializer and optimizer specs.
 */
public final class Components {
    private Components() {}

    /** A skip-everything initializer, for networks whose weights are loaded right after construction. */
    static final Initializer NO_INIT = new Initializer() {
        public void fill(float[] w, int offset, int length, int fanIn, int fanOut, Rng rng) {}
        public String describe() { return "none"; }
    };

    public static Initializer initializer(InitSpec s) {
        return switch (s.type()) {
            case "he_uniform" -> Initializers.heUniform();
            case "he_normal" -> Initializers.heNormal();
            case "xavier_uniform" -> Initializers.xavierUniform();
            case "xavier_normal" -> Initializers.xavierNormal();
            case "normal" -> Initializers.normal(s.scale());
            case "uniform" -> Initializers.uniform(s.scale());
            case "zeros" -> Initializers.zeros();
            default -> throw new IllegalArgumentException("unknown initializer " + s.type());
        };
    }

    static Module layer(LayerSpec l, List<SpecGraph.Node> in, Rng rng, boolean initialize) {
        String name = l.name();
        if (l instanceof LayerSpec.Dense d) {
            return new Dense(name, in.get(0).shape(), d.units(), Activations.byName(d.activation(), (float) d.slope()),
                    d.bias(), initialize ? initializer(d.init()) : NO_INIT, rng);
        }
        if (l instanceof LayerSpec.EmbeddingBag e) {
            return new EmbeddingBag(name, in.get(0).vocab(), e.dim(), PoolingMode.parse(e.mode()),
                    initialize ? initializer(e.init()) : NO_INIT, rng);
        }
        if (l instanceof LayerSpec.Embedding e) {
            return new Embedding(name, in.get(0).vocab(), e.dim(), in.get(0).width(),
                    initialize ? initializer(e.init()) : NO_INIT, rng);
        }
        if (l instanceof LayerSpec.Conv1DMaxPool c) {
            int[] widths = c.widths().stream().mapToInt(Integer::intValue).toArray();
            return new Conv1DMaxPool(name, in.get(0).shape(), c.filters(), widths, c.activation().equals("relu"), c.bias(),
                    initialize ? initializer(c.init()) : NO_INIT, rng);
        }
        if (l instanceof LayerSpec.Recurrent r) {
            Recurrent.Output output = r.output().equals("all") ? Recurrent.Output.ALL : Recurrent.Output.LAST;
            Initializer init = initialize ? initializer(r.init()) : NO_INIT;
            return r.cell().equals("gru")
                    ? Recurrent.gru(name, in.get(0).shape(), r.units(), r.truncate(), output, init, rng)
                    : Recurrent.lstm(name, in.get(0).shape(), r.units(), r.truncate(), output, init, rng);
        }
        if (l instanceof LayerSpec.Concat) {
            Shape[] shapes = in.stream().map(SpecGraph.Node::shape).toArray(Shape[]::new);
            return new Concat(name, shapes);
        }
        Shape shape = in.get(0).shape();
        if (l instanceof LayerSpec.Dropout d) return new Dropout(name, shape, (float) d.rate(), rng);
        if (l instanceof LayerSpec.LayerNorm n) return new LayerNorm(name, shape, (float) n.eps());
        if (l instanceof LayerSpec.Activation a) {
            return new ActivationLayer(name, shape, Activations.byName(a.function(), (float) a.slope()));
        }
        if (l instanceof LayerSpec.Softmax) return new Softmax(name, shape);
        throw new IllegalArgumentException("unsupported layer " + l);
    }

    static LearningRateSchedule schedule(OptimizerSpec s) {
        LearningRateSchedule base = s.schedule().equals("inverse_sqrt")
                ? LearningRateSchedule.inverseSqrt(s.lr(), s.timescale())
                : LearningRateSchedule.constant(s.lr());
        return LearningRateSchedule.linearWarmup(base, s.warmupSteps());
    }

    public static Optimizer optimizer(OptimizerSpec s, List<Parameter> params) {
        LearningRateSchedule schedule = schedule(s);
        float wd = (float) s.weightDecay();
        float clip = (float) s.clipNorm();
        Optimizer o = switch (s.type()) {
            case "sgd" -> new Sgd(params, schedule, (float) s.momentum(), s.nesterov(), wd, clip);
            case "adagrad" -> new AdaGrad(params, schedule, (float) s.eps(), (float) s.initialAccumulator(), wd, clip);
            case "adam" -> new Adam(params, schedule, s.beta1(), s.beta2(), (float) s.eps(), wd, false, clip);
            case "adamw" -> new Adam(params, schedule, s.beta1(), s.beta2(), (float) s.eps(), wd, true, clip);
            default -> throw new IllegalArgumentException("unknown optimizer " + s.type());
        };
        for (int p = 0; p < params.size(); p++) {
            double scale = s.lrScale(params.get(p).layer());
            if (scale != 1.0) o.setLearningRateScale(p, scale);
        }
        return o;
    }
}

package io.streamnet.nn.spec;

import java.util.List;

/**
 * An optimizer and its hyper-parameters. {@code type} is sgd, adagrad, adam or adamw; a field that the type does
 * not use keeps its default and is not written. Schedules: {@code constant}, or {@code inverse_sqrt} with
 * {@code timescale} (lr / sqrt(1 + (t-1)/timescale)); {@code warmup_steps} > 0 adds a linear warm-up.
 * {@code clip_norm} > 0 clips the global gradient norm. {@code weight_decay} is L2 for sgd/adagrad/adam and
 * decoupled for adamw. {@code groups} gives layers their own learning rate: a list of
 * {@code {layers: [emb, hidden], lr_scale: 0.1}} or {@code {layers: [out], lr: 0.01}} ({@link Group}).
 */
public record OptimizerSpec(String type, double lr, double momentum, boolean nesterov, double beta1, double beta2,
                            double eps, double weightDecay, double clipNorm, double initialAccumulator,
                            String schedule, double timescale, long warmupSteps, List<Group> groups) {
    /**
     * Layers whose learning rate is the optimizer's (scheduled) rate times {@code lrScale} (written as
     * {@code lr_scale}, or as {@code lr} = the group's base rate, read as {@code lr / optimizer.lr}). Layers in no
     * group have scale 1. To keep a layer's weights unchanged, mark it {@code frozen: true} instead (no gradient,
     * no update, no optimizer state change); a scale of 0 still moves the optimizer's moments.
     */
    public record Group(List<String> layers, double lrScale) {
        public Group {
            layers = List.copyOf(layers);
        }
    }

    /** Without layer groups. */
    public OptimizerSpec(String type, double lr, double momentum, boolean nesterov, double beta1, double beta2,
                         double eps, double weightDecay, double clipNorm, double initialAccumulator,
                         String schedule, double timescale, long warmupSteps) {
        this(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, List.of());
    }

    public OptimizerSpec {
        groups = groups == null ? List.of() : List.copyOf(groups);
        java.util.Objects.requireNonNull(type, "optimizer type");
        java.util.Objects.requireNonNull(schedule, "optimizer schedule");
        // Settings the type does not use are reset to their defaults, so that equal optimizers compare equal
        // and a spec survives a write/read round trip unchanged.
        if (!type.equals("sgd")) {
            momentum = 0.0;
            nesterov = false;
        }
        if (!type.equals("adam") && !type.equals("adamw")) {
            beta1 = 0.9;
            beta2 = 0.999;
        }
        if (type.equals("sgd")) eps = 1e-8;
        if (!type.equals("adagrad")) initialAccumulator = 0.0;
    }

    /**
     * Reads an optimizer object as a network spec's {@code optimizer} key is read (same keys, same checks), for
     * models outside {@link NetworkSpec}; errors are located at {@code optimizer.<key>}.
     */
    public static OptimizerSpec fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        return SpecReader.readOptimizer(node);
    }

    /** Defaults of a type at a learning rate (PyTorch's defaults; adamw decays 0.01 as PyTorch's AdamW). */
    public static OptimizerSpec defaults(String type, double lr) {
        double eps = type.equals("adagrad") ? 1e-10 : 1e-8;
        double wd = type.equals("adamw") ? 0.01 : 0.0;
        return new OptimizerSpec(type, lr, 0.0, false, 0.9, 0.999, eps, wd, 0.0, 0.0, "constant", 1000.0, 0);
    }

    public static OptimizerSpec sgd(double lr) { return defaults("sgd", lr); }
    public static OptimizerSpec adagrad(double lr) { return defaults("adagrad", lr); }
    public static OptimizerSpec adam(double lr) { return defaults("adam", lr); }
    public static OptimizerSpec adamw(double lr) { return defaults("adamw", lr); }

    public OptimizerSpec withMomentum(double momentum, boolean nesterov) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    public OptimizerSpec withBetas(double beta1, double beta2) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    public OptimizerSpec withEps(double eps) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    public OptimizerSpec withWeightDecay(double weightDecay) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    public OptimizerSpec withClipNorm(double clipNorm) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    public OptimizerSpec withInitialAccumulator(double initialAccumulator) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    public OptimizerSpec withInverseSqrtDecay(double timescale) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, "inverse_sqrt", timescale, warmupSteps, groups);
    }

    public OptimizerSpec withConstantRate() {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, "constant", timescale, warmupSteps, groups);
    }

    public OptimizerSpec withWarmup(long warmupSteps) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    public OptimizerSpec withLr(double lr) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    /** The same optimizer with these layer groups (each a learning-rate scale for its layers). */
    public OptimizerSpec withGroups(List<Group> groups) {
        return new OptimizerSpec(type, lr, momentum, nesterov, beta1, beta2, eps, weightDecay, clipNorm, initialAccumulator, schedule, timescale, warmupSteps, groups);
    }

    /** The learning-rate scale of layer {@code layer}: its group's, else 1. */
    public double lrScale(String layer) {
        for (Group g : groups) if (g.layers().contains(layer)) return g.lrScale();
        return 1.0;
    }

    static boolean isKnown(String type) {
        return switch (type) {
            case "sgd", "adagrad", "adam", "adamw" -> true;
            default -> false;
        };
    }

    /** Keys that a type accepts besides the common ones (type, lr, weight_decay, clip_norm, schedule, timescale, warmup_steps). */
    static java.util.Set<String> specificKeys(String type) {
        return switch (type) {
            case "sgd" -> java.util.Set.of("momentum", "nesterov");
            case "adagrad" -> java.util.Set.of("eps", "initial_accumulator");
            case "adam", "adamw" -> java.util.Set.of("beta1", "beta2", "eps");
            default -> java.util.Set.of();
        };
    }
}

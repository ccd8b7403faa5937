package io.streamnet.nn.spec;

import java.util.List;

/**
 * One layer of a network spec. Every layer has a unique {@link #name()} and reads {@link #inputs()} (names of
 * network inputs or earlier layers; empty = the previous layer, or the only network input for the first layer).
 * The spec type names are given by {@link #type()}.
 */
public sealed interface LayerSpec {
    String name();

    List<String> inputs();

    /**
     * Type as written in a spec (dense, embedding_bag, embedding, conv1d_max_pool, gru, lstm, concat, dropout,
     * layer_norm, relu, ..., softmax).
     */
    String type();

    /** Whether the layer's parameters are frozen (not updated). */
    default boolean frozen() {
        return false;
    }

    /** Default leaky_relu slope (PyTorch's). */
    double DEFAULT_SLOPE = 0.01;

    /** Default embedding initializer: N(0, 0.1^2). */
    InitSpec DEFAULT_EMBEDDING_INIT = InitSpec.normal(0.1);

    /**
     * Fully connected layer with a fused activation (identity, relu, leaky_relu with {@code slope}, sigmoid, tanh, gelu).
     * Default init: he_uniform before relu-like activations, xavier_uniform otherwise.
     */
    record Dense(String name, List<String> inputs, int units, String activation, double slope, boolean bias,
                 InitSpec init, boolean frozen) implements LayerSpec {
        public Dense {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            activation = activation == null ? "identity" : activation;
            if (!activation.equals("leaky_relu")) slope = DEFAULT_SLOPE; // unused: normalized so that equal specs compare equal
            if (init == null) init = defaultInit(activation);
        }

        public Dense(String name, int units, String activation) {
            this(name, List.of(), units, activation, DEFAULT_SLOPE, true, null, false);
        }

        public static InitSpec defaultInit(String activation) {
            return switch (activation) {
                case "relu", "leaky_relu", "gelu" -> InitSpec.heUniform();
                default -> InitSpec.xavierUniform();
            };
        }

        public String type() { return "dense"; }

        public Dense withInit(InitSpec init) { return new Dense(name, inputs, units, activation, slope, bias, init, frozen); }
        public Dense withInputs(String... in) { return new Dense(name, List.of(in), units, activation, slope, bias, init, frozen); }
        public Dense withFrozen(boolean f) { return new Dense(name, inputs, units, activation, slope, bias, init, f); }
    }

    /** Sum or mean of embedding rows over a bag of ids ({@code mode} sum or mean); input must be sparse_ids. */
    record EmbeddingBag(String name, List<String> inputs, int dim, String mode, InitSpec init, boolean frozen) implements LayerSpec {
        public EmbeddingBag {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            mode = mode == null ? "mean" : mode;
            if (init == null) init = DEFAULT_EMBEDDING_INIT;
        }

        public String type() { return "embedding_bag"; }

        public EmbeddingBag withInit(InitSpec init) { return new EmbeddingBag(name, inputs, dim, mode, init, frozen); }
        public EmbeddingBag withFrozen(boolean f) { return new EmbeddingBag(name, inputs, dim, mode, init, f); }
    }

    /** Lookup of categorical ids; input must be ids. */
    record Embedding(String name, List<String> inputs, int dim, InitSpec init, boolean frozen) implements LayerSpec {
        public Embedding {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            if (init == null) init = DEFAULT_EMBEDDING_INIT;
        }

        public String type() { return "embedding"; }

        public Embedding withInit(InitSpec init) { return new Embedding(name, inputs, dim, init, frozen); }
        public Embedding withFrozen(boolean f) { return new Embedding(name, inputs, dim, init, f); }
    }

    /** Concatenation of two or more inputs along the innermost dimension. */
    record Concat(String name, List<String> inputs) implements LayerSpec {
        public Concat {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }

        public String type() { return "concat"; }
    }

    /** Inverted dropout with drop probability {@code rate} in [0, 1). */
    record Dropout(String name, List<String> inputs, double rate) implements LayerSpec {
        public Dropout {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }

        public String type() { return "dropout"; }
    }

    /** Layer normalization over the innermost dimension. */
    record LayerNorm(String name, List<String> inputs, double eps, boolean frozen) implements LayerSpec {
        public static final double DEFAULT_EPS = 1e-5;

        public LayerNorm {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }

        public String type() { return "layer_norm"; }
    }

    /** An element-wise activation layer: {@code function} is relu, leaky_relu (with slope), sigmoid, tanh or gelu. */
    record Activation(String name, List<String> inputs, String function, double slope) implements LayerSpec {
        public Activation {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            java.util.Objects.requireNonNull(function, "activation function");
            if (!function.equals("leaky_relu")) slope = DEFAULT_SLOPE;
        }

        public String type() { return function; }
    }

    /** Softmax over the innermost dimension. */
    record Softmax(String name, List<String> inputs) implements LayerSpec {
        public Softmax {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
        }

        public String type() { return "softmax"; }
    }

    /**
     * TextCNN's feature extractor over a sequence input: for each kernel width, {@code filters} 1-D convolutions,
     * max-over-time pooling (padded positions never win), a bias and {@code activation} relu (default) or identity.
     * Output {@code [widths.size() * filters]}. Default init: he_uniform before relu, xavier_uniform otherwise.
     */
    record Conv1DMaxPool(String name, List<String> inputs, int filters, List<Integer> widths, String activation,
                         boolean bias, InitSpec init, boolean frozen) implements LayerSpec {
        public Conv1DMaxPool {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            widths = widths == null ? List.of() : List.copyOf(widths);
            activation = activation == null ? "relu" : activation;
            if (init == null) init = Dense.defaultInit(activation);
        }

        public Conv1DMaxPool(String name, int filters, List<Integer> widths) {
            this(name, List.of(), filters, widths, "relu", true, null, false);
        }

        public String type() { return "conv1d_max_pool"; }

        public Conv1DMaxPool withFrozen(boolean f) { return new Conv1DMaxPool(name, inputs, filters, widths, activation, bias, init, f); }
    }

    /**
     * A recurrent layer over a sequence input: {@code cell} gru or lstm of {@code units}, backpropagation through
     * time truncated at {@code truncate} steps (0: full), {@code output} last (the last valid state, default) or
     * all (every state, a sequence). Default init: xavier_uniform (biases zero; an LSTM's forget bias one).
     */
    record Recurrent(String name, List<String> inputs, String cell, int units, int truncate, String output,
                     InitSpec init, boolean frozen) implements LayerSpec {
        public Recurrent {
            inputs = inputs == null ? List.of() : List.copyOf(inputs);
            java.util.Objects.requireNonNull(cell, "recurrent cell");
            output = output == null ? "last" : output;
            if (init == null) init = InitSpec.xavierUniform();
        }

        public Recurrent(String name, String cell, int units) {
            this(name, List.of(), cell, units, 0, "last", null, false);
        }

        public String type() { return cell; }

        public Recurrent withTruncate(int t) { return new Recurrent(name, inputs, cell, units, t, output, init, frozen); }
        public Recurrent withOutput(String o) { return new Recurrent(name, inputs, cell, units, truncate, o, init, frozen); }
        public Recurrent withFrozen(boolean f) { return new Recurrent(name, inputs, cell, units, truncate, output, init, f); }
    }
}

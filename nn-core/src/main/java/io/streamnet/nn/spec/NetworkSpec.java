package io.streamnet.nn.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The declarative description of a network: inputs, layers (a small DAG), loss, optimizer and seed. Written by
 * hand as JSON or YAML, or built with {@link #builder()}; both give the same immutable value (records compare by
 * value). Example (YAML):
 * <pre>
 * seed: 42
 * inputs:
 *   - {name: tokens, type: sparse_ids, vocab: 262144}
 * layers:
 *   - {type: embedding_bag, name: emb, input: tokens, dim: 64, mode: mean, init: {type: normal, std: 0.01}}
 *   - {type: dense, name: hidden, units: 64, activation: relu}
 *   - {type: dense, name: out, units: 1}
 * loss: bce_with_logits
 * optimizer: {type: adam, lr: 0.001}
 * </pre>
 * Transfer learning: {@code transfer: {from: FILE, layers: [emb, hidden]}} starts the named layers from another
 * model's weights ({@link TransferSpec}); {@code frozen: true} on a layer keeps its weights unchanged; an optimizer's
 * {@code groups: [{layers: [emb], lr_scale: 0.1}]} gives layers their own learning rate ({@link OptimizerSpec.Group}).
 * Keys: see {@link InputSpec}, {@link LayerSpec}, {@link InitSpec}, {@link LossSpec}, {@link OptimizerSpec},
 * {@link TransferSpec}.
 * Unknown keys and invalid values are {@link SpecException}s naming the key. A layer without {@code input}
 * reads the previous layer (the first layer reads the only input); the last layer is the output (logits).
 */
public record NetworkSpec(String name, long seed, List<InputSpec> inputs, List<LayerSpec> layers, LossSpec loss,
                          OptimizerSpec optimizer, TransferSpec transfer) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    /** A spec without transfer (fresh weights only). */
    public NetworkSpec(String name, long seed, List<InputSpec> inputs, List<LayerSpec> layers, LossSpec loss,
                       OptimizerSpec optimizer) {
        this(name, seed, inputs, layers, loss, optimizer, null);
    }

    public NetworkSpec {
        name = name == null ? "" : name;
        inputs = List.copyOf(inputs);
        layers = List.copyOf(layers);
    }

    /** Validates the whole spec and resolves its wiring and shapes. */
    public SpecGraph graph() {
        return SpecValidator.validate(this);
    }

    /** Validates the spec; returns it. */
    public NetworkSpec validate() {
        graph();
        return this;
    }

    /** Parses and validates a JSON spec. */
    public static NetworkSpec fromJson(String json) {
        return parse(JSON, json, "JSON");
    }

    /** Parses and validates a YAML spec. */
    public static NetworkSpec fromYaml(String yaml) {
        return parse(YAML, yaml, "YAML");
    }

    /** Parses a spec file, as JSON if its name ends in .json, otherwise as YAML. */
    public static NetworkSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file, e);
        }
        try {
            return file.getFileName().toString().endsWith(".json") ? fromJson(text) : fromYaml(text);
        } catch (SpecException e) {
            throw new SpecException(file + ": " + e.location(), e.getMessage().substring(e.location().length() + 2), e);
        }
    }

    /** Parses a spec from the class path (JSON if the name ends in .json, otherwise YAML). */
    public static NetworkSpec fromResource(String resource) {
        try (InputStream in = NetworkSpec.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no spec resource " + resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return resource.endsWith(".json") ? fromJson(text) : fromYaml(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec resource " + resource, e);
        }
    }

    private static NetworkSpec parse(ObjectMapper mapper, String text, String format) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SpecException("spec", "malformed " + format + where + ": " + e.getOriginalMessage(), e);
        }
        return SpecReader.read(root).validate();
    }

    /** Canonical JSON (every setting explicit, fixed key order); {@code fromJson(toJson())} equals this spec. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(SpecWriter.write(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same content as {@link #toJson()}, in YAML. */
    public String toYaml() {
        try {
            return YAML.writeValueAsString(SpecWriter.write(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layer named {@code name}, or null. */
    public LayerSpec layer(String name) {
        for (LayerSpec l : layers) if (l.name().equals(name)) return l;
        return null;
    }

    public NetworkSpec withSeed(long seed) {
        return new NetworkSpec(name, seed, inputs, layers, loss, optimizer, transfer);
    }

    public NetworkSpec withOptimizer(OptimizerSpec optimizer) {
        return new NetworkSpec(name, seed, inputs, layers, loss, optimizer, transfer);
    }

    /** The same spec starting from another model's weights ({@link TransferSpec}), or, with null, from fresh ones. */
    public NetworkSpec withTransfer(TransferSpec transfer) {
        return new NetworkSpec(name, seed, inputs, layers, loss, optimizer, transfer);
    }

    public NetworkSpec withName(String name) {
        return new NetworkSpec(name, seed, inputs, layers, loss, optimizer, transfer);
    }

    /** Replaces the layer of the same name. */
    public NetworkSpec withLayer(LayerSpec layer) {
        List<LayerSpec> ls = new ArrayList<>(layers);
        for (int i = 0; i < ls.size(); i++) {
            if (ls.get(i).name().equals(layer.name())) {
                ls.set(i, layer);
                return new NetworkSpec(name, seed, inputs, ls, loss, optimizer, transfer);
            }
        }
        throw new IllegalArgumentException("no layer named '" + layer.name() + "'");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fluent construction of a spec; {@link #build()} validates it. Each layer method appends one layer that reads
     * the previous one unless inputs are given.
     * <pre>
     * NetworkSpec.builder().seed(42)
     *     .sparseInput("tokens", 1 &lt;&lt; 18)
     *     .embeddingBag("emb", "tokens", 64, "mean")
     *     .dense("hidden", 64, "relu")
     *     .dense("out", 1)
     *     .loss(LossSpec.bceWithLogits())
     *     .optimizer(OptimizerSpec.adam(1e-3))
     *     .build();
     * </pre>
     */
    public static final class Builder {
        private String name = "";
        private long seed;
        private final List<InputSpec> inputs = new ArrayList<>();
        private final List<LayerSpec> layers = new ArrayList<>();
        private LossSpec loss;
        private OptimizerSpec optimizer;

        public Builder name(String name) { this.name = name; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }

        public Builder input(InputSpec in) { inputs.add(in); return this; }
        public Builder denseInput(String name, int size) { return input(InputSpec.dense(name, size)); }
        public Builder sequenceInput(String name, int time, int channels) { return input(InputSpec.sequence(name, time, channels)); }
        public Builder sparseInput(String name, int vocab) { return input(InputSpec.sparseIds(name, vocab)); }
        public Builder idsInput(String name, int vocab) { return input(InputSpec.ids(name, vocab)); }
        /** Up to {@code maxLength} ids per example (a padded token sequence, see IdColumn#setLength). */
        public Builder idsInput(String name, int vocab, int maxLength) { return input(InputSpec.ids(name, vocab, maxLength)); }

        public Builder layer(LayerSpec layer) { layers.add(layer); return this; }

        public Builder dense(String name, int units) { return layer(new LayerSpec.Dense(name, units, "identity")); }
        public Builder dense(String name, int units, String activation) { return layer(new LayerSpec.Dense(name, units, activation)); }
        public Builder dense(String name, int units, String activation, InitSpec init) {
            return layer(new LayerSpec.Dense(name, List.of(), units, activation, LayerSpec.DEFAULT_SLOPE, true, init, false));
        }

        public Builder embeddingBag(String name, String input, int dim, String mode) {
            return layer(new LayerSpec.EmbeddingBag(name, List.of(input), dim, mode, null, false));
        }
        public Builder embeddingBag(String name, String input, int dim, String mode, InitSpec init) {
            return layer(new LayerSpec.EmbeddingBag(name, List.of(input), dim, mode, init, false));
        }

        public Builder embedding(String name, String input, int dim) {
            return layer(new LayerSpec.Embedding(name, List.of(input), dim, null, false));
        }
        public Builder embedding(String name, String input, int dim, InitSpec init) {
            return layer(new LayerSpec.Embedding(name, List.of(input), dim, init, false));
        }

        /** A TextCNN feature extractor: {@code filters} per kernel width, max over time, bias, ReLU. */
        public Builder conv1dMaxPool(String name, int filters, Integer... widths) {
            return layer(new LayerSpec.Conv1DMaxPool(name, filters, List.of(widths)));
        }
        /** A GRU returning its last valid state, with full backpropagation through time. */
        public Builder gru(String name, int units) { return layer(new LayerSpec.Recurrent(name, "gru", units)); }
        /** An LSTM returning its last valid state, with full backpropagation through time. */
        public Builder lstm(String name, int units) { return layer(new LayerSpec.Recurrent(name, "lstm", units)); }

        public Builder concat(String name, String... inputs) { return layer(new LayerSpec.Concat(name, List.of(inputs))); }
        public Builder dropout(String name, double rate) { return layer(new LayerSpec.Dropout(name, List.of(), rate)); }
        public Builder layerNorm(String name) { return layer(new LayerSpec.LayerNorm(name, List.of(), LayerSpec.LayerNorm.DEFAULT_EPS, false)); }
        /** An activation layer: relu, leaky_relu, sigmoid, tanh or gelu. */
        public Builder activation(String name, String function) { return layer(new LayerSpec.Activation(name, List.of(), function, LayerSpec.DEFAULT_SLOPE)); }
        public Builder softmax(String name) { return layer(new LayerSpec.Softmax(name, List.of())); }

        public Builder loss(LossSpec loss) { this.loss = loss; return this; }
        public Builder loss(String type) { return loss(new LossSpec(type)); }
        public Builder optimizer(OptimizerSpec optimizer) { this.optimizer = optimizer; return this; }

        /** The validated spec. */
        public NetworkSpec build() {
            return new NetworkSpec(name, seed, inputs, layers, loss, optimizer).validate();
        }
    }
}

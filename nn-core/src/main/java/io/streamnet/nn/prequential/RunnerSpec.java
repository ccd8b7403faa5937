package io.streamnet.nn.prequential;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TokenSequenceConfig;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.SpecNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the prequential runner runs: a network spec plus the runner's own settings, in one YAML or JSON file:
 * <pre>
 * batch_size: 32                 # events per test-then-train step
 * features:                      # how records become network inputs (see FeatureSpec)
 *   type: text_hashing           # or token_sequence (buckets, max_length, seed), or user_item
 *   input: tokens                # network input fed with the ids
 *   buckets: 2^20                # = that input's vocab
 *   min_order: 1
 *   max_order: 2
 *   binary: false
 *   seed: 0
 * network:                       # a network spec (io.streamnet.nn.spec.NetworkSpec), unchanged
 *   ...
 * </pre>
 * The defaults for each dataset are class-path resources ({@link #defaultResource}); {@code --print-spec} prints
 * them for copying.
 *
 * @param text the spec as written (printed by {@code --print-spec})
 */
public record RunnerSpec(int batchSize, FeatureSpec features, NetworkSpec network, String text) {
    public static final int DEFAULT_BATCH_SIZE = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    /**
     * Class-path resource of the default spec of {@code dataset}. For movielens it is the rating-only runner's spec:
     * the command line's default there is the recommender ({@link RecoRunnerSpec}).
     */
    public static String defaultResource(Dataset dataset) {
        return switch (dataset) {
            case IMDB, SST2, UCI -> "/io/streamnet/nn/prequential/sentiment.yaml";
            case MOVIELENS -> "/io/streamnet/nn/prequential/movielens-ratings.yaml";
            case DIGINETICA -> throw new IllegalArgumentException("diginetica runs a session recommender, whose spec"
                    + " is a SessionRunnerSpec (" + SessionRunnerSpec.DEFAULT_RESOURCE + "), not a network spec");
        };
    }

    /** The default spec of {@code dataset}. */
    public static RunnerSpec forDataset(Dataset dataset) {
        String resource = defaultResource(dataset);
        try (InputStream in = RunnerSpec.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("default spec resource " + resource + " missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), false, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A spec file: JSON if its name ends in {@code .json}, YAML otherwise. */
    public static RunnerSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spec file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.getFileName().toString().endsWith(".json"), file.toString());
    }

    /** Parses spec text; {@code source} names it in errors. */
    public static RunnerSpec parse(String text, boolean json, String source) {
        JsonNode root;
        try {
            root = (json ? JSON : YAML).readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new SpecException(source, "malformed " + (json ? "JSON" : "YAML") + where + ": "
                    + e.getOriginalMessage(), e);
        }
        SpecNode top = SpecNode.of(root, source);
        int batch = top.integer("batch_size", DEFAULT_BATCH_SIZE, 1, 1 << 16);
        FeatureSpec features = readFeatures(SpecNode.of(top.required("features"), source + ": features"));
        JsonNode networkNode = top.required("network");
        top.finish();
        NetworkSpec network;
        try {
            network = NetworkSpec.fromJson(JSON.writeValueAsString(networkNode));
        } catch (SpecException e) {
            throw new SpecException(source + ": network." + e.location(),
                    e.getMessage().substring(e.location().length() + 2), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunnerSpec spec = new RunnerSpec(batch, features, network, text);
        spec.checkInputs(source);
        return spec;
    }

    private static FeatureSpec readFeatures(SpecNode f) {
        String type = f.string("type", null);
        if (type == null) {
            throw new SpecException("features", "missing required key 'type' (text_hashing, token_sequence or user_item)");
        }
        FeatureSpec out = switch (type) {
            case "text_hashing" -> new FeatureSpec.TextHashing(new TextHashingConfig(
                    f.integer("buckets", TextHashingConfig.DEFAULT.buckets(), 1, Integer.MAX_VALUE),
                    f.integer("min_order", 1, 1, TextHashingConfig.MAX_ORDER),
                    f.integer("max_order", 2, 1, TextHashingConfig.MAX_ORDER),
                    f.bool("binary", false),
                    f.integer("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                    f.string("input", "tokens"));
            case "token_sequence" -> new FeatureSpec.TokenSequence(new TokenSequenceConfig(
                    f.integer("buckets", TextHashingConfig.DEFAULT.buckets(), 1, Integer.MAX_VALUE),
                    f.integer("max_length", 64, 1, 1 << 16),
                    f.integer("seed", 0, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                    f.string("input", "tokens"));
            case "user_item" -> new FeatureSpec.UserItem(
                    f.string("user_input", "user"), f.integer("users", 1 << 12, 2, Integer.MAX_VALUE),
                    f.string("item_input", "item"), f.integer("items", 1 << 15, 2, Integer.MAX_VALUE));
            default -> throw new SpecException("features.type", "must be text_hashing, token_sequence or user_item, got '" + type + "'");
        };
        f.finish();
        return out;
    }

    /** The features must feed existing network inputs of the right type and vocabulary. */
    private void checkInputs(String source) {
        if (features instanceof FeatureSpec.TextHashing t) {
            checkInput(source, t.input(), "sparse_ids", t.config().buckets(), "features.buckets");
        } else if (features instanceof FeatureSpec.TokenSequence t) {
            checkInput(source, t.input(), "ids", t.config().buckets(), "features.buckets");
            int width = network.inputs().stream().filter(i -> i.name().equals(t.input())).findFirst().orElseThrow().width();
            if (width != t.config().maxLength()) {
                throw new SpecException(source + ": features.max_length", "is " + t.config().maxLength() + " but network input '"
                        + t.input() + "' has width " + width + "; they must be equal");
            }
        } else if (features instanceof FeatureSpec.UserItem u) {
            checkInput(source, u.userInput(), "ids", u.users(), "features.users");
            checkInput(source, u.itemInput(), "ids", u.items(), "features.items");
        }
    }

    private void checkInput(String source, String name, String type, int vocab, String key) {
        var input = network.inputs().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
        if (input == null) {
            throw new SpecException(source + ": features", "network has no input named '" + name + "' (inputs: "
                    + network.inputs().stream().map(i -> i.name()).toList() + ")");
        }
        if (!input.type().specName().equals(type)) {
            throw new SpecException(source + ": features", "network input '" + name + "' must be of type " + type
                    + ", is " + input.type().specName());
        }
        if (input.vocab() != vocab) {
            throw new SpecException(source + ": " + key, "is " + vocab + " but network input '" + name
                    + "' has vocab " + input.vocab() + "; they must be equal");
        }
    }
}

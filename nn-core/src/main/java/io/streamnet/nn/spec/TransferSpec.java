package io.streamnet.nn.spec;

import java.util.List;

/**
 * Where a new network's starting weights come from (transfer learning), the {@code transfer} key of a spec:
 * <pre>
 * transfer: {from: models/imdb.snnm, layers: [emb, hidden]}
 * </pre>
 * {@code from} is a model state file ({@code io.streamnet.nn.state.ModelStateCodec}, e.g. written by
 * {@code streamnet prequential --save-model FILE}); a relative path is resolved against the working directory.
 * {@code layers} names the layers whose parameters are copied from it; the others keep their fresh initialization
 * from the spec's seed (e.g. a new output layer of another size). Without {@code layers}, every layer of this
 * network that has parameters is copied. Each layer copied must exist in the source with parameters of the same names
 * and shapes, or {@code Network.build} fails naming the layer, the parameter and both shapes. Only weights are
 * copied: the optimizer starts fresh (no slots, step 0), and {@code frozen}/optimizer groups come from this spec.
 */
public record TransferSpec(String from, List<String> layers) {
    public TransferSpec {
        java.util.Objects.requireNonNull(from, "transfer.from");
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /**
     * Checks that each layer named exists in {@code spec} with parameters, at most once, as a spec's {@code transfer}
     * is checked; for the same list given elsewhere (a job's {@code warm_start.layers}).
     *
     * @param key where the list is, for the errors ({@code key.layers[i]})
     * @throws SpecException naming the entry
     */
    public void checkLayers(NetworkSpec spec, String key) {
        SpecValidator.checkLoadedLayers(spec, layers, key);
    }

    /** Whether layer {@code name} (a layer with parameters) is loaded from the source. */
    public boolean loads(String name) {
        return layers.isEmpty() || layers.contains(name);
    }
}

package io.streamnet.nn.explain;

import io.streamnet.nn.layer.EmbeddingBag;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A bag network cut after its embedding bag: everything downstream of the bag as a network of its own, whose dense
 * input (named like the bag layer, so the layers' wiring is unchanged) takes the pooled embedding. Integrated
 * gradients walk that input from zero to the text's pooled embedding, so they need the head's gradient with respect
 * to it, which {@link Network#scoreWithInputGradients} gives. The head's weights are frozen (no parameter gradient
 * is computed) and copied from the full network before each use ({@link #copyWeightsFrom}).
 */
final class BagHead {
    final String input;
    final String bagLayer;
    final int dim;
    final boolean mean;
    final Network network;

    /** @throws IllegalArgumentException if the spec is not one sparse input read by one embedding bag first */
    BagHead(NetworkSpec spec) {
        if (spec.inputs().size() != 1 || spec.inputs().get(0).type() != InputSpec.Type.SPARSE_IDS) {
            throw new IllegalArgumentException("explanations need a network with one sparse_ids input (a bag of hashed"
                    + " n-grams), network '" + spec.name() + "' has inputs " + spec.inputs().stream()
                    .map(i -> i.name() + ":" + i.type().specName()).toList());
        }
        if (spec.loss() == null || !spec.loss().type().equals("bce_with_logits") || spec.graph().outputWidth() != 1) {
            throw new IllegalArgumentException("explanations need a binary classifier (one output, loss bce_with_logits),"
                    + " network '" + spec.name() + "' is not one");
        }
        this.input = spec.inputs().get(0).name();
        if (!(spec.layers().get(0) instanceof LayerSpec.EmbeddingBag bag)) {
            throw new IllegalArgumentException("explanations need an embedding_bag as the first layer, network '"
                    + spec.name() + "' starts with " + spec.layers().get(0).type() + " '" + spec.layers().get(0).name() + "'");
        }
        for (LayerSpec l : spec.layers().subList(1, spec.layers().size())) {
            if (l.inputs().contains(input)) {
                throw new IllegalArgumentException("explanations need the input '" + input + "' read by the embedding bag"
                        + " only, layer '" + l.name() + "' reads it too");
            }
        }
        this.bagLayer = bag.name();
        this.dim = bag.dim();
        this.mean = bag.mode().equals("mean");
        List<LayerSpec> rest = new ArrayList<>(spec.layers().subList(1, spec.layers().size()));
        NetworkSpec head = new NetworkSpec(spec.name() + "-head", spec.seed(), List.of(InputSpec.dense(bagLayer, dim)),
                rest, spec.loss(), spec.optimizer());
        this.network = Network.forScoring(head);
        for (String layer : network.layerNames()) network.setFrozen(layer, true);
        network.setInputGradientNeeded(bagLayer, true);
    }

    /** The embedding bag of a full network of this head's spec. */
    EmbeddingBag bagOf(Network full) {
        return (EmbeddingBag) full.layer(bagLayer);
    }

    /** Copies the head's weights from {@code full} (a few thousand floats: cheaper than tracking versions). */
    void copyWeightsFrom(Network full) {
        for (Parameter p : network.parameters()) {
            System.arraycopy(full.parameter(p.name()).value(), 0, p.value(), 0, p.size());
        }
    }
}

package io.streamnet.nn.explain;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.spec.InputSpec;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A text network cut after its token embeddings: everything downstream of the first layer as a network of its own,
 * whose dense input (named like the first layer, so the layers' wiring is unchanged) takes what that layer gives.
 * Two kinds: an {@code embedding_bag} over a sparse_ids input (the input is the pooled embedding, {@code dim}
 * floats), and an {@code embedding} over an ids sequence (TextCNN; the input is the sequence of embeddings,
 * {@code width x dim}, padded positions masked by the tensor's lengths). Integrated gradients walk that input from
 * zero to the text's embeddings, so they need the head's gradient with respect to it, which
 * {@link Network#scoreWithInputGradients} gives. The head's weights are frozen (no parameter gradient is computed)
 * and copied from the full network before each use ({@link #copyWeightsFrom}).
 */
final class EmbeddingHead {
    final String input;
    final String firstLayer;
    final int dim;
    /** Sequence positions (ids per example) of a sequence model, 0 for a bag. */
    final int width;
    final boolean mean;
    final int vocab;
    final Network network;

    /** @throws IllegalArgumentException if the spec is not one id input read by one token embedding first */
    EmbeddingHead(NetworkSpec spec) {
        InputSpec in = spec.inputs().size() == 1 ? spec.inputs().get(0) : null;
        if (in == null || in.type() == InputSpec.Type.DENSE) {
            throw new IllegalArgumentException("explanations need a network with one sparse_ids or ids input (hashed"
                    + " tokens), network '" + spec.name() + "' has inputs " + spec.inputs().stream()
                    .map(i -> i.name() + ":" + i.type().specName()).toList());
        }
        if (spec.loss() == null || !spec.loss().type().equals("bce_with_logits") || spec.graph().outputWidth() != 1) {
            throw new IllegalArgumentException("explanations need a binary classifier (one output, loss bce_with_logits),"
                    + " network '" + spec.name() + "' is not one");
        }
        LayerSpec first = spec.layers().get(0);
        this.input = in.name();
        this.vocab = in.vocab();
        this.firstLayer = first.name();
        InputSpec headInput;
        if (first instanceof LayerSpec.EmbeddingBag bag && in.type() == InputSpec.Type.SPARSE_IDS) {
            this.dim = bag.dim();
            this.width = 0;
            this.mean = bag.mode().equals("mean");
            headInput = InputSpec.dense(firstLayer, dim);
        } else if (first instanceof LayerSpec.Embedding emb && in.type() == InputSpec.Type.IDS && in.width() > 1) {
            this.dim = emb.dim();
            this.width = in.width();
            this.mean = false;
            headInput = InputSpec.sequence(firstLayer, width, dim);
        } else {
            throw new IllegalArgumentException("explanations need an embedding_bag over sparse_ids or an embedding over an"
                    + " ids sequence as the first layer, network '" + spec.name() + "' starts with " + first.type() + " '"
                    + first.name() + "' over " + in.type().specName());
        }
        for (LayerSpec l : spec.layers().subList(1, spec.layers().size())) {
            if (l.inputs().contains(input)) {
                throw new IllegalArgumentException("explanations need the input '" + input + "' read by the first layer"
                        + " only, layer '" + l.name() + "' reads it too");
            }
        }
        List<LayerSpec> rest = new ArrayList<>(spec.layers().subList(1, spec.layers().size()));
        NetworkSpec head = new NetworkSpec(spec.name() + "-head", spec.seed(), List.of(headInput), rest, spec.loss(),
                spec.optimizer());
        this.network = Network.forScoring(head);
        for (String layer : network.layerNames()) network.setFrozen(layer, true);
        network.setInputGradientNeeded(firstLayer, true);
    }

    boolean sequence() {
        return width > 0;
    }

    /** Floats of the head's input per example. */
    int inputSize() {
        return sequence() ? width * dim : dim;
    }

    /** The token embedding table of a full network of this head's spec. */
    Parameter tableOf(Network full) {
        return full.parameter(firstLayer + ".table");
    }

    /** Copies the head's weights from {@code full} (a few thousand floats: cheaper than tracking versions). */
    void copyWeightsFrom(Network full) {
        for (Parameter p : network.parameters()) {
            Parameter from = full.parameter(p.name());
            System.arraycopy(from.value(), from.offset(), p.value(), p.offset(), p.size());
        }
    }
}

package io.streamnet.nn.spec;

import io.streamnet.nn.tensor.Shape;

import java.util.List;
import java.util.Map;

/**
 * A validated spec as a graph: each layer's resolved input names and each node's output kind and shape.
 * Produced by {@link NetworkSpec#graph()}.
 */
public final class SpecGraph {
    /** What a node produces. */
    public enum Kind { DENSE, SPARSE_IDS, IDS }

    /** Output of one node (network input or layer): its kind, its per-example shape (dense only), its vocab (ids). */
    public record Node(String name, Kind kind, Shape shape, int vocab, int width) {}

    private final List<List<String>> layerInputs;
    private final Map<String, Node> nodes;
    private final String output;

    SpecGraph(List<List<String>> layerInputs, Map<String, Node> nodes, String output) {
        this.layerInputs = layerInputs;
        this.nodes = nodes;
        this.output = output;
    }

    /** Resolved input names of layer {@code i}. */
    public List<String> inputsOf(int i) {
        return layerInputs.get(i);
    }

    public Node node(String name) {
        return nodes.get(name);
    }

    /** Name of the output layer (the last one). */
    public String output() {
        return output;
    }

    /** Output width of the network (units of the last layer). */
    public int outputWidth() {
        return nodes.get(output).shape().last();
    }
}

package io.streamnet.nn.network;

import io.streamnet.nn.layer.Layer;
import io.streamnet.nn.layer.MergeLayer;
import io.streamnet.nn.layer.Module;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.SpecGraph;
import io.streamnet.nn.tensor.Tensor;
import io.streamnet.nn.tensor.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's layers wired as the spec's graph: built in spec order, the forward pass, the backward pass from the
 * gradient of the last layer's output, and which nodes (and which dense network inputs) need a gradient. Buffers are
 * allocated once; a pass allocates nothing.
 */
final class LayerGraph {
    final Module[] modules;
    final Layer[] layers;
    final MergeLayer[] merges;
    /** Source of each input of each node: >= 0 a layer index, < 0 the network input -(s + 1). */
    final int[][] sources;
    final List<Parameter> params;
    final Map<String, Module> byName = new LinkedHashMap<>();
    /** Per network input: whether backward computes the loss gradient with respect to it (dense inputs only). */
    final InputGradients inputGrads;
    private final int[] consumers;
    private final Value[] outputs;
    private final Tensor[][] mergeArgs;
    private final Tensor[] gradRef;
    private final Tensor[] gradAcc;
    private final int[] gradSeen;
    private final boolean[] needsGrad;
    /** The batch of the last forward, for the input gradients' shapes. */
    private Batch lastBatch;

    LayerGraph(NetworkSpec spec, SpecGraph graph, Rng rng, boolean initialize) {
        int n = spec.layers().size();
        this.modules = new Module[n];
        this.layers = new Layer[n];
        this.merges = new MergeLayer[n];
        this.sources = new int[n][];
        this.consumers = new int[n];
        this.outputs = new Value[n];
        this.mergeArgs = new Tensor[n][];
        this.gradRef = new Tensor[n];
        this.gradAcc = new Tensor[n];
        this.gradSeen = new int[n];
        this.needsGrad = new boolean[n];
        this.inputGrads = new InputGradients(spec);
        List<Parameter> ps = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < spec.inputs().size(); i++) index.put(spec.inputs().get(i).name(), -(i + 1));
        for (int i = 0; i < n; i++) {
            LayerSpec ls = spec.layers().get(i);
            List<String> ins = graph.inputsOf(i);
            List<SpecGraph.Node> inNodes = ins.stream().map(graph::node).toList();
            Module m = Components.layer(ls, inNodes, rng, initialize);
            modules[i] = m;
            if (m instanceof Layer l) layers[i] = l; else merges[i] = (MergeLayer) m;
            sources[i] = ins.stream().mapToInt(index::get).toArray();
            for (int s : sources[i]) if (s >= 0) consumers[s]++;
            if (merges[i] != null) mergeArgs[i] = new Tensor[ins.size()];
            gradAcc[i] = new Tensor();
            for (Parameter p : m.params()) {
                p.setFrozen(ls.frozen());
                ps.add(p);
            }
            byName.put(ls.name(), m);
            index.put(ls.name(), i);
        }
        this.params = Collections.unmodifiableList(ps);
        wireGradients();
    }

    /**
     * Recomputes which nodes need gradients: those with trainable parameters at or before them, and those after
     * an input whose gradient was requested.
     */
    void wireGradients() {
        for (int i = 0; i < modules.length; i++) {
            boolean need = false;
            for (Parameter p : modules[i].params()) need |= !p.frozen();
            for (int s : sources[i]) need |= gradientFlowsFrom(s);
            needsGrad[i] = need;
            if (layers[i] != null) layers[i].setInputGradientNeeded(gradientFlowsFrom(sources[i][0]));
        }
    }

    /** Whether source {@code s} (a layer index, or a network input as -(input + 1)) wants a gradient. */
    private boolean gradientFlowsFrom(int s) {
        return s >= 0 ? needsGrad[s] : inputGrads.needed(-s - 1);
    }

    /** The last layer's output of the last forward pass. */
    Tensor output() {
        return (Tensor) outputs[modules.length - 1];
    }

    private Value sourceValue(int s, Batch batch) {
        return s >= 0 ? outputs[s] : batch.input(-s - 1);
    }

    Tensor forward(Batch batch, boolean training) {
        lastBatch = batch;
        for (int i = 0; i < modules.length; i++) {
            int[] src = sources[i];
            if (layers[i] != null) {
                outputs[i] = layers[i].forward(sourceValue(src[0], batch), training);
            } else {
                Tensor[] args = mergeArgs[i];
                for (int k = 0; k < src.length; k++) args[k] = (Tensor) sourceValue(src[k], batch);
                outputs[i] = merges[i].forward(args, training);
            }
        }
        return output();
    }

    /** Backward from {@code gradOutput}, the gradient with respect to the last forward's output. */
    void backward(Tensor gradOutput) {
        int last = modules.length - 1;
        Arrays.fill(gradRef, null);
        Arrays.fill(gradSeen, 0);
        inputGrads.begin();
        gradRef[last] = gradOutput;
        for (int i = last; i >= 0; i--) {
            if (!needsGrad[i]) continue;
            Tensor g = gradRef[i];
            int[] src = sources[i];
            if (layers[i] != null) {
                Tensor gx = layers[i].backward(g);
                flowBack(src[0], gx);
            } else {
                Tensor[] gxs = merges[i].backward(g);
                for (int k = 0; k < src.length; k++) flowBack(src[k], gxs[k]);
            }
        }
        inputGrads.end(lastBatch);
    }

    /** Hands a consumer's input gradient to its source: a layer that needs it, or a requested network input. */
    private void flowBack(int s, Tensor gx) {
        if (s >= 0) {
            if (needsGrad[s]) accumulate(s, gx);
        } else {
            inputGrads.add(-s - 1, gx);
        }
    }

    /** Adds a consumer's input gradient to node j's output gradient (by reference when j has one consumer). */
    private void accumulate(int j, Tensor gx) {
        if (consumers[j] == 1) {
            gradRef[j] = gx;
            return;
        }
        Tensor acc = gradAcc[j];
        if (gradSeen[j]++ == 0) {
            acc.copyFrom(gx);
            gradRef[j] = acc;
        } else {
            float[] a = acc.data();
            float[] g = gx.data();
            int n = acc.size();
            for (int k = 0; k < n; k++) a[k] += g[k];
        }
    }
}

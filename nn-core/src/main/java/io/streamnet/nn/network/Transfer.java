package io.streamnet.nn.network;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.spec.LayerSpec;
import io.streamnet.nn.spec.SpecException;
import io.streamnet.nn.spec.TransferSpec;
import io.streamnet.nn.state.ModelStateCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Transfer learning: copies the weights of chosen layers from another model into a freshly initialized network
 * ({@link TransferSpec}). All checks run before anything is copied, so a failed transfer leaves the network as
 * initialized.
 */
public final class Transfer {
    private Transfer() {}

    /** Reads the source model state file named by {@code transfer.from} and copies its layers into {@code target}. */
    static void apply(Network target, TransferSpec transfer) {
        Path file = Path.of(transfer.from());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SpecException("transfer.from", "cannot read model state file " + file.toAbsolutePath() + ": " + e, e);
        }
        ParameterSnapshot source;
        try {
            source = ModelStateCodec.decode(bytes).copyParameters();
        } catch (RuntimeException e) {
            throw new SpecException("transfer.from", file + " is not a readable model state file: " + e.getMessage(), e);
        }
        copy(target, source, transfer, file.toString());
    }

    /**
     * Copies into {@code target} the parameters of every layer that {@code transfer} loads (all layers with
     * parameters when it names none) from {@code source}.
     *
     * @param sourceName names the source in messages
     * @throws SpecException naming the layer and parameter (and both shapes) that the source lacks or holds in
     *                       another shape; nothing is copied then
     */
    public static void copy(Network target, ParameterSnapshot source, TransferSpec transfer, String sourceName) {
        copy(target, source, transfer, sourceName, "transfer");
    }

    /**
     * {@link #copy(Network, ParameterSnapshot, TransferSpec, String)}, with errors located under {@code key} (the
     * configuration key that lists the layers, e.g. a job's {@code warm_start}) instead of the spec's {@code transfer}.
     */
    public static void copy(Network target, ParameterSnapshot source, TransferSpec transfer, String sourceName,
                            String key) {
        List<Parameter> dst = new ArrayList<>();
        List<ParameterSnapshot.Entry> src = new ArrayList<>();
        List<LayerSpec> layers = target.spec().layers();
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i).name();
            List<Parameter> params = target.layer(layer).params();
            if (params.isEmpty() || !transfer.loads(layer)) continue;
            String loc = transfer.layers().isEmpty() ? key + " (all layers)" : key + ".layers[" + transfer.layers().indexOf(layer) + "]";
            boolean any = false;
            for (ParameterSnapshot.Entry e : source.entries()) any |= e.name().startsWith(layer + ".");
            if (!any) {
                throw new SpecException(loc, "layer '" + layer + "' is not in " + sourceName + " (its parameters: "
                        + source.entries().stream().map(ParameterSnapshot.Entry::name).toList() + ")");
            }
            for (Parameter p : params) {
                ParameterSnapshot.Entry e = source.entry(p.name());
                if (e == null) {
                    throw new SpecException(loc, "layer '" + layer + "': parameter '" + p.name() + "' " + p.shapeString()
                            + " is not in " + sourceName);
                }
                if (e.rows() != p.rows() || e.cols() != p.cols()) {
                    throw new SpecException(loc, "layer '" + layer + "': parameter '" + p.name() + "' has shape " + p.shapeString()
                            + " in this network but [" + e.rows() + ", " + e.cols() + "] in " + sourceName
                            + " (leave the layer out of " + key + ".layers to initialize it fresh)");
                }
                dst.add(p);
                src.add(e);
            }
            for (ParameterSnapshot.Entry e : source.entries()) {
                if (e.name().startsWith(layer + ".") && params.stream().noneMatch(p -> p.name().equals(e.name()))) {
                    throw new SpecException(loc, "layer '" + layer + "': " + sourceName + " holds parameter '" + e.name()
                            + "' that this network's layer does not have (e.g. bias on one side only)");
                }
            }
        }
        for (int i = 0; i < dst.size(); i++) {
            float[] v = src.get(i).values();
            System.arraycopy(v, 0, dst.get(i).value(), dst.get(i).offset(), v.length);
        }
    }
}

package io.streamnet.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.prequential.FeatureSpec;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.spec.NetworkSpec;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The {@code model} section, resolved: how text becomes ids (a text-hashing featurizer) and the network that learns
 * from them. The network spec is kept as its canonical JSON, since {@link NetworkSpec} is not serializable and
 * this travels inside Flink operators; {@link #network()} parses it once per JVM.
 */
public final class ModelSection implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TextHashingConfig textHashing;
  private final String inputName;
  private final String networkJson;
  private transient volatile NetworkSpec network;

  private ModelSection(TextHashingConfig textHashing, String inputName, NetworkSpec network) {
    this.textHashing = Objects.requireNonNull(textHashing, "textHashing");
    this.inputName = Objects.requireNonNull(inputName, "inputName");
    this.networkJson = network.toJson();
    this.network = network;
  }

  /**
   * The model of a runner spec, whose features must be {@code text_hashing} (checked against the network by
   * {@link RunnerSpec} already).
   */
  public static ModelSection of(RunnerSpec spec) {
    if (!(spec.features() instanceof FeatureSpec.TextHashing t)) {
      throw new IllegalArgumentException("features: type must be text_hashing (the sentiment job learns from"
          + " text), got " + (spec.features() instanceof FeatureSpec.UserItem ? "user_item" : spec.features()));
    }
    return new ModelSection(t.config(), t.input(), spec.network());
  }

  /** The featurizer settings and the network input it feeds. */
  public FeatureSpec.TextHashing features() {
    return new FeatureSpec.TextHashing(textHashing, inputName);
  }

  public TextHashingConfig textHashing() {
    return textHashing;
  }

  /** The network input (of type sparse_ids) that receives the hashed ids. */
  public String inputName() {
    return inputName;
  }

  /** The network spec as canonical JSON ({@link NetworkSpec#toJson()}). */
  public String networkJson() {
    return networkJson;
  }

  /** The network spec. */
  public NetworkSpec network() {
    NetworkSpec n = network;
    if (n == null) {
      n = NetworkSpec.fromJson(networkJson);
      network = n;
    }
    return n;
  }

  /** {@code features} + {@code network}, as the configuration file writes them. */
  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    ObjectNode f = o.putObject("features");
    f.put("type", "text_hashing");
    f.put("input", inputName);
    f.put("buckets", textHashing.buckets());
    f.put("min_order", textHashing.minOrder());
    f.put("max_order", textHashing.maxOrder());
    f.put("binary", textHashing.binary());
    f.put("seed", textHashing.seed());
    try {
      o.set("network", JSON.readTree(networkJson));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return o;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSection m && textHashing.equals(m.textHashing) && inputName.equals(m.inputName)
        && networkJson.equals(m.networkJson);
  }

  @Override
  public int hashCode() {
    return Objects.hash(textHashing, inputName, networkJson);
  }

  @Override
  public String toString() {
    NetworkSpec n = network();
    return "ModelSection[" + textHashing + " -> " + inputName + ", network '" + n.name() + "' (" + n.layers().size()
        + " layers, seed " + n.seed() + ")]";
  }
}

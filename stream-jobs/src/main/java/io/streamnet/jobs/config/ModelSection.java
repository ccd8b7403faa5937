package io.streamnet.jobs.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnet.jobs.task.sentiment.TextFeatures;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.prequential.FeatureSpec;
import io.streamnet.nn.prequential.RecoRunnerSpec;
import io.streamnet.nn.prequential.RunnerSpec;
import io.streamnet.nn.reco.RecoLearnerSpec;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.SpecException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The {@code model} section, resolved, for the job's task. Sentiment: how text becomes ids (a text-hashing
 * featurizer) and the network that learns from them. Recommendation: the recommender and its learner's settings.
 * Specs are kept as canonical JSON, since they are not serializable and this travels inside Flink operators.
 */
public final class ModelSection implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TextFeatures text;
  private final String networkJson;
  private final String recommenderJson;
  private final int maxUsers;
  private final int topK;
  private final long rmseWarmUp;
  private transient volatile NetworkSpec network;

  private ModelSection(TextFeatures text, String networkJson, String recommenderJson, int maxUsers, int topK,
                       long rmseWarmUp) {
    this.text = text;
    this.networkJson = networkJson;
    this.recommenderJson = recommenderJson;
    this.maxUsers = maxUsers;
    this.topK = topK;
    this.rmseWarmUp = rmseWarmUp;
  }

  /**
   * The sentiment model of a runner spec, whose features must be {@code text_hashing} (checked against the network
   * by {@link RunnerSpec} already).
   */
  public static ModelSection of(RunnerSpec spec) {
    if (!(spec.features() instanceof FeatureSpec.TextHashing t)) {
      throw new IllegalArgumentException("features: type must be text_hashing (the sentiment job learns from"
          + " text), got " + (spec.features() instanceof FeatureSpec.UserItem ? "user_item" : spec.features()));
    }
    if (spec.network().transfer() != null) {
      // the trainer would read the file wherever it runs, and again whenever it starts without a checkpoint
      throw new SpecException("network.transfer", "a job loads layers from another model with warm_start.layers"
          + " (warm_start.from: the URI of the model file, one the cluster can read); remove transfer here");
    }
    return new ModelSection(new TextFeatures(t.config(), t.input()), spec.network().toJson(), null, 0, 0, 0);
  }

  /** The recommendation model of a recommender runner spec (its baselines are the runner's, not the job's). */
  public static ModelSection of(RecoRunnerSpec spec) {
    RecoLearnerSpec l = spec.learner();
    return new ModelSection(null, null, l.model().toJson(), l.maxUsers(), l.topK(), l.rmseWarmUp());
  }

  /** Whether this is a recommendation model (else a sentiment one). */
  public boolean recommendation() {
    return recommenderJson != null;
  }

  /** The recommender with its learner's settings. */
  public RecoLearnerSpec recommender() {
    if (!recommendation()) {
      throw new IllegalStateException("the model is a sentiment network, not a recommender");
    }
    return new RecoLearnerSpec(RecommenderSpec.fromJson(recommenderJson), maxUsers, topK, rmseWarmUp);
  }

  /** The featurizer settings and the network input it feeds. */
  public FeatureSpec.TextHashing features() {
    return new FeatureSpec.TextHashing(textFeatures().config(), textFeatures().inputName());
  }

  /** The text featurizer and the network input it feeds (sentiment). */
  public TextFeatures textFeatures() {
    if (recommendation()) {
      throw new IllegalStateException("the model is a recommender, not a sentiment network");
    }
    return text;
  }

  public TextHashingConfig textHashing() {
    return textFeatures().config();
  }

  /** The network input (of type sparse_ids) that receives the hashed ids. */
  public String inputName() {
    return textFeatures().inputName();
  }

  /** The network spec as canonical JSON ({@link NetworkSpec#toJson()}). */
  public String networkJson() {
    textFeatures();
    return networkJson;
  }

  /** The network spec. */
  public NetworkSpec network() {
    NetworkSpec n = network;
    if (n == null) {
      n = NetworkSpec.fromJson(networkJson());
      network = n;
    }
    return n;
  }

  /**
   * As the configuration file writes it inline: sentiment {@code features} + {@code network}; recommendation
   * {@code model} (the recommender) + {@code learner}.
   */
  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    try {
      if (recommendation()) {
        o.set("model", JSON.readTree(recommenderJson));
        o.putObject("learner").put("max_users", maxUsers).put("top_k", topK).put("rmse_warm_up", rmseWarmUp);
      } else {
        o.set("features", JSON.readTree(text.toJson()));
        o.set("network", JSON.readTree(networkJson));
      }
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return o;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSection m && Objects.equals(text, m.text) && Objects.equals(networkJson, m.networkJson)
        && Objects.equals(recommenderJson, m.recommenderJson) && maxUsers == m.maxUsers && topK == m.topK
        && rmseWarmUp == m.rmseWarmUp;
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, networkJson, recommenderJson, maxUsers, topK, rmseWarmUp);
  }

  @Override
  public String toString() {
    if (recommendation()) {
      return "ModelSection[recommender, top_k " + topK + ", max_users " + maxUsers + "]";
    }
    NetworkSpec n = network();
    return "ModelSection[" + text.config() + " -> " + text.inputName() + ", network '" + n.name() + "' ("
        + n.layers().size() + " layers, seed " + n.seed() + ")]";
  }
}

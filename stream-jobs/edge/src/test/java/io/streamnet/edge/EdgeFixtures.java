package io.streamnet.edge;

import io.streamnet.nn.layer.Parameter;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.jobs.task.Task;
import io.streamnet.jobs.task.reco.RecoExample;
import io.streamnet.jobs.task.reco.RecommendationTask;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.jobs.task.sentiment.TextFeatures;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.snapshot.ModelContent;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small real models of both tasks and their snapshots, as the trainer publishes them. */
public final class EdgeFixtures {
  private EdgeFixtures() {}

  public static final TextHashingConfig FEATURES = new TextHashingConfig(1 << 10, 1, 2, false, 0);

  public static SentimentTask sentiment() {
    NetworkSpec spec = NetworkSpec.builder().seed(3).sparseInput("tokens", 1 << 10)
        .embeddingBag("emb", "tokens", 8, "mean").dense("hidden", 8, "relu").dense("out", 1)
        .loss("bce_with_logits").optimizer(OptimizerSpec.adagrad(0.2)).build();
    return new SentimentTask(new TextFeatures(FEATURES, "tokens"), spec.toJson(), 100);
  }

  public static final String RECO_SPEC = RecommenderSpec.fromYaml("""
      seed: 11
      dim: 8
      items: {capacity: 64, min_count: 1, max_idle_events: 0}
      users: {capacity: 32, min_count: 1, max_idle_events: 0}
      history: {length: 5, items: all, max_interacted: 100}
      negatives: {count: 6, exponent: 0.75, max_tries: 4}
      optimizer: {type: adagrad, lr: 0.1}
      rating_head:
        seed: 5
        inputs: [{name: user, type: ids, vocab: 32}, {name: item, type: ids, vocab: 64}]
        layers:
          - {type: embedding, name: rating_user, input: user, dim: 4}
          - {type: embedding, name: rating_item, input: item, dim: 4}
          - {type: concat, name: rating_both, inputs: [rating_user, rating_item]}
          - {type: dense, name: rating_out, units: 1}
        loss: mse
        optimizer: {type: adagrad, lr: 0.05}
      """, "test").toJson();

  public static RecommendationTask recommendation() {
    return new RecommendationTask(RECO_SPEC, 1024, 10, 0);
  }

  /** Users 1..20 rate items 100..150, taste by user parity. */
  public static List<Interaction> interactions(int from, int count) {
    SplittableRandom random = new SplittableRandom(7 + from);
    List<Interaction> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      long user = 1 + random.nextInt(20);
      long item = 100 + 2 * random.nextInt(25) + (user % 2);
      out.add(new Interaction(user, item, (float) (1 + random.nextInt(5)), null, Instant.ofEpochMilli(1_000L * i)));
    }
    return out;
  }

  /** A recommendation learner trained on {@code interactions} in batches of 16. */
  public static OnlineLearner<RecoExample> trainedRecommender(List<Interaction> interactions) {
    RecommendationTask task = recommendation();
    OnlineLearner<RecoExample> learner = task.newLearner(null);
    var featurizer = task.newFeaturizer();
    List<RecoExample> batch = new ArrayList<>();
    for (int i = 0; i < interactions.size(); i++) {
      batch.add(featurizer.example(interactions.get(i), i));
      if (batch.size() == 16) {
        learner.step(batch, Double.POSITIVE_INFINITY);
        batch.clear();
      }
    }
    return learner;
  }

  public static ModelSnapshot full(Task<?, ?, ?, ?, ?> task, String modelId, ModelVersion v, byte[] payload) {
    return snapshot(task, modelId, v, null, payload, SnapshotPayload.sha256Hex(payload));
  }

  public static ModelSnapshot delta(Task<?, ?, ?, ?, ?> task, String modelId, ModelVersion v, ModelVersion base,
                             byte[] payload) {
    return snapshot(task, modelId, v, base, payload, SnapshotPayload.sha256Hex(payload));
  }

  public static ModelSnapshot snapshot(Task<?, ?, ?, ?, ?> task, String modelId, ModelVersion v, ModelVersion base,
                                byte[] payload, String sha256) {
    var d = task.descriptor();
    return ModelSnapshot.newBuilder().setModelId(modelId).setEpoch(v.epoch()).setVersion(v.version())
        .setCreatedAt(Instant.ofEpochMilli(1_000 * v.version())).setCheckpointId(null)
        .setNetworkSpec(d.modelSpecJson()).setTask(d.task()).setTaskSpec(d.taskSpecJson())
        .setKind(base == null ? SnapshotKind.FULL : SnapshotKind.DELTA)
        .setBaseEpoch(base == null ? null : base.epoch()).setBaseVersion(base == null ? null : base.version())
        .setParameters(ByteBuffer.wrap(payload)).setMetrics(Map.of()).setSha256(sha256).setSignature(null).build();
  }

  /** A serving copy with {@code payloads} applied in order: what the answers must come from. */
  public static ServingModel served(Task<?, ?, ?, ?, ?> task, byte[]... payloads) {
    ServingModel m = task.newServingModel(task.descriptor().modelSpecJson());
    for (byte[] p : payloads) {
      SnapshotPayload.apply(p, m);
    }
    return m;
  }

  /** The answer of the task's own answerer: the reference the edge must equal. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object answer(Task task, Object request, Object context, ServingModel model, String modelId,
                       ModelVersion v) {
    return task.newAnswerer().answer(request, context, model, new ServingStamp().start(modelId, v, 0));
  }

  /** Adds {@code delta} to every value of the first parameter: a new version. */
  public static void nudge(ModelContent model, float delta) {
    Parameter p = model.parameters().get(0);
    float[] w = p.value();
    for (int i = 0; i < p.size(); i++) {
      w[p.offset() + i] += delta * ((i % 7) - 3);
    }
  }
}

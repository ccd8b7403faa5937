package io.streamnet.jobs.task.reco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.task.ModelDescriptor;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.jobs.task.Tasks;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.online.OnlineLearner;
import io.streamnet.nn.reco.RecommenderSpec;
import io.streamnet.nn.reco.UserHistory;
import io.streamnet.nn.snapshot.DeltaTracker;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.PayloadParts;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ScoredItem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The recommendation task as the job uses it, without Flink: a learner trained through the task, its snapshots
 * applied in parts to a serving copy built from the descriptor alone, answers equal to the trainer's own model's, and
 * a learner restored from its checkpoint bytes continuing bit-identically.
 */
class RecommendationTaskTest {
  static final String SPEC = RecommenderSpec.fromYaml("""
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

  static RecommendationTask task() {
    return new RecommendationTask(SPEC, 1024, 10, 0);
  }

  /** A seeded stream: users 1..20 rate items 100..150, taste by user parity. */
  static List<RecoExample> examples(int from, int count) {
    SplittableRandom random = new SplittableRandom(7 + from);
    var featurizer = task().newFeaturizer();
    List<RecoExample> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      long user = 1 + random.nextInt(20);
      long item = 100 + 2 * random.nextInt(25) + (user % 2);
      Interaction interaction = new Interaction(user, item, (float) (1 + random.nextInt(5)), null,
          Instant.ofEpochMilli(1_000L * i));
      out.add(featurizer.example(interaction, i));
    }
    return out;
  }

  static void train(OnlineLearner<RecoExample> learner, int from, int batches) {
    for (int b = 0; b < batches; b++) {
      TrainResult r = learner.step(examples(from + 16 * b, 16), Double.POSITIVE_INFINITY);
      assertTrue(r.trained(), "batch " + b + ": " + r);
    }
  }

  @Test
  void aServingCopyBuiltFromTheDescriptorAnswersAsTheTrainersModel() {
    RecommendationTask task = task();
    RecoTaskLearner learner = (RecoTaskLearner) task.newLearner(null);
    DeltaTracker tracker = new DeltaTracker(learner.content());
    ModelDescriptor descriptor = task.descriptor();
    RecommendationTask reader = (RecommendationTask) Tasks.serving(descriptor);
    ServingModel serving = reader.newServingModel(descriptor.modelSpecJson());
    var answerer = reader.newAnswerer();
    train(learner, 0, 20);
    apply(PayloadParts.split(tracker.full(), 300), serving);
    for (int round = 1; round <= 3; round++) {
      train(learner, 1000 * round, 5);
      apply(PayloadParts.split(tracker.delta(), 300), serving);
      for (long user = 1; user <= 20; user++) {
        UserHistory history = learner.learner().histories().get(user);
        long[] items = new long[10];
        float[] scores = new float[10];
        int n = learner.learner().model().topK(history, user, 10, items, scores);
        Recommendation answer = answerer.answer(new RecoRequest("r" + user, user, 10, null, Instant.EPOCH),
            history, serving, new ServingStamp().start("m", new ModelVersion(1, round), 0));
        assertEquals(n, answer.getItems().size());
        for (int i = 0; i < n; i++) {
          ScoredItem s = answer.getItems().get(i);
          assertEquals(items[i], s.getItemId(), "user " + user + " rank " + i);
          assertEquals(1 / (1 + Math.exp(-scores[i])), s.getScore(), 1e-12);
          assertFalse(history.hasInteracted(s.getItemId()), "an item the user rated is not recommended");
        }
        assertFalse(answer.getPopularityFallback());
      }
    }
    Recommendation stranger = answerer.answer(new RecoRequest("x", 12345L, 3, null, Instant.EPOCH),
        task.emptyContext(), serving, new ServingStamp().start("m", new ModelVersion(1, 9), 0));
    assertTrue(stranger.getPopularityFallback(), "nothing known of the user: the popularity ranking");
    assertEquals(3, stranger.getItems().size());
  }

  private static void apply(List<byte[]> parts, ServingModel serving) {
    for (byte[] part : parts) {
      SnapshotPayload.apply(part, serving);
    }
  }

  @Test
  void aLearnerRestoredFromItsCheckpointBytesContinuesBitIdentically() throws IOException {
    RecommendationTask task = task();
    OnlineLearner<RecoExample> original = task.newLearner(null);
    train(original, 0, 12);
    byte[] model = original.encodeModel();
    ByteArrayOutputStream state = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(state)) {
      original.writeState(out);
    }
    OnlineLearner<RecoExample> restored = task.restoreLearner(model,
        new DataInputStream(new ByteArrayInputStream(state.toByteArray())));
    assertEquals(original.metrics(), restored.metrics());
    train(original, 500, 8);
    train(restored, 500, 8);
    assertArrayEquals(original.encodeModel(), restored.encodeModel(), "weights, slots, rows and generator");
    assertEquals(original.metrics(), restored.metrics(), "the evaluation went on identically");
    assertEquals(original.trainedExamples(), restored.trainedExamples());
  }

  @Test
  void theScorersContextFollowsTheInteractionsAsTheLearnersHistoriesDo() {
    RecommendationTask task = task();
    RecoTaskLearner learner = (RecoTaskLearner) task.newLearner(null);
    List<RecoExample> stream = examples(0, 64);
    learner.step(stream, Double.POSITIVE_INFINITY);
    UserHistory scorerSide = task.emptyContext();
    for (RecoExample e : stream) {
      if (e.event().userId() == 3) {
        task.update(scorerSide, new Interaction(3L, e.event().itemId(), e.event().rating(), null,
            Instant.ofEpochMilli(e.event().eventTimeMillis())));
      }
    }
    assertArrayEquals(learner.learner().histories().get(3).encode(), scorerSide.encode());
  }
}

package io.streamnet.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.jobs.task.sentiment.TextFeatures;
import io.streamnet.nn.feature.IdBuffer;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.feature.TextHashingFeaturizer;
import io.streamnet.nn.network.Batch;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.PayloadParts;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ReviewEvent;
import io.streamnet.schema.SentimentScore;
import io.streamnet.schema.TrainingMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** The scorer in Flink's broadcast operator harness. */
class ScorerFunctionTest {
  static final TextHashingConfig FEATURES = new TextHashingConfig(1 << 10, 1, 2, false, 0);

  static NetworkSpec spec() {
    return NetworkSpec.builder().seed(3).sparseInput("tokens", 1 << 10)
        .embeddingBag("emb", "tokens", 8, "mean").dense("hidden", 8, "relu").dense("out", 1)
        .loss("bce_with_logits").optimizer(OptimizerSpec.adagrad(0.2)).build();
  }

  static SentimentTask task() {
    return new SentimentTask(new TextFeatures(FEATURES, "tokens"), spec().toJson(), 100);
  }

  static ScorerFunction<ReviewEvent, SentimentScore> scorer(int bufferLimit) {
    return new ScorerFunction<>(new ScorerFunction.Settings("m", bufferLimit, 60_000, "requests", 1), task());
  }

  /** A FULL version of {@code net} in parts of at most {@code maxBytes}. */
  static List<ModelPart> snapshot(Network net, long epoch, long version, int maxBytes) {
    List<byte[]> bytes = PayloadParts.split(SnapshotPayload.full(net), maxBytes);
    List<ModelPart> parts = new ArrayList<>();
    for (int i = 0; i < bytes.size(); i++) {
      boolean last = i == bytes.size() - 1;
      parts.add(new ModelPart("m", new ModelVersion(epoch, version), null, i, bytes.size(),
          i == 0 ? net.spec().toJson() : null, bytes.get(i), last ? new double[] {10, 1, 1} : null));
    }
    return parts;
  }

  static List<ModelPart> snapshot(Network net, long epoch, long version) {
    return snapshot(net, epoch, version, ModelPart.MAX_PART_BYTES);
  }

  static void send(BroadcastOperatorTestHarness<ReviewEvent, ModelPart, SentimentScore> h, List<ModelPart> parts)
      throws Exception {
    for (ModelPart p : parts) {
      h.processBroadcastElement(new StreamRecord<>(p, 0));
    }
  }

  static ReviewEvent request(String id, String text) {
    return new ReviewEvent(id, text, null, Instant.ofEpochMilli(0), null);
  }

  static double expected(Network net, String text) {
    IdBuffer ids = new IdBuffer();
    new TextHashingFeaturizer(FEATURES).featurize(text, ids);
    Batch b = net.newBatch();
    b.start(1);
    b.sparse("tokens").addExample(ids.array(), 0, ids.size());
    float[] out = new float[1];
    net.predict(b, out);
    return out[0];
  }

  static BroadcastOperatorTestHarness<ReviewEvent, ModelPart, SentimentScore> harness(
      ScorerFunction<ReviewEvent, SentimentScore> f)
      throws Exception {
    return ProcessFunctionTestHarnesses.forBroadcastProcessFunction(f, ScorerFunction.MODEL_STATE);
  }

  /** A new scorer (buffer limit 10) restored from {@code state}, opened. */
  static BroadcastOperatorTestHarness<ReviewEvent, ModelPart, SentimentScore> restored(OperatorSubtaskState state)
      throws Exception {
    var h = new BroadcastOperatorTestHarness<ReviewEvent, ModelPart, SentimentScore>(
        new CoBroadcastWithNonKeyedOperator<>(scorer(10), List.of(ScorerFunction.MODEL_STATE)), 1, 1, 0);
    h.initializeState(state);
    h.open();
    return h;
  }

  @Test
  void requestsBeforeAnyModelAreBufferedThenScoredByTheFirstModel() throws Exception {
    Network net = Network.build(spec());
    try (var h = harness(scorer(10))) {
      h.processElement(new StreamRecord<>(request("a", "a fine film"), System.currentTimeMillis()));
      h.processElement(new StreamRecord<>(request("b", "dull and long"), System.currentTimeMillis()));
      assertEquals(0, h.extractOutputValues().size(), "no model yet: buffered, not dropped");
      send(h, snapshot(net, 1, 1));
      List<SentimentScore> out = h.extractOutputValues();
      assertEquals(List.of("a", "b"), out.stream().map(s -> s.getId().toString()).toList());
      assertEquals(expected(net, "a fine film"), out.get(0).getProbability(), 1e-7);
      assertEquals(1L, out.get(0).getModelVersion());
    }
  }

  @Test
  void requestsThatCameBeforeTheFirstModelAreCountedApartAndARecordSaysAtOnceWhenTheirCountIsFinal() throws Exception {
    Network net = Network.build(spec());
    try (var h = harness(scorer(10))) {
      long early = System.currentTimeMillis() - 1;
      h.processElement(new StreamRecord<>(request("a", "a fine film"), early)); // in the buffer
      send(h, snapshot(net, 1, 1));
      h.processElement(new StreamRecord<>(request("b", "dull"), early)); // queued in the input meanwhile
      assertTrue(finalRecords(h).isEmpty(), "not final while requests from before the model come");
      h.processElement(new StreamRecord<>(request("c", "long"), System.currentTimeMillis() + 1));
      List<TrainingMetrics> last = finalRecords(h);
      assertEquals(1, last.size(), "one record at once when the count is final");
      Map<String, Double> m = last.get(0).getMetrics();
      assertEquals(3.0, m.get("scorer.scored"));
      assertEquals(2.0, m.get("scorer.buffered_scored"), "a from the buffer, b from the input");
      assertTrue(m.get("scorer.buffered_wait_max_ms") >= 0);
      assertTrue(m.get("scorer.latency_p99_ms") >= 0, "c is served: " + m);
      assertEquals(3, h.extractOutputValues().size());
    }
  }

  private static List<TrainingMetrics> finalRecords(
      BroadcastOperatorTestHarness<ReviewEvent, ModelPart, SentimentScore> h) {
    var records = h.getSideOutput(ScorerFunction.METRICS);
    return records == null ? List.of() : records.stream().map(StreamRecord::getValue)
        .filter(r -> r.getMetrics().getOrDefault("scorer.buffered_final", 0.0) == 1.0).toList();
  }

  @Test
  void beyondTheBufferLimitRequestsGoToTheDeadLetterOutput() throws Exception {
    try (var h = harness(scorer(1))) {
      h.processElement(new StreamRecord<>(request("a", "x"), 0));
      h.processElement(new StreamRecord<>(request("b", "y"), 0));
      var dead = h.getSideOutput(ScorerFunction.DEAD_LETTERS);
      assertEquals(1, dead.size());
      DeadLetter d = dead.peek().getValue();
      assertEquals(DeadLetterReason.SCORER_BUFFER_FULL, d.getReason());
      assertTrue(d.getMessage().toString().contains("'b'"), d.getMessage().toString());
    }
  }

  @Test
  void anOlderSnapshotNeverReplacesANewerOne() throws Exception {
    Network older = Network.build(spec());
    Network newer = Network.build(spec().withSeed(99));
    try (var h = harness(scorer(10))) {
      send(h, snapshot(newer, 2, 5));
      send(h, snapshot(older, 2, 4));
      send(h, snapshot(older, 1, 9));
      h.processElement(new StreamRecord<>(request("a", "a fine film"), 0));
      SentimentScore s = h.extractOutputValues().get(0);
      assertEquals(5L, s.getModelVersion());
      assertEquals(expected(newer, "a fine film"), s.getProbability(), 1e-7);
    }
  }

  @Test
  void aRestoredScorerServesTheModelFromBroadcastStateAndItsBufferedRequests() throws Exception {
    Network net = Network.build(spec());
    OperatorSubtaskState state;
    try (var h = harness(scorer(10))) {
      send(h, snapshot(net, 1, 3));
      state = h.snapshot(1, 1);
    }
    try (var h = restored(state)) {
      h.processElement(new StreamRecord<>(request("a", "a fine film"), 0));
      SentimentScore s = h.extractOutputValues().get(0);
      assertEquals(3L, s.getModelVersion());
      assertEquals(expected(net, "a fine film"), s.getProbability(), 1e-7);
    }
  }

  @Test
  void whileAVersionArrivesInPartsRequestsAreScoredByTheWholePreviousVersion() throws Exception {
    Network v1 = Network.build(spec());
    Network v2 = Network.build(spec().withSeed(8));
    List<ModelPart> second = snapshot(v2, 1, 2, 1024);
    assertTrue(second.size() > 4, second.size() + " parts");
    try (var h = harness(scorer(10))) {
      send(h, snapshot(v1, 1, 1, 1024));
      send(h, second.subList(0, second.size() - 1));
      h.processElement(new StreamRecord<>(request("a", "a fine film"), 0));
      send(h, second.subList(second.size() - 1, second.size()));
      h.processElement(new StreamRecord<>(request("b", "a fine film"), 0));
      List<SentimentScore> out = h.extractOutputValues();
      assertEquals(1L, out.get(0).getModelVersion());
      assertEquals(expected(v1, "a fine film"), out.get(0).getProbability(), 0.0, "v1 whole, none of v2's rows");
      assertEquals(2L, out.get(1).getModelVersion());
      assertEquals(expected(v2, "a fine film"), out.get(1).getProbability(), 0.0);
    }
  }

  @Test
  void aScorerRestoredMidVersionServesTheOldOneAndCompletesTheNewOneFromTheRemainingParts() throws Exception {
    Network v1 = Network.build(spec());
    Network v2 = Network.build(spec().withSeed(8));
    List<ModelPart> second = snapshot(v2, 1, 2, 1024);
    int half = second.size() / 2;
    OperatorSubtaskState state;
    try (var h = harness(scorer(10))) {
      send(h, snapshot(v1, 1, 1, 1024));
      send(h, second.subList(0, half));
      state = h.snapshot(1, 1);
    }
    try (var h = restored(state)) {
      h.processElement(new StreamRecord<>(request("a", "a fine film"), 0));
      send(h, second.subList(half, second.size()));
      h.processElement(new StreamRecord<>(request("b", "a fine film"), 0));
      List<SentimentScore> out = h.extractOutputValues();
      assertEquals(1L, out.get(0).getModelVersion());
      assertEquals(expected(v1, "a fine film"), out.get(0).getProbability(), 0.0);
      assertEquals(2L, out.get(1).getModelVersion());
      assertEquals(expected(v2, "a fine film"), out.get(1).getProbability(), 0.0);
    }
  }
}

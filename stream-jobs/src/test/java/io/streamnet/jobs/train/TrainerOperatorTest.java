package io.streamnet.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.jobs.model.SnapshotFiles;
import io.streamnet.jobs.model.StoredModel;
import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.jobs.task.sentiment.TextFeatures;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.DriftMonitor;
import io.streamnet.nn.online.TextExample;
import io.streamnet.nn.online.TextLearner;
import io.streamnet.nn.random.Rng;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.nn.spec.NetworkSpec;
import io.streamnet.nn.spec.OptimizerSpec;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import io.streamnet.schema.TrainingMetrics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer operator in Flink's operator test harness: batching, exactly-once state, snapshots, the guard. */
class TrainerOperatorTest {
  static final int VOCAB = 1 << 10;
  static final int BATCH = 8;

  static NetworkSpec spec() {
    return NetworkSpec.builder().seed(7).sparseInput("tokens", VOCAB)
        .embeddingBag("emb", "tokens", 8, "mean").dense("hidden", 8, "relu").dense("out", 1)
        .loss("bce_with_logits").optimizer(OptimizerSpec.adagrad(0.2)).build();
  }

  static TrainerSettings settings(int fullEvery, PublishedVersionLookup published) {
    return settings(fullEvery, published, null);
  }

  static SentimentTask task() {
    return new SentimentTask(new TextFeatures(new TextHashingConfig(VOCAB, 1, 1, false, 0), "tokens"),
        spec().toJson(), 1_000);
  }

  static TrainerSettings settings(int fullEvery, PublishedVersionLookup published, String modelDirectory) {
    return new TrainerSettings("test-model", task(), BATCH, 0, DivergenceGuard.Settings.defaults(),
        DriftMonitor.Settings.defaults(), 5, 1_000_000, 0, fullEvery, modelDirectory, 2, 1_000_000,
        InitialModel.fresh(), published);
  }

  @Test
  void eachCompletedCheckpointIsWrittenAsAModelFileKeepingTheNewest(@TempDir Path dir) throws Exception {
    String uri = dir.toUri().toString();
    byte[] atThirdCheckpoint = null;
    try (var h = harness(settings(1, PublishedVersionLookup.none(), uri))) {
      h.open();
      for (int c = 1; c <= 3; c++) {
        feed(h, events(c * 1000, BATCH * 7 + 3, false));
        h.snapshot(c, c);
        atThirdCheckpoint = SnapshotPayload.full(network(h));
        feed(h, events(c * 1000 + 500, BATCH * 4, false)); // after the checkpoint: not in its file
        h.notifyOfCompletedCheckpoint(c);
      }
    } // close() waits for the background writer
    SnapshotFiles files = new SnapshotFiles(uri, 2);
    assertEquals(2, files.list().size(), "retain: 2");
    StoredModel latest = files.latest().orElseThrow();
    assertEquals(3, latest.checkpointId());
    assertArrayEquals(atThirdCheckpoint, SnapshotPayload.full(ModelStateCodec.decode(latest.modelState())),
        "the file holds the model as of its checkpoint");
  }

  /** Separable synthetic events: positives use ids 0..99, negatives 100..199 (label flipped when poisoned). */
  static List<TextExample> events(int from, int count, boolean poisoned) {
    List<TextExample> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      Rng rng = new Rng(1000L + i);
      int label = (int) (rng.nextLong() & 1);
      int[] ids = new int[6];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = label * 100 + (int) Long.remainderUnsigned(rng.nextLong(), 100);
      }
      out.add(new TextExample("e" + i, ids, poisoned ? 1 - label : label, 1_000L + i));
    }
    return out;
  }

  static OneInputStreamOperatorTestHarness<TextExample, ModelSnapshot> harness(TrainerSettings s)
      throws Exception {
    return new OneInputStreamOperatorTestHarness<>(new TrainerOperator<TextExample>(s));
  }

  static void feed(OneInputStreamOperatorTestHarness<TextExample, ModelSnapshot> h, List<TextExample> events)
      throws Exception {
    for (TextExample e : events) {
      h.processElement(new StreamRecord<>(e, e.ingestedAtMillis));
    }
  }

  @SuppressWarnings("unchecked")
  static TrainerOperator<TextExample> operator(OneInputStreamOperatorTestHarness<TextExample, ModelSnapshot> h) {
    return (TrainerOperator<TextExample>) h.getOperator();
  }

  /** The trainer's live network. */
  static Network network(OneInputStreamOperatorTestHarness<TextExample, ModelSnapshot> h) {
    return ((TextLearner) operator(h).learner()).network();
  }

  static byte[] payload(ModelSnapshot s) {
    ByteBuffer b = s.getParameters().duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  static ModelSnapshot last(OneInputStreamOperatorTestHarness<TextExample, ModelSnapshot> h) {
    List<ModelSnapshot> all = h.extractOutputValues();
    return all.get(all.size() - 1);
  }

  @Test
  void appliesEveryEventOnceInBatchesByCountAndFlushesTheRestAtTheEnd() throws Exception {
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.open();
      feed(h, events(0, 100, false));
      assertEquals(96, operator(h).applied().count(), "12 full batches of 8; 4 events wait for the next");
      h.endInput();
      assertEquals(100, operator(h).applied().count());
      long expected = 0;
      for (TextExample e : events(0, 100, false)) {
        expected += AppliedEvents.hash(e.id);
      }
      assertEquals(expected, operator(h).applied().digest());
      ModelSnapshot last = last(h);
      assertEquals(SnapshotKind.FULL, last.getKind(), "the final snapshot is full");
      assertEquals(100.0, last.getMetrics().get("applied_events"));
      assertTrue(last.getMetrics().get("accuracy") > 0.8, "separable data is learned: " + last.getMetrics());
      // The metrics records carry the count and the digest too, for readers that do not read snapshots.
      TrainingMetrics m = lastMetrics(h);
      assertEquals(100.0, m.getMetrics().get("applied_events"));
      assertEquals(expected, (long) AppliedEvents.digestIn(m.getMetrics()));
    }
  }

  @Test
  void aRiseOfThePrequentialLossIsReportedAtOnceAsADriftRecordAndCounted() throws Exception {
    // Every fourth label wrong: a noisy concept the model learns, so that a flip is a rise, not a divergence.
    List<TextExample> noisy = new ArrayList<>(events(0, 4_000, false));
    for (int i = 0; i < noisy.size(); i += 4) {
      TextExample e = noisy.get(i);
      noisy.set(i, new TextExample(e.id, e.ids, 1 - e.label, e.ingestedAtMillis));
    }
    List<TextExample> flipped = new ArrayList<>();
    for (TextExample e : noisy.subList(2_000, 4_000)) {
      flipped.add(new TextExample(e.id + "-flipped", e.ids, 1 - e.label, e.ingestedAtMillis));
    }
    TrainerSettings base = settings(1, PublishedVersionLookup.none());
    // ADWIN's usual confidence: this small model relearns the flipped labels within a few batches (the wiring is
    // what is tested here; nn-core's DriftReplayTest holds the default on real data)
    TrainerSettings sensitive = new TrainerSettings(base.modelId(), base.task(), base.batchSize(), 0, base.guard(),
        new DriftMonitor.Settings(0.002, 1_000), 5, 1_000_000, 0, 1, null, 2, 1_000_000, base.initialModel(),
        base.publishedVersions());
    try (var h = harness(sensitive)) {
      h.open();
      feed(h, noisy.subList(0, 2_000));
      assertEquals(List.of(), driftRecords(h), "no drift while the concept holds");
      feed(h, flipped);
      List<TrainingMetrics> drifts = driftRecords(h);
      assertEquals(1, drifts.size(), "one drift record for one flip");
      assertEquals(1.0, drifts.get(0).getMetrics().get("drift_detections"));
      assertTrue(drifts.get(0).getExamplesSeen() > 2_000 && drifts.get(0).getExamplesSeen() <= 2_200,
          "found soon after the flip: " + drifts.get(0).getExamplesSeen());
      assertEquals(0, operator(h).refusedEvents(), "the guard let the flipped batches through");
      assertEquals(1, operator(h).drift().drifts());
    }
  }

  private static List<TrainingMetrics> driftRecords(
      OneInputStreamOperatorTestHarness<TextExample, ModelSnapshot> h) {
    List<TrainingMetrics> out = new ArrayList<>();
    var records = h.getSideOutput(TrainerOperator.METRICS);
    if (records != null) {
      records.forEach(r -> {
        if (r.getValue().getDriftDetected()) {
          out.add(r.getValue());
        }
      });
    }
    return out;
  }

  @Test
  void restoringMidStreamContinuesBitIdenticallyToAnUninterruptedRun() throws Exception {
    List<TextExample> stream = events(0, 203, false);
    byte[] uninterrupted;
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.open();
      feed(h, stream);
      h.endInput();
      uninterrupted = payload(last(h));
    }
    OperatorSubtaskState state;
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.open();
      feed(h, stream.subList(0, 101)); // 12 batches and 5 events waiting: they are part of the state
      state = h.snapshot(1, 1);
      feed(h, stream.subList(101, 150)); // lost in the failure
    }
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.initializeState(state);
      h.open();
      assertEquals(96, operator(h).applied().count());
      feed(h, stream.subList(101, stream.size()));
      h.endInput();
      assertEquals(203, operator(h).applied().count());
      assertArrayEquals(uninterrupted, payload(last(h)), "final weights after the restore");
    }
  }

  @Test
  void snapshotsAlternateFullAndDeltaAgainstTheLastFullAndVersionsGrow() throws Exception {
    try (var h = harness(settings(3, PublishedVersionLookup.none()))) {
      h.open();
      feed(h, events(0, BATCH * 5 * 7, false)); // a snapshot every 5 steps: 7 snapshots
      List<ModelSnapshot> out = h.extractOutputValues();
      assertEquals(7, out.size());
      String kinds = out.stream().map(s -> s.getKind().name().substring(0, 1)).collect(Collectors.joining());
      assertEquals("FDDFDDF", kinds);
      Network scorer = Network.forScoring(spec());
      ModelVersion previous = ModelVersion.ZERO;
      ModelVersion lastFull = null;
      for (ModelSnapshot s : out) {
        ModelVersion v = new ModelVersion(s.getEpoch(), s.getVersion());
        assertTrue(v.compareTo(previous) > 0, v + " after " + previous);
        previous = v;
        if (s.getKind() == SnapshotKind.FULL) {
          assertNull(s.getBaseVersion());
          lastFull = v;
        } else {
          assertEquals(lastFull, new ModelVersion(s.getBaseEpoch(), s.getBaseVersion()));
        }
        assertEquals(SnapshotPayload.sha256Hex(payload(s)), s.getSha256());
        SnapshotPayload.apply(payload(s), scorer);
      }
      assertArrayEquals(SnapshotPayload.full(network(h)), SnapshotPayload.full(scorer),
          "a scorer applying the snapshots in order holds the trainer's weights");

      // the same versions, in parts, for the job's scorer
      Network fromParts = Network.forScoring(spec());
      List<ModelVersion> completed = new ArrayList<>();
      for (StreamRecord<ModelPart> r : h.getSideOutput(TrainerOperator.MODEL_PARTS)) {
        ModelPart part = r.getValue();
        SnapshotPayload.apply(part.payload(), fromParts);
        if (part.last()) {
          completed.add(part.version());
          assertEquals(LearnedEvents.QUANTILES.length + 1, part.learned().length);
        }
      }
      assertEquals(out.stream().map(s -> new ModelVersion(s.getEpoch(), s.getVersion())).toList(), completed);
      assertArrayEquals(SnapshotPayload.full(network(h)), SnapshotPayload.full(fromParts),
          "the parts, applied in order, hold the trainer's weights");
    }
  }

  @Test
  void stepDueSnapshotsWaitForTheMinimumIntervalAndThenGoOutOnTheTick() throws Exception {
    TrainerSettings base = settings(1, PublishedVersionLookup.none());
    TrainerSettings limited = new TrainerSettings(base.modelId(), base.task(), base.batchSize(), 0, base.guard(),
        base.drift(), 5, 1_000_000, 1_000, 1, null, 2, 1_000_000, base.initialModel(), base.publishedVersions());
    try (var h = harness(limited)) {
      h.setProcessingTime(0);
      h.open();
      feed(h, events(0, BATCH * 5 * 3, false)); // due by steps three times over, all within the minimum interval
      assertEquals(0, h.extractOutputValues().size(), "nothing sooner than 1,000 ms after the start");
      h.setProcessingTime(999);
      assertEquals(0, h.extractOutputValues().size());
      h.setProcessingTime(1_000);
      List<ModelSnapshot> out = h.extractOutputValues();
      assertEquals(1, out.size(), "one snapshot once the interval has passed, holding all 15 steps");
      assertEquals(15.0, out.get(0).getMetrics().get("steps"));
      feed(h, events(1_000, BATCH * 5, false)); // due by steps again at once
      h.setProcessingTime(1_500);
      assertEquals(1, h.extractOutputValues().size());
      h.setProcessingTime(2_000);
      assertEquals(2, h.extractOutputValues().size());
      assertEquals(20.0, last(h).getMetrics().get("steps"));
    }
  }

  @Test
  void aRestoredTrainerOpensANewEpochAboveThePublishedVersion() throws Exception {
    OperatorSubtaskState state;
    ModelVersion before;
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.open();
      feed(h, events(0, BATCH * 10, false));
      state = h.snapshot(1, 1);
      feed(h, events(BATCH * 10, BATCH * 10, false)); // published, then lost in the failure
      before = operator(h).lastVersion();
    }
    ModelVersion published = before;
    try (var h = harness(settings(1, () -> Optional.of(published)))) {
      h.initializeState(state);
      h.open();
      ModelSnapshot first = h.extractOutputValues().get(0);
      ModelVersion v = new ModelVersion(first.getEpoch(), first.getVersion());
      assertTrue(v.epoch() > before.epoch() && v.version() > before.version(), v + " after " + before);
      assertEquals(SnapshotKind.FULL, first.getKind(), "a restored trainer serves its model at once, whole");
    }
  }

  @Test
  void aCheckpointOfTheListStateFormatStillRestores() throws Exception {
    Network model = Network.build(spec());
    byte[] encoded = ModelStateCodec.encode(model);
    TrainerState<TextExample> old = new TrainerState<>(3, 7, encoded, List.of(events(0, 1, false).get(0)),
        task().newLearner(encoded), new DivergenceGuard(DivergenceGuard.Settings.defaults()), 41, 42, 0, 0,
        new DriftMonitor(DriftMonitor.Settings.defaults()));
    OperatorSubtaskState state;
    try (var writer = new OneInputStreamOperatorTestHarness<>(new LegacyStateWriter(old), 1, 1, 0)) {
      writer.open();
      state = writer.snapshot(1, 1);
    }
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.initializeState(state);
      h.open();
      TrainerOperator<TextExample> restored = operator(h);
      assertEquals(41, restored.applied().count());
      assertEquals(42, restored.applied().digest());
      assertTrue(restored.lastVersion().epoch() > 3 && restored.lastVersion().version() >= 7,
          "continues above e3v7: " + restored.lastVersion());
      for (int i = 0; i < model.parameters().size(); i++) {
        assertArrayEquals(model.parameters().get(i).value(), network(h).parameters().get(i).value());
      }
      state = h.snapshot(2, 2); // written in the raw format from now on
    }
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.initializeState(state);
      h.open();
      assertEquals(41, operator(h).applied().count());
    }
  }

  /** Writes a trainer state the way releases before the raw operator state did: a list state of (state, model). */
  private static final class LegacyStateWriter extends AbstractStreamOperator<ModelSnapshot>
      implements OneInputStreamOperator<TextExample, ModelSnapshot> {
    private final transient TrainerState<TextExample> state;

    LegacyStateWriter(TrainerState<TextExample> state) {
      this.state = state;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
      super.initializeState(context);
      context.getOperatorStateStore().getListState(new ListStateDescriptor<>(TrainerOperator.LEGACY_STATE_NAME,
          PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)).update(List.of(state.encodeWithoutModel(task()),
          state.model()));
    }

    @Override
    public void processElement(StreamRecord<TextExample> element) {}
  }

  @Test
  void aDivergingBatchIsRefusedAndRepeatedRefusalsRollBackToTheLastCheckpoint() throws Exception {
    try (var h = harness(settings(1, PublishedVersionLookup.none()))) {
      h.open();
      feed(h, events(0, BATCH * 100, false)); // confident by now
      h.snapshot(1, 1);
      h.notifyOfCompletedCheckpoint(1);
      byte[] atCheckpoint = SnapshotPayload.full(network(h));
      feed(h, events(BATCH * 100, BATCH * 2, false));
      byte[] beforePoison = SnapshotPayload.full(network(h));
      long applied = operator(h).applied().count();

      feed(h, events(BATCH * 200, BATCH, true)); // one batch of confidently wrong labels
      assertArrayEquals(beforePoison, SnapshotPayload.full(network(h)), "refused: weights untouched");
      assertEquals(applied, operator(h).applied().count(), "refused events are not applied");

      feed(h, events(BATCH * 300, BATCH * 2, true)); // two more in a row: roll back
      assertArrayEquals(atCheckpoint, SnapshotPayload.full(network(h)),
          "rolled back to the model of the last completed checkpoint");
      feed(h, events(BATCH * 400, BATCH * 4, false));
      h.endInput();
      TrainingMetrics m = lastMetrics(h);
      assertEquals(1.0, m.getMetrics().get("rollbacks"));
      assertEquals(3.0 * BATCH, m.getMetrics().get("refused_events"));
      assertEquals(3.0, m.getMetrics().get("refused_loss_spike_batches"));
      assertFalse(Double.isNaN(m.getLoss()));
    }
  }

  static TrainingMetrics lastMetrics(OneInputStreamOperatorTestHarness<TextExample, ModelSnapshot> h) {
    var side = h.getSideOutput(TrainerOperator.METRICS);
    assertNotNull(side, "metrics side output");
    TrainingMetrics last = null;
    for (StreamRecord<TrainingMetrics> r : side) {
      last = r.getValue();
    }
    return last;
  }
}

package io.streamnet.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.task.sentiment.SentimentTask;
import io.streamnet.jobs.task.sentiment.TextFeatures;
import io.streamnet.nn.feature.TextHashingConfig;
import io.streamnet.nn.network.Network;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.online.BinaryEvaluator;
import io.streamnet.nn.online.DivergenceGuard;
import io.streamnet.nn.online.DriftMonitor;
import io.streamnet.nn.online.TextExample;
import io.streamnet.nn.online.TextLearner;
import io.streamnet.nn.state.ModelStateCodec;
import io.streamnet.nn.testing.GoldenFiles;
import io.streamnet.nn.testing.GoldenModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden files of the trainer's raw operator state ({@link TrainerState#writeRaw}: frame "SNTR", then the state block
 * "SNTS", then the model block, nn-core's "SNNM" version 1): {@code golden/trainer-state-v2-raw.bin} beside this class
 * (state format 2, before tasks: still read), {@code golden/trainer-state-v3-raw.bin} (format 3: the task's name, the
 * learner's state framed, the guard's loss variance; still read) and {@code golden/trainer-state-v4-raw.bin} (format 4,
 * today's: format 3 and the drift monitor, which has found a drift). It holds epoch/version, three pending examples, a
 * prequential evaluator whose window (4) has wrapped, a divergence guard that accepted and refused batches, the
 * applied-events count and digest, refused and rolled-back counts, and {@link GoldenModel#build()} as the model. Its
 * two blocks are also the two entries of the legacy list state ({@link TrainerState#decode}), read here too. Every
 * expectation is computed independently: the evaluator and guard are fed the same inputs, the digest is summed from the
 * ids. Written once by {@link #writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, never overwriting). Never
 * regenerate it: checkpoints hold these bytes. A new format gets a new file beside this one, which must keep being
 * read.
 */
class TrainerStateGoldenTest {

  static final String RAW = "trainer-state-v2-raw.bin";
  static final String RAW_V3 = "trainer-state-v3-raw.bin";
  static final String RAW_V4 = "trainer-state-v4-raw.bin";
  static final DriftMonitor.Settings DRIFT = new DriftMonitor.Settings(0.01, 20);
  /** Batch losses for the drift monitor: a low stretch, then a rise it reports, then a few more. */
  static final double[] DRIFT_LOSSES = driftLosses();
  static final long EPOCH = 4;
  static final long VERSION = 23;
  static final List<TextExample> PENDING = List.of(
      new TextExample("uci-17", new int[] {3, 262_143, 0, 7}, 1f, 1_700_000_000_123L),
      new TextExample("imdb-ünï-42", new int[0], 0f, 1_700_000_000_456L),
      new TextExample("sst2-9", new int[] {11, 11, 5}, 1f, 1_700_000_001_000L));
  static final int WINDOW = 4;
  /** (score, label) pairs: six events through a window of four, so the ring has wrapped. */
  static final float[][] SCORED = {{0.9f, 1}, {0.2f, 0}, {0.6f, 0}, {0.3f, 1}, {0.75f, 1}, {0.1f, 0}};
  /** Without the deviation term, so that a guard restored from format 2 (no variance) decides as a fresh one. */
  static final DivergenceGuard.Settings GUARD = new DivergenceGuard.Settings(10, 0.5, 2, 0.5, 3, 0);
  /** The task whose state this is: the golden model's spec. */
  static final SentimentTask TASK = new SentimentTask(
      new TextFeatures(new TextHashingConfig(24, 1, 2, false, 0), "tokens"), GoldenModel.spec().toJson(), WINDOW);
  /** Accepted and refused batches, ending with one refusal in a row. */
  static final List<TrainResult> BATCHES = List.of(trained(0.8), trained(0.6), aboveLimit(9),
      refused(TrainStatus.REJECTED_NONFINITE_LOSS, Double.NaN), trained(0.7), aboveLimit(8));
  static final int APPLIED = 10;
  static final long REFUSED_EVENTS = 64;
  static final long ROLLED_BACK_EVENTS = 32;

  private static TrainResult trained(double loss) {
    return new TrainResult(TrainStatus.TRAINED, loss, 1, 1, 32);
  }

  private static TrainResult refused(TrainStatus status, double loss) {
    return new TrainResult(status, loss, Double.NaN, 1, 32);
  }

  private static TrainResult aboveLimit(double loss) {
    return refused(TrainStatus.REJECTED_LOSS_ABOVE_LIMIT, loss);
  }

  private static BinaryEvaluator evaluator() {
    BinaryEvaluator e = new BinaryEvaluator(WINDOW);
    for (float[] s : SCORED) {
      e.update(s[0], s[1]);
    }
    return e;
  }

  private static DivergenceGuard guard() {
    DivergenceGuard g = new DivergenceGuard(GUARD);
    BATCHES.forEach(g::record);
    return g;
  }

  private static double[] driftLosses() {
    double[] losses = new double[140];
    for (int i = 0; i < losses.length; i++) {
      losses[i] = (i < 100 ? 0.3 : 0.9) + 0.01 * (i % 5);
    }
    return losses;
  }

  private static DriftMonitor drift() {
    DriftMonitor m = new DriftMonitor(DRIFT);
    for (double loss : DRIFT_LOSSES) {
      m.record(loss);
    }
    return m;
  }

  private static long appliedDigest() {
    long digest = 0;
    for (int i = 0; i < APPLIED; i++) {
      digest += AppliedEvents.hash("applied-" + i);
    }
    return digest;
  }

  @Test
  void theRawStateRestoresEveryPart() throws IOException {
    byte[] raw = GoldenFiles.read(getClass(), RAW);
    assertIsTheGoldenState(TrainerState.readRaw(new ByteArrayInputStream(raw), TASK, GUARD, DRIFT));
  }

  @Test
  void theFormat3RawStateRestoresEveryPart() throws IOException {
    TrainerState<TextExample> s = readGolden(RAW_V3, 3);
    assertIsTheGoldenState(s);
    assertEquals(guard().lossDeviation(), s.guard().lossDeviation(), "format 3 keeps the loss variance");
    assertEquals(0, s.drift().drifts(), "format 3 has no drift monitor: a fresh one");
    assertTrue(Double.isNaN(s.drift().windowLoss()));
  }

  @Test
  void theFormat4RawStateRestoresEveryPartAndTheDriftMonitor() throws IOException {
    TrainerState<TextExample> s = readGolden(RAW_V4, 4);
    assertIsTheGoldenState(s);
    DriftMonitor expected = drift();
    assertEquals(1, expected.drifts(), "the golden losses hold one rise");
    assertEquals(expected.drifts(), s.drift().drifts());
    assertEquals(expected.falls(), s.drift().falls());
    assertEquals(expected.windowLoss(), s.drift().windowLoss());
    // decides alike on more batches: a second rise
    for (int i = 0; i < 200; i++) {
      double loss = 2.0 + 0.01 * (i % 5);
      assertEquals(expected.record(loss), s.drift().record(loss), "batch " + i);
    }
    assertEquals(2, s.drift().drifts());
  }

  /** The raw golden state {@code file}, its frame and state block format checked on the way. */
  private TrainerState<TextExample> readGolden(String file, int format) throws IOException {
    byte[] raw = GoldenFiles.read(getClass(), file);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw));
    assertEquals(0x534e5452, in.readInt(), "SNTR");
    DataInputStream head = new DataInputStream(new ByteArrayInputStream(in.readNBytes(in.readInt())));
    assertEquals(0x534e5453, head.readInt(), "SNTS");
    assertEquals(format, head.readInt(), "state block format");
    return TrainerState.readRaw(new ByteArrayInputStream(raw), TASK, GUARD, DRIFT);
  }

  @Test
  void aStateOfAnotherTaskIsRefusedNamingBoth() throws IOException {
    byte[] raw = GoldenFiles.read(getClass(), RAW_V3);
    // the same state, recorded as another task's: its name has the same length, so only the name differs
    String state = new String(raw, StandardCharsets.ISO_8859_1);
    int at = state.indexOf("sentiment");
    byte[] other = raw.clone();
    System.arraycopy("recommend".getBytes(StandardCharsets.US_ASCII), 0, other, at, 9);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TrainerState.readRaw(new ByteArrayInputStream(other), TASK, GUARD, DRIFT));
    assertTrue(e.getMessage().contains("'recommend'") && e.getMessage().contains("'sentiment'"), e.getMessage());
  }

  @Test
  void itsBlocksRestoreAsTheLegacyListStateToo() throws IOException {
    // the raw frame as TrainerState documents it: magic "SNTR", then the state and model blocks, each length-prefixed
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(GoldenFiles.read(getClass(), RAW)));
    assertEquals(0x534e5452, in.readInt(), "SNTR");
    byte[] state = in.readNBytes(in.readInt());
    byte[] model = in.readNBytes(in.readInt());
    assertEquals(-1, in.read(), "nothing after the model block");
    DataInputStream head = new DataInputStream(new ByteArrayInputStream(state));
    assertEquals(0x534e5453, head.readInt(), "SNTS");
    assertEquals(2, head.readInt(), "state block format");
    assertIsTheGoldenState(TrainerState.decode(state, model, TASK, GUARD, DRIFT));
  }

  @Test
  void writingTheRestoredStateGivesTheGoldenBytes() throws IOException {
    // format 4 is canonical: a changed writer fails here (a new format moves this check to its own file); formats 2
    // and 3 are read only
    byte[] raw = GoldenFiles.read(getClass(), RAW_V4);
    TrainerState<TextExample> s = TrainerState.readRaw(new ByteArrayInputStream(raw), TASK, GUARD, DRIFT);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainerState.writeRaw(out, s.encodeWithoutModel(TASK), s.model());
    assertArrayEquals(raw, out.toByteArray());
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  void writeGoldenFiles() throws IOException {
    Network net = GoldenModel.build();
    byte[] model = ModelStateCodec.encode(net);
    TrainerState<TextExample> s = new TrainerState<>(EPOCH, VERSION, model, PENDING,
        new TextLearner(net, "tokens", evaluator()), guard(), APPLIED, appliedDigest(), REFUSED_EVENTS,
        ROLLED_BACK_EVENTS, drift());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainerState.writeRaw(out, s.encodeWithoutModel(TASK), model);
    GoldenFiles.writeOnce(getClass(), RAW_V4, out.toByteArray());
  }

  private static void assertIsTheGoldenState(TrainerState<TextExample> s) {
    assertEquals(EPOCH, s.epoch());
    assertEquals(VERSION, s.version());
    assertEquals(PENDING, s.pending());
    assertEquals(APPLIED, s.appliedCount());
    assertEquals(appliedDigest(), s.appliedDigest());
    assertEquals(REFUSED_EVENTS, s.refusedEvents());
    assertEquals(ROLLED_BACK_EVENTS, s.rolledBackEvents());
    assertSameEvaluator(evaluator(), ((TextLearner) s.learner()).evaluator());
    assertSameGuard(guard(), s.guard());
    GoldenModel.assertIsTheGoldenModel(ModelStateCodec.decode(s.model()));
  }

  /** Same metrics now, and after more events (which shows the ring's position was restored too). */
  private static void assertSameEvaluator(BinaryEvaluator expected, BinaryEvaluator actual) {
    assertEquals(SCORED.length, actual.count());
    for (float[] next : new float[][] {null, {0.65f, 0}, {0.4f, 1}}) {
      if (next != null) {
        expected.update(next[0], next[1]);
        actual.update(next[0], next[1]);
      }
      assertEquals(expected.count(), actual.count());
      assertEquals(expected.accuracy(), actual.accuracy());
      assertEquals(expected.logLoss(), actual.logLoss());
      assertEquals(expected.windowAccuracy(), actual.windowAccuracy());
      assertEquals(expected.windowAuc(), actual.windowAuc());
    }
  }

  /** Same numbers now, and the same verdicts on more batches (which shows the refusals in a row were restored). */
  private static void assertSameGuard(DivergenceGuard expected, DivergenceGuard actual) {
    assertEquals(expected.averageLoss(), actual.averageLoss());
    assertEquals(expected.ceiling(), actual.ceiling());
    assertEquals(1, actual.refusedNonFinite());
    assertEquals(2, actual.refusedAboveCeiling());
    assertEquals(0, actual.rollbacks());
    List<DivergenceGuard.Verdict> e = new ArrayList<>();
    List<DivergenceGuard.Verdict> a = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      TrainResult r = aboveLimit(9);
      e.add(expected.record(r));
      a.add(actual.record(r));
    }
    assertEquals(List.of(DivergenceGuard.Verdict.REFUSED, DivergenceGuard.Verdict.ROLL_BACK), a);
    assertEquals(e, a);
  }
}

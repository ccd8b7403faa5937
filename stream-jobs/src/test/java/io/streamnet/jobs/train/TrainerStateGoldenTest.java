package io.streamnet.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.jobs.model.GoldenFiles;
import io.streamnet.jobs.model.GoldenModel;
import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import io.streamnet.nn.state.ModelStateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Golden file of the trainer's raw operator state ({@link TrainerState#writeRaw}: frame "SNTR", then the state block
 * "SNTS" format 2, then the model block, nn-core's "SNNM" version 1): {@code golden/trainer-state-v2-raw.bin} beside
 * this class. It holds epoch/version, three pending examples, a prequential evaluator whose window (4) has wrapped, a
 * divergence guard that accepted and refused batches, the applied-events count and digest, refused and rolled-back
 * counts, and {@link GoldenModel#build()} as the model. Its two blocks are also the two entries of the legacy list
 * state ({@link TrainerState#decode}), read here too. Every expectation is computed independently: the evaluator and
 * guard are fed the same inputs, the digest is summed from the ids. Written once by {@link #writeGoldenFiles}
 * ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate it: checkpoints hold these bytes. A new
 * format gets a new file beside this one, which must keep being read.
 */
class TrainerStateGoldenTest {

  static final String RAW = "trainer-state-v2-raw.bin";
  static final long EPOCH = 4;
  static final long VERSION = 23;
  static final List<TrainingExample> PENDING = List.of(
      new TrainingExample("uci-17", new int[] {3, 262_143, 0, 7}, 1f, 1_700_000_000_123L),
      new TrainingExample("imdb-ünï-42", new int[0], 0f, 1_700_000_000_456L),
      new TrainingExample("sst2-9", new int[] {11, 11, 5}, 1f, 1_700_000_001_000L));
  static final int WINDOW = 4;
  /** (score, label) pairs: six events through a window of four, so the ring has wrapped. */
  static final float[][] SCORED = {{0.9f, 1}, {0.2f, 0}, {0.6f, 0}, {0.3f, 1}, {0.75f, 1}, {0.1f, 0}};
  static final DivergenceGuard.Settings GUARD = new DivergenceGuard.Settings(10, 0.5, 2, 0.5, 3);
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

  private static PrequentialEvaluator evaluator() {
    PrequentialEvaluator e = new PrequentialEvaluator(WINDOW);
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
    assertIsTheGoldenState(TrainerState.readRaw(new ByteArrayInputStream(raw), GUARD));
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
    assertIsTheGoldenState(TrainerState.decode(state, model, GUARD));
  }

  @Test
  void writingTheRestoredStateGivesTheGoldenBytes() throws IOException {
    // the format is canonical: a changed writer fails here (a new format moves this check to its own file)
    byte[] raw = GoldenFiles.read(getClass(), RAW);
    TrainerState s = TrainerState.readRaw(new ByteArrayInputStream(raw), GUARD);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainerState.writeRaw(out, s.encodeWithoutModel(), s.model());
    assertArrayEquals(raw, out.toByteArray());
  }

  @Test
  @EnabledIfSystemProperty(named = GoldenFiles.WRITE_PROPERTY, matches = "true")
  void writeGoldenFiles() throws IOException {
    byte[] model = ModelStateCodec.encode(GoldenModel.build());
    TrainerState s = new TrainerState(EPOCH, VERSION, model, PENDING, evaluator(), guard(), APPLIED, appliedDigest(),
        REFUSED_EVENTS, ROLLED_BACK_EVENTS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainerState.writeRaw(out, s.encodeWithoutModel(), model);
    GoldenFiles.writeOnce(getClass(), RAW, out.toByteArray());
  }

  private static void assertIsTheGoldenState(TrainerState s) {
    assertEquals(EPOCH, s.epoch());
    assertEquals(VERSION, s.version());
    assertEquals(PENDING, s.pending());
    assertEquals(APPLIED, s.appliedCount());
    assertEquals(appliedDigest(), s.appliedDigest());
    assertEquals(REFUSED_EVENTS, s.refusedEvents());
    assertEquals(ROLLED_BACK_EVENTS, s.rolledBackEvents());
    assertSameEvaluator(evaluator(), s.evaluator());
    assertSameGuard(guard(), s.guard());
    GoldenModel.assertIsTheGoldenModel(ModelStateCodec.decode(s.model()));
  }

  /** Same metrics now, and after more events (which shows the ring's position was restored too). */
  private static void assertSameEvaluator(PrequentialEvaluator expected, PrequentialEvaluator actual) {
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

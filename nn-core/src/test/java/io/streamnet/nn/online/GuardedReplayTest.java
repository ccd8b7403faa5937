package io.streamnet.nn.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamnet.nn.data.Dataset;
import io.streamnet.nn.layer.Parameter;
import io.streamnet.nn.network.TrainResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The divergence guard with the job's defaults ({@link DivergenceGuard.Settings#defaults()}, which the job's default
 * YAML repeats) over the job's default sentiment model, replaying whole real streams in their canonical order (seed
 * 42): a clean stream is never refused, on its first pass nor on a second one, where the model knows the stream and
 * its average loss falls near zero (where the old fixed ceiling of 1.0 refused SST-2 batches); a model that has
 * really diverged is refused and rolled back. Each case prints its batch-loss distribution (docs/BENCHMARKS.md,
 * "Divergence guard on clean replays"). Another task's stream (MovieLens, with its learner) is one more
 * {@link Replay} case.
 */
class GuardedReplayTest {

  /** One stream to replay: its examples in order and a fresh learner of its task. */
  record Replay<E extends StreamExample>(String name, List<E> stream, Supplier<OnlineLearner<E>> learner) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Replay<?>> cleanStreams() {
    List<Replay<?>> cases = new ArrayList<>();
    for (Dataset d : List.of(Dataset.UCI, Dataset.SST2, Dataset.IMDB)) {
      List<TextExample> stream = JobModelStreams.stream(d, 0);
      if (stream != null) { // SST-2 and IMDB come from ../shared/data, UCI with the repository
        cases.add(new Replay<>(d.name().toLowerCase(Locale.ROOT), stream, JobModelStreams::newLearner));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanStreams")
  <E extends StreamExample> void aCleanStreamIsNeverRefusedOnItsFirstPassNorOnASecond(Replay<E> replay) {
    OnlineLearner<E> learner = replay.learner().get();
    DivergenceGuard guard = new DivergenceGuard(DivergenceGuard.Settings.defaults());
    for (int pass = 1; pass <= 2; pass++) {
      LossProfile profile = replayOnce(replay.stream(), learner, guard);
      System.out.println(profile.line(replay.name(), pass));
      assertEquals(0, guard.refusedAboveCeiling() + guard.refusedNonFinite(),
          replay.name() + " pass " + pass + ": refused batches of a clean stream; " + profile.line(replay.name(),
              pass));
      assertEquals(0, guard.rollbacks(), replay.name() + " pass " + pass + ": rollbacks");
    }
  }

  @Test
  void aModelThatDivergedIsRefusedAndRolledBackToItsLastGoodState() {
    List<TextExample> stream = JobModelStreams.stream(Dataset.SST2, 8_000);
    assumeTrue(stream != null, "SST-2 not found under ../shared/data or STREAMNET_DATA");
    TextLearner learner = JobModelStreams.newLearner();
    DivergenceGuard guard = new DivergenceGuard(DivergenceGuard.Settings.defaults());
    int batch = JobModelStreams.batchSize();
    int half = stream.size() / 2;
    replayOnce(stream.subList(0, half), learner, guard);
    assertEquals(0, guard.refusedAboveCeiling(), "the clean half");
    byte[] lastGood = learner.encodeModel();
    long stepsBefore = learner.steps();

    // What a learning-rate blow-up leaves: every dense weight 40 times too large. The logits are then in the
    // thousands and the loss of a batch with any wrong sign is orders of magnitude above the running average.
    for (Parameter p : learner.network().parameters()) {
      if (!p.isSparse()) {
        float[] v = p.value();
        for (int i = 0; i < v.length; i++) {
          v[i] *= 40;
        }
      }
    }
    int refusedInARow = 0;
    boolean rolledBack = false;
    int from = half;
    for (; from + batch <= stream.size() && !rolledBack; from += batch) {
      TrainResult result = learner.step(stream.subList(from, from + batch), guard.ceiling());
      DivergenceGuard.Verdict verdict = guard.record(result);
      System.out.printf(Locale.ROOT, "guard-replay diverged batch: loss %.1f, ceiling %.3f, %s%n", result.loss(),
          guard.ceiling(), verdict);
      assertTrue(verdict != DivergenceGuard.Verdict.APPLIED, "a batch of the diverged model was applied: loss "
          + result.loss() + ", ceiling " + guard.ceiling());
      refusedInARow++;
      if (verdict == DivergenceGuard.Verdict.ROLL_BACK) {
        learner.restoreModel(lastGood);
        rolledBack = true;
      }
    }
    assertTrue(rolledBack, "rolled back");
    assertEquals(DivergenceGuard.Settings.defaults().rollbackAfter(), refusedInARow, "refusals before the rollback");
    assertEquals(1, guard.rollbacks());
    assertEquals(stepsBefore, learner.steps(), "no step of the diverged model was applied");

    // Back on the last good model, the rest of the stream trains as before.
    long refused = guard.refusedAboveCeiling() + guard.refusedNonFinite();
    replayOnce(stream.subList(from, stream.size()), learner, guard);
    assertEquals(refused, guard.refusedAboveCeiling() + guard.refusedNonFinite(), "refusals after the rollback");
    assertTrue(learner.steps() > stepsBefore, "training went on");
  }

  /** Test-then-train over {@code stream} in the job's batches, under {@code guard}, as the trainer does. */
  static <E extends StreamExample> LossProfile replayOnce(List<E> stream, OnlineLearner<E> learner,
                                                          DivergenceGuard guard) {
    int batch = JobModelStreams.batchSize();
    LossProfile profile = new LossProfile();
    // Whole batches only: the job trains a partial batch only at the end of a bounded input.
    for (int from = 0; from + batch <= stream.size(); from += batch) {
      double average = guard.averageLoss();
      double deviation = guard.lossDeviation();
      double ceiling = guard.ceiling();
      TrainResult result = learner.step(stream.subList(from, from + batch), ceiling);
      profile.add(result.loss(), average, deviation, ceiling);
      if (guard.record(result) == DivergenceGuard.Verdict.ROLL_BACK) {
        break; // a clean replay never gets here; the test above says so
      }
    }
    return profile;
  }

  /** The batch losses of a pass, and how close they came to the guard's ceiling. */
  static final class LossProfile {
    private long batches;
    private double sum;
    private double sumSquares;
    private double max;
    private double maxRatio;
    private double maxSigmas;
    private double maxOfCeiling;

    void add(double loss, double average, double deviation, double ceiling) {
      batches++;
      sum += loss;
      sumSquares += loss * loss;
      max = Math.max(max, loss);
      if (Double.isFinite(ceiling)) {
        maxRatio = Math.max(maxRatio, loss / average);
        if (deviation > 0) {
          maxSigmas = Math.max(maxSigmas, (loss - average) / deviation);
        }
        maxOfCeiling = Math.max(maxOfCeiling, loss / ceiling);
      }
    }

    String line(String name, int pass) {
      double mean = sum / batches;
      double sd = Math.sqrt(Math.max(0, sumSquares / batches - mean * mean));
      return String.format(Locale.ROOT, "guard-replay %s pass=%d batches=%d loss_mean=%.4f loss_sd=%.4f loss_max=%.4f"
              + " max_loss_over_running_avg=%.2f max_sigmas_above_running_avg=%.2f max_loss_over_ceiling=%.3f",
          name, pass, batches, mean, sd, max, maxRatio, maxSigmas, maxOfCeiling);
    }
  }
}

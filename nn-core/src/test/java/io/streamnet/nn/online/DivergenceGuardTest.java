package io.streamnet.nn.online;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
  private static TrainResult trained(double loss) {
    return new TrainResult(TrainStatus.TRAINED, loss, 1, 1, 32);
  }

  private static TrainResult aboveLimit(double loss) {
    return new TrainResult(TrainStatus.REJECTED_LOSS_ABOVE_LIMIT, loss, Double.NaN, 1, 32);
  }

  @Test
  void noCeilingDuringWarmUpThenFactorTimesTheRunningAverage() {
    DivergenceGuard g = new DivergenceGuard(new DivergenceGuard.Settings(10, 0, 2, 0.5, 3, 0));
    assertEquals(Double.POSITIVE_INFINITY, g.ceiling());
    g.record(trained(0.4));
    assertEquals(Double.POSITIVE_INFINITY, g.ceiling(), "one accepted batch of a two-batch warm-up");
    g.record(trained(0.6));
    assertEquals(0.5, g.averageLoss(), 1e-12);
    assertEquals(5.0, g.ceiling(), 1e-12);
  }

  @Test
  void theCeilingNeverFallsBelowItsFloorWhenTheAverageNearsZero() {
    DivergenceGuard g = new DivergenceGuard(new DivergenceGuard.Settings(20, 1.0, 0, 0.5, 3, 0));
    for (int i = 0; i < 40; i++) {
      g.record(trained(0.001)); // a memorized stream: factor x average would be 0.02
    }
    assertEquals(1.0, g.ceiling(), 1e-12);
    g.record(trained(5.0)); // the average is now 2.5 (decay 0.5): factor x average is above the floor
    assertEquals(20 * g.averageLoss(), g.ceiling(), 1e-12);
  }

  @Test
  void refusalsInARowAskForARollBackAndAnAcceptedBatchResetsTheCount() {
    DivergenceGuard g = new DivergenceGuard(new DivergenceGuard.Settings(20, 1.0, 0, 0.5, 3, 0));
    g.record(trained(0.1));
    assertEquals(DivergenceGuard.Verdict.REFUSED, g.record(aboveLimit(9)));
    assertEquals(DivergenceGuard.Verdict.REFUSED, g.record(aboveLimit(9)));
    assertEquals(DivergenceGuard.Verdict.APPLIED, g.record(trained(0.1)));
    assertEquals(DivergenceGuard.Verdict.REFUSED, g.record(aboveLimit(9)));
    assertEquals(DivergenceGuard.Verdict.REFUSED, g.record(aboveLimit(9)));
    assertEquals(DivergenceGuard.Verdict.ROLL_BACK, g.record(aboveLimit(9)));
    assertEquals(1, g.rollbacks());
    assertEquals(5, g.refusedAboveCeiling());
  }
}

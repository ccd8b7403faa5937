package io.streamnet.nn.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.drift.Adwin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {
  private static final Random RANDOM = new Random(11);

  private static double noisy(double mean) {
    return mean + 0.05 * RANDOM.nextGaussian();
  }

  @Test
  void aRiseOfTheLossIsOneDriftThoughAdwinCutsSeveralTimes() {
    DriftMonitor m = new DriftMonitor(DriftMonitor.Settings.defaults());
    for (int i = 0; i < 2_000; i++) {
      assertFalse(m.record(noisy(0.3)), "no drift on a stationary loss, value " + i);
    }
    int firstAt = -1;
    for (int i = 0; i < 2_000; i++) {
      if (m.record(noisy(0.8)) && firstAt < 0) {
        firstAt = i;
      }
    }
    assertTrue(firstAt >= 0 && firstAt < 2 * Adwin.DEFAULT_CLOCK, "found within two checks: " + firstAt);
    assertEquals(1, m.drifts(), "one drift");
    assertTrue(m.cuts() > 1, "though ADWIN cut more than once: " + m.cuts());
  }

  @Test
  void aRiseWithinTheWarmUpIsNoDrift() {
    DriftMonitor m = new DriftMonitor(DriftMonitor.Settings.defaults());
    for (int i = 0; i < 1_000; i++) {
      assertFalse(m.record(noisy(i < 300 ? 0.3 : 0.9)), "value " + i);
    }
    assertTrue(m.cuts() > 0, "ADWIN saw it");
    for (int i = 0; i < 2_000; i++) {
      assertFalse(m.record(noisy(0.9)), "and its continuation after the warm-up is none either, value " + i);
    }
    assertEquals(0, m.drifts());
  }

  @Test
  void aFallingLossIsCountedApartAndIsNoDrift() {
    DriftMonitor m = new DriftMonitor(DriftMonitor.Settings.defaults());
    for (int i = 0; i < 5_000; i++) {
      assertFalse(m.record(noisy(0.7 * Math.exp(-i / 1_000.0) + 0.2)), "value " + i);
    }
    assertEquals(0, m.drifts());
    assertTrue(m.falls() >= 1, "ADWIN saw the loss fall");
  }

  @Test
  void aSecondRiseLaterIsASecondDriftAndNonFiniteLossesAreIgnored() {
    DriftMonitor m = new DriftMonitor(DriftMonitor.Settings.defaults());
    for (double mean : new double[] {0.3, 0.8, 1.5}) {
      for (int i = 0; i < 2_000; i++) {
        m.record(noisy(mean));
      }
    }
    assertFalse(m.record(Double.NaN));
    assertFalse(m.record(Double.POSITIVE_INFINITY));
    assertEquals(2, m.drifts());
  }

  @Test
  void aRestoredMonitorDecidesAsTheOriginalAndAnotherDeltaStartsAFreshDetector() throws IOException {
    DriftMonitor original = new DriftMonitor(DriftMonitor.Settings.defaults());
    for (int i = 0; i < 2_500; i++) {
      original.record(noisy(i < 1_500 ? 0.3 : 0.8));
    }
    byte[] bytes = bytes(original);
    DriftMonitor restored = DriftMonitor.read(in(bytes), DriftMonitor.Settings.defaults());
    assertEquals(original.windowLoss(), restored.windowLoss());
    for (int i = 0; i < 3_000; i++) {
      double loss = noisy(i < 1_500 ? 0.8 : 1.6);
      assertEquals(original.record(loss), restored.record(loss), "value " + i);
    }
    assertEquals(2, restored.drifts());
    assertEquals(original.falls(), restored.falls());

    DriftMonitor other = DriftMonitor.read(in(bytes), new DriftMonitor.Settings(0.01, 1_000));
    assertEquals(1, other.drifts(), "counts kept");
    assertTrue(Double.isNaN(other.windowLoss()), "a fresh detector");
    assertThrows(IllegalArgumentException.class, () -> new DriftMonitor.Settings(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new DriftMonitor.Settings(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new DriftMonitor.Settings(0.002, -1));
  }

  private static byte[] bytes(DriftMonitor m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(new DataOutputStream(out));
    return out.toByteArray();
  }

  private static DataInputStream in(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes));
  }
}

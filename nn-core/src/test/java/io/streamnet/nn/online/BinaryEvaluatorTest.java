package io.streamnet.nn.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.metrics.ExactAuc;
import io.streamnet.nn.random.Rng;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class PrequentialEvaluatorTest {

  @Test
  void windowedAucEqualsTheExactAucOfTheLastEventsIncludingTies() {
    BinaryEvaluator e = new BinaryEvaluator(500);
    float[] lastScores = new float[500];
    byte[] lastLabels = new byte[500];
    Rng rng = new Rng(5);
    for (int i = 0; i < 1_500; i++) {
      int label = (int) (rng.nextLong() & 1);
      // Scores rounded to 1/20 so that ties occur; informative but noisy.
      float p = Math.round(20 * Math.min(1f, Math.max(0f, 0.3f * label + 0.7f * (float) rng.nextDouble()))) / 20f;
      e.update(p, label);
      if (i >= 1_000) {
        lastScores[i - 1_000] = p;
        lastLabels[i - 1_000] = (byte) label;
      }
    }
    assertEquals(ExactAuc.compute(lastScores, lastLabels, 500), e.windowAuc(), 1e-12);
    assertTrue(e.windowAuc() > 0.6);
    assertEquals(1_500, e.count());
  }

  @Test
  void accuracyAndLogLossCountEveryEvent() {
    BinaryEvaluator e = new BinaryEvaluator(10);
    e.update(0.9f, 1);
    e.update(0.2f, 1);
    e.update(0.4f, 0);
    assertEquals(2.0 / 3, e.accuracy(), 1e-12);
    double expected = -(Math.log(0.9f) + Math.log(0.2f) + Math.log(1 - 0.4f)) / 3;
    assertEquals(expected, e.logLoss(), 1e-6);
  }

  @Test
  void stateRoundTripsExactly() throws Exception {
    BinaryEvaluator e = new BinaryEvaluator(64);
    Rng rng = new Rng(9);
    for (int i = 0; i < 100; i++) {
      e.update((float) rng.nextDouble(), (int) (rng.nextLong() & 1));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    e.write(new DataOutputStream(bytes));
    BinaryEvaluator back = BinaryEvaluator.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(e.accuracy(), back.accuracy());
    assertEquals(e.logLoss(), back.logLoss());
    assertEquals(e.windowAuc(), back.windowAuc());
    e.update(0.7f, 1);
    back.update(0.7f, 1);
    assertEquals(e.windowAccuracy(), back.windowAccuracy());
  }
}

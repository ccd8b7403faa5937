package io.streamnet.jobs.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.random.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void quantilesAreWithinTheBucketResolutionOfTheExactOnes() {
    LatencyHistogram h = new LatencyHistogram();
    Rng rng = new Rng(11);
    long[] values = new long[100_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) (-Math.log(1 - rng.nextDouble()) * 3_000); // exponential, mean 3 ms in µs
      h.record(values[i]);
    }
    Arrays.sort(values);
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      double got = h.quantile(q);
      assertTrue(Math.abs(got - exact) <= 0.035 * exact + 1, "q" + q + ": " + got + " vs " + exact);
    }
    assertEquals(values.length, h.count());
    assertEquals(values[values.length - 1], h.max());
  }

  @Test
  void smallValuesAreExactAndWeightsCount() {
    LatencyHistogram h = new LatencyHistogram();
    h.record(3, 98);
    h.record(40, 2);
    assertEquals(3, h.quantile(0.5));
    assertEquals(3, h.quantile(0.98));
    assertEquals(40, h.quantile(0.99));
    assertTrue(Double.isNaN(new LatencyHistogram().quantile(0.5)));
  }

  @Test
  void bucketsAreMonotoneAndCoverTheirLowerBounds() {
    int previous = -1;
    for (long v = 0; v < 50_000_000L; v = v < 1000 ? v + 1 : (long) (v * 1.01)) {
      int b = LatencyHistogram.bucket(v);
      assertTrue(b >= previous, "bucket order at " + v);
      assertTrue(LatencyHistogram.lowerBound(b) <= v, "lower bound of " + v);
      previous = b;
    }
  }
}

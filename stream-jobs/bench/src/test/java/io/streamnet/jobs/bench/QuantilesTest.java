package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuantilesTest {
  @Test
  void nearestRankOfUnsortedValues() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i; // 100 .. 1
    }
    Quantiles q = Quantiles.of(values);
    assertEquals(50, q.quantile(0.5));
    assertEquals(99, q.quantile(0.99));
    assertEquals(100, q.quantile(1.0));
    assertEquals(1, q.quantile(0.001));
    assertEquals(100, q.max());
    assertEquals(100, q.count());
    assertEquals(100, values[0], "the input is not sorted in place");
  }

  @Test
  void smallSetsTakeTheValueAtOrAboveTheRank() {
    Quantiles q = Quantiles.of(new long[] {7, 3, 5});
    assertEquals(5, q.quantile(0.5));
    assertEquals(7, q.quantile(0.99));
    assertEquals(3, q.quantile(0.2));
  }

  @Test
  void noValuesIsNotANumber() {
    Quantiles q = Quantiles.of(new long[0]);
    assertTrue(Double.isNaN(q.quantile(0.5)));
    assertTrue(Double.isNaN(q.max()));
    assertThrows(IllegalArgumentException.class, () -> q.quantile(0));
  }
}

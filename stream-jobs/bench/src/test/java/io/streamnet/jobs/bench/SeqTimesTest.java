package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeqTimesTest {
  @Test
  void keepsTheFirstTimeOfEachNumberAndGrows() {
    SeqTimes t = new SeqTimes();
    t.record(3, 30);
    t.record(200_000, 7); // beyond the initial capacity
    t.record(3, 99); // a duplicate: ignored, counted
    assertTrue(t.has(3));
    assertFalse(t.has(4));
    assertEquals(30, t.get(3));
    assertEquals(7, t.get(200_000));
    assertEquals(2, t.size());
    assertEquals(1, t.duplicates());
    assertEquals(1, t.countIn(0, 200_000));
    assertEquals(2, t.countIn(0, 200_001));
    assertThrows(IllegalArgumentException.class, () -> t.get(4));
    assertThrows(IllegalArgumentException.class, () -> t.record(-1, 0));
  }
}

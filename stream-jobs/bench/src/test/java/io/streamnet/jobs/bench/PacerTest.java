package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
  /** A clock that only moves when the pacer pauses, or when the test moves it. */
  static final class FakeTime {
    long now = 1_000_000_000L;
    final List<Long> pauses = new ArrayList<>();

    Pacer pacer(double rate) {
      return new Pacer(rate, () -> now, nanos -> {
        pauses.add(nanos);
        now += nanos;
      });
    }
  }

  @Test
  void spacesEveryEventEvenlyAtTheRate() throws Exception {
    FakeTime t = new FakeTime();
    long origin = t.now;
    Pacer p = t.pacer(2_000); // one event every 500 us
    List<Long> sentAt = new ArrayList<>();
    for (int n = 0; n < 5; n++) {
      assertEquals(0, p.awaitTurn(n), "on time");
      sentAt.add(t.now - origin);
    }
    assertEquals(List.of(0L, 500_000L, 1_000_000L, 1_500_000L, 2_000_000L), sentAt);
    assertEquals(List.of(500_000L, 500_000L, 500_000L, 500_000L), t.pauses, "one wait per event, no bursts");
  }

  @Test
  void aStalledSenderIsNotForgivenAndReportsHowLateItIs() throws Exception {
    FakeTime t = new FakeTime();
    long origin = t.now;
    Pacer p = t.pacer(1_000); // 1 ms apart
    p.awaitTurn(0);
    t.now += 3_200_000; // a 3.2 ms stall after event 0
    assertEquals(2_200_000, p.awaitTurn(1), "event 1 was due at 1 ms");
    assertEquals(1_200_000, p.awaitTurn(2));
    assertEquals(200_000, p.awaitTurn(3));
    assertEquals(0, p.awaitTurn(4), "back on schedule");
    assertEquals(4_000_000, t.now - origin, "event 4 at its slot, 4 ms after the start");
  }

  @Test
  void keepsTheLongRunRateWithoutDrift() throws Exception {
    FakeTime t = new FakeTime();
    long origin = t.now;
    Pacer p = t.pacer(3_000); // 333,333.3 ns apart: rounding must not accumulate
    for (int n = 0; n <= 30_000; n++) {
      p.awaitTurn(n);
    }
    assertEquals(10_000_000_000L, t.now - origin, "30,000 intervals at 3,000/s take exactly 10 s");
  }

  @Test
  void waitsAgainWhenAPauseEndsEarly() throws Exception {
    long[] now = {0};
    int[] calls = {0};
    Pacer p = new Pacer(1_000, () -> now[0], nanos -> {
      calls[0]++;
      now[0] += Math.min(nanos, 300_000); // wakes up early
    });
    p.awaitTurn(0);
    assertEquals(0, p.awaitTurn(1));
    assertEquals(1_000_000, now[0]);
    assertEquals(4, calls[0], "three early wake-ups and one that reaches the slot");
  }

  @Test
  void rejectsRatesThatAreNotPositive() {
    assertThrows(IllegalArgumentException.class, () -> new Pacer(0, () -> 0, n -> { }));
    assertThrows(IllegalArgumentException.class, () -> new Pacer(-5, () -> 0, n -> { }));
    assertThrows(IllegalArgumentException.class, () -> new Pacer(Double.NaN, () -> 0, n -> { }));
  }
}

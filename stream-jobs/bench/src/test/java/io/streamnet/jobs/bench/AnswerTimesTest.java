package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnswerTimesTest {
  @Test
  void sendToArrivalOverTheRangeCountsTheMissing() {
    SeqTimes sent = new SeqTimes();
    SeqTimes arrived = new SeqTimes();
    for (long q = 0; q < 10; q++) {
      sent.record(q, q * 1_000_000_000L);
      if (q != 4) {
        arrived.record(q, q * 1_000_000_000L + (q + 1) * 1_000_000L); // q + 1 ms after its send
      }
    }
    AnswerTimes.Latencies l = AnswerTimes.sendToArrival(sent, arrived, 2, 8); // 2, 3, 5, 6, 7 answered
    assertEquals(1, l.missing());
    assertEquals(5, l.micros().count());
    assertEquals(6.0, l.millis(0.5));
    assertEquals(8.0, l.millis(0.99));
  }

  @Test
  void carriedValuesAreTakenAsTheyAre() {
    SeqTimes carried = new SeqTimes();
    carried.record(0, 1500);
    carried.record(2, 2500);
    AnswerTimes.Latencies l = AnswerTimes.carried(carried, 0, 3);
    assertEquals(1, l.missing());
    assertEquals(1.5, l.millis(0.5));
    assertEquals(2.5, l.millis(0.99));
  }

  @Test
  void aBurstIsAnsweredAtItsAnswersOverFirstSendToLastArrival() {
    SeqTimes sent = new SeqTimes();
    SeqTimes arrived = new SeqTimes();
    for (long q = 100; q < 1100; q++) {
      sent.record(q, 5_000_000_000L + (q - 100) * 1_000L); // the whole burst sent in 1 ms
      arrived.record(q, 5_000_000_000L + (q - 99) * 2_000_000L); // one answer every 2 ms: 2 s in all
    }
    assertEquals(500.0, AnswerTimes.answeredPerSecond(sent, arrived, 100, 1100), 1e-9);
    assertTrue(Double.isNaN(AnswerTimes.answeredPerSecond(sent, new SeqTimes(), 100, 1100)));
  }
}

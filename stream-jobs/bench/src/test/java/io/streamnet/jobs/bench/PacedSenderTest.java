package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacedSenderTest {
  @Test
  void readsTheSequenceNumberBackFromAnId() {
    assertEquals(0, PacedSender.seqOf("q-0", "q-"));
    assertEquals(123_456, PacedSender.seqOf("q-123456", "q-"));
    assertEquals(-1, PacedSender.seqOf("l-5", "q-"), "another sender's id");
    assertEquals(-1, PacedSender.seqOf("q-", "q-"));
    assertEquals(-1, PacedSender.seqOf("q-12x", "q-"));
    assertEquals(-1, PacedSender.seqOf("q-99999999999999999999", "q-"), "too large");
  }
}

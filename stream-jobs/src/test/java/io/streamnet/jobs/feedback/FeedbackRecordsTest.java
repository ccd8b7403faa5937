package io.streamnet.jobs.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.junit.jupiter.api.Test;

/** The records' invariants and their serializers' type information. */
class FeedbackRecordsTest {

  @Test
  void anImpressionKeepsItsItemsWhateverTheCallerDoesWithItsArrays() {
    long[] items = {5, 6};
    Impression i = new Impression("r", 1, items, 0);
    items[0] = 9;
    i.itemIds()[1] = 9;
    assertArrayEquals(new long[] {5, 6}, i.itemIds());
    assertEquals(1, i.rankOf(6));
    assertEquals(-1, i.rankOf(9));
  }

  @Test
  void anImpressionListsEachItemOnce() {
    assertThrows(IllegalArgumentException.class, () -> new Impression("r", 1, new long[] {5, 6, 5}, 0));
  }

  @Test
  void anExampleIsNamedByItsRequestAndItem() {
    assertEquals("req-7#42", new FeedbackExample("req-7", 1, 42, 0, false, 0, 0).id());
    assertThrows(IllegalArgumentException.class, () -> new FeedbackExample("r", 1, 2, -1, true, 0, 0));
  }

  @Test
  void theTypeInformationMakesTheseSerializersAndACopyIsTheSameObject() {
    assertSame(ImpressionSerializer.INSTANCE, ImpressionSerializer.TYPE.createSerializer(new SerializerConfigImpl()));
    assertSame(FeedbackExampleSerializer.INSTANCE,
        FeedbackExampleSerializer.TYPE.createSerializer(new SerializerConfigImpl()));
    Impression i = new Impression("r", 1, new long[] {1}, 0);
    assertSame(i, ImpressionSerializer.INSTANCE.copy(i));
  }
}

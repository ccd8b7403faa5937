package io.streamnet.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.nn.online.TextExample;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TrainingExampleSerializerTest {
  private static final TrainingExampleSerializer S = TrainingExampleSerializer.INSTANCE;

  @Test
  void recordsSurviveARoundTripInOrderIncludingNullsAndEmptyIds() throws Exception {
    List<TextExample> in = List.of(
        new TextExample("imdb-1", new int[] {3, 262_143, 0, 7}, 1f, 1_700_000_000_123L),
        new TextExample("ünïcödé-ĳ", new int[0], 0f, 0L),
        new TextExample(null, null, 1f, -1L));
    DataOutputSerializer out = new DataOutputSerializer(16);
    for (TextExample e : in) {
      S.serialize(e, out);
    }
    DataInputDeserializer source = new DataInputDeserializer(out.getCopyOfBuffer());
    for (TextExample e : in) {
      assertEquals(e, S.deserialize(source));
    }
    assertEquals(0, source.available(), "nothing left over");
  }

  @Test
  void copyIsDeepAndStreamCopyIsExact() throws Exception {
    TextExample e = new TextExample("a", new int[] {1, 2}, 1f, 5L);
    TextExample c = S.copy(e);
    assertEquals(e, c);
    assertNotSame(e.ids, c.ids);
    DataOutputSerializer first = new DataOutputSerializer(16);
    S.serialize(e, first);
    DataOutputSerializer second = new DataOutputSerializer(16);
    S.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
    assertTrue(java.util.Arrays.equals(first.getCopyOfBuffer(), second.getCopyOfBuffer()));
  }

  @Test
  void theTypeInformationMakesThisSerializerAndItsSnapshotRestoresIt() throws Exception {
    assertSame(S, TrainingExampleSerializer.TYPE.createSerializer(new SerializerConfigImpl()));
    TypeSerializerSnapshot<TextExample> snapshot = S.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(16);
    snapshot.writeSnapshot(out);
    TrainingExampleSerializer.Snapshot restored = new TrainingExampleSerializer.Snapshot();
    restored.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
        getClass().getClassLoader());
    assertSame(S, restored.restoreSerializer());
    assertTrue(restored.resolveSchemaCompatibility(snapshot).isCompatibleAsIs());
  }
}

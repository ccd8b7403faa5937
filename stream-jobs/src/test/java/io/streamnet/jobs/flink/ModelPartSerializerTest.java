package io.streamnet.jobs.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.nn.snapshot.ModelVersion;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ModelPartSerializerTest {
  private static final ModelPartSerializer S = ModelPartSerializer.INSTANCE;

  @Test
  void partsSurviveARoundTripInOrder() throws Exception {
    List<ModelPart> in = List.of(
        new ModelPart("sentiment", new ModelVersion(2, 10), null, 0, 3, "{\"name\":\"n\"}", new byte[] {1, 2, 3},
            null),
        new ModelPart("sentiment", new ModelVersion(2, 11), new ModelVersion(2, 10), 1, 2, null, new byte[0],
            new double[] {12, 1.5, Double.NaN}),
        new ModelPart("ünï", new ModelVersion(0, 0), new ModelVersion(0, 0), 0, 1, null, new byte[70_000], null));
    DataOutputSerializer out = new DataOutputSerializer(16);
    for (ModelPart p : in) {
      S.serialize(p, out);
    }
    DataInputDeserializer source = new DataInputDeserializer(out.getCopyOfBuffer());
    for (ModelPart p : in) {
      assertEquals(p, S.deserialize(source));
    }
    assertEquals(0, source.available(), "nothing left over");
  }

  @Test
  void partsAreImmutableSoACopyIsTheSameObject() {
    ModelPart p = new ModelPart("m", new ModelVersion(1, 1), null, 0, 1, "{}", new byte[] {9}, null);
    assertTrue(S.isImmutableType());
    assertSame(p, S.copy(p));
  }

  @Test
  void theTypeInformationMakesThisSerializerAndItsSnapshotRestoresIt() throws Exception {
    assertSame(S, ModelPartSerializer.TYPE.createSerializer(new SerializerConfigImpl()));
    TypeSerializerSnapshot<ModelPart> snapshot = S.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(16);
    snapshot.writeSnapshot(out);
    ModelPartSerializer.Snapshot restored = new ModelPartSerializer.Snapshot();
    restored.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
        getClass().getClassLoader());
    assertSame(S, restored.restoreSerializer());
    assertTrue(restored.resolveSchemaCompatibility(snapshot).isCompatibleAsIs());
  }
}

package io.streamnet.jobs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.streamnet.connect.sign.SigningKey;
import io.streamnet.connect.sign.SnapshotSignature;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.SnapshotKind;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SigningSnapshotSchemaTest {
  static final SigningKey KEY = new SigningKey("k1", new byte[32]);

  @Test
  void whatReachesTheTopicIsSignedAndTheTrainersRecordIsLeftAsItWas() throws Exception {
    List<ModelSnapshot> written = new ArrayList<>();
    KafkaRecordSerializationSchema<ModelSnapshot> capture = (s, ctx, ts) -> {
      written.add(s);
      return new ProducerRecord<>("t", new byte[0]);
    };
    ModelSnapshot s = ModelSnapshot.newBuilder().setModelId("m").setEpoch(1).setVersion(2)
        .setCreatedAt(Instant.EPOCH).setNetworkSpec("{}").setKind(SnapshotKind.FULL)
        .setParameters(ByteBuffer.wrap(new byte[] {1})).setSha256("ab").setTask("sentiment").build();
    SigningSnapshotSchema.of(capture, KEY).serialize(s, null, null);
    assertEquals(SnapshotSignature.Verdict.VALID, SnapshotSignature.verify(written.get(0), Map.of("k1", KEY)));
    assertNull(s.getSignature());
    assertSame(capture, SigningSnapshotSchema.of(capture, null), "no key: written as it is");
  }
}

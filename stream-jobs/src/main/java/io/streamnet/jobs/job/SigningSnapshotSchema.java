package io.streamnet.jobs.job;

import io.streamnet.connect.sign.SigningKey;
import io.streamnet.connect.sign.SnapshotSignature;
import io.streamnet.schema.ModelSnapshot;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Signs each snapshot (HMAC-SHA256 under the configured key, {@link SnapshotSignature}) as it is written to the
 * snapshots topic, so that readers holding the key refuse one that was changed or not written by this job. Only the
 * topic's copy is signed: inside the job the trainer hands versions to the scorer directly.
 */
final class SigningSnapshotSchema implements KafkaRecordSerializationSchema<ModelSnapshot> {
  private static final long serialVersionUID = 1L;

  private final KafkaRecordSerializationSchema<ModelSnapshot> inner;
  private final SigningKey key;

  private SigningSnapshotSchema(KafkaRecordSerializationSchema<ModelSnapshot> inner, SigningKey key) {
    this.inner = inner;
    this.key = key;
  }

  /** {@code inner}, signing with {@code key}; {@code inner} itself when there is no key. */
  static KafkaRecordSerializationSchema<ModelSnapshot> of(KafkaRecordSerializationSchema<ModelSnapshot> inner,
                                                         SigningKey key) {
    return key == null ? inner : new SigningSnapshotSchema(inner, key);
  }

  @Override
  public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
      throws Exception {
    inner.open(context, sinkContext);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(ModelSnapshot snapshot, KafkaSinkContext context, Long timestamp) {
    return inner.serialize(SnapshotSignature.sign(snapshot, key), context, timestamp);
  }
}

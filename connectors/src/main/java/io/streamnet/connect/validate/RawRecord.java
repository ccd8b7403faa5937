package io.streamnet.connect.validate;

import io.streamnet.schema.DeadLetterHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.RecordBatch;

/**
 * A Kafka record as it arrived, before decoding: where it came from and its bytes, kept so that a dead letter can
 * carry them unchanged.
 *
 * @param topic     source topic
 * @param partition source partition, -1 when unknown
 * @param offset    source offset, -1 when unknown
 * @param timestamp Kafka timestamp in epoch ms, null when the record has none
 * @param key       key bytes or null
 * @param value     value bytes or null
 * @param headers   headers in order
 */
public record RawRecord(String topic, int partition, long offset, Long timestamp, byte[] key, byte[] value,
                        List<DeadLetterHeader> headers) {

  public RawRecord {
    Objects.requireNonNull(topic, "topic");
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** A record known only by topic and value (e.g. inside a plain Kafka {@code Deserializer}). */
  public static RawRecord ofValue(String topic, byte[] value) {
    return new RawRecord(topic, -1, -1L, null, null, value, List.of());
  }

  public static RawRecord from(ConsumerRecord<byte[], byte[]> r) {
    List<DeadLetterHeader> headers = new ArrayList<>();
    for (Header h : r.headers()) {
      headers.add(new DeadLetterHeader(h.key(), h.value() == null ? null : ByteBuffer.wrap(h.value())));
    }
    Long timestamp = r.timestamp() == RecordBatch.NO_TIMESTAMP ? null : r.timestamp();
    return new RawRecord(r.topic(), r.partition(), r.offset(), timestamp, r.key(), r.value(), headers);
  }

  /** Where the record came from, for messages: {@code topic[partition]@offset}. */
  public String position() {
    return topic + "[" + partition + "]@" + offset;
  }
}

package io.streamnet.edge.score;

import io.streamnet.connect.validate.RawRecord;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** A Kafka Streams record as it arrived, with where it came from, for decoding and dead letters. */
public final class RawRecords {
  private RawRecords() {}

  public static RawRecord of(Record<byte[], byte[]> record, ProcessorContext<?, ?> context) {
    RecordMetadata at = context.recordMetadata().orElse(null);
    return new RawRecord(at == null ? "?" : at.topic(), at == null ? -1 : at.partition(), at == null ? -1 : at.offset(),
        record.timestamp(), record.key(), record.value(), List.of());
  }
}

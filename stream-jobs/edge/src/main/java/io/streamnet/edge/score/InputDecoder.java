package io.streamnet.edge.score;

import io.streamnet.connect.serde.EventDecoder;
import io.streamnet.connect.serde.RegistryOutageHold;
import io.streamnet.connect.validate.DecodeOutcome;
import java.util.function.ToLongFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes and validates one input topic of a task (its requests, or its labeled events): a valid record goes on as an
 * {@link EdgeInput} keyed by the task's key (null for a task without one), anything else as a dead letter naming
 * what is wrong and where. Never throws on bad input.
 *
 * @param <T> the topic's record type
 */
public final class InputDecoder<T extends SpecificRecord> implements Processor<byte[], byte[], Long, EdgeInput> {
  private final EventDecoder<T> decoder;
  private final RegistryOutageHold hold;
  private final EdgeInput.Kind kind;
  private final ToLongFunction<T> key;
  private ProcessorContext<Long, EdgeInput> context;

  /**
   * @param decoder one per processor (it counts its outcomes)
   * @param hold    how a registry outage is waited out
   * @param kind    {@link EdgeInput.Kind#REQUEST} or {@link EdgeInput.Kind#LABELED}
   * @param key     the task's key of a record; null for a task without keys
   */
  public InputDecoder(EventDecoder<T> decoder, RegistryOutageHold hold, EdgeInput.Kind kind,
                      ToLongFunction<T> key) {
    this.decoder = decoder;
    this.hold = hold;
    this.kind = kind;
    this.key = key;
  }

  @Override
  public void init(ProcessorContext<Long, EdgeInput> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    DecodeOutcome<T> outcome = hold.decode(decoder, RawRecords.of(record, context));
    if (!outcome.isValid()) {
      context.forward(record.withKey((Long) null).withValue(EdgeInput.dead(outcome.deadLetter())));
      return;
    }
    T value = outcome.record();
    EdgeInput in = kind == EdgeInput.Kind.REQUEST ? EdgeInput.request(record.value(), value)
        : EdgeInput.labeled(record.value(), value);
    context.forward(record.withKey(key == null ? null : key.applyAsLong(value)).withValue(in));
  }
}

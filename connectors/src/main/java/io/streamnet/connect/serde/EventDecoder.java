package io.streamnet.connect.serde;

import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.validate.DeadLetterCounters;
import io.streamnet.connect.validate.DeadLetters;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.connect.validate.Validator;
import io.streamnet.connect.validate.Validators;
import io.streamnet.schema.DeadLetterReason;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decoding path of every StreamNet consumer: bytes to a valid record or to a dead letter, never an exception.
 * Decodes with a {@link SpecificRecordDecoder}, then checks the values with a {@link Validator}; counts outcomes per
 * reason. The first dead letter of each reason is logged once; the rest are only counted. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class EventDecoder<T extends SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(EventDecoder.class);

  private final SpecificRecordDecoder<T> decoder;
  private final Validator<? super T> validator;
  private final Clock clock;
  private final DeadLetterCounters counters = new DeadLetterCounters();
  private final Set<DeadLetterReason> logged = EnumSet.noneOf(DeadLetterReason.class);

  public EventDecoder(SpecificRecordDecoder<T> decoder, Validator<? super T> validator, Clock clock) {
    this.decoder = decoder;
    this.validator = validator;
    this.clock = clock;
  }

  /** With the contract's default validator and the system clock. */
  public static <T extends SpecificRecord> EventDecoder<T> of(SchemaRegistryClient registry, Class<T> type) {
    return new EventDecoder<>(new SpecificRecordDecoder<>(registry, type), Validators.forType(type), Clock.systemUTC());
  }

  public DecodeOutcome<T> decode(ConsumerRecord<byte[], byte[]> record) {
    return decode(RawRecord.from(record));
  }

  public DecodeOutcome<T> decode(RawRecord raw) {
    T record;
    try {
      record = decoder.decode(raw.value());
    } catch (DecodeException e) {
      return reject(raw, e.reason(), e.detail(), e.schemaId());
    } catch (RuntimeException e) {
      // Not expected: the decoder maps every known failure. Still a dead letter, never a crash of the stream.
      return reject(raw, DeadLetterReason.UNKNOWN, "unexpected decoding failure: " + e, null);
    }
    List<String> violations;
    try {
      violations = validator.violations(record);
    } catch (RuntimeException e) {
      violations = List.of("validator failed: " + e);
    }
    if (!violations.isEmpty()) {
      return reject(raw, DeadLetterReason.VALIDATION_FAILED, record.getSchema().getName() + ": "
          + String.join("; ", violations), WireFormat.schemaId(raw.value()));
    }
    counters.recordAccepted();
    return DecodeOutcome.valid(record);
  }

  /** Counts of accepted records and of dead letters per reason since this decoder was made. */
  public DeadLetterCounters counters() {
    return counters;
  }

  public Class<T> type() {
    return decoder.type();
  }

  private DecodeOutcome<T> reject(RawRecord raw, DeadLetterReason reason, String message, Integer schemaId) {
    counters.recordRejected(reason);
    boolean first;
    synchronized (logged) {
      first = logged.add(reason);
    }
    if (first) {
      LOG.warn("first dead letter with reason {} on {} (further ones are only counted): {}", reason, raw.position(),
          message);
    }
    return DecodeOutcome.rejected(DeadLetters.of(raw, reason, message, schemaId, clock.instant()));
  }
}

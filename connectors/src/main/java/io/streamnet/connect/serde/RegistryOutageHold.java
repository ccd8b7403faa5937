package io.streamnet.connect.serde;

import io.streamnet.connect.registry.Sleeper;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.schema.DeadLetterReason;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoding that outlasts a registry outage: a record whose writer schema cannot be fetched because the registry is
 * unreachable is not dead-lettered at once; the reading thread holds it and retries with exponential back-off (200 ms
 * up to 5 s) until the registry answers or {@code limit} has passed, and only then is it a dead letter with reason
 * REGISTRY_UNAVAILABLE. Holding the thread keeps the order of the partition; records whose schemas are cached never
 * reach the registry. Used by the Flink job's sources and the edge scorer. In Kafka Streams under exactly once, a
 * hold longer than the transaction timeout aborts the open transaction and the task resumes from its last commit; in
 * Flink a hold delays the checkpoint barrier behind it: both stay exactly once.
 */
public final class RegistryOutageHold {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageHold.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Duration limit;
  private final Sleeper sleeper;
  private final LongAdder retries = new LongAdder();

  public RegistryOutageHold(Duration limit, Sleeper sleeper) {
    this.limit = limit;
    this.sleeper = sleeper;
  }

  /** Decodes {@code raw}, holding it through a registry outage of up to the limit. */
  public <T extends SpecificRecord> DecodeOutcome<T> decode(EventDecoder<T> decoder, RawRecord raw) {
    DecodeOutcome<T> outcome = decoder.decode(raw);
    if (!unavailable(outcome)) {
      return outcome;
    }
    LOG.warn("schema registry unreachable for the writer schema of {}; holding it and retrying for up to {}",
        raw.position(), limit);
    Duration waited = Duration.ZERO;
    Duration backoff = FIRST_BACKOFF;
    while (unavailable(outcome) && waited.compareTo(limit) < 0) {
      Duration step = backoff.compareTo(limit.minus(waited)) < 0 ? backoff : limit.minus(waited);
      try {
        sleeper.sleep(step);
      } catch (InterruptedException e) {
        // Closing: fail the task rather than dead-letter the record; it is not committed and will be read again.
        throw new InterruptException(e);
      }
      waited = waited.plus(step);
      retries.increment();
      outcome = decoder.decode(raw);
      backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }
    if (unavailable(outcome)) {
      LOG.error("schema registry still unreachable after {}: {} goes to the dead letters", waited, raw.position());
    } else {
      LOG.info("schema registry answered again after {}; {} and the records behind it go on", waited,
          raw.position());
    }
    return outcome;
  }

  /** Retries made so far. */
  public long retries() {
    return retries.sum();
  }

  private static boolean unavailable(DecodeOutcome<?> outcome) {
    return !outcome.isValid() && outcome.deadLetter().getReason() == DeadLetterReason.REGISTRY_UNAVAILABLE;
  }
}

package io.streamnet.connect.serde;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.connect.registry.Sleeper;
import io.streamnet.connect.validate.DeadLetterCounters;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.Validator;
import io.streamnet.connect.validate.Validators;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Flink {@code KafkaSource} deserialization for a StreamNet contract: every Kafka record becomes
 * {@code Either.Right(record)} when it decodes and validates, or {@code Either.Left(deadLetter)} otherwise - it never
 * throws on bad bytes, so a poison record cannot stop the job. Route the lefts to the DLQ topic (e.g. with
 * {@link AvroRecordSerializationSchema#deadLetters}).
 *
 * <p>On open it checks that the registry is reachable (a clear error naming the URL if not) and registers metrics
 * under {@code streamnet.decode}: {@code accepted} and, per reason code, {@code reason.<CODE>.deadLetters}.
 *
 * @param <T> the generated record class
 */
public final class DecodingDeserializationSchema<T extends SpecificRecordBase>
    implements KafkaRecordDeserializationSchema<Either<DeadLetter, T>> {

  private static final long serialVersionUID = 1L;
  public static final Duration DEFAULT_REGISTRY_OUTAGE_LIMIT = Duration.ofMinutes(1);

  private final Class<T> type;
  private final RegistryConfig registry;
  private final Validator<? super T> validator;
  private final Duration registryOutageLimit;
  private transient EventDecoder<T> decoder;
  private transient RegistryOutageHold hold;

  /** Holding a record through a registry outage for up to {@link #DEFAULT_REGISTRY_OUTAGE_LIMIT}. */
  public DecodingDeserializationSchema(Class<T> type, RegistryConfig registry, Validator<? super T> validator) {
    this(type, registry, validator, DEFAULT_REGISTRY_OUTAGE_LIMIT);
  }

  /**
   * @param registryOutageLimit how long a record whose writer schema cannot be fetched is held and retried before it
   *                            becomes a dead letter ({@link RegistryOutageHold})
   */
  public DecodingDeserializationSchema(Class<T> type, RegistryConfig registry, Validator<? super T> validator,
                                       Duration registryOutageLimit) {
    this.type = Objects.requireNonNull(type, "type");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.registryOutageLimit = Objects.requireNonNull(registryOutageLimit, "registryOutageLimit");
  }

  /** With the contract's default validator. */
  public static <T extends SpecificRecordBase> DecodingDeserializationSchema<T> of(Class<T> type, RegistryConfig registry) {
    return new DecodingDeserializationSchema<>(type, registry, Validators.forType(type));
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    SchemaRegistryClient client = SchemaRegistries.connect(registry);
    client.verifyReachable();
    decoder = new EventDecoder<>(new SpecificRecordDecoder<>(client, type), validator, Clock.systemUTC());
    hold = new RegistryOutageHold(registryOutageLimit, Sleeper.SYSTEM);
    registerMetrics(context.getMetricGroup(), decoder.counters(), hold);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<DeadLetter, T>> out) {
    if (decoder == null) {
      throw new IllegalStateException("DecodingDeserializationSchema used before open()");
    }
    DecodeOutcome<T> outcome = hold.decode(decoder, RawRecord.from(record));
    out.collect(outcome.isValid() ? Either.Right(outcome.record()) : Either.Left(outcome.deadLetter()));
  }

  @Override
  public TypeInformation<Either<DeadLetter, T>> getProducedType() {
    return new EitherTypeInfo<>(new AvroTypeInfo<>(DeadLetter.class), new AvroTypeInfo<>(type));
  }

  /** Counts of this instance since {@link #open}; null before. */
  public DeadLetterCounters counters() {
    return decoder == null ? null : decoder.counters();
  }

  private static void registerMetrics(MetricGroup root, DeadLetterCounters counters, RegistryOutageHold hold) {
    MetricGroup group = root.addGroup("streamnet").addGroup("decode");
    group.counter("accepted", new CounterView(counters::accepted));
    group.counter("registryRetries", new CounterView(hold::retries));
    for (DeadLetterReason reason : DeadLetterReason.values()) {
      group.addGroup("reason", reason.name()).counter("deadLetters", new CounterView(() -> counters.rejected(reason)));
    }
  }

  /** A Flink counter that reads the decoder's own count, so there is one source of truth. */
  private record CounterView(LongSupplier count) implements Counter {
    @Override
    public void inc() {
      throw new UnsupportedOperationException("read-only view of the decoder's counters");
    }

    @Override
    public void inc(long n) {
      inc();
    }

    @Override
    public void dec() {
      inc();
    }

    @Override
    public void dec(long n) {
      inc();
    }

    @Override
    public long getCount() {
      return count.getAsLong();
    }
  }
}

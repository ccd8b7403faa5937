package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.RegistryUnavailableException;
import io.streamnet.connect.registry.RetryPolicy;
import io.streamnet.connect.validate.DeadLetters;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.ReviewEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema.KafkaSinkContext;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Flink Kafka source and sink schemas, driven directly (no MiniCluster): open, (de)serialize, metrics, types. */
class FlinkSchemasTest {

  private final String scope = "flink-" + System.nanoTime();
  private final RegistryConfig registry = RegistryConfig.of("mock://" + scope);
  private final RecordingMetrics metrics = new RecordingMetrics("");

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistry.dropScope(scope);
  }

  /** Records every counter registered below it, by dotted path. */
  private static final class RecordingMetrics extends UnregisteredMetricsGroup {
    private final String prefix;
    private final Map<String, Counter> counters;

    RecordingMetrics(String prefix) {
      this(prefix, new HashMap<>());
    }

    private RecordingMetrics(String prefix, Map<String, Counter> counters) {
      this.prefix = prefix;
      this.counters = counters;
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
      counters.put(prefix + name, counter);
      return counter;
    }

    @Override
    public MetricGroup addGroup(String name) {
      return new RecordingMetrics(prefix + name + ".", counters);
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
      return new RecordingMetrics(prefix + key + "." + value + ".", counters);
    }

    long count(String path) {
      Counter c = counters.get(path);
      if (c == null) {
        throw new AssertionError("no counter " + path + " among " + counters.keySet());
      }
      return c.getCount();
    }
  }

  private DeserializationSchema.InitializationContext sourceContext() {
    return new DeserializationSchema.InitializationContext() {
      @Override
      public MetricGroup getMetricGroup() {
        return metrics;
      }

      @Override
      public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
      }
    };
  }

  private SerializationSchema.InitializationContext sinkContext() {
    return new SerializationSchema.InitializationContext() {
      @Override
      public MetricGroup getMetricGroup() {
        return metrics;
      }

      @Override
      public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
      }
    };
  }

  private static final KafkaSinkContext SINK = new KafkaSinkContext() {
    @Override
    public int getParallelInstanceId() {
      return 0;
    }

    @Override
    public int getNumberOfParallelInstances() {
      return 1;
    }

    @Override
    public int[] getPartitionsForTopic(String topic) {
      return new int[] {0};
    }
  };

  @Test
  void aSinkStampedWhenSentLeavesTheTimestampToTheProducerAndKeepsTheRest() throws Exception {
    AvroRecordSerializationSchema<ReviewEvent> sink = roundTripThroughJavaSerialization(
        new AvroRecordSerializationSchema<>("sentiment.labeled", ReviewEvent.class, AvroSerdeConfig.of(registry),
            r -> r.getId().getBytes(StandardCharsets.UTF_8)).stampedWhenSent());
    sink.open(sinkContext(), SINK);
    ProducerRecord<byte[], byte[]> produced = sink.serialize(ContractSamples.review(), SINK, 1_234L);
    assertNull(produced.timestamp(), "the producer stamps it when sending, not with the Flink timestamp");
    assertArrayEquals("uci-amazon-0".getBytes(StandardCharsets.UTF_8), produced.key());
    DecodingDeserializationSchema<ReviewEvent> source = DecodingDeserializationSchema.of(ReviewEvent.class, registry);
    source.open(sourceContext());
    List<Either<DeadLetter, ReviewEvent>> out = new ArrayList<>();
    source.deserialize(consumed(0, produced.value()), new ListCollector<>(out));
    assertEquals(ContractSamples.review(), out.get(0).right());
  }

  @Test
  void sinkThenSourceRoundTripWithDeadLettersOnTheSide() throws Exception {
    AvroRecordSerializationSchema<ReviewEvent> sink = roundTripThroughJavaSerialization(new AvroRecordSerializationSchema<>(
        "sentiment.labeled", ReviewEvent.class, AvroSerdeConfig.of(registry),
        r -> r.getId().getBytes(StandardCharsets.UTF_8)));
    sink.open(sinkContext(), SINK);
    assertEquals(List.of("sentiment.labeled-value"), InMemorySchemaRegistry.forScope(scope).subjects(),
        "the schema is registered at open, before the first record");
    ProducerRecord<byte[], byte[]> produced = sink.serialize(ContractSamples.review(), SINK, 1_234L);
    assertEquals("sentiment.labeled", produced.topic());
    assertEquals(1_234L, produced.timestamp());
    assertArrayEquals("uci-amazon-0".getBytes(StandardCharsets.UTF_8), produced.key());

    DecodingDeserializationSchema<ReviewEvent> source =
        roundTripThroughJavaSerialization(DecodingDeserializationSchema.of(ReviewEvent.class, registry));
    source.open(sourceContext());
    List<Either<DeadLetter, ReviewEvent>> out = new ArrayList<>();
    Collector<Either<DeadLetter, ReviewEvent>> collector = new ListCollector<>(out);
    source.deserialize(consumed(0, produced.value()), collector);
    source.deserialize(consumed(1, "not avro".getBytes(StandardCharsets.UTF_8)), collector);
    ReviewEvent unlabeledNull = ContractSamples.review();
    unlabeledNull.setText(null);
    source.deserialize(consumed(2, sink.serialize(unlabeledNull, SINK, null).value()), collector);
    source.deserialize(consumed(3, produced.value()), collector);

    assertEquals(4, out.size());
    assertEquals(ContractSamples.review(), out.get(0).right());
    assertEquals(DeadLetterReason.NO_MAGIC_BYTE, out.get(1).left().getReason());
    assertEquals(1L, out.get(1).left().getSourceOffset());
    assertEquals(DeadLetterReason.VALIDATION_FAILED, out.get(2).left().getReason());
    assertTrue(out.get(3).isRight());
    assertEquals(2, metrics.count("streamnet.decode.accepted"));
    assertEquals(1, metrics.count("streamnet.decode.reason.NO_MAGIC_BYTE.deadLetters"));
    assertEquals(1, metrics.count("streamnet.decode.reason.VALIDATION_FAILED.deadLetters"));
    assertEquals(0, metrics.count("streamnet.decode.reason.CORRUPT_AVRO.deadLetters"));
    assertEquals(2, source.counters().rejectedTotal());
  }

  @Test
  void theProducedTypeSerializesBothSidesWithAvro() throws IOException {
    TypeInformation<Either<DeadLetter, ReviewEvent>> type =
        DecodingDeserializationSchema.of(ReviewEvent.class, registry).getProducedType();
    TypeSerializer<Either<DeadLetter, ReviewEvent>> serializer = type.createSerializer(new SerializerConfigImpl());

    for (Either<DeadLetter, ReviewEvent> value : List.<Either<DeadLetter, ReviewEvent>>of(
        Either.Right(ContractSamples.review()), Either.Left(ContractSamples.deadLetter()))) {
      DataOutputSerializer bytes = new DataOutputSerializer(256);
      serializer.serialize(value, bytes);
      Either<DeadLetter, ReviewEvent> copy = serializer.deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
      assertEquals(value, copy);
      assertEquals(value, serializer.copy(value));
    }
  }

  @Test
  void deadLettersGoToTheDlqKeyedByTheOriginalKey() throws Exception {
    AvroRecordSerializationSchema<DeadLetter> dlq =
        AvroRecordSerializationSchema.deadLetters("streamnet.dlq", AvroSerdeConfig.of(registry));
    dlq.open(sinkContext(), SINK);
    DeadLetter letter = ContractSamples.deadLetter();

    ProducerRecord<byte[], byte[]> record = dlq.serialize(letter, SINK, null);

    assertEquals("streamnet.dlq", record.topic());
    assertArrayEquals(DeadLetters.bytes(letter.getKey()), record.key());
    assertNull(record.timestamp());
    assertEquals(letter, new SpecificRecordDecoder<>(InMemorySchemaRegistry.forScope(scope), DeadLetter.class)
        .decode(record.value()));
  }

  @Test
  void anUnreachableRegistryStopsTheSourceAtOpenWithItsUrl() throws IOException {
    String url = "http://127.0.0.1:" + freePort();
    RegistryConfig dead = RegistryConfig.of(url)
        .withRetry(new RetryPolicy(2, Duration.ofMillis(5), Duration.ofMillis(5), 1, 0, 1L));
    DecodingDeserializationSchema<ReviewEvent> source = DecodingDeserializationSchema.of(ReviewEvent.class, dead);

    RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> source.open(sourceContext()));

    assertTrue(e.getMessage().contains(url), e.getMessage());
  }

  private static ConsumerRecord<byte[], byte[]> consumed(long offset, byte[] value) {
    return new ConsumerRecord<>("sentiment.labeled", 0, offset, "k".getBytes(StandardCharsets.UTF_8), value);
  }

  /** Flink ships functions to task managers by Java serialization: make sure ours survive it. */
  @SuppressWarnings("unchecked")
  private static <T> T roundTripThroughJavaSerialization(T value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (T) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private record ListCollector<T>(List<T> list) implements Collector<T> {
    @Override
    public void collect(T record) {
      list.add(record);
    }

    @Override
    public void close() {
    }
  }
}

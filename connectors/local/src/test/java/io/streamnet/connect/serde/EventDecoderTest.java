package io.streamnet.connect.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.registry.CachingSchemaRegistryClient;
import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.RegistryUnavailableException;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.validate.DeadLetters;
import io.streamnet.connect.validate.DecodeOutcome;
import io.streamnet.connect.validate.RawRecord;
import io.streamnet.connect.validate.Validators;
import io.streamnet.schema.Contracts;
import io.streamnet.schema.DeadLetter;
import io.streamnet.schema.DeadLetterHeader;
import io.streamnet.schema.DeadLetterReason;
import io.streamnet.schema.Interaction;
import io.streamnet.schema.ReviewEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

  private static final String TOPIC = "sentiment.labeled";
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private static final byte[] KEY = "uci-amazon-0".getBytes(StandardCharsets.UTF_8);

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry("events");
  private final AvroKafkaSerializer<ReviewEvent> serializer =
      new AvroKafkaSerializer<>(registry, AvroSerdeConfig.of(RegistryConfig.of("mock://unused")), false);
  private final EventDecoder<ReviewEvent> decoder = decoder(registry);
  private long offset;

  private static EventDecoder<ReviewEvent> decoder(SchemaRegistryClient client) {
    return new EventDecoder<>(new SpecificRecordDecoder<>(client, ReviewEvent.class),
        Validators.forType(ReviewEvent.class), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private ConsumerRecord<byte[], byte[]> record(byte[] value) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(new RecordHeader("producer", "replayer".getBytes(StandardCharsets.UTF_8)));
    return new ConsumerRecord<>(TOPIC, 3, offset++, 1_700_000_000_000L, TimestampType.CREATE_TIME, KEY.length,
        value == null ? -1 : value.length, KEY, value, headers, java.util.Optional.empty());
  }

  private DeadLetter rejected(byte[] value, DeadLetterReason reason) {
    DecodeOutcome<ReviewEvent> outcome = decoder.decode(record(value));
    assertFalse(outcome.isValid(), "expected " + reason);
    DeadLetter letter = outcome.deadLetter();
    assertEquals(reason, letter.getReason(), letter.getMessage());
    assertArrayEquals(value, DeadLetters.bytes(letter.getValue()), "original value bytes kept");
    assertArrayEquals(KEY, DeadLetters.bytes(letter.getKey()), "original key bytes kept");
    assertEquals(TOPIC, letter.getSourceTopic());
    assertEquals(3, letter.getSourcePartition());
    assertEquals(offset - 1, letter.getSourceOffset());
    assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), letter.getSourceTimestamp());
    assertEquals(List.of(new DeadLetterHeader("producer", ByteBuffer.wrap("replayer".getBytes(StandardCharsets.UTF_8)))),
        letter.getHeaders());
    assertEquals(NOW, letter.getDeadLetteredAt());
    return letter;
  }

  private byte[] valid() {
    return serializer.serialize(TOPIC, ContractSamples.review());
  }

  @Test
  void aGoodRecordDecodes() {
    DecodeOutcome<ReviewEvent> outcome = decoder.decode(record(valid()));

    assertTrue(outcome.isValid());
    assertEquals(ContractSamples.review(), outcome.record());
    assertEquals(1, decoder.counters().accepted());
  }

  @Test
  void headerFaults() {
    assertNull(rejected(null, DeadLetterReason.NULL_VALUE).getSchemaId());
    rejected(new byte[0], DeadLetterReason.NO_MAGIC_BYTE);
    DeadLetter json = rejected("{\"id\":\"x\",\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8), DeadLetterReason.NO_MAGIC_BYTE);
    assertTrue(json.getMessage().contains("0x7b"), json.getMessage());
    rejected(new byte[] {0, 0, 0}, DeadLetterReason.TRUNCATED_HEADER);
  }

  @Test
  void anUnknownSchemaId() {
    byte[] bytes = valid();
    WireFormat.writeHeader(999, bytes, 0);

    DeadLetter letter = rejected(bytes, DeadLetterReason.UNKNOWN_SCHEMA_ID);

    assertEquals(999, letter.getSchemaId());
    assertTrue(letter.getMessage().contains("999"), letter.getMessage());
  }

  @Test
  void truncatedTrailingAndCorruptAvro() {
    byte[] good = valid();
    int id = WireFormat.schemaId(good);

    DeadLetter truncated = rejected(Arrays.copyOf(good, good.length - 3), DeadLetterReason.CORRUPT_AVRO);
    assertEquals(id, truncated.getSchemaId());
    DeadLetter trailing = rejected(concat(good, new byte[] {1, 2}), DeadLetterReason.CORRUPT_AVRO);
    assertTrue(trailing.getMessage().contains("2 byte(s) left over"), trailing.getMessage());
    // A 1 GiB string length in the first field's prefix: rejected without allocating it.
    byte[] hugeLength = concat(Arrays.copyOf(good, 5), new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08});
    DeadLetter huge = rejected(hugeLength, DeadLetterReason.CORRUPT_AVRO);
    assertTrue(huge.getMessage().contains("1073741824"), huge.getMessage());
    // Union branch index 5 of a 2-branch union (the text field).
    byte[] badUnion = concat(Arrays.copyOf(good, 5), new byte[] {2, 'a', 10});
    rejected(badUnion, DeadLetterReason.CORRUPT_AVRO);
  }

  @Test
  void aWriterSchemaTheReaderCannotResolve() {
    int interactionId = registry.register("reco.interactions-value", Interaction.getClassSchema());
    byte[] bytes = new AvroKafkaSerializer<Interaction>(registry, AvroSerdeConfig.of(RegistryConfig.of("mock://unused")),
        false).serialize("reco.interactions", ContractSamples.interaction());
    assertEquals(interactionId, WireFormat.schemaId(bytes));

    DeadLetter letter = rejected(bytes, DeadLetterReason.UNRESOLVABLE_SCHEMA);

    assertTrue(letter.getMessage().contains("io.streamnet.schema.Interaction")
        && letter.getMessage().contains("io.streamnet.schema.ReviewEvent"), letter.getMessage());
  }

  @Test
  void valuesThatFailValidation() {
    ReviewEvent nullText = ContractSamples.review();
    nullText.setText(null);
    ReviewEvent badLabel = ContractSamples.review();
    badLabel.setLabel(7);
    ReviewEvent nanRating = ContractSamples.review();
    nanRating.setRating(Float.NaN);

    assertMessage(rejected(serializer.serialize(TOPIC, nullText), DeadLetterReason.VALIDATION_FAILED), "text must not be null");
    assertMessage(rejected(serializer.serialize(TOPIC, badLabel), DeadLetterReason.VALIDATION_FAILED),
        "label must be 0, 1 or null, was 7");
    DeadLetter nan = rejected(serializer.serialize(TOPIC, nanRating), DeadLetterReason.VALIDATION_FAILED);
    assertMessage(nan, "rating must be a finite number, was NaN");
    assertEquals(WireFormat.schemaId(valid()), nan.getSchemaId());
  }

  @Test
  void countsPerReasonAndGoodRecordsAfterBadOnesStillFlow() {
    decoder.decode(record(null));
    decoder.decode(record(new byte[] {9}));
    decoder.decode(record(new byte[] {9, 9}));
    ReviewEvent blank = ContractSamples.review();
    blank.setText("   ");
    decoder.decode(record(serializer.serialize(TOPIC, blank)));
    DecodeOutcome<ReviewEvent> after = decoder.decode(record(valid()));

    assertTrue(after.isValid());
    assertEquals(Map.of(DeadLetterReason.NULL_VALUE, 1L, DeadLetterReason.NO_MAGIC_BYTE, 2L,
        DeadLetterReason.VALIDATION_FAILED, 1L), decoder.counters().rejectedByReason());
    assertEquals(4, decoder.counters().rejectedTotal());
    assertEquals(1, decoder.counters().accepted());
  }

  @Test
  void aV1WriterIsReadByTheCurrentReader() throws IOException {
    Schema v1 = Contracts.forType(ReviewEvent.class).orElseThrow().released().get(0);
    int v1Id = registry.register(TOPIC + "-value", v1);
    GenericRecord old = new GenericData.Record(v1);
    old.put("id", "imdb-1");
    old.put("text", "A film I will remember.");
    old.put("label", 1);
    old.put("eventTime", 1_600_000_000_000L);

    DecodeOutcome<ReviewEvent> outcome = decoder.decode(record(frame(v1Id, v1, old)));

    assertTrue(outcome.isValid(), () -> outcome.deadLetter().getMessage());
    ReviewEvent read = outcome.record();
    assertEquals("imdb-1", read.getId());
    assertEquals(1, read.getLabel());
    assertEquals(Instant.ofEpochMilli(1_600_000_000_000L), read.getEventTime());
    assertNull(read.getRating(), "the field v1 lacks takes its default");
  }

  @Test
  void aRegistryOutageKeepsKnownSchemasWorkingAndDeadLettersTheRest() {
    boolean[] down = {false};
    SchemaRegistryClient flaky = (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
          if (down[0] && method.getName().equals("getById")) {
            throw new RegistryUnavailableException("schema registry http://10.0.0.1:8081 unavailable after 5 attempt(s)",
                -1, -1, null);
          }
          try {
            return method.invoke(registry, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    EventDecoder<ReviewEvent> cached = decoder(new CachingSchemaRegistryClient(flaky, Duration.ofSeconds(10)));
    byte[] known = valid();
    assertTrue(cached.decode(record(known)).isValid());
    Schema v1 = Contracts.forType(ReviewEvent.class).orElseThrow().released().get(0);
    int unseen = registry.register(TOPIC + "-value", v1);

    down[0] = true;

    assertTrue(cached.decode(record(known)).isValid(), "cached schema keeps working");
    byte[] other = Arrays.copyOf(known, known.length);
    WireFormat.writeHeader(unseen, other, 0);
    DecodeOutcome<ReviewEvent> outcome = cached.decode(record(other));
    assertEquals(DeadLetterReason.REGISTRY_UNAVAILABLE, outcome.deadLetter().getReason());
    assertTrue(outcome.deadLetter().getMessage().contains("http://10.0.0.1:8081"), outcome.deadLetter().getMessage());

    down[0] = false;
    assertEquals(DeadLetterReason.CORRUPT_AVRO, cached.decode(record(other)).deadLetter().getReason(),
        "once back, the id resolves (v2 bytes under a v1 header do not decode, as they should not)");
  }

  @Test
  void rawRecordsWithoutPositionStillMakeDeadLetters() {
    DecodeOutcome<ReviewEvent> outcome = decoder.decode(RawRecord.ofValue("t", new byte[] {1}));

    assertEquals(-1, outcome.deadLetter().getSourcePartition());
    assertEquals(-1L, outcome.deadLetter().getSourceOffset());
    assertNull(outcome.deadLetter().getSourceTimestamp());
    assertNull(outcome.deadLetter().getKey());
  }

  private static void assertMessage(DeadLetter letter, String expected) {
    assertTrue(letter.getMessage().contains(expected), letter.getMessage());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[5];
    WireFormat.writeHeader(id, header, 0);
    out.write(header);
    BinaryEncoder e = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, e);
    e.flush();
    return out.toByteArray();
  }
}

package io.streamnet.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.avro.Schema;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** Data written with old or foreign writer schemas, read by the generated classes. */
class SchemaEvolutionTest {

  @Test
  void reviewEventV1DataReadsWithNullRating() throws IOException {
    Schema v1 = Contracts.forType(ReviewEvent.class).orElseThrow().released().get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("id", "uci-7");
    old.put("text", "Great phone, battery lasts.");
    old.put("label", 1);
    old.put("eventTime", 1_700_000_000_123L);

    ReviewEvent read = read(write(v1, old), v1, ReviewEvent.getClassSchema());

    assertEquals("uci-7", read.getId());
    assertEquals("Great phone, battery lasts.", read.getText());
    assertEquals(1, read.getLabel());
    assertEquals(Instant.ofEpochMilli(1_700_000_000_123L), read.getEventTime());
    assertNull(read.getRating());
  }

  @Test
  void anUnknownDeadLetterReasonFromANewerWriterReadsAsUnknown() throws IOException {
    Schema current = DeadLetter.getClassSchema();
    String appended = current.toString().replace("\"SCORER_BUFFER_FULL\"]", "\"SCORER_BUFFER_FULL\",\"QUOTA_EXCEEDED\"]");
    assertNotEquals(current.toString(), appended, "the test must add a symbol after the current last one");
    Schema newer = new Schema.Parser().parse(appended);
    GenericRecord letter = new GenericData.Record(newer);
    letter.put("sourceTopic", "sentiment.labeled");
    letter.put("sourcePartition", 3);
    letter.put("sourceOffset", 42L);
    letter.put("reason", new GenericData.EnumSymbol(newer.getField("reason").schema(), "QUOTA_EXCEEDED"));
    letter.put("message", "over quota");
    letter.put("value", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    letter.put("headers", new GenericData.Array<>(0, newer.getField("headers").schema()));
    letter.put("deadLetteredAt", 5L);

    DeadLetter read = read(write(newer, letter), newer, current);

    assertEquals(DeadLetterReason.UNKNOWN, read.getReason());
    assertEquals("sentiment.labeled", read.getSourceTopic());
    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), read.getValue());
  }

  @Test
  void sentimentScoreV1DataReadsWithNullExplanation() throws IOException {
    Schema v1 = Contracts.forType(SentimentScore.class).orElseThrow().released().get(0);
    GenericRecord old = new GenericData.Record(v1);
    old.put("id", "r-1");
    old.put("probability", 0.75);
    old.put("predictedLabel", 1);
    old.put("modelId", "sentiment-S");
    old.put("modelEpoch", 2L);
    old.put("modelVersion", 9L);
    old.put("scoredAt", 1_700_000_000_000L);
    old.put("latencyMicros", 120L);

    SentimentScore read = read(write(v1, old), v1, SentimentScore.getClassSchema());

    assertEquals("r-1", read.getId());
    assertEquals(0.75, read.getProbability());
    assertEquals(9L, read.getModelVersion());
    assertNull(read.getExplanation());
  }

  @Test
  void sentimentScoreV2DataWithAnExplanationReadsWithAV1Reader() throws IOException {
    Schema v1 = Contracts.forType(SentimentScore.class).orElseThrow().released().get(0);
    Schema v2 = Contracts.forType(SentimentScore.class).orElseThrow().released().get(1);
    SentimentScore score = SentimentScore.newBuilder().setId("r-2").setProbability(0.2).setPredictedLabel(0)
        .setModelId("sentiment-S").setModelEpoch(1).setModelVersion(3).setScoredAt(Instant.ofEpochMilli(5))
        .setLatencyMicros(80)
        .setExplanation(List.of(new ExplainedToken("dull", -1.25), new ExplainedToken("not", -0.5)))
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<SentimentScore>(SentimentScore.class).write(score, encoder);
    encoder.flush();

    GenericRecord read = new GenericDatumReader<GenericRecord>(v2, v1)
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));

    assertEquals("r-2", read.get("id").toString());
    assertEquals(0.2, read.get("probability"));
    assertEquals(80L, read.get("latencyMicros"));
    assertNull(read.getSchema().getField("explanation"), "a v1 reader has no explanation field");
  }

  private static byte[] write(Schema writer, GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static <T> T read(byte[] bytes, Schema writer, Schema reader) throws IOException {
    SpecificDatumReader<T> datumReader = new SpecificDatumReader<>(writer, reader);
    return datumReader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }
}

package io.streamnet.jobs.bench;

import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.serde.WireFormat;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.schema.ModelSnapshot;
import io.streamnet.schema.TrainingMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;

/**
 * Reads the job's snapshot and metrics topics {@code read_uncommitted}: each snapshot's version, applied-event count
 * (for freshness) and creation time (for the answers' version lag), and every trainer and scorer metrics record with
 * the time it was emitted.
 */
final class ModelWatcher extends TopicFollower<ByteBuffer> {
  /** A metrics record: when the job emitted it, and its figures. */
  record Metrics(long emittedAtMillis, Map<String, Double> values) {}

  /**
   * The four fields of a snapshot the benchmark needs. Decoding with it skips the 10-15 MB of parameters instead of
   * copying them into a new array (this reader shares the JVM, and its garbage, with the job it measures). The job
   * writes with the generated class's schema, so that is the writer schema.
   */
  private static final Schema SNAPSHOT_HEAD = SchemaBuilder.record(ModelSnapshot.SCHEMA$.getName())
      .namespace(ModelSnapshot.SCHEMA$.getNamespace()).fields()
      .requiredLong("epoch").requiredLong("version").requiredLong("createdAt")
      .name("metrics").type().map().values().doubleType().noDefault()
      .endRecord();

  private final String snapshotsTopic;
  private final GenericDatumReader<GenericRecord> snapshots =
      new GenericDatumReader<>(ModelSnapshot.SCHEMA$, SNAPSHOT_HEAD);
  private BinaryDecoder decoder;
  private final SpecificRecordDecoder<TrainingMetrics> metrics =
      new SpecificRecordDecoder<>(SchemaRegistries.connect(BenchKafka.REGISTRY), TrainingMetrics.class);
  private final List<Freshness.Snapshot> published = new ArrayList<>();
  private final List<VersionLag.Created> created = new ArrayList<>();
  private final List<Metrics> trainer = new ArrayList<>();
  private final List<Metrics> scorer = new ArrayList<>();

  ModelWatcher(BenchKafka kafka, String snapshotsTopic, String metricsTopic) {
    // values in place, in the fetched buffer: copying each 10-15 MB snapshot out of it is one array copy no
    // safepoint can interrupt, which kept the job's threads waiting at GCs (-XX:+SafepointTimeout named this reader)
    super("models", kafka.consumer("bench-models", false, true, new ByteBufferDeserializer()),
        List.of(snapshotsTopic, metricsTopic));
    this.snapshotsTopic = snapshotsTopic;
  }

  @Override
  void handle(ConsumerRecord<byte[], ByteBuffer> record, long polledAtNanos) {
    ByteBuffer value = record.value();
    if (record.topic().equals(snapshotsTopic)) {
      // the consumer's fetch buffers are heap buffers; a copy only if that ever changes
      ByteBuffer heap = value.hasArray() ? value : ByteBuffer.wrap(bytes(value));
      decoder = DecoderFactory.get().binaryDecoder(heap.array(),
          heap.arrayOffset() + heap.position() + WireFormat.HEADER_SIZE, heap.remaining() - WireFormat.HEADER_SIZE,
          decoder);
      GenericRecord s;
      try {
        s = snapshots.read(null, decoder);
      } catch (IOException e) {
        throw new UncheckedIOException("snapshot at offset " + record.offset() + " does not decode", e);
      }
      ModelVersion version = new ModelVersion((Long) s.get("epoch"), (Long) s.get("version"));
      Object applied = ((Map<?, ?>) s.get("metrics")).get(new Utf8("applied_events"));
      synchronized (this) {
        created.add(new VersionLag.Created(version, (Long) s.get("createdAt")));
        if (applied != null) {
          published.add(new Freshness.Snapshot(version, Math.round((Double) applied)));
        }
      }
    } else {
      TrainingMetrics m = metrics.decode(bytes(value));
      Metrics entry = new Metrics(m.getEmittedAt().toEpochMilli(), Map.copyOf(m.getMetrics()));
      synchronized (this) {
        (m.getMetrics().containsKey("scorer.scored") ? scorer : trainer).add(entry);
      }
    }
  }

  private static byte[] bytes(ByteBuffer value) {
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    return bytes;
  }

  synchronized List<Freshness.Snapshot> published() {
    return List.copyOf(published);
  }

  synchronized List<VersionLag.Created> created() {
    return List.copyOf(created);
  }

  synchronized List<Metrics> trainer() {
    return List.copyOf(trainer);
  }

  synchronized List<Metrics> scorer() {
    return List.copyOf(scorer);
  }
}

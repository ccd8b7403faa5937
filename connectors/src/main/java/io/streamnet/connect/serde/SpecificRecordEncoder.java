package io.streamnet.connect.serde;

import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Encodes generated records in the wire format. The schema id comes from registering the record's schema under the
 * strategy's subject ({@code autoRegister}) or from looking it up there; either way it is cached, so steady-state
 * encoding makes no registry call. Thread-safe.
 */
public final class SpecificRecordEncoder {

  private record TopicSchema(String topic, Schema schema) {}

  private final SchemaRegistryClient registry;
  private final SubjectNameStrategy strategy;
  private final boolean isKey;
  private final boolean autoRegister;
  private final Map<TopicSchema, Integer> ids = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
  /** Each thread's output buffer, kept between records so that a large one (a model snapshot) is not regrown. */
  private final ThreadLocal<RetainedBuffer> buffers = ThreadLocal.withInitial(RetainedBuffer::new);

  public SpecificRecordEncoder(SchemaRegistryClient registry, SubjectNameStrategy strategy, boolean isKey,
                               boolean autoRegister) {
    this.registry = registry;
    this.strategy = strategy;
    this.isKey = isKey;
    this.autoRegister = autoRegister;
  }

  /** The wire-format bytes of {@code record} for {@code topic}; null for a null record (a tombstone). */
  public byte[] encode(String topic, SpecificRecord record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    int id = schemaId(topic, schema);
    RetainedBuffer out = buffers.get();
    out.reset();
    byte[] header = new byte[WireFormat.HEADER_SIZE];
    WireFormat.writeHeader(id, header, 0);
    out.writeBytes(header);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, encoders.get());
      encoders.set(encoder);
      writer(schema, record.getClass()).write(record, encoder);
      encoder.flush();
    } catch (Exception e) {
      throw new SerializationException("cannot encode a " + schema.getName() + " for topic '" + topic + "': "
          + e.getMessage(), e);
    }
    byte[] bytes = out.toByteArray();
    if (out.capacity() > RetainedBuffer.MAX_RETAINED) {
      buffers.remove();
    }
    return bytes;
  }

  /** A byte array stream whose array outlives a record: encoding a 16 MB snapshot costs one copy, not five. */
  private static final class RetainedBuffer extends ByteArrayOutputStream {
    /** Above this a thread does not keep its buffer (a rare huge record should not pin its memory). */
    static final int MAX_RETAINED = 256 << 20;

    RetainedBuffer() {
      super(256);
    }

    int capacity() {
      return buf.length;
    }
  }

  /** The registry id of {@code schema} under this encoder's subject for {@code topic}, registering it if allowed. */
  public int schemaId(String topic, Schema schema) {
    TopicSchema key = new TopicSchema(topic, schema);
    Integer id = ids.get(key);
    if (id != null) {
      return id;
    }
    String subject = strategy.subject(topic, isKey, schema);
    try {
      id = autoRegister ? registry.register(subject, schema) : registry.lookup(subject, schema).id();
    } catch (SchemaRegistryException e) {
      throw new SerializationException("cannot " + (autoRegister ? "register" : "look up") + " the " + schema.getName()
          + " schema under subject '" + subject + "' at " + registry.endpoint() + ": " + e.getMessage(), e);
    }
    ids.put(key, id);
    return id;
  }

  private DatumWriter<Object> writer(Schema schema, Class<?> type) {
    return writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForClass(type)));
  }
}

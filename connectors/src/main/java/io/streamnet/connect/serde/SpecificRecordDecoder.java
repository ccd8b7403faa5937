package io.streamnet.connect.serde;

import io.streamnet.connect.registry.InvalidSchemaException;
import io.streamnet.connect.registry.SchemaNotFoundException;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.registry.SchemaRegistryException;
import io.streamnet.schema.DeadLetterReason;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes wire-format bytes into a generated record class. The writer schema comes from the registry by the id in
 * the header; the reader schema is the class's own; Avro schema resolution bridges the two (e.g. a v1 writer without
 * a field that the current reader defaults). Every failure is a {@link DecodeException} with its reason code:
 * NULL_VALUE, NO_MAGIC_BYTE, TRUNCATED_HEADER, UNKNOWN_SCHEMA_ID, REGISTRY_UNAVAILABLE, UNRESOLVABLE_SCHEMA or
 * CORRUPT_AVRO. Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class SpecificRecordDecoder<T extends SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(SpecificRecordDecoder.class);

  /** How to read data written with one writer schema id: a reader, or why there is none. */
  private record Resolution<T>(SpecificDatumReader<T> reader, boolean zeroSizeItems, String unresolvable) {}

  private final SchemaRegistryClient registry;
  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private final Map<Integer, Resolution<T>> resolutions = new ConcurrentHashMap<>();

  public SpecificRecordDecoder(SchemaRegistryClient registry, Class<T> type) {
    this.registry = registry;
    this.type = type;
    this.model = SpecificData.getForClass(type);
    this.readerSchema = model.getSchema(type);
  }

  public Class<T> type() {
    return type;
  }

  public Schema readerSchema() {
    return readerSchema;
  }

  /** The record in {@code framed}; a {@link DecodeException} with the reason code when there is none. */
  public T decode(byte[] framed) {
    int id = WireFormat.schemaId(framed);
    Resolution<T> resolution = resolution(id);
    if (resolution.unresolvable() != null) {
      throw new DecodeException(DeadLetterReason.UNRESOLVABLE_SCHEMA, id, resolution.unresolvable());
    }
    BoundedBinaryDecoder in = new BoundedBinaryDecoder(framed, WireFormat.HEADER_SIZE,
        framed.length - WireFormat.HEADER_SIZE, resolution.zeroSizeItems());
    T record;
    try {
      record = resolution.reader().read(null, in);
    } catch (Exception e) {
      // EOF, malformed varints, out-of-range union or enum indexes, bad lengths: all mean the bytes are not
      // what the writer schema says.
      throw new DecodeException(DeadLetterReason.CORRUPT_AVRO, id, "the " + (framed.length - WireFormat.HEADER_SIZE)
          + " Avro bytes do not decode with writer schema id " + id + ": " + e, e);
    }
    if (in.remaining() != 0) {
      throw new DecodeException(DeadLetterReason.CORRUPT_AVRO, id, in.remaining()
          + " byte(s) left over after decoding a " + readerSchema.getName() + " with writer schema id " + id);
    }
    return record;
  }

  private Resolution<T> resolution(int id) {
    Resolution<T> known = resolutions.get(id);
    if (known != null) {
      return known;
    }
    Resolution<T> fresh = resolve(id, writerSchema(id));
    Resolution<T> raced = resolutions.putIfAbsent(id, fresh);
    return raced != null ? raced : fresh;
  }

  private Schema writerSchema(int id) {
    if (id < 0) {
      throw new DecodeException(DeadLetterReason.UNKNOWN_SCHEMA_ID, id, "schema id " + id + " is negative");
    }
    try {
      return registry.getById(id);
    } catch (SchemaNotFoundException e) {
      throw new DecodeException(DeadLetterReason.UNKNOWN_SCHEMA_ID, id, e.getMessage(), e);
    } catch (InvalidSchemaException e) {
      throw new DecodeException(DeadLetterReason.UNRESOLVABLE_SCHEMA, id, e.getMessage(), e);
    } catch (SchemaRegistryException e) {
      if (e.httpStatus() == 404) {
        throw new DecodeException(DeadLetterReason.UNKNOWN_SCHEMA_ID, id, e.getMessage(), e);
      }
      throw new DecodeException(DeadLetterReason.REGISTRY_UNAVAILABLE, id, "cannot fetch writer schema id " + id
          + ": " + e.getMessage(), e);
    }
  }

  private Resolution<T> resolve(int id, Schema writer) {
    var check = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
    if (check.getType() != SchemaCompatibilityType.COMPATIBLE) {
      StringBuilder why = new StringBuilder();
      for (var i : check.getResult().getIncompatibilities()) {
        why.append(why.length() == 0 ? "" : "; ").append(i.getType()).append(" at ").append(i.getLocation())
            .append(": ").append(i.getMessage());
      }
      String message = "writer schema id " + id + " (" + writer.getFullName() + ") cannot be read as "
          + readerSchema.getFullName() + ": " + why;
      LOG.warn("records with {} will be rejected: {}", "schema id " + id, message);
      return new Resolution<>(null, false, message);
    }
    LOG.info("reading {} written with schema id {}{}", readerSchema.getName(), id,
        writer.equals(readerSchema) ? "" : " (resolved against the current schema)");
    return new Resolution<>(new SpecificDatumReader<>(writer, readerSchema, model),
        BoundedBinaryDecoder.hasZeroSizeItems(writer), null);
  }
}

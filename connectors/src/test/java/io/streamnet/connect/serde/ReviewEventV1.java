package io.streamnet.connect.serde;

import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.schema.Contracts;
import io.streamnet.schema.ReviewEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/** A producer still on the first released ReviewEvent contract (no rating field), as a test writes with it. */
public final class ReviewEventV1 {

    public static final String TEXT = "A film written against the v1 contract.";

    private ReviewEventV1() {
    }

    /** The released v1 schema, straight from the schemas module. */
    public static Schema schema() {
        return Contracts.forType(ReviewEvent.class).orElseThrow().released().get(0);
    }

    /** A labeled v1 review with {@code id}, {@link #TEXT}, label 1 and event time {@link ContractSamples#T0}. */
    public static GenericRecord record(String id) {
        GenericRecord r = new GenericData.Record(schema());
        r.put("id", id);
        r.put("text", TEXT);
        r.put("label", 1);
        r.put("eventTime", ContractSamples.T0.toEpochMilli());
        return r;
    }

    /** Registers v1 under {@code topic}'s value subject and returns the wire-format bytes of {@link #record}. */
    public static byte[] encode(SchemaRegistryClient registry, String topic, String id) {
        int schemaId = registry.register(topic + "-value", schema());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] header = new byte[WireFormat.HEADER_SIZE];
            WireFormat.writeHeader(schemaId, header, 0);
            out.write(header);
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema()).write(record(id), encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

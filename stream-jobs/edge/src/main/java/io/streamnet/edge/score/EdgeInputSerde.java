package io.streamnet.edge.score;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A request or labeled event on the repartition topic of a keyed task: one byte for the kind, then the record's
 * wire bytes unchanged (the scorer decodes them with the registry as any consumer would). Dead letters never go
 * there.
 */
public final class EdgeInputSerde implements Serde<EdgeInput> {
  private static final byte REQUEST = 1;
  private static final byte LABELED = 2;

  @Override
  public Serializer<EdgeInput> serializer() {
    return (topic, in) -> {
      if (in == null) {
        return null;
      }
      if (in.isDead()) {
        throw new IllegalArgumentException("a dead letter is never repartitioned");
      }
      byte[] out = new byte[in.wire().length + 1];
      out[0] = in.kind() == EdgeInput.Kind.REQUEST ? REQUEST : LABELED;
      System.arraycopy(in.wire(), 0, out, 1, in.wire().length);
      return out;
    };
  }

  @Override
  public Deserializer<EdgeInput> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < 1 || (bytes[0] != REQUEST && bytes[0] != LABELED)) {
        throw new IllegalArgumentException("not a StreamNet edge input on " + topic + ": kind byte "
            + (bytes.length == 0 ? "missing" : bytes[0]));
      }
      byte[] wire = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, wire, 0, wire.length);
      return bytes[0] == REQUEST ? EdgeInput.request(wire, null) : EdgeInput.labeled(wire, null);
    };
  }
}

package io.streamnet.nn.online;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One labeled text, featurized: hashed n-gram ids and a 0/1 label, with the event's id and arrival time. What the
 * sentiment task's featurizer hands its trainer; {@link #CODEC} writes it into the trainer's state.
 */
public final class TextExample implements StreamExample {
  /** The checkpoint form: id, label, arrival time, then the ids (big-endian, in bulk). */
  public static final ExampleCodec<TextExample> CODEC = new ExampleCodec<>() {
    private static final long serialVersionUID = 1L;

    @Override
    public void write(TextExample e, DataOutput out) throws IOException {
      out.writeUTF(e.id);
      out.writeFloat(e.label);
      out.writeLong(e.ingestedAtMillis);
      out.writeInt(e.ids.length);
      out.write(Packing.ints(e.ids));
    }

    @Override
    public TextExample read(DataInput in) throws IOException {
      String id = in.readUTF();
      float label = in.readFloat();
      long ingested = in.readLong();
      return new TextExample(id, Packing.readInts(in, in.readInt()), label, ingested);
    }
  };

  /** The event's id (ReviewEvent.id): the unit of exactly-once accounting. */
  public String id;
  /** Hashed feature ids of the text (the network's sparse input). */
  public int[] ids;
  /** The target, 0 or 1. */
  public float label;
  /** When the event reached Kafka (record timestamp, epoch ms): the start of freshness. */
  public long ingestedAtMillis;

  public TextExample() {}

  public TextExample(String id, int[] ids, float label, long ingestedAtMillis) {
    this.id = id;
    this.ids = ids;
    this.label = label;
    this.ingestedAtMillis = ingestedAtMillis;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long ingestedAtMillis() {
    return ingestedAtMillis;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextExample e && Objects.equals(id, e.id) && Arrays.equals(ids, e.ids)
        && Float.compare(label, e.label) == 0 && ingestedAtMillis == e.ingestedAtMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(ids), label, ingestedAtMillis);
  }

  @Override
  public String toString() {
    return "TextExample{id=" + id + ", ids=" + (ids == null ? 0 : ids.length) + ", label=" + label + "}";
  }
}

package io.streamnet.jobs.train;

import io.streamnet.jobs.flink.SerializerTypeInfo;
import io.streamnet.nn.online.TextExample;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of {@link TextExample} between the featurizer and the trainer: four fields written in a fixed
 * order, where the generic POJO serializer pays for reflection, null flags and a subclass tag on every record (at
 * SST-2's 200,000 events/s that was a tenth of the trainer thread). Only the network uses it: the trainer keeps its
 * waiting examples in its own state format ({@link TrainerState}).
 */
public final class TrainingExampleSerializer extends TypeSerializerSingleton<TextExample> {
  private static final long serialVersionUID = 1L;

  public static final TrainingExampleSerializer INSTANCE = new TrainingExampleSerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<TextExample> TYPE =
      new SerializerTypeInfo<>(TextExample.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TextExample createInstance() {
    return new TextExample();
  }

  @Override
  public TextExample copy(TextExample from) {
    return new TextExample(from.id, from.ids == null ? null : from.ids.clone(), from.label, from.ingestedAtMillis);
  }

  @Override
  public TextExample copy(TextExample from, TextExample reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TextExample e, DataOutputView out) throws IOException {
    StringValue.writeString(e.id, out); // null-safe
    out.writeFloat(e.label);
    out.writeLong(e.ingestedAtMillis);
    int[] ids = e.ids;
    if (ids == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(ids.length);
    for (int id : ids) {
      out.writeInt(id);
    }
  }

  @Override
  public TextExample deserialize(DataInputView in) throws IOException {
    String id = StringValue.readString(in);
    float label = in.readFloat();
    long ingestedAt = in.readLong();
    int n = in.readInt();
    int[] ids = null;
    if (n >= 0) {
      ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = in.readInt();
      }
    }
    return new TextExample(id, ids, label, ingestedAt);
  }

  @Override
  public TextExample deserialize(TextExample reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<TextExample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TextExample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}

package io.streamnet.jobs.flink;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.nn.snapshot.ModelVersion;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of {@link ModelPart}, on the trainer-to-scorer broadcast and in the scorer's broadcast state.
 * A part is immutable, so {@link #copy} returns it as it is: the scorer's state holds some 30 MB of parts, and a
 * copying serializer would duplicate them on the scoring thread at every checkpoint (Flink deep-copies broadcast
 * state synchronously before writing it asynchronously).
 */
public final class ModelPartSerializer extends TypeSerializerSingleton<ModelPart> {
  private static final long serialVersionUID = 1L;

  public static final ModelPartSerializer INSTANCE = new ModelPartSerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<ModelPart> TYPE = new SerializerTypeInfo<>(ModelPart.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public ModelPart createInstance() {
    return null;
  }

  @Override
  public ModelPart copy(ModelPart from) {
    return from;
  }

  @Override
  public ModelPart copy(ModelPart from, ModelPart reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ModelPart p, DataOutputView out) throws IOException {
    StringValue.writeString(p.modelId(), out);
    out.writeLong(p.version().epoch());
    out.writeLong(p.version().version());
    out.writeBoolean(p.base() != null);
    if (p.base() != null) {
      out.writeLong(p.base().epoch());
      out.writeLong(p.base().version());
    }
    out.writeInt(p.index());
    out.writeInt(p.count());
    StringValue.writeString(p.networkSpec(), out); // null-safe
    out.writeInt(p.payload().length);
    out.write(p.payload());
    out.writeInt(p.learned().length);
    for (double d : p.learned()) {
      out.writeDouble(d);
    }
  }

  @Override
  public ModelPart deserialize(DataInputView in) throws IOException {
    String modelId = StringValue.readString(in);
    ModelVersion version = new ModelVersion(in.readLong(), in.readLong());
    ModelVersion base = in.readBoolean() ? new ModelVersion(in.readLong(), in.readLong()) : null;
    int index = in.readInt();
    int count = in.readInt();
    String spec = StringValue.readString(in);
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    double[] learned = new double[in.readInt()];
    for (int i = 0; i < learned.length; i++) {
      learned[i] = in.readDouble();
    }
    return new ModelPart(modelId, version, base, index, count, spec, payload, learned);
  }

  @Override
  public ModelPart deserialize(ModelPart reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  @Override
  public TypeSerializerSnapshot<ModelPart> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ModelPart> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}

package io.streamnet.jobs.feedback;

import io.streamnet.jobs.flink.ImmutableSerializer;
import io.streamnet.jobs.flink.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink's serializer of {@link FeedbackExample}, from the {@link FeedbackJoiner} to whatever learns from it: seven
 * fields in a fixed order, without the generic POJO serializer's reflection and null flags. A checkpoint holds it
 * wherever examples wait in state downstream, so its layout is pinned by golden files. Examples are immutable, so a
 * copy is the same object.
 */
public final class FeedbackExampleSerializer extends ImmutableSerializer<FeedbackExample> {
  private static final long serialVersionUID = 1L;

  public static final FeedbackExampleSerializer INSTANCE = new FeedbackExampleSerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<FeedbackExample> TYPE =
      new SerializerTypeInfo<>(FeedbackExample.class, INSTANCE);

  @Override
  public void serialize(FeedbackExample e, DataOutputView out) throws IOException {
    StringValue.writeString(e.requestId(), out);
    out.writeLong(e.userId());
    out.writeLong(e.itemId());
    out.writeInt(e.rank());
    out.writeBoolean(e.clicked());
    out.writeLong(e.eventTimeMillis());
    out.writeLong(e.decidedAtMillis());
  }

  @Override
  public FeedbackExample deserialize(DataInputView in) throws IOException {
    return new FeedbackExample(StringValue.readString(in), in.readLong(), in.readLong(), in.readInt(),
        in.readBoolean(), in.readLong(), in.readLong());
  }

  @Override
  public TypeSerializerSnapshot<FeedbackExample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<FeedbackExample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}

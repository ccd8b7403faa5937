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
 * Flink's serializer of {@link Impression}, from the scorer to the {@link FeedbackJoiner} and in the joiner's keyed
 * state, hence in checkpoints: its layout is pinned by golden files. Impressions are immutable, so a copy is the same
 * object.
 */
public final class ImpressionSerializer extends ImmutableSerializer<Impression> {
  private static final long serialVersionUID = 1L;

  public static final ImpressionSerializer INSTANCE = new ImpressionSerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<Impression> TYPE = new SerializerTypeInfo<>(Impression.class, INSTANCE);

  @Override
  public void serialize(Impression i, DataOutputView out) throws IOException {
    StringValue.writeString(i.requestId(), out);
    out.writeLong(i.userId());
    out.writeLong(i.eventTimeMillis());
    out.writeInt(i.size());
    for (int rank = 0; rank < i.size(); rank++) {
      out.writeLong(i.item(rank));
    }
  }

  @Override
  public Impression deserialize(DataInputView in) throws IOException {
    String requestId = StringValue.readString(in);
    long userId = in.readLong();
    long eventTime = in.readLong();
    long[] items = new long[in.readInt()];
    for (int rank = 0; rank < items.length; rank++) {
      items[rank] = in.readLong();
    }
    return new Impression(requestId, userId, items, eventTime);
  }

  @Override
  public TypeSerializerSnapshot<Impression> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Impression> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}

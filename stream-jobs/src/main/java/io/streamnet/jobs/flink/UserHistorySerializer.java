package io.streamnet.jobs.flink;

import io.streamnet.nn.reco.UserHistory;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer of a {@link UserHistory} in the recommendation scorer's keyed state: its own versioned,
 * checksummed encoding ({@link UserHistory#encode()}), length-prefixed. A history is mutable (the scorer records
 * each interaction into it), so a copy is a decoded copy.
 */
public final class UserHistorySerializer extends TypeSerializerSingleton<UserHistory> {
  private static final long serialVersionUID = 1L;

  public static final UserHistorySerializer INSTANCE = new UserHistorySerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<UserHistory> TYPE = new SerializerTypeInfo<>(UserHistory.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public UserHistory createInstance() {
    return null;
  }

  @Override
  public UserHistory copy(UserHistory from) {
    return UserHistory.decode(from.encode());
  }

  @Override
  public UserHistory copy(UserHistory from, UserHistory reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(UserHistory history, DataOutputView out) throws IOException {
    byte[] bytes = history.encode();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Override
  public UserHistory deserialize(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return UserHistory.decode(bytes);
  }

  @Override
  public UserHistory deserialize(UserHistory reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    int n = in.readInt();
    out.writeInt(n);
    out.write(in, n);
  }

  @Override
  public TypeSerializerSnapshot<UserHistory> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<UserHistory> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}

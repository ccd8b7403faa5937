package io.streamnet.jobs.flink;

import io.streamnet.jobs.task.reco.RecoExample;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer of {@link RecoExample}, from the recommendation featurizer to the trainer (and in unaligned
 * checkpoints, in flight), in the example's own layout ({@link RecoExample#CODEC}), pinned by golden files. Examples
 * are immutable, so a copy is the same object.
 */
public final class RecoExampleSerializer extends ImmutableSerializer<RecoExample> {
  private static final long serialVersionUID = 1L;

  public static final RecoExampleSerializer INSTANCE = new RecoExampleSerializer();

  /** The type information that makes Flink use this serializer. */
  public static final TypeInformation<RecoExample> TYPE = new SerializerTypeInfo<>(RecoExample.class, INSTANCE);

  @Override
  public void serialize(RecoExample e, DataOutputView out) throws IOException {
    RecoExample.CODEC.write(e, out);
  }

  @Override
  public RecoExample deserialize(DataInputView in) throws IOException {
    return RecoExample.CODEC.read(in);
  }

  @Override
  public TypeSerializerSnapshot<RecoExample> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Restores this serializer (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RecoExample> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}

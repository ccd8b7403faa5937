package io.streamnet.jobs.flink;

import io.streamnet.jobs.model.ModelPart;
import io.streamnet.nn.snapshot.ModelVersion;
import java.util.List;

/**
 * Golden files of {@link ModelPartSerializer}, which writes the scorer's broadcast state (the served model's parts)
 * into checkpoints: {@code golden/model-part-serializer-v1-snapshot.bin} (its serializer snapshot: the snapshot's
 * class name, its version 3, no content) and {@code golden/model-part-serializer-v1-records.bin} ({@link #RECORDS} in
 * today's layout). Written once by {@code writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, never
 * overwriting). Never regenerate them: checkpoints hold these bytes. A new layout needs a new snapshot version and new
 * golden files beside these, which must keep being read.
 */
class ModelPartSerializerGoldenTest extends SerializerGoldenTest<ModelPart> {

  static final List<ModelPart> RECORDS = List.of(
      new ModelPart("sentiment", new ModelVersion(2, 10), null, 0, 2, "{\"name\":\"golden\"}", new byte[] {1, 2, 3},
          null),
      new ModelPart("sentiment", new ModelVersion(2, 10), null, 1, 2, null, new byte[] {-1, 0, 127, -128},
          new double[] {12, 1.7e12, Double.NaN}),
      new ModelPart("ünï", new ModelVersion(3, 0), new ModelVersion(2, 10), 0, 1, null, new byte[0], new double[0]));

  ModelPartSerializerGoldenTest() {
    super("model-part-serializer-v1", ModelPartSerializer.INSTANCE, RECORDS,
        "io.streamnet.jobs.flink.ModelPartSerializer$Snapshot v3");
  }
}

package io.streamnet.jobs.train;

import io.streamnet.jobs.flink.SerializerGoldenTest;
import io.streamnet.nn.online.TextExample;
import java.util.List;

/**
 * Golden files of {@link TrainingExampleSerializer}: {@code golden/training-example-serializer-v1-snapshot.bin} (its
 * serializer snapshot: the snapshot's class name, its version 3, no content) and
 * {@code golden/training-example-serializer-v1-records.bin} ({@link #RECORDS} in today's layout). Today the serializer
 * only carries records between tasks (the trainer keeps pending examples in its own format), so no checkpoint holds
 * it yet; these files pin it for the day one does. Written once by {@code writeGoldenFiles}
 * ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate them; a new layout needs a new snapshot
 * version and new golden files beside these.
 */
class TrainingExampleSerializerGoldenTest extends SerializerGoldenTest<TextExample> {

  static final List<TextExample> RECORDS = List.of(
      new TextExample("imdb-1", new int[] {3, 262_143, 0, 7}, 1f, 1_700_000_000_123L),
      new TextExample("ünïcödé-ĳ", new int[0], 0f, 0L),
      new TextExample(null, null, 1f, -1L));

  TrainingExampleSerializerGoldenTest() {
    super("training-example-serializer-v1", TrainingExampleSerializer.INSTANCE, RECORDS,
        "io.streamnet.jobs.train.TrainingExampleSerializer$Snapshot v3");
  }
}

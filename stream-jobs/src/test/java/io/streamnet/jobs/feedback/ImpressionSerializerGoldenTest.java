package io.streamnet.jobs.feedback;

import io.streamnet.jobs.flink.SerializerGoldenTest;
import java.util.List;

/**
 * Golden files of {@link ImpressionSerializer}, which writes the {@link FeedbackJoiner}'s open impressions into
 * checkpoints: {@code golden/impression-serializer-v1-snapshot.bin} (its serializer snapshot: the snapshot's class
 * name, its version 3, no content) and {@code golden/impression-serializer-v1-records.bin} ({@link #RECORDS} in today's
 * layout). Written once by {@code writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, never overwriting). Never
 * regenerate them: checkpoints hold these bytes. A new layout needs a new snapshot version and new golden files beside
 * these, which must keep being read.
 */
class ImpressionSerializerGoldenTest extends SerializerGoldenTest<Impression> {

  static final List<Impression> RECORDS = List.of(
      new Impression("req-1", 42, new long[] {3, 1, 2}, 1_700_000_000_123L),
      new Impression("ünï-ĳ", 0, new long[0], 0),
      new Impression("r", Long.MAX_VALUE, new long[] {Long.MIN_VALUE, -1, Long.MAX_VALUE}, -5));

  ImpressionSerializerGoldenTest() {
    super("impression-serializer-v1", ImpressionSerializer.INSTANCE, RECORDS,
        "io.streamnet.jobs.feedback.ImpressionSerializer$Snapshot v3");
  }
}

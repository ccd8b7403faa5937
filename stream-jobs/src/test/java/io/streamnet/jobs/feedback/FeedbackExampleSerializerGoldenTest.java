package io.streamnet.jobs.feedback;

import io.streamnet.jobs.flink.SerializerGoldenTest;
import java.util.List;

/**
 * Golden files of {@link FeedbackExampleSerializer}: {@code golden/feedback-example-serializer-v1-snapshot.bin} (its
 * serializer snapshot: the snapshot's class name, its version 3, no content) and
 * {@code golden/feedback-example-serializer-v1-records.bin} ({@link #RECORDS} in today's layout). Today examples only
 * travel between tasks; these files pin the layout for the first operator that keeps them in state. Written once by
 * {@code writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, never overwriting). Never regenerate them; a new
 * layout needs a new snapshot version and new golden files beside these.
 */
class FeedbackExampleSerializerGoldenTest extends SerializerGoldenTest<FeedbackExample> {

  static final List<FeedbackExample> RECORDS = List.of(
      new FeedbackExample("req-1", 42, 3, 0, true, 1_700_000_000_123L, 1_700_000_060_000L),
      new FeedbackExample("ünï-ĳ", 0, Long.MAX_VALUE, 99, false, -1, 0),
      new FeedbackExample("", Long.MIN_VALUE, -7, Integer.MAX_VALUE, true, Long.MAX_VALUE, Long.MIN_VALUE));

  FeedbackExampleSerializerGoldenTest() {
    super("feedback-example-serializer-v1", FeedbackExampleSerializer.INSTANCE, RECORDS,
        "io.streamnet.jobs.feedback.FeedbackExampleSerializer$Snapshot v3");
  }
}

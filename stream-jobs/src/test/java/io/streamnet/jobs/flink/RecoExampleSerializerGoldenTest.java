package io.streamnet.jobs.flink;

import io.streamnet.jobs.task.reco.RecoExample;
import io.streamnet.nn.reco.InteractionEvent;
import java.util.List;

/**
 * Golden files of {@link RecoExampleSerializer}, which carries recommendation examples from the featurizer to the
 * trainer (and into unaligned checkpoints, in flight): {@code golden/reco-example-serializer-v1-snapshot.bin} (its
 * serializer snapshot) and {@code golden/reco-example-serializer-v1-records.bin} ({@link #RECORDS} in today's layout).
 * Written once by {@code writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, never overwriting). Never
 * regenerate them; a new layout needs a new snapshot version and new golden files beside these.
 */
class RecoExampleSerializerGoldenTest extends SerializerGoldenTest<RecoExample> {

  static final List<RecoExample> RECORDS = List.of(
      new RecoExample("12:345:828124615000", 1_700_000_000_123L, InteractionEvent.rated(12, 345, 4.5f, 828124615000L)),
      new RecoExample("req-7#99", 0, InteractionEvent.clicked(7, 99, false, -1)),
      new RecoExample("ünï", -1, new InteractionEvent(Long.MAX_VALUE, 0, 0.5f, true, Long.MIN_VALUE)));

  RecoExampleSerializerGoldenTest() {
    super("reco-example-serializer-v1", RecoExampleSerializer.INSTANCE, RECORDS,
        "io.streamnet.jobs.flink.RecoExampleSerializer$Snapshot v3");
  }
}

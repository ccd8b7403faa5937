package io.streamnet.jobs.flink;

import io.streamnet.nn.reco.HistorySpec;
import io.streamnet.nn.reco.UserHistory;
import java.util.List;

/**
 * Golden files of {@link UserHistorySerializer}, which writes the recommendation scorer's keyed state (each user's
 * recent items and the items they interacted with) into checkpoints: {@code golden/user-history-serializer-v1-*.bin}
 * (its serializer snapshot, and {@link #RECORDS} in today's layout: nn-core's history encoding "SNUH" v1,
 * length-prefixed). Written once by {@code writeGoldenFiles} ({@code -Dstreamnet.golden.write=true}, never
 * overwriting). Never regenerate them; a new layout needs a new snapshot version and new golden files beside these.
 */
class UserHistorySerializerGoldenTest extends SerializerGoldenTest<UserHistory> {

  static final List<UserHistory> RECORDS = List.of(history(0), history(3), history(12));

  /** A history of {@code n} interactions (every third one not positive) with a short ring, so that it wrapped. */
  static UserHistory history(int n) {
    UserHistory h = new UserHistory(new HistorySpec(5, false, 8));
    for (int i = 0; i < n; i++) {
      h.record(1000 + 7L * i, i % 3 != 0);
    }
    return h;
  }

  UserHistorySerializerGoldenTest() {
    super("user-history-serializer-v1", UserHistorySerializer.INSTANCE, RECORDS,
        "io.streamnet.jobs.flink.UserHistorySerializer$Snapshot v3");
  }
}

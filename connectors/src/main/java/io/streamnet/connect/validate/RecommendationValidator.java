package io.streamnet.connect.validate;

import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ScoredItem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** requestId and modelId not blank; items distinct, scores in [0, 1] and best first; non-negative version and latency. */
public final class RecommendationValidator implements Validator<Recommendation> {

  @Override
  public List<String> violations(Recommendation r) {
    Violations v = new Violations()
        .notBlank("requestId", r.getRequestId())
        .notBlank("modelId", r.getModelId())
        .nonNegative("modelEpoch", r.getModelEpoch())
        .nonNegative("modelVersion", r.getModelVersion())
        .nonNegative("latencyMicros", r.getLatencyMicros());
    Set<Long> seen = new HashSet<>();
    double previous = Double.POSITIVE_INFINITY;
    List<ScoredItem> items = r.getItems();
    for (int i = 0; i < items.size(); i++) {
      ScoredItem item = items.get(i);
      v.inUnitInterval("items[" + i + "].score", item.getScore());
      v.check(seen.add(item.getItemId()), "items[" + i + "].itemId " + item.getItemId() + " appears twice");
      v.check(!(item.getScore() > previous), "items must be best first, but items[" + i + "].score " + item.getScore()
          + " > items[" + (i - 1) + "].score " + previous);
      previous = item.getScore();
    }
    return v.list();
  }
}

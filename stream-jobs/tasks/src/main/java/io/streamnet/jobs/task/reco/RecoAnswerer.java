package io.streamnet.jobs.task.reco;

import io.streamnet.jobs.task.Answerer;
import io.streamnet.jobs.task.ServingModel;
import io.streamnet.jobs.task.ServingStamp;
import io.streamnet.nn.reco.Recommender;
import io.streamnet.nn.reco.UserHistory;
import io.streamnet.schema.RecoRequest;
import io.streamnet.schema.Recommendation;
import io.streamnet.schema.ScoredItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's top K: the whole catalogue ranked by one matrix-vector product ({@link Recommender#topK}), or only the
 * request's candidates; the items the user has interacted with are excluded. Scores are probabilities (the logistic
 * of the model's score), as the contract says. A user the model knows nothing of gets the popularity ranking, and
 * the answer says so.
 */
final class RecoAnswerer implements Answerer<RecoRequest, UserHistory, Recommendation> {
  /** The most items one answer holds, whatever k a request asks for. */
  static final int MAX_K = 1000;

  private final long[] items = new long[MAX_K];
  private final float[] scores = new float[MAX_K];
  private long[] candidates = new long[16];
  private float[] candidateScores = new float[16];

  @Override
  public Recommendation answer(RecoRequest request, UserHistory history, ServingModel served, ServingStamp stamp) {
    Recommender model = ((RecoServingModel) served).model();
    long user = request.getUserId();
    int k = Math.min(request.getK(), MAX_K);
    int n = request.getCandidateItemIds() == null ? model.topK(history, user, k, items, scores)
        : rankCandidates(model, history, user, request.getCandidateItemIds(), k);
    boolean fallback = model.isPopularityFallback(history, user);
    stamp.markScored();
    List<ScoredItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new ScoredItem(items[i], 1 / (1 + Math.exp(-scores[i]))));
    }
    return Recommendation.newBuilder()
        .setRequestId(request.getRequestId())
        .setUserId(user)
        .setItems(out)
        .setModelId(stamp.modelId())
        .setModelEpoch(stamp.version().epoch())
        .setModelVersion(stamp.version().version())
        .setScoredAt(Instant.ofEpochMilli(stamp.scoredAtMillis()))
        .setLatencyMicros(stamp.latencyMicros())
        .setPopularityFallback(fallback)
        .build();
  }

  /** The best {@code k} of the candidates into {@link #items}/{@link #scores}; excluded ones are left out. */
  private int rankCandidates(Recommender model, UserHistory history, long user, List<Long> ids, int k) {
    int m = ids.size();
    if (candidates.length < m) {
      candidates = new long[Math.max(m, 2 * candidates.length)];
      candidateScores = new float[candidates.length];
    }
    for (int i = 0; i < m; i++) {
      candidates[i] = ids.get(i);
    }
    model.scoreCandidates(history, user, candidates, m, candidateScores);
    int found = 0;
    for (int i = 0; i < m; i++) {
      float s = candidateScores[i];
      if (s == Float.NEGATIVE_INFINITY) {
        continue;
      }
      if (found == k && !(s > scores[k - 1] || (s == scores[k - 1] && candidates[i] < items[k - 1]))) {
        continue;
      }
      int at = found < k ? found++ : k - 1;
      while (at > 0 && (s > scores[at - 1] || (s == scores[at - 1] && candidates[i] < items[at - 1]))) {
        scores[at] = scores[at - 1];
        items[at] = items[at - 1];
        at--;
      }
      scores[at] = s;
      items[at] = candidates[i];
    }
    return found;
  }
}

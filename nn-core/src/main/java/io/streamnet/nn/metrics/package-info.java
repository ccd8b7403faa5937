/**
 * Prequential (test-then-train) metrics, each updated one prediction at a time: {@link Accuracy},
 * {@link LogLoss}, AUC ({@link CumulativeAuc} in bounded memory with a stated error bound, {@link WindowedAuc}
 * exact over a sliding window, {@link ExactAuc} by sorting), {@link Rmse}, {@link Mae}, and the ranking metrics
 * {@link HitRate} and {@link Ndcg} over ranks from {@link Ranking}.
 */
package io.streamnet.nn.metrics;

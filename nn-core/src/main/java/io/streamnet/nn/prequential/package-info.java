/**
 * The prequential runner: streams a dataset, in its canonical order, test-then-train in minibatches. Sentiment
 * datasets go through a network ({@link io.streamnet.nn.prequential.RunnerSpec}: features + batch size + network
 * spec; accuracy/AUC/log-loss). MovieLens goes through the recommender by default
 * ({@link io.streamnet.nn.prequential.RecoRunnerSpec}, {@link io.streamnet.nn.prequential.RecoPrequentialRunner}:
 * HR@10, NDCG@10, RMSE, and the POP / IKNN baselines of the same pass), or through the rating-only runner with a
 * {@code features: user_item} spec (RMSE/MAE). Defaults are class-path resources; the driver is
 * {@link io.streamnet.nn.prequential.PrequentialRunner} and the command line
 * {@code io.streamnet.nn.cli.PrequentialCommand}.
 */
package io.streamnet.nn.prequential;

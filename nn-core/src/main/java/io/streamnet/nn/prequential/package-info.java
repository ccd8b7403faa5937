/**
 * The prequential runner: streams a dataset, in its canonical order, through a network test-then-train in
 * minibatches and reports accuracy/AUC/log-loss (sentiment) or RMSE/MAE (ratings). A run is described by a
 * {@link io.streamnet.nn.prequential.RunnerSpec} (features + batch size + network spec; defaults are class-path
 * resources) and driven by {@link io.streamnet.nn.prequential.PrequentialRunner}; the command line is
 * {@code io.streamnet.nn.cli.PrequentialCommand}.
 */
package io.streamnet.nn.prequential;

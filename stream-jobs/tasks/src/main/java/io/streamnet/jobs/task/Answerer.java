package io.streamnet.jobs.task;

/**
 * Answers one request with a served model. Calls {@link ServingStamp#markScored()} once the score is computed, so that
 * the answer carries its own scoring latency.
 *
 * @param <C> the per-key context the scorer keeps ({@link KeyedTask}), or Void
 */
@FunctionalInterface
public interface Answerer<R, C, O> {
  O answer(R request, C context, ServingModel model, ServingStamp stamp);
}

package io.streamnet.jobs.task;

/** Turns a valid labeled event into a training example. */
@FunctionalInterface
public interface Featurizer<L, E> {
  /** @param ingestedAtMillis when the event reached the stream (its Kafka record timestamp) */
  E example(L labeled, long ingestedAtMillis);
}

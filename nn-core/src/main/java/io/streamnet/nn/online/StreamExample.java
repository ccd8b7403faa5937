package io.streamnet.nn.online;

/** An example in a stream: the id that exactly-once accounting counts, and when the event arrived (for freshness). */
public interface StreamExample {
  String id();

  /** When the event reached the stream (e.g. its Kafka record timestamp), epoch milliseconds. */
  long ingestedAtMillis();
}

package io.streamnet.edge.score;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * A record the edge scorer writes and the topic it goes to: an answer to its task's answers topic, or a dead letter
 * to the dead-letter topic. One sink writes them all ({@link EdgeOutputSerializer} by topic).
 */
public record EdgeOutput(String topic, SpecificRecord value) {
  public EdgeOutput {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
  }
}

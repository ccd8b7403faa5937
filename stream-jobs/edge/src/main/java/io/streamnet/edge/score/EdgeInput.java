package io.streamnet.edge.score;

import io.streamnet.schema.DeadLetter;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One decoded input of a task's scorer: a request, or (for a keyed task) a labeled event that updates its key's
 * context, or a record that did not decode (a dead letter). The record's wire bytes travel with it: a keyed task's
 * inputs are repartitioned by key through a topic as those bytes ({@link EdgeInputSerde}) and decoded again there.
 *
 * @param kind    what it is
 * @param wire    the record's value as it arrived (Confluent wire format); null for a dead letter
 * @param decoded the decoded record; null after a repartition (decode {@link #wire} again) and for a dead letter
 * @param dead    the dead letter, only for {@link Kind#DEAD}
 */
public record EdgeInput(Kind kind, byte[] wire, SpecificRecord decoded, DeadLetter dead) {

  /** What an input is. */
  public enum Kind {
    REQUEST, LABELED, DEAD
  }

  public EdgeInput {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.DEAD) != (dead != null) || (kind != Kind.DEAD && wire == null)) {
      throw new IllegalArgumentException("a " + kind + " input needs " + (kind == Kind.DEAD ? "a dead letter"
          : "its wire bytes and no dead letter"));
    }
  }

  public static EdgeInput request(byte[] wire, SpecificRecord decoded) {
    return new EdgeInput(Kind.REQUEST, wire, decoded, null);
  }

  public static EdgeInput labeled(byte[] wire, SpecificRecord decoded) {
    return new EdgeInput(Kind.LABELED, wire, decoded, null);
  }

  public static EdgeInput dead(DeadLetter dead) {
    return new EdgeInput(Kind.DEAD, null, null, dead);
  }

  public boolean isDead() {
    return kind == Kind.DEAD;
  }
}

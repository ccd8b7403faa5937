package io.streamnet.connect.validate;

import io.streamnet.schema.DeadLetter;
import java.util.Objects;

/**
 * What decoding one Kafka record gave: a valid record, or a {@link DeadLetter} saying why not (with the original
 * bytes). Decoding never throws for bad input; it returns {@link Rejected}.
 *
 * @param <T> the record type
 */
public sealed interface DecodeOutcome<T> permits DecodeOutcome.Valid, DecodeOutcome.Rejected {

  static <T> DecodeOutcome<T> valid(T record) {
    return new Valid<>(record);
  }

  static <T> DecodeOutcome<T> rejected(DeadLetter letter) {
    return new Rejected<>(letter);
  }

  boolean isValid();

  /** The record; {@link IllegalStateException} when rejected. */
  T record();

  /** The dead letter; {@link IllegalStateException} when valid. */
  DeadLetter deadLetter();

  /** A record that decoded and passed validation. */
  record Valid<T>(T record) implements DecodeOutcome<T> {
    public Valid {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public DeadLetter deadLetter() {
      throw new IllegalStateException("a valid outcome has no dead letter");
    }
  }

  /** A record that did not decode or failed validation. */
  record Rejected<T>(DeadLetter deadLetter) implements DecodeOutcome<T> {
    public Rejected {
      Objects.requireNonNull(deadLetter, "deadLetter");
    }

    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public T record() {
      throw new IllegalStateException("rejected (" + deadLetter.getReason() + "): " + deadLetter.getMessage());
    }
  }
}

package io.streamnet.connect.validate;

import java.io.Serializable;
import java.util.List;

/**
 * Checks the values of a decoded record against its contract's rules (what Avro types cannot say: a blank text, a
 * label outside {0, 1}, a NaN rating). Serializable so that Flink functions can carry it.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface Validator<T> extends Serializable {

  /** What is wrong with {@code record}, each entry naming the field and the bad value; empty when valid. */
  List<String> violations(T record);

  /** Accepts everything. */
  static <T> Validator<T> none() {
    return record -> List.of();
  }
}

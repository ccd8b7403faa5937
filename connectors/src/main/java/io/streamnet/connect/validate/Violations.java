package io.streamnet.connect.validate;

import java.util.ArrayList;
import java.util.List;

/** Collects rule violations of one record with messages that name the field and the offending value. */
final class Violations {

  private final List<String> found = new ArrayList<>(0);

  Violations notBlank(String field, CharSequence value) {
    if (value == null) {
      found.add(field + " must not be null");
    } else if (value.toString().isBlank()) {
      found.add(field + " must not be blank");
    }
    return this;
  }

  Violations nonNegative(String field, long value) {
    if (value < 0) {
      found.add(field + " must not be negative, was " + value);
    }
    return this;
  }

  Violations atLeast(String field, long value, long min) {
    if (value < min) {
      found.add(field + " must be at least " + min + ", was " + value);
    }
    return this;
  }

  Violations finiteIfPresent(String field, Number value) {
    if (value != null && !Double.isFinite(value.doubleValue())) {
      found.add(field + " must be a finite number, was " + value);
    }
    return this;
  }

  Violations inUnitInterval(String field, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      found.add(field + " must be in [0, 1], was " + value);
    }
    return this;
  }

  Violations zeroOrOne(String field, Integer value, boolean nullable) {
    if (value == null) {
      if (!nullable) {
        found.add(field + " must not be null");
      }
    } else if (value != 0 && value != 1) {
      found.add(field + " must be 0, 1" + (nullable ? " or null" : "") + ", was " + value);
    }
    return this;
  }

  Violations check(boolean ok, String message) {
    if (!ok) {
      found.add(message);
    }
    return this;
  }

  List<String> list() {
    return List.copyOf(found);
  }
}

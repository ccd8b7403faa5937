package io.streamnet.connect.validate;

import io.streamnet.schema.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of accepted records and of dead letters per reason code. */
public final class DeadLetterCounters {

  private final LongAdder accepted = new LongAdder();
  private final LongAdder[] rejected = new LongAdder[DeadLetterReason.values().length];

  public DeadLetterCounters() {
    for (int i = 0; i < rejected.length; i++) {
      rejected[i] = new LongAdder();
    }
  }

  public void recordAccepted() {
    accepted.increment();
  }

  public void recordRejected(DeadLetterReason reason) {
    rejected[reason.ordinal()].increment();
  }

  public long accepted() {
    return accepted.sum();
  }

  public long rejected(DeadLetterReason reason) {
    return rejected[reason.ordinal()].sum();
  }

  public long rejectedTotal() {
    long total = 0;
    for (LongAdder a : rejected) {
      total += a.sum();
    }
    return total;
  }

  /** Dead letters per reason, reasons with none left out. */
  public Map<DeadLetterReason, Long> rejectedByReason() {
    Map<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
    for (DeadLetterReason r : DeadLetterReason.values()) {
      long n = rejected(r);
      if (n > 0) {
        out.put(r, n);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "accepted=" + accepted() + ", rejected=" + rejectedByReason();
  }
}

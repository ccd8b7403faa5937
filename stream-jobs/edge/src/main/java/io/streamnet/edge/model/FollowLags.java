package io.streamnet.edge.model;

/**
 * How far behind the trainer the store follows: for the most recent versions served, the milliseconds from the
 * trainer taking the snapshot to this store serving it. Bounded (the newest {@value #CAPACITY}); written by the global
 * store's thread, read by reports.
 */
public final class FollowLags {
  static final int CAPACITY = 1024;

  private final long[] lags = new long[CAPACITY];
  private long recorded;

  synchronized void record(long lagMillis) {
    lags[(int) (recorded++ % CAPACITY)] = lagMillis;
  }

  /** The recorded lags, oldest first. */
  public synchronized long[] recentMillis() {
    int n = (int) Math.min(recorded, CAPACITY);
    long[] out = new long[n];
    long first = recorded - n;
    for (int i = 0; i < n; i++) {
      out[i] = lags[(int) ((first + i) % CAPACITY)];
    }
    return out;
  }
}

package io.streamnet.jobs.bench;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A time per sequence number (when request {@code n} was sent, when its score arrived, ...), growing as needed.
 * The first time recorded for a number wins; later ones are counted as duplicates. Thread-safe: one thread records,
 * another reads.
 */
final class SeqTimes {
  private long[] times = new long[1 << 16];
  private final BitSet present = new BitSet();
  private long size;
  private long duplicates;

  /** Records {@code time} for {@code seq} unless it has one already. */
  synchronized void record(long seq, long time) {
    if (seq < 0 || seq >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("sequence number out of range: " + seq);
    }
    int i = (int) seq;
    if (present.get(i)) {
      duplicates++;
      return;
    }
    if (i >= times.length) {
      times = Arrays.copyOf(times, Math.max(i + 1, (int) Math.min(Integer.MAX_VALUE - 8, times.length * 2L)));
    }
    times[i] = time;
    present.set(i);
    size++;
  }

  synchronized boolean has(long seq) {
    return seq >= 0 && seq < Integer.MAX_VALUE && present.get((int) seq);
  }

  /** The time of {@code seq}; only when {@link #has} it. */
  synchronized long get(long seq) {
    if (!has(seq)) {
      throw new IllegalArgumentException("no time recorded for " + seq);
    }
    return times[(int) seq];
  }

  /** How many numbers in {@code [from, to)} have a time. */
  synchronized long countIn(long from, long to) {
    int lo = (int) Math.max(0, Math.min(from, Integer.MAX_VALUE));
    int hi = (int) Math.max(lo, Math.min(to, Integer.MAX_VALUE));
    return present.get(lo, hi).cardinality();
  }

  synchronized long size() {
    return size;
  }

  synchronized long duplicates() {
    return duplicates;
  }
}

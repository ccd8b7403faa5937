package io.streamnet.nn.online;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-then-train metrics of a binary classifier, fed with each event's score from the model as it was before the
 * event was learned: accuracy and log-loss over the whole stream, and accuracy and AUC over the last {@code window}
 * events. A ring of the last scores and labels is the whole window state, so the evaluator is part of the trainer's
 * checkpoint and a recovered job reports the same metrics as an uninterrupted one.
 */
public final class BinaryEvaluator {
  private static final double EPS = 1e-7;

  private final float[] scores;
  private final byte[] labels;
  private int next;
  private int filled;
  private long count;
  private long correct;
  private double logLossSum;

  public BinaryEvaluator(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1, got " + window);
    }
    scores = new float[window];
    labels = new byte[window];
  }

  /** Counts one event: {@code p} the predicted probability of class 1, {@code label} 0 or 1. */
  public void update(float p, float label) {
    boolean positive = label >= 0.5f;
    count++;
    if ((p > 0.5f) == positive) {
      correct++;
    }
    logLossSum += logLoss(p, label);
    scores[next] = p;
    labels[next] = (byte) (positive ? 1 : 0);
    next = (next + 1) % scores.length;
    filled = Math.min(filled + 1, scores.length);
  }

  /** The log-loss of predicting {@code p} for {@code label} (0 or 1), {@code p} clipped to [1e-7, 1 - 1e-7]. */
  public static double logLoss(float p, float label) {
    double q = Math.min(1 - EPS, Math.max(EPS, p));
    return label >= 0.5f ? -Math.log(q) : -Math.log(1 - q);
  }

  /** accuracy, logloss, window_accuracy and window_auc, in that order. */
  public Map<String, Double> figures() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", accuracy());
    m.put("logloss", logLoss());
    m.put("window_accuracy", windowAccuracy());
    m.put("window_auc", windowAuc());
    return m;
  }

  public long count() {
    return count;
  }

  public double accuracy() {
    return count == 0 ? Double.NaN : (double) correct / count;
  }

  public double logLoss() {
    return count == 0 ? Double.NaN : logLossSum / count;
  }

  public double windowAccuracy() {
    if (filled == 0) {
      return Double.NaN;
    }
    int ok = 0;
    for (int i = 0; i < filled; i++) {
      if ((scores[i] > 0.5f) == (labels[i] == 1)) {
        ok++;
      }
    }
    return (double) ok / filled;
  }

  /** AUC over the window (ties count one half); NaN while the window holds only one class. */
  public double windowAuc() {
    int n = filled;
    // Sort (score, label) pairs by score: pack into longs so one primitive sort does it.
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      int bits = Float.floatToIntBits(scores[i]);
      int key = bits ^ ((bits >> 31) & 0x7fffffff); // order-preserving for negatives too
      packed[i] = ((long) key << 1) | labels[i];
    }
    Arrays.sort(packed);
    long positives = 0;
    double rankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      long key = packed[i] >> 1;
      while (j < n && (packed[j] >> 1) == key) {
        j++;
      }
      double midRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
      for (int k = i; k < j; k++) {
        if ((packed[k] & 1) == 1) {
          positives++;
          rankSum += midRank;
        }
      }
      i = j;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Its state, for checkpoints: the counts and the window's scores and labels. */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(scores.length);
    out.writeInt(next);
    out.writeInt(filled);
    out.writeLong(count);
    out.writeLong(correct);
    out.writeDouble(logLossSum);
    out.write(Packing.floats(scores, filled));
    out.write(labels, 0, filled);
  }

  public static BinaryEvaluator read(DataInputStream in) throws IOException {
    BinaryEvaluator e = new BinaryEvaluator(in.readInt());
    e.next = in.readInt();
    e.filled = in.readInt();
    e.count = in.readLong();
    e.correct = in.readLong();
    e.logLossSum = in.readDouble();
    System.arraycopy(Packing.readFloats(in, e.filled), 0, e.scores, 0, e.filled);
    in.readFully(e.labels, 0, e.filled);
    return e;
  }
}

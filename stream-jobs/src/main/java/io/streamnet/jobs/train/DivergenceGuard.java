package io.streamnet.jobs.train;

import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * Decides which batches may change the model. The network itself refuses a batch whose loss or gradient is not
 * finite; this guard adds a ceiling: once {@code warmupBatches} batches were accepted, a batch whose loss is above
 * {@code lossFactor} times the running average (an exponential moving average of accepted losses), and above
 * {@code minCeiling}, is refused too.
 * After {@code rollbackAfter} refusals in a row the trainer should roll back to its last good snapshot: the model
 * itself has probably gone bad. The guard's numbers are part of the checkpoint, so a recovery decides alike.
 */
public final class DivergenceGuard {

  /** The guard's settings. */
  public record Settings(double lossFactor, double minCeiling, int warmupBatches, double averageDecay,
                         int rollbackAfter) implements Serializable {
    public Settings {
      if (!(lossFactor > 1)) throw new IllegalArgumentException("lossFactor must be > 1, got " + lossFactor);
      if (!(minCeiling >= 0)) throw new IllegalArgumentException("minCeiling must be >= 0, got " + minCeiling);
      if (warmupBatches < 0) throw new IllegalArgumentException("warmupBatches must be >= 0, got " + warmupBatches);
      if (!(averageDecay > 0 && averageDecay < 1)) {
        throw new IllegalArgumentException("averageDecay must be in (0, 1), got " + averageDecay);
      }
      if (rollbackAfter < 1) throw new IllegalArgumentException("rollbackAfter must be >= 1, got " + rollbackAfter);
    }

    public static Settings defaults() {
      return new Settings(20.0, 1.0, 50, 0.99, 3);
    }
  }

  /** What the trainer should do after a batch. */
  public enum Verdict { APPLIED, REFUSED, ROLL_BACK }

  private final Settings settings;
  private double averageLoss = Double.NaN;
  private long acceptedBatches;
  private int refusedInARow;
  private long refusedNonFinite;
  private long refusedAboveCeiling;
  private long rollbacks;

  public DivergenceGuard(Settings settings) {
    this.settings = settings;
  }

  /** The highest loss a batch may have to be applied now. */
  public double ceiling() {
    return acceptedBatches < settings.warmupBatches() || Double.isNaN(averageLoss)
        ? Double.POSITIVE_INFINITY : Math.max(settings.minCeiling(), settings.lossFactor() * averageLoss);
  }

  /** Records the outcome of one {@code trainBatch(batch, ceiling())}. */
  public Verdict record(TrainResult result) {
    if (result.trained()) {
      acceptedBatches++;
      refusedInARow = 0;
      double d = settings.averageDecay();
      // Bias-corrected start: the first accepted loss is the average, then the EMA takes over.
      averageLoss = Double.isNaN(averageLoss) ? result.loss() : d * averageLoss + (1 - d) * result.loss();
      return Verdict.APPLIED;
    }
    if (result.status() == TrainStatus.REJECTED_LOSS_ABOVE_LIMIT) {
      refusedAboveCeiling++;
    } else {
      refusedNonFinite++;
    }
    refusedInARow++;
    if (refusedInARow >= settings.rollbackAfter()) {
      refusedInARow = 0;
      rollbacks++;
      return Verdict.ROLL_BACK;
    }
    return Verdict.REFUSED;
  }

  public double averageLoss() {
    return averageLoss;
  }

  public long refusedNonFinite() {
    return refusedNonFinite;
  }

  public long refusedAboveCeiling() {
    return refusedAboveCeiling;
  }

  public long rollbacks() {
    return rollbacks;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeDouble(averageLoss);
    out.writeLong(acceptedBatches);
    out.writeInt(refusedInARow);
    out.writeLong(refusedNonFinite);
    out.writeLong(refusedAboveCeiling);
    out.writeLong(rollbacks);
  }

  void read(DataInputStream in) throws IOException {
    averageLoss = in.readDouble();
    acceptedBatches = in.readLong();
    refusedInARow = in.readInt();
    refusedNonFinite = in.readLong();
    refusedAboveCeiling = in.readLong();
    rollbacks = in.readLong();
  }
}

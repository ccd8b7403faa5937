package io.streamnet.nn.online;

import io.streamnet.nn.network.TrainResult;
import io.streamnet.nn.network.TrainStatus;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * Decides which batches may change the model. The network itself refuses a batch whose loss or gradient is not
 * finite; this guard adds a ceiling relative to the running loss: once {@code warmupBatches} batches were accepted, a
 * batch whose loss is above both {@code lossFactor} times the running average and the average plus
 * {@code lossDeviations} running standard deviations (exponential moving estimates over accepted losses), and above
 * {@code minCeiling}, is refused too. The deviation term is what lets a well-fitted model meet a hard batch: its
 * average loss falls near zero while single batches still spread widely (docs/BENCHMARKS.md, divergence guard).
 * After {@code rollbackAfter} refusals in a row the trainer should roll back to its last good snapshot: the model
 * itself has probably gone bad. The guard's numbers are part of the checkpoint, so a recovery decides alike.
 */
public final class DivergenceGuard {

  /** The guard's settings. */
  public record Settings(double lossFactor, double minCeiling, int warmupBatches, double averageDecay,
                         int rollbackAfter, double lossDeviations) implements Serializable {
    public Settings {
      if (!(lossFactor > 1)) throw new IllegalArgumentException("lossFactor must be > 1, got " + lossFactor);
      if (!(minCeiling >= 0)) throw new IllegalArgumentException("minCeiling must be >= 0, got " + minCeiling);
      if (warmupBatches < 0) throw new IllegalArgumentException("warmupBatches must be >= 0, got " + warmupBatches);
      if (!(averageDecay > 0 && averageDecay < 1)) {
        throw new IllegalArgumentException("averageDecay must be in (0, 1), got " + averageDecay);
      }
      if (rollbackAfter < 1) throw new IllegalArgumentException("rollbackAfter must be >= 1, got " + rollbackAfter);
      if (!(lossDeviations >= 0)) {
        throw new IllegalArgumentException("lossDeviations must be >= 0, got " + lossDeviations);
      }
    }

    public static Settings defaults() {
      return new Settings(20.0, 0.0, 50, 0.99, 3, 24.0);
    }
  }

  /** What the trainer should do after a batch. */
  public enum Verdict { APPLIED, REFUSED, ROLL_BACK }

  private final Settings settings;
  private double averageLoss = Double.NaN;
  private double lossVariance = Double.NaN;
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
    if (acceptedBatches < settings.warmupBatches() || Double.isNaN(averageLoss)) {
      return Double.POSITIVE_INFINITY;
    }
    double spread = Double.isNaN(lossVariance) ? 0 : averageLoss + settings.lossDeviations() * Math.sqrt(lossVariance);
    return Math.max(settings.minCeiling(), Math.max(settings.lossFactor() * averageLoss, spread));
  }

  /** Records the outcome of one {@code trainBatch(batch, ceiling())}. */
  public Verdict record(TrainResult result) {
    if (result.trained()) {
      acceptedBatches++;
      refusedInARow = 0;
      if (Double.isNaN(result.loss())) {
        return Verdict.APPLIED; // nothing was judged by the loss (e.g. a batch without a ranking example)
      }
      double d = settings.averageDecay();
      // The first accepted loss is the average, then exponential moving estimates of mean and variance take over.
      if (Double.isNaN(averageLoss)) {
        averageLoss = result.loss();
        lossVariance = 0;
      } else {
        double diff = result.loss() - averageLoss;
        averageLoss += (1 - d) * diff;
        double variance = Double.isNaN(lossVariance) ? 0 : lossVariance; // NaN: restored from the older form
        lossVariance = d * (variance + (1 - d) * diff * diff);
      }
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

  /** The running standard deviation of accepted losses (NaN before the first). */
  public double lossDeviation() {
    return Math.sqrt(lossVariance);
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

  /** Its numbers, for checkpoints. */
  public void write(DataOutputStream out) throws IOException {
    out.writeDouble(averageLoss);
    out.writeDouble(lossVariance);
    out.writeLong(acceptedBatches);
    out.writeInt(refusedInARow);
    out.writeLong(refusedNonFinite);
    out.writeLong(refusedAboveCeiling);
    out.writeLong(rollbacks);
  }

  /**
   * Reads what {@link #write} wrote; {@code withVariance} false reads the form of releases before the deviation term
   * (whose variance then starts afresh from the next accepted loss: the ceiling is the factor's until then).
   */
  public void read(DataInputStream in, boolean withVariance) throws IOException {
    averageLoss = in.readDouble();
    lossVariance = withVariance ? in.readDouble() : Double.NaN;
    acceptedBatches = in.readLong();
    refusedInARow = in.readInt();
    refusedNonFinite = in.readLong();
    refusedAboveCeiling = in.readLong();
    rollbacks = in.readLong();
  }
}

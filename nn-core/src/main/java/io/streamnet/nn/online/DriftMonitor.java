package io.streamnet.nn.online;

import io.streamnet.nn.drift.Adwin;
import io.streamnet.nn.network.TrainResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * Watches a learner's prequential loss for concept drift: ADWIN ({@link Adwin}) over the loss of each example of the
 * applied batches (or each batch's loss, for a learner that cannot tell its examples apart), which the model scored
 * before it learned from them. Per example, because a model can adapt within a few batches (a global label flip is a
 * sign change for the output layer): a short burst of high losses is significant among examples but not among a few
 * batch means. ADWIN checks for a change every {@link Adwin#DEFAULT_CLOCK} values.
 *
 * <p>ADWIN reports any change of the mean, and while a model learns its loss falls, which ADWIN reports as well: only
 * a rise is a drift here (the window ADWIN keeps after the cut has a higher mean than the whole window had), falls
 * are counted apart. After a change ADWIN cuts its window again and again while it still holds values from before
 * the change: a cut whose window reaches back before the last reported change of the same direction continues that
 * change and is not counted again, and no rise counts before the settings' warm-up. Refused batches are not fed:
 * the divergence guard judged them not to be the stream's. Its state is part of the trainer's checkpoint, so a
 * recovered trainer finds the same drifts at the same batches as an uninterrupted one.
 */
public final class DriftMonitor {

  /**
   * @param delta          ADWIN's confidence: the bound on its false-alarm probability over the window, in (0, 1)
   * @param warmupExamples losses seen before a rise counts as drift (examples; batches for a learner that reports
   *                       only batch losses): a fresh model's loss moves either way before it has learned anything
   */
  public record Settings(double delta, long warmupExamples) implements Serializable {
    public Settings {
      if (!(delta > 0 && delta < 1)) {
        throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
      }
      if (warmupExamples < 0) {
        throw new IllegalArgumentException("warmupExamples must be >= 0, got " + warmupExamples);
      }
    }

    /**
     * delta 1e-4, not ADWIN's usual 0.002: per-example log-losses are heavy-tailed, and at 0.002 clean replays of
     * IMDB and SST-2 raised false drifts (docs/BENCHMARKS.md, "Drift detection"); a label flip is found as soon.
     */
    public static Settings defaults() {
      return new Settings(1e-4, 1_000);
    }
  }

  private final Settings settings;
  private Adwin adwin;
  private long drifts;
  private long falls;
  /** ADWIN's value count at the last reported rise and fall; -1: none yet. */
  private long lastRiseAt = -1;
  private long lastFallAt = -1;
  /** The last step's example losses (reused: no allocation per batch). */
  private double[] losses = new double[0];

  public DriftMonitor(Settings settings) {
    this.settings = settings;
    this.adwin = newDetector(settings);
  }

  private static Adwin newDetector(Settings settings) {
    return new Adwin(settings.delta(), Adwin.DEFAULT_MAX_BUCKETS, Adwin.DEFAULT_CLOCK);
  }

  /** Adds an applied step's losses, each example's when the learner tells them; true when they show a drift. */
  public boolean record(OnlineLearner<?> learner, TrainResult step) {
    if (losses.length < step.examples()) {
      losses = new double[step.examples()];
    }
    int n = learner.lastExampleLosses(losses);
    if (n == 0) {
      return record(step.loss());
    }
    boolean found = false;
    for (int i = 0; i < n; i++) {
      found |= record(losses[i]);
    }
    return found;
  }

  /** Adds one loss; true when it shows a drift (the loss rose). A non-finite loss is ignored. */
  public boolean record(double loss) {
    if (!Double.isFinite(loss)) {
      return false;
    }
    double before = adwin.estimate();
    long widthBefore = adwin.width() + 1; // with this value
    if (!adwin.update(loss)) {
      return false;
    }
    long now = adwin.count();
    boolean rise = adwin.estimate() > before;
    long last = rise ? lastRiseAt : lastFallAt;
    if (last >= 0 && widthBefore > now - last) {
      return false; // the cut dropped values from before the last change: the same change, still being trimmed
    }
    if (rise) {
      lastRiseAt = now;
      if (now <= settings.warmupExamples()) {
        return false; // no concept yet to drift from
      }
      drifts++;
      return true;
    }
    falls++;
    lastFallAt = now;
    return false;
  }

  /** Drifts found: rises of the loss. */
  public long drifts() {
    return drifts;
  }

  /** Falls of the loss ADWIN found (a model learning), not reported as drift. */
  public long falls() {
    return falls;
  }

  /** Every cut ADWIN made, either direction, continuations included: how often the detector itself fired. */
  public long cuts() {
    return adwin.detections();
  }

  /** The mean loss over ADWIN's current window (NaN before the first batch). */
  public double windowLoss() {
    return adwin.estimate();
  }

  /** Its state, for checkpoints: the detector, the two counts, and where the last rise and fall were reported. */
  public void write(DataOutputStream out) throws IOException {
    adwin.write(out);
    out.writeLong(drifts);
    out.writeLong(falls);
    out.writeLong(lastRiseAt);
    out.writeLong(lastFallAt);
  }

  /**
   * Reads what {@link #write} wrote, under {@code settings}: when they name another delta than the checkpoint's
   * detector had, the detector starts afresh with it (the counts are kept).
   */
  public static DriftMonitor read(DataInputStream in, Settings settings) throws IOException {
    DriftMonitor m = new DriftMonitor(settings);
    Adwin restored = Adwin.read(in);
    if (restored.delta() == settings.delta()) {
      m.adwin = restored;
    }
    m.drifts = in.readLong();
    m.falls = in.readLong();
    m.lastRiseAt = in.readLong();
    m.lastFallAt = in.readLong();
    if (m.adwin != restored) {
      m.lastRiseAt = -1; // positions of the old detector's count
      m.lastFallAt = -1;
    }
    return m;
  }
}

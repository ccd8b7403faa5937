package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code trainer} section.
 *
 * @param batchSize   events per training step
 * @param maxWaitMs   0: batches are formed by count only, so a recovery is bit-identical to an uninterrupted run;
 *                    above 0: a partial batch is trained after waiting this long for it to fill (fresher, still
 *                    exactly once, but no longer deterministic)
 * @param divergence  the divergence guard
 * @param drift       drift detection on the prequential loss
 * @param prequential the prequential (score, then train) evaluation
 */
public record Trainer(int batchSize, long maxWaitMs, Divergence divergence, Drift drift, Prequential prequential)
    implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final int MAX_BATCH_SIZE = 1 << 16;

  /**
   * {@code trainer.divergence}: a batch whose loss is above both {@code lossFactor} times the running average of
   * accepted batch losses and that average plus {@code lossDeviations} running standard deviations (and above
   * {@code minCeiling}) is not applied, once {@code warmupBatches} batches were accepted; after {@code rollbackAfter}
   * refusals in a row the trainer rolls back to its last good snapshot.
   *
   * @param averageDecay decay of the exponential moving estimates of the accepted losses' mean and variance
   */
  public record Divergence(double lossFactor, double minCeiling, int warmupBatches, double averageDecay,
                           int rollbackAfter, double lossDeviations) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Divergence read(ConfigNode n) {
      double factor = n.number("loss_factor", 20.0);
      if (!(factor > 1)) {
        throw n.fail("loss_factor", "must be > 1 (a batch at the running average must pass), got " + factor);
      }
      double minCeiling = n.number("min_ceiling", 0.0);
      if (!(minCeiling >= 0)) {
        throw n.fail("min_ceiling", "must be >= 0, got " + minCeiling);
      }
      int warmup = n.integer("warmup_batches", 50, 0, Integer.MAX_VALUE);
      double decay = n.number("average_decay", 0.99);
      if (!(decay > 0 && decay < 1)) {
        throw n.fail("average_decay", "must be between 0 and 1 (both excluded), got " + decay);
      }
      int rollback = n.integer("rollback_after", 3, 1, Integer.MAX_VALUE);
      double deviations = n.number("loss_deviations", 24.0);
      if (!(deviations >= 0)) {
        throw n.fail("loss_deviations", "must be >= 0, got " + deviations);
      }
      n.finish();
      return new Divergence(factor, minCeiling, warmup, decay, rollback, deviations);
    }

    ObjectNode tree() {
      ObjectNode o = ConfigNode.object();
      o.put("loss_factor", lossFactor);
      o.put("min_ceiling", minCeiling);
      o.put("warmup_batches", warmupBatches);
      o.put("average_decay", averageDecay);
      o.put("rollback_after", rollbackAfter);
      o.put("loss_deviations", lossDeviations);
      return o;
    }
  }

  /**
   * {@code trainer.drift}: ADWIN over the loss of each applied batch; a rise of the loss is a drift.
   *
   * @param delta          ADWIN's confidence (its bound on false alarms over the window), in (0, 1)
   * @param warmupExamples examples seen before a rise of the loss counts as drift
   */
  public record Drift(double delta, long warmupExamples) implements Serializable {
    private static final long serialVersionUID = 1L;

    static Drift read(ConfigNode n) {
      double delta = n.number("delta", 1e-4);
      if (!(delta > 0 && delta < 1)) {
        throw n.fail("delta", "must be between 0 and 1 (both excluded), got " + delta);
      }
      long warmup = n.longValue("warmup_examples", 1_000, 0, Long.MAX_VALUE);
      n.finish();
      return new Drift(delta, warmup);
    }

    ObjectNode tree() {
      ObjectNode o = ConfigNode.object();
      o.put("delta", delta);
      o.put("warmup_examples", warmupExamples);
      return o;
    }
  }

  /**
   * {@code trainer.prequential}.
   *
   * @param aucWindow events in the windowed AUC and accuracy (each kept in state, hence the upper bound)
   */
  public record Prequential(int aucWindow) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_AUC_WINDOW = 10_000_000;

    static Prequential read(ConfigNode n) {
      Prequential p = new Prequential(n.integer("auc_window", 10_000, 100, MAX_AUC_WINDOW));
      n.finish();
      return p;
    }

    ObjectNode tree() {
      ObjectNode o = ConfigNode.object();
      o.put("auc_window", aucWindow);
      return o;
    }
  }

  /** @param defaultBatchSize the batch size when the file sets none (a model spec file's {@code batch_size}) */
  static Trainer read(ConfigNode n, int defaultBatchSize) {
    int batch = n.integer("batch_size", defaultBatchSize, 1, MAX_BATCH_SIZE);
    long maxWait = n.longValue("max_wait_ms", 0, 0, Long.MAX_VALUE);
    Divergence divergence = Divergence.read(n.section("divergence"));
    Drift drift = Drift.read(n.section("drift"));
    Prequential prequential = Prequential.read(n.section("prequential"));
    n.finish();
    return new Trainer(batch, maxWait, divergence, drift, prequential);
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("batch_size", batchSize);
    o.put("max_wait_ms", maxWaitMs);
    o.set("divergence", divergence.tree());
    o.set("drift", drift.tree());
    o.set("prequential", prequential.tree());
    return o;
  }
}

package io.streamnet.jobs.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, before a resumed job starts, what happens to the Kafka transactions of the checkpoint it resumes from.
 * The sinks commit them again; those the previous run had committed already are fenced, which Flink's committer
 * reports as possible data loss although nothing is lost (the launcher's log configuration leaves those lines out).
 * Records are lost only when the broker aborted a transaction that was still open, after the transactions' timeout:
 * a checkpoint older than that gets a warning.
 */
final class RecoveredTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveredTransactions.class);
  /** The sinks' transaction timeout unless the Kafka properties set one (KafkaPipelineIo). */
  static final long DEFAULT_TIMEOUT_MS = 900_000;

  private RecoveredTransactions() {}

  static void explain(String checkpoint, Properties kafka, Instant now) {
    long timeoutMs = Long.parseLong(kafka.getProperty("transaction.timeout.ms", Long.toString(DEFAULT_TIMEOUT_MS)));
    Duration age = age(checkpoint, now);
    if (age != null && age.toMillis() > timeoutMs) {
      LOG.warn("resuming from {}, written {} s ago: longer than the Kafka transactions' timeout ({} s), so the broker"
          + " may have aborted those the checkpoint had not committed yet, and their records are lost", checkpoint,
          age.toSeconds(), timeoutMs / 1000);
    } else {
      LOG.info("resuming from {}: its Kafka transactions are committed again and those the previous run had"
          + " committed are fenced, as expected (the committer's 'producer is already fenced' is left out of this"
          + " log): every record is written once", checkpoint);
    }
  }

  /** How long ago the checkpoint was written; null when it cannot be read here (not a local file). */
  static Duration age(String checkpoint, Instant now) {
    try {
      Path p = checkpoint.startsWith("file:") ? Path.of(java.net.URI.create(checkpoint)) : Path.of(checkpoint);
      Path metadata = Files.isDirectory(p) ? p.resolve("_metadata") : p;
      return Duration.between(Files.getLastModifiedTime(metadata).toInstant(), now);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}

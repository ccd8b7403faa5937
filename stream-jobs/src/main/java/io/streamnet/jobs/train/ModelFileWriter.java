package io.streamnet.jobs.train;

import io.streamnet.jobs.model.SnapshotFiles;
import io.streamnet.nn.snapshot.ModelVersion;
import java.io.IOException;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint-aligned model files: the model state taken at a checkpoint is written as a file once that checkpoint
 * completes, by one background thread in checkpoint order (writing and syncing tens of MB must not stall training).
 * Failures are counted, and only the first is logged.
 */
final class ModelFileWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelFileWriter.class);

  /** The model state taken at a checkpoint. */
  record CheckpointedModel(ModelVersion version, byte[] state) {}

  private final SnapshotFiles files;
  private final String directory;
  private final ExecutorService writer;
  private final NavigableMap<Long, CheckpointedModel> awaitingCommit = new TreeMap<>();
  private final AtomicLong failures = new AtomicLong();

  /** @param directory where files go, or null for none (then only the last committed state is kept) */
  ModelFileWriter(String directory, int retain) {
    this.directory = directory;
    this.files = directory == null ? null : new SnapshotFiles(directory, retain);
    this.writer = directory == null ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "streamnet-model-file-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Remembers the model state of a checkpoint being taken. */
  void taken(long checkpointId, ModelVersion version, byte[] state) {
    awaitingCommit.put(checkpointId, new CheckpointedModel(version, state));
  }

  /**
   * The checkpoint completed: its model state (null if this writer did not see it taken) is now the last good one,
   * and its file is written in the background.
   */
  CheckpointedModel completed(long checkpointId) {
    CheckpointedModel model = awaitingCommit.get(checkpointId);
    awaitingCommit.headMap(checkpointId, true).clear();
    if (model != null && writer != null) {
      writer.execute(() -> write(model, checkpointId));
    }
    return model;
  }

  private void write(CheckpointedModel model, long checkpointId) {
    try {
      files.write(model.version(), checkpointId, model.state());
    } catch (IOException | RuntimeException e) {
      if (failures.getAndIncrement() == 0) {
        LOG.warn("could not write the model file of checkpoint {} to {}: {} (failures are counted in the"
            + " modelFileWriteFailures metric; only the first is logged)", checkpointId, directory, e.toString());
      }
    }
  }

  long failures() {
    return failures.get();
  }

  /** Waits up to a minute for the files still being written. */
  @Override
  public void close() throws InterruptedException {
    if (writer != null) {
      writer.shutdown();
      if (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("model file writer did not finish within a minute; the last model file may be missing");
      }
    }
  }
}

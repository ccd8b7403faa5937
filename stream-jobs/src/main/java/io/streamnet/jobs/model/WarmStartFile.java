package io.streamnet.jobs.model;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The model file a warm start names, of either kind: a job's model file ({@link SnapshotFiles}, header "SNNF") or a
 * bare model state as {@code streamnet prequential --save-model} writes it (nn-core's ModelStateCodec, "SNNM": its
 * own checksum is verified when it is decoded). Any Flink file system URI.
 */
public final class WarmStartFile {
  private static final byte[] MODEL_STATE_MAGIC = {'S', 'N', 'N', 'M'};

  private WarmStartFile() {}

  /**
   * @return the model; a bare model state has no version ({@code null}) and checkpoint id -1
   * @throws FileNotFoundException naming the file
   * @throws CorruptModelFileException if a job's model file is not complete and intact
   */
  public static StoredModel read(String fileUri) throws IOException {
    Path path = new Path(fileUri);
    FileSystem fs = path.getFileSystem();
    byte[] start = new byte[MODEL_STATE_MAGIC.length];
    int read;
    try (FSDataInputStream in = fs.open(path)) {
      read = in.readNBytes(start, 0, start.length);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("model file not found: " + path);
    }
    if (read < start.length || !Arrays.equals(start, MODEL_STATE_MAGIC)) {
      return SnapshotFiles.read(path);
    }
    try (InputStream in = fs.open(path)) {
      return new StoredModel(null, -1, path, in.readAllBytes());
    }
  }
}

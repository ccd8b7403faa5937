package io.streamnet.jobs.model;

import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.state.Sha256;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of model files, one per completed checkpoint: {@code model-e<epoch>-v<version>-c<checkpointId>.snn},
 * holding a {@link ModelFileHeader} (with the SHA-256 of the content) and the full trainer state (nn-core's
 * ModelStateCodec bytes). Any Flink file system URI works ({@code file://}, {@code s3://}, {@code hdfs://}, ...).
 *
 * <p>Writes are atomic: the file is written under a hidden temporary name, synced, then renamed, so a reader never
 * sees a partial file (on object stores the rename is a copy of a complete object). After each write only the newest
 * {@code retain} files (by version, then checkpoint id) are kept. One writer per directory.
 */
public final class SnapshotFiles {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);
  private static final Pattern NAME = Pattern.compile("model-e(\\d{1,18})-v(\\d{1,18})-c(\\d{1,18})\\.snn");
  private static final String IN_PROGRESS = ".inprogress";
  /** A temporary file this old was left by a writer that died; younger ones may still be being written. */
  private static final long STALE_TEMP_MILLIS = 60 * 60 * 1000L;

  private final Path directory;
  private final int retain;
  private boolean announced;

  /**
   * @param directoryUri a Flink file system URI of the directory (created on the first write)
   * @param retain       how many of the newest files to keep, &gt;= 1
   */
  public SnapshotFiles(String directoryUri, int retain) {
    if (directoryUri == null || directoryUri.isBlank()) {
      throw new IllegalArgumentException("snapshot directory URI is empty");
    }
    if (retain < 1) {
      throw new IllegalArgumentException("snapshot files to retain must be >= 1, got " + retain);
    }
    try {
      this.directory = new Path(directoryUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("snapshot directory '" + directoryUri + "' is not a valid URI: "
          + e.getMessage(), e);
    }
    this.retain = retain;
  }

  public Path directory() {
    return directory;
  }

  public int retain() {
    return retain;
  }

  /** The file name of a version written for a checkpoint. */
  public static String fileName(ModelVersion version, long checkpointId) {
    return "model-e" + version.epoch() + "-v" + version.version() + "-c" + checkpointId + ".snn";
  }

  /**
   * Writes {@code modelState} as the file of {@code version} at {@code checkpointId}, atomically, then deletes the
   * oldest files beyond the retention.
   *
   * @return the file written
   */
  public Path write(ModelVersion version, long checkpointId, byte[] modelState) throws IOException {
    if (checkpointId < 0) {
      throw new IllegalArgumentException("checkpoint id must be >= 0, got " + checkpointId);
    }
    if (modelState == null) {
      throw new IllegalArgumentException("model state is null");
    }
    FileSystem fs = directory.getFileSystem();
    if (!fs.exists(directory) && !fs.mkdirs(directory)) {
      throw new IOException("cannot create snapshot directory " + directory);
    }
    String name = fileName(version, checkpointId);
    Path target = new Path(directory, name);
    Path temp = new Path(directory, "." + name + "." + UUID.randomUUID() + IN_PROGRESS);
    ModelFileHeader header = new ModelFileHeader(version, checkpointId, modelState.length, Sha256.of(modelState));
    boolean renamed = false;
    try {
      try (FSDataOutputStream raw = fs.create(temp, FileSystem.WriteMode.NO_OVERWRITE)) {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
        header.write(out);
        out.write(modelState);
        out.flush();
        raw.sync();
      }
      if (!fs.rename(temp, target)) {
        throw new IOException("cannot rename " + temp + " to " + target);
      }
      renamed = true;
    } finally {
      if (!renamed) {
        deleteQuietly(fs, temp);
      }
    }
    syncDirectory(fs);
    if (!announced) {
      announced = true;
      LOG.info("model files go to {} (keeping the newest {}); first: {} ({} bytes)", directory, retain, name,
          modelState.length);
    } else {
      LOG.debug("wrote model file {} ({} bytes)", target, modelState.length);
    }
    enforceRetention(fs);
    return target;
  }

  /** The model files in the directory, oldest first; empty if the directory does not exist. */
  public List<ModelFile> list() throws IOException {
    FileSystem fs = directory.getFileSystem();
    List<ModelFile> files = new ArrayList<>();
    for (FileStatus status : statuses(fs)) {
      Matcher m = NAME.matcher(status.getPath().getName());
      if (!status.isDir() && m.matches()) {
        files.add(new ModelFile(new ModelVersion(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
            Long.parseLong(m.group(3)), status.getPath()));
      }
    }
    Collections.sort(files);
    return files;
  }

  /** The newest model file, read and verified; empty if there is none. */
  public Optional<StoredModel> latest() throws IOException {
    List<ModelFile> files = list();
    return files.isEmpty() ? Optional.empty() : Optional.of(read(files.get(files.size() - 1).path()));
  }

  /**
   * Reads a model file and verifies its header and checksum.
   *
   * @throws FileNotFoundException if there is no such file (the message names it)
   * @throws CorruptModelFileException if it is not a complete, intact model file
   */
  public static StoredModel read(String fileUri) throws IOException {
    return read(new Path(fileUri));
  }

  /** {@link #read(String)} for a path. */
  public static StoredModel read(Path path) throws IOException {
    FileSystem fs = path.getFileSystem();
    String file = path.toString();
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new FileNotFoundException("model file not found: " + file);
    }
    if (status.isDir()) {
      throw new IOException("model file " + file + " is a directory");
    }
    long actual = status.getLen() - ModelFileHeader.BYTES;
    try (FSDataInputStream raw = fs.open(path)) {
      DataInputStream in = new DataInputStream(raw);
      ModelFileHeader header = ModelFileHeader.read(in, file);
      if (header.contentLength() != actual) {
        throw new CorruptModelFileException(file, "header announces " + header.contentLength()
            + " content bytes, the file holds " + Math.max(0, actual) + " (truncated or appended to)");
      }
      if (header.contentLength() > Integer.MAX_VALUE - 16) {
        throw new CorruptModelFileException(file, "content of " + header.contentLength() + " bytes is too large");
      }
      byte[] content = new byte[(int) header.contentLength()];
      try {
        in.readFully(content);
      } catch (EOFException e) {
        throw new CorruptModelFileException(file, "ends before its " + content.length + " content bytes");
      }
      byte[] sha = Sha256.of(content);
      if (!MessageDigest.isEqual(sha, header.sha256())) {
        throw new CorruptModelFileException(file, "SHA-256 of the content is " + HexFormat.of().formatHex(sha)
            + ", the header says " + HexFormat.of().formatHex(header.sha256()));
      }
      checkNameAgrees(path, header, file);
      return new StoredModel(header.version(), header.checkpointId(), path, content);
    }
  }

  /** A file that kept its written name must hold what the name says (guards against mixed-up copies). */
  private static void checkNameAgrees(Path path, ModelFileHeader header, String file) throws IOException {
    Matcher m = NAME.matcher(path.getName());
    if (m.matches()) {
      ModelVersion named = new ModelVersion(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
      long namedCheckpoint = Long.parseLong(m.group(3));
      if (!named.equals(header.version()) || namedCheckpoint != header.checkpointId()) {
        throw new CorruptModelFileException(file, "its name says " + named + " at checkpoint " + namedCheckpoint
            + ", its header says " + header.version() + " at checkpoint " + header.checkpointId());
      }
    }
  }

  private void enforceRetention(FileSystem fs) throws IOException {
    List<ModelFile> files = list();
    for (int i = 0; i < files.size() - retain; i++) {
      Path old = files.get(i).path();
      if (fs.delete(old, false)) {
        LOG.debug("deleted model file {} (keeping the newest {})", old, retain);
      } else if (fs.exists(old)) {
        LOG.warn("could not delete old model file {}; it stays and is retried after the next write", old);
      }
    }
    long now = System.currentTimeMillis();
    for (FileStatus status : statuses(fs)) {
      String name = status.getPath().getName();
      if (name.startsWith(".model-") && name.endsWith(IN_PROGRESS)
          && now - status.getModificationTime() > STALE_TEMP_MILLIS) {
        LOG.info("deleting {}: a temporary model file left by a writer that stopped", status.getPath());
        deleteQuietly(fs, status.getPath());
      }
    }
  }

  private FileStatus[] statuses(FileSystem fs) throws IOException {
    if (!fs.exists(directory)) {
      return new FileStatus[0];
    }
    FileStatus[] statuses = fs.listStatus(directory);
    return statuses == null ? new FileStatus[0] : statuses;
  }

  /** Makes the rename durable on local disks; other file systems persist metadata on their own. */
  private void syncDirectory(FileSystem fs) {
    if (fs instanceof LocalFileSystem local) {
      try (FileChannel dir = FileChannel.open(local.pathToFile(directory).toPath(), StandardOpenOption.READ)) {
        dir.force(true);
      } catch (IOException e) {
        LOG.debug("cannot sync directory {} ({}); the rename is done but may not survive a power loss", directory,
            e.toString());
      }
    }
  }

  private static void deleteQuietly(FileSystem fs, Path path) {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", path, e.toString());
    }
  }
}

package io.streamnet.nn.snapshot;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model version {@code (epoch, version)}, ordered lexicographically. The epoch grows when a trainer restarts (so
 * versions published before a failure are never reused); the version grows with every published snapshot. Written
 * as {@code e<epoch>v<version>}, e.g. {@code e3v17}.
 *
 * @param epoch   training epoch, &gt;= 0
 * @param version version within the epoch, &gt;= 0
 */
public record ModelVersion(long epoch, long version) implements Comparable<ModelVersion>, Serializable {

  /** Below every published version: what a consumer holds before it has seen any. */
  public static final ModelVersion ZERO = new ModelVersion(0, 0);

  private static final Pattern TEXT = Pattern.compile("e(\\d{1,18})v(\\d{1,18})");

  public ModelVersion {
    if (epoch < 0 || version < 0) {
      throw new IllegalArgumentException("model version epoch and version must be >= 0, got epoch " + epoch
          + ", version " + version);
    }
  }

  /** The next version in the same epoch. */
  public ModelVersion next() {
    return new ModelVersion(epoch, Math.addExact(version, 1));
  }

  /** True if this version is strictly newer than {@code other}. */
  public boolean isAfter(ModelVersion other) {
    return compareTo(other) > 0;
  }

  /** The newer of two versions ({@code a} on a tie); a null argument counts as older than anything. */
  public static ModelVersion newer(ModelVersion a, ModelVersion b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.compareTo(a) > 0 ? b : a;
  }

  /** Parses {@link #toString()}'s form, {@code e<epoch>v<version>}. */
  public static ModelVersion parse(String text) {
    Matcher m = TEXT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a model version: '" + text + "' (expected e<epoch>v<version>, e.g. e3v17)");
    }
    return new ModelVersion(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  @Override
  public int compareTo(ModelVersion o) {
    int c = Long.compare(epoch, o.epoch);
    return c != 0 ? c : Long.compare(version, o.version);
  }

  @Override
  public String toString() {
    return "e" + epoch + "v" + version;
  }
}

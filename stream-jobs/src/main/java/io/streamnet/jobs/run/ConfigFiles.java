package io.streamnet.jobs.run;

import io.streamnet.nn.cli.OptionValues;
import io.streamnet.nn.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The {@code --config FILE} and {@code --set KEY=VALUE} options shared by {@code demo} and {@code run}. */
public final class ConfigFiles {
  private ConfigFiles() {}

  /** The regular file named by the value of {@code option}. */
  public static Path existingFile(String[] args, int i, String option) throws UsageException {
    Path path = Path.of(OptionValues.value(args, i, option));
    if (!Files.isRegularFile(path)) {
      throw new UsageException(option + " " + path + ": no such file");
    }
    if (!Files.isReadable(path)) {
      throw new UsageException(option + " " + path + ": not readable");
    }
    return path;
  }

  /** Adds the {@code KEY=VALUE} value of {@code option} to {@code overrides}; a repeated key takes the last value. */
  public static void addOverride(Map<String, String> overrides, String[] args, int i, String option) throws UsageException {
    String v = OptionValues.value(args, i, option);
    int eq = v.indexOf('=');
    if (eq <= 0 || v.substring(0, eq).isBlank()) {
      throw new UsageException(option + " needs KEY=VALUE, got '" + v + "'");
    }
    String key = v.substring(0, eq).strip();
    overrides.remove(key); // the last value wins, and takes the last place in the order
    overrides.put(key, v.substring(eq + 1).strip());
  }
}

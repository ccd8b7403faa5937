package io.streamnet.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Loads the released versions of a contract, kept as resources at
 * {@code io/streamnet/schema/released/<Name>/v<N>.avsc} (N = 1, 2, ... without gaps).
 *
 * <p>A released version is never edited or deleted: it is what producers in the field may still write.
 */
public final class ReleasedSchemas {

  /** Resource folder holding one sub-folder per contract. */
  public static final String ROOT = "io/streamnet/schema/released/";

  private ReleasedSchemas() {}

  /** The released versions of {@code name}, oldest first; empty when the contract has never been released. */
  public static List<Schema> load(String name) {
    ClassLoader loader = ReleasedSchemas.class.getClassLoader();
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      String path = resourcePath(name, v);
      try (InputStream in = loader.getResourceAsStream(path)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (SchemaParseException e) {
        throw new IllegalStateException("released schema " + path + " does not parse: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + path, e);
      }
    }
  }

  /** Resource path of version {@code version} (from 1) of contract {@code name}. */
  public static String resourcePath(String name, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("schema versions start at 1, got " + version);
    }
    return ROOT + name + "/v" + version + ".avsc";
  }
}

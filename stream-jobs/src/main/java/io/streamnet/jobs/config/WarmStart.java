package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code warm_start} section: the model a job starts from when it has no checkpoint to restore (a restored
 * checkpoint always wins). {@code from} is {@code none} (a fresh model from the network spec's seed),
 * {@code latest_file} (the newest model file in {@code snapshots.directory}), {@code topic} (the latest version on
 * the snapshots topic) or the URI of one model file.
 *
 * @param kind which of these
 * @param uri  the model file's URI when {@code kind} is {@link Kind#FILE}, else null
 */
public record WarmStart(Kind kind, String uri) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the first model comes from. */
  public enum Kind { NONE, LATEST_FILE, TOPIC, FILE }

  public WarmStart {
    if ((kind == Kind.FILE) != (uri != null)) {
      throw new IllegalArgumentException("a model file URI goes with kind FILE only, got " + kind + " " + uri);
    }
  }

  /** The {@code from} value as written in the file. */
  public String from() {
    return kind == Kind.FILE ? uri : ConfigNode.yamlName(kind);
  }

  static WarmStart read(ConfigNode n) {
    String from = n.nonBlank("from", "none");
    WarmStart w = switch (from) {
      case "none" -> new WarmStart(Kind.NONE, null);
      case "latest_file" -> new WarmStart(Kind.LATEST_FILE, null);
      case "topic" -> new WarmStart(Kind.TOPIC, null);
      default -> {
        String problem = ConfigNode.uriProblem(from);
        if (problem != null) {
          throw n.fail("from", "must be none, latest_file, topic or the URI of a model file such as"
              + " file:///var/streamnet/models/<file>), got '" + from + "'");
        }
        yield new WarmStart(Kind.FILE, from);
      }
    };
    n.finish();
    return w;
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("from", from());
    return o;
  }
}

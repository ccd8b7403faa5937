package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/**
 * The {@code warm_start} section: the model a job starts from when it has no checkpoint to restore (a restored
 * checkpoint always wins). {@code from} is {@code latest} (the default: the newer of the newest model file in
 * {@code snapshots.directory} and the latest version of the job's model id on the snapshots topic, if either fits the
 * job's model; else a fresh one), {@code none} (a fresh model from the network spec's seed), {@code latest_file} (the
 * newest model file), {@code topic} (the latest version on the topic) or the URI of one model file.
 *
 * @param kind which of these
 * @param uri  the model file's URI when {@code kind} is {@link Kind#FILE}, else null
 */
public record WarmStart(Kind kind, String uri) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the first model comes from. */
  public enum Kind { LATEST, NONE, LATEST_FILE, TOPIC, FILE }

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
    String from = n.nonBlank("from", "latest");
    WarmStart w = switch (from) {
      case "latest" -> new WarmStart(Kind.LATEST, null);
      case "none" -> new WarmStart(Kind.NONE, null);
      case "latest_file" -> new WarmStart(Kind.LATEST_FILE, null);
      case "topic" -> new WarmStart(Kind.TOPIC, null);
      default -> {
        String problem = ConfigNode.uriProblem(from);
        if (problem != null) {
          throw n.fail("from", "must be latest, none, latest_file, topic or the URI of a model file such as"
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

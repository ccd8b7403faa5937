package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;

/**
 * The {@code warm_start} section: the model a job starts from when it has no checkpoint to restore (a restored
 * checkpoint always wins). {@code from} is {@code latest} (the default: the newer of the newest model file in
 * {@code snapshots.directory} and the latest version of the job's model id on the snapshots topic, if either fits the
 * job's model; else a fresh one), {@code none} (a fresh model from the network spec's seed), {@code latest_file} (the
 * newest model file), {@code topic} (the latest version on the topic) or the URI of one model file: a job's model
 * file or a model state file of {@code streamnet prequential --save-model}.
 *
 * <p>{@code layers} makes it a partial load (transfer learning): only the named layers' weights come from the model
 * file, which may have another network spec (a new head of another size is the common case); the other layers start
 * fresh from the job's spec and seed, and the optimizer starts afresh. The job's spec sets which layers are frozen and
 * their optimizer groups. Only with a model file ({@code from} a URI or {@code latest_file}), for the network models
 * (sentiment).
 *
 * @param kind   which of these
 * @param uri    the model file's URI when {@code kind} is {@link Kind#FILE}, else null
 * @param layers the layers to load, in a partial load; empty: the whole model
 */
public record WarmStart(Kind kind, String uri, List<String> layers) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the first model comes from. */
  public enum Kind { LATEST, NONE, LATEST_FILE, TOPIC, FILE }

  public WarmStart {
    if ((kind == Kind.FILE) != (uri != null)) {
      throw new IllegalArgumentException("a model file URI goes with kind FILE only, got " + kind + " " + uri);
    }
    layers = List.copyOf(layers);
    if (!layers.isEmpty() && kind != Kind.FILE && kind != Kind.LATEST_FILE) {
      throw new IllegalArgumentException("a partial load (layers) needs a model file, got kind " + kind);
    }
  }

  /** A warm start of the whole model. */
  public WarmStart(Kind kind, String uri) {
    this(kind, uri, List.of());
  }

  /** Whether only some layers are loaded. */
  public boolean partial() {
    return !layers.isEmpty();
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
    List<String> layers = n.stringList("layers");
    n.finish();
    if (!layers.isEmpty() && w.kind() != Kind.FILE && w.kind() != Kind.LATEST_FILE) {
      throw n.fail("layers", "a partial load reads a model file: from must be the URI of a model file or"
          + " latest_file, got '" + from + "'");
    }
    return new WarmStart(w.kind(), w.uri(), layers);
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("from", from());
    if (partial()) {
      ArrayNode a = o.putArray("layers");
      layers.forEach(a::add);
    }
    return o;
  }
}

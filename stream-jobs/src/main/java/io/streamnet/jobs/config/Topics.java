package io.streamnet.jobs.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code topics} section: the Kafka topics the job reads and writes. All six must differ: a job that wrote its
 * answers to its own input would feed on itself. The defaults follow the task.
 *
 * @param labeled     labeled events, the training input (ReviewEvent with a label; Interaction)
 * @param requests    requests (ReviewEvent; RecoRequest)
 * @param scores      the scorer's answers (SentimentScore; Recommendation)
 * @param snapshots   model versions (ModelSnapshot), a compacted topic
 * @param deadLetters records that could not be processed (DeadLetter)
 * @param metrics     TrainingMetrics records
 */
public record Topics(String labeled, String requests, String scores, String snapshots, String deadLetters,
                     String metrics) implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Kafka's rule for topic names. */
  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  static Topics read(ConfigNode n, boolean recommendation) {
    Map<String, String> seen = new LinkedHashMap<>();
    Topics t = new Topics(
        topic(n, "labeled", recommendation ? "reco.interactions" : "sentiment.labeled", seen),
        topic(n, "requests", recommendation ? "reco.requests" : "sentiment.requests", seen),
        topic(n, "scores", recommendation ? "reco.recommendations" : "sentiment.scores", seen),
        topic(n, "snapshots", "model.snapshots", seen),
        topic(n, "dead_letters", "streamnet.dlq", seen),
        topic(n, "metrics", "streamnet.metrics", seen));
    n.finish();
    return t;
  }

  private static String topic(ConfigNode n, String key, String def, Map<String, String> seen) {
    String name = legal(n, key, n.nonBlank(key, def));
    for (Map.Entry<String, String> other : seen.entrySet()) {
      if (other.getValue().equals(name)) {
        throw n.fail(key, "'" + name + "' is already " + n.path(other.getKey()) + "; every topic must differ");
      }
    }
    seen.put(key, name);
    return name;
  }

  /** {@code name}, checked as a Kafka topic name ({@code key} names it in the error). */
  static String legal(ConfigNode n, String key, String name) {
    if (!LEGAL.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw n.fail(key, "'" + name + "' is not a legal Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)");
    }
    return name;
  }

  /** Whether {@code name} is one of these topics. */
  boolean contains(String name) {
    return name.equals(labeled) || name.equals(requests) || name.equals(scores) || name.equals(snapshots)
        || name.equals(deadLetters) || name.equals(metrics);
  }

  ObjectNode tree() {
    ObjectNode o = ConfigNode.object();
    o.put("labeled", labeled);
    o.put("requests", requests);
    o.put("scores", scores);
    o.put("snapshots", snapshots);
    o.put("dead_letters", deadLetters);
    o.put("metrics", metrics);
    return o;
  }
}

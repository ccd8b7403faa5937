package io.streamnet.jobs.run;

import io.streamnet.connect.admin.StreamNetTopics;
import io.streamnet.connect.admin.TopicAdmin;
import io.streamnet.connect.admin.TopicSpec;
import io.streamnet.connect.security.KafkaFailures;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.jobs.config.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The topics of a job configuration (six, and the feedback topic of a recommendation job with its feedback loop):
 * checking that Kafka answers and has them, and creating them.
 */
public final class JobTopics {
  /** A broker that does not answer within this is reported as unreachable (clients would wait 60 s per call). */
  private static final long ANSWER_MS = 15_000;

  private JobTopics() {}

  /** Every topic of {@code c}, each with the topic configs its role needs (the snapshots topic compacted, ...). */
  public static List<TopicSpec> specs(JobConfig c, int partitions, short replicationFactor) {
    Topics t = c.topics();
    List<TopicSpec> specs = new ArrayList<>(List.of(
        spec(t.labeled(), StreamNetTopics.SENTIMENT_LABELED, partitions, replicationFactor),
        spec(t.requests(), StreamNetTopics.SENTIMENT_REQUESTS, partitions, replicationFactor),
        spec(t.scores(), StreamNetTopics.SENTIMENT_SCORES, partitions, replicationFactor),
        spec(t.snapshots(), StreamNetTopics.MODEL_SNAPSHOTS, partitions, replicationFactor),
        spec(t.deadLetters(), StreamNetTopics.DLQ, partitions, replicationFactor),
        spec(t.metrics(), StreamNetTopics.METRICS, partitions, replicationFactor)));
    if (c.feedback().enabled()) {
      specs.add(spec(c.feedback().topic(), StreamNetTopics.RECO_INTERACTIONS, partitions, replicationFactor));
    }
    return specs;
  }

  private static TopicSpec spec(String name, String role, int partitions, short replicationFactor) {
    return new TopicSpec(name, partitions, replicationFactor, StreamNetTopics.configsOf(role));
  }

  /**
   * Checks that the cluster answers and holds the topics; with {@code create}, creates the missing ones (one
   * partition, replication factor up to 3) and sets StreamNet's configs on the others.
   *
   * @throws IllegalStateException naming the servers, or the missing topics
   */
  public static void check(Map<String, Object> clientProps, JobConfig topics, boolean create) {
    Map<String, Object> conf = new java.util.HashMap<>(clientProps);
    conf.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_MS);
    conf.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_MS);
    String servers = String.valueOf(conf.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
    try (Admin admin = Admin.create(conf)) {
      int brokers = admin.describeCluster().nodes().get(ANSWER_MS + 1_000, TimeUnit.MILLISECONDS).size();
      if (create) {
        short rf = (short) Math.max(1, Math.min(3, brokers));
        new TopicAdmin(admin).ensure(specs(topics, 1, rf));
        return;
      }
      Set<String> present = admin.listTopics().names().get(ANSWER_MS + 1_000, TimeUnit.MILLISECONDS);
      List<String> missing = specs(topics, 1, (short) 1).stream().map(TopicSpec::name)
          .filter(n -> !present.contains(n)).toList();
      if (!missing.isEmpty()) {
        throw new IllegalStateException("Kafka at " + servers + " has no topic " + String.join(", ", missing)
            + " (create them, or pass --create-topics)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Kafka at " + servers, e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      KafkaFailures.securityFailure(cause, servers).ifPresent(m -> {
        throw new IllegalStateException(m, cause);
      });
      throw new IllegalStateException("no Kafka broker answered at " + servers + " within " + ANSWER_MS / 1000
          + " s (" + cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "")
          + ")", cause);
    }
  }
}

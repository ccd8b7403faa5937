package io.streamnet.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The job jar that {@code package} builds for {@code flink run} holds the job, its contracts, connectors and nn-core
 * with the Kafka connector and client, and none of: Flink itself, a Kafka broker, Scala, a logging backend, the demo,
 * the benchmarks, the embedded broker or the in-memory registry.
 */
class JobJarIT {

  private static final Path JAR = Path.of("target", "streamnet-job.jar");

  /** Entry prefixes that must not be in the jar, with why. */
  private static final List<String[]> FORBIDDEN = List.of(
      new String[] {"scala/", "Scala (comes with a Kafka broker)"},
      new String[] {"kafka/server/", "a Kafka broker"},
      new String[] {"kafka/log/", "a Kafka broker"},
      new String[] {"org/apache/kafka/streams/", "Kafka Streams (the edge scorer's)"},
      new String[] {"org/apache/logging/log4j/core/", "a logging backend (the cluster has its own)"},
      new String[] {"org/apache/logging/slf4j/", "a logging binding"},
      new String[] {"org/slf4j/", "the logging API (the cluster provides it)"},
      new String[] {"io/streamnet/jobs/cli/", "the demo / launcher"},
      new String[] {"io/streamnet/jobs/bench/", "the benchmarks"},
      new String[] {"io/streamnet/connect/local/", "the embedded broker / in-memory registry"},
      new String[] {"io/streamnet/connect/cli/", "the replay CLI"},
      new String[] {"org/apache/flink/runtime/", "Flink's runtime (the cluster's)"},
      new String[] {"org/apache/flink/api/", "Flink's API (the cluster's)"},
      new String[] {"org/apache/flink/streaming/api/", "Flink's DataStream API (the cluster's)"},
      new String[] {"org/apache/flink/client/", "Flink's client (the cluster's)"},
      new String[] {"org/rocksdb/", "RocksDB"});

  @Test
  void holdsTheJobAndNothingOfTheClusterOrTheDemo() throws IOException {
    assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is missing: `mvn package` builds it");
    List<String> found = new ArrayList<>();
    boolean job = false;
    boolean connector = false;
    boolean kafkaClient = false;
    boolean engine = false;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (var entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        for (String[] f : FORBIDDEN) {
          if (name.startsWith(f[0]) && found.size() < 20) {
            found.add(name + " (" + f[1] + ")");
          }
        }
        job |= name.equals("io/streamnet/jobs/job/OnlineLearningJob.class");
        connector |= name.startsWith("org/apache/flink/connector/kafka/source/KafkaSource");
        kafkaClient |= name.equals("org/apache/kafka/clients/consumer/KafkaConsumer.class");
        engine |= name.equals("io/streamnet/nn/network/Network.class");
      }
      Manifest manifest = jar.getManifest();
      assertEquals(JobMain.class.getName(), manifest.getMainAttributes().getValue("Main-Class"));
    }
    assertTrue(found.isEmpty(), "the job jar carries what the cluster or the demo provides: " + found);
    assertTrue(job && connector && kafkaClient && engine,
        "the job jar misses the job, the Kafka connector, the Kafka client or nn-core");
  }
}

package io.streamnet.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.edge.config.EdgeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the application: a start that fails leaves nothing running behind it. */
class EdgeScorerAppTest {
  @TempDir
  Path tmp;

  @Test
  void aTakenHttpPortFailsTheStartBeforeAnyStreamThreadRuns() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
      EdgeConfig config = EdgeConfig.parse("""
          app: {application_id: edge-port-taken, state_dir: %s, http_port: %d}
          kafka: {bootstrap_servers: "127.0.0.1:1"}
          tasks: {sentiment: {}}
          """.formatted(tmp, taken.getLocalPort()), "test");
      assertThrows(IOException.class, () -> EdgeScorerApp.start(config, new InMemorySchemaRegistry("port-taken")));
    }
    // Kafka Streams names its threads after the application id; non-daemon, they would keep the JVM alive.
    List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
        .filter(n -> n.startsWith("edge-port-taken")).toList();
    assertEquals(List.of(), left, "threads of the failed application still running");
  }
}

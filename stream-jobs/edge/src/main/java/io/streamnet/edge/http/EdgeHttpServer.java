package io.streamnet.edge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamnet.edge.metrics.EdgeMetrics;
import io.streamnet.edge.metrics.PrometheusText;
import io.streamnet.edge.model.LiveModel;
import io.streamnet.edge.model.ServedModel;
import io.streamnet.nn.snapshot.ModelVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge scorer's HTTP endpoints: {@code /models} (the version in use per model id, JSON), {@code /metrics}
 * (Prometheus), {@code /health} (the Kafka Streams application is alive) and {@code /ready} (alive, and a model of
 * every configured task is loaded). The JDK's own server on one thread: these are scraped, not served at volume.
 */
public final class EdgeHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the endpoints read of the application. */
  public interface Status {
    /** Kafka Streams' state name (RUNNING, REBALANCING, ...). */
    String state();

    /** Whether the application is alive: running or rebalancing. */
    boolean alive();
  }

  private final HttpServer server;

  private EdgeHttpServer(HttpServer server) {
    this.server = server;
  }

  /** Starts the endpoints on {@code port} (0: any free port). */
  public static EdgeHttpServer start(String host, int port, EdgeMetrics metrics, List<String> modelIds,
                                     Supplier<Status> status) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 0);
    s.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "streamnet-edge-http");
      t.setDaemon(true);
      return t;
    }));
    s.createContext("/metrics", ex -> reply(ex, 200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics)));
    s.createContext("/models", ex -> reply(ex, 200, "application/json", models(metrics, modelIds)));
    s.createContext("/health", ex -> {
      Status st = status.get();
      reply(ex, st.alive() ? 200 : 503, "text/plain", st.state() + "\n");
    });
    s.createContext("/ready", ex -> {
      Status st = status.get();
      List<String> missing = new ArrayList<>();
      for (String id : modelIds) {
        LiveModel m = metrics.model(id);
        if (m == null || m.current() == null) {
          missing.add(id);
        }
      }
      boolean ready = st.alive() && missing.isEmpty();
      reply(ex, ready ? 200 : 503, "text/plain", ready ? "ready\n" : "not ready: streams " + st.state()
          + (missing.isEmpty() ? "" : ", no model yet for " + String.join(", ", missing)) + "\n");
    });
    s.start();
    LOG.info("edge scorer endpoints on http://{}:{}/ (metrics, models, health, ready)", host,
        s.getAddress().getPort());
    return new EdgeHttpServer(s);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static String models(EdgeMetrics metrics, List<String> modelIds) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    for (String id : modelIds) {
      ObjectNode n = root.putObject(id);
      LiveModel m = metrics.model(id);
      ServedModel s = m == null ? null : m.current();
      if (m != null) {
        n.put("task", m.taskName());
      }
      if (s == null) {
        n.putNull("version");
      } else {
        n.put("epoch", s.version().epoch()).put("version", s.version().version())
            .put("created_at_ms", s.createdAtMillis()).put("served_since_ms", s.appliedAtMillis());
      }
      ModelVersion newest = m == null ? null : m.newestSeen();
      if (newest != null) {
        n.put("newest_epoch", newest.epoch()).put("newest_version", newest.version());
      }
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package io.streamnet.edge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.connect.serde.EventDecoder;
import io.streamnet.connect.serde.SpecificRecordDecoder;
import io.streamnet.connect.local.InMemorySchemaRegistry;
import io.streamnet.edge.EdgeFixtures;
import io.streamnet.edge.metrics.EdgeMetrics;
import io.streamnet.edge.model.ModelStore;
import io.streamnet.connect.serde.RegistryOutageHold;
import io.streamnet.nn.snapshot.ModelVersion;
import io.streamnet.nn.snapshot.SnapshotPayload;
import io.streamnet.schema.ModelSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP: readiness follows the models, metrics are Prometheus text. */
class EdgeHttpServerTest {
  final HttpClient client = HttpClient.newHttpClient();

  HttpResponse<String> get(EdgeHttpServer s, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyOnlyOnceEveryTaskHasAModelAndWhileTheApplicationIsAlive() throws Exception {
    EdgeMetrics metrics = new EdgeMetrics(System::currentTimeMillis);
    var registry = new InMemorySchemaRegistry("http-test");
    ModelStore store = metrics.attach(new ModelStore(Map.of("sent", "sentiment", "reco", "recommendation"),
        new EventDecoder<>(new SpecificRecordDecoder<>(registry, ModelSnapshot.class), s -> List.of(),
            Clock.systemUTC()), new RegistryOutageHold(Duration.ZERO, d -> { }), Map.of()));
    metrics.task("sentiment", "sent").answered(1_500, false);
    String[] state = {"RUNNING"};
    try (EdgeHttpServer s = EdgeHttpServer.start("127.0.0.1", 0, metrics, List.of("sent", "reco"),
        () -> new EdgeHttpServer.Status() {
          public String state() {
            return state[0];
          }

          public boolean alive() {
            return !state[0].equals("ERROR");
          }
        })) {
      HttpResponse<String> ready = get(s, "/ready");
      assertEquals(503, ready.statusCode());
      assertTrue(ready.body().contains("no model yet for sent, reco"), ready.body());
      assertEquals(200, get(s, "/health").statusCode());

      var task = EdgeFixtures.sentiment();
      store.model("sent").accept(EdgeFixtures.full(task, "sent", new ModelVersion(2, 7),
          SnapshotPayload.full(task.newLearner(null).content())), 0);
      assertTrue(get(s, "/ready").body().contains("no model yet for reco"));
      var reco = EdgeFixtures.recommendation();
      store.model("reco").accept(EdgeFixtures.full(reco, "reco", new ModelVersion(1, 1),
          SnapshotPayload.full(reco.newLearner(null).content())), 0);
      assertEquals(200, get(s, "/ready").statusCode());

      String models = get(s, "/models").body();
      assertTrue(models.contains("\"epoch\" : 2") && models.contains("\"version\" : 7"), models);
      HttpResponse<String> m = get(s, "/metrics");
      assertTrue(m.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
      assertTrue(m.body().contains("streamnet_edge_model_version{model_id=\"sent\",task=\"sentiment\"} 7"));
      assertTrue(m.body().contains("streamnet_edge_request_latency_seconds_bucket{task=\"sentiment\",le=\"0.002\"} 1"),
          m.body());
      assertTrue(m.body().contains("streamnet_edge_request_latency_seconds_bucket{task=\"sentiment\",le=\"0.001\"} 0"));
      assertTrue(m.body().contains("streamnet_edge_requests_total{task=\"sentiment\"} 1"));

      state[0] = "ERROR";
      assertEquals(503, get(s, "/health").statusCode());
      assertEquals(503, get(s, "/ready").statusCode());
    }
  }
}

package io.streamnet.edge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnet.edge.EdgeScorerApp;
import io.streamnet.edge.score.TaskRoute;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EdgeConfigTest {

  @Test
  void theExampleFileReadsAndNamesBothTasksWithTheJobsTopics() throws Exception {
    EdgeConfig c = EdgeConfig.read(Path.of("../../ops/edge/edge.yaml"));
    List<TaskRoute> routes = c.routes();
    assertEquals(2, routes.size());
    TaskRoute reco = routes.get(0);
    assertEquals("recommendation", reco.task());
    assertEquals("reco.requests", reco.requestsTopic());
    assertEquals("reco.interactions", reco.labeledTopic());
    assertTrue(reco.keyed());
    TaskRoute sentiment = routes.get(1);
    assertEquals("sentiment", sentiment.modelId());
    assertEquals("sentiment.scores", sentiment.answersTopic());
    assertEquals(null, sentiment.labeledTopic());
  }

  @Test
  void defaultsFollowTheTaskAndKafkaPropertiesComeLastButExactlyOnceIsSet() {
    EdgeConfig c = EdgeConfig.parse("""
        tasks:
          sentiment:
        kafka:
          properties: {security.protocol: SASL_SSL}
        """, "t.yaml");
    TaskRoute r = c.routes().get(0);
    assertEquals("sentiment.requests", r.requestsTopic());
    assertEquals("streamnet.dlq", r.deadLetterTopic());
    assertEquals(10_000, r.bufferLimit());
    Properties p = EdgeScorerApp.properties(c);
    assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
    assertEquals("SASL_SSL", p.get("security.protocol"));
    assertEquals("streamnet-edge", p.get(StreamsConfig.APPLICATION_ID_CONFIG));
  }

  @Test
  void anUnknownKeyIsAnErrorNamingTheFileAndThePath() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.parse("""
        app:
          comit_interval_ms: 10
        tasks: {sentiment: {}}
        """, "edge.yaml"));
    assertTrue(e.getMessage().startsWith("edge.yaml: app.comit_interval_ms: "), e.getMessage());
    assertTrue(e.getMessage().contains("comit_interval_ms"), e.getMessage());
  }

  @Test
  void anUnknownTaskNoTaskOrABadValueIsAnErrorSayingWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EdgeConfig.parse("tasks: {fraud: {}}", "x"))
        .getMessage().contains("tasks.fraud: unknown task"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EdgeConfig.parse("app: {threads: 2}", "x"))
        .getMessage().contains("name at least one task"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EdgeConfig.parse(
        "app: {threads: 0}\ntasks: {sentiment: {}}", "x")).getMessage().contains("app.threads must be >= 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> EdgeConfig.parse(
        "tasks: {sentiment: {interactions: x}}", "x")).getMessage().contains("only recommendation reads"));
  }

  @Test
  void signingKeysAreReadFromTheirReferencesAndAnUnreadableOneIsAnErrorNamingIt() {
    String secret = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    EdgeConfig c = EdgeConfig.parse("tasks: {sentiment: {}}\nsigning: {keys: {k1: 'base64:" + secret + "'}}", "e.yaml");
    assertEquals(java.util.Set.of("k1"), c.signing().resolve().keySet());
    assertTrue(!c.toString().contains(secret), c.toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EdgeConfig.parse(
        "tasks: {sentiment: {}}\nsigning: {keys: {k2: 'env:STREAMNET_TEST_SURELY_UNSET_KEY'}}", "e.yaml"));
    assertTrue(e.getMessage().startsWith("e.yaml: signing.keys.k2: ") && e.getMessage().contains("is not set"),
        e.getMessage());
  }
}

package io.streamnet.connect.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnet.connect.registry.RegistryStub.Response;
import io.streamnet.schema.ReviewEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestSchemaRegistryClientTest {

  private static final String BASE = "/apis/ccompat/v7";
  private static final Schema SCHEMA = ReviewEvent.getClassSchema();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryStub stub = RegistryStub.http();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @AfterEach
  void stop() {
    stub.close();
  }

  private RestSchemaRegistryClient client() {
    return client(RegistryConfig.of(stub.url(BASE)));
  }

  private RestSchemaRegistryClient client(RegistryConfig config) {
    return new RestSchemaRegistryClient(config.withRetry(config.retry().withSeed(1)), sleeper);
  }

  @Test
  void registerPostsTheSchemaAndReturnsItsId() throws IOException {
    stub.answer(r -> Response.json("{\"id\":7}"));

    assertEquals(7, client().register("sentiment.labeled-value", SCHEMA));

    RegistryStub.Request request = stub.requests().get(0);
    assertEquals("POST", request.method());
    assertEquals(BASE + "/subjects/sentiment.labeled-value/versions", request.pathAndQuery());
    assertEquals("application/vnd.schemaregistry.v1+json", request.contentType());
    JsonNode body = JSON.readTree(request.body());
    assertEquals(SCHEMA, new Schema.Parser().parse(body.get("schema").asText()));
  }

  @Test
  void subjectsAreEscapedInPaths() {
    stub.answer(r -> Response.json("[1,2]"));

    assertEquals(List.of(1, 2), client().versions("odd subject/with slash"));
    assertEquals(BASE + "/subjects/odd%20subject%2Fwith%20slash/versions", stub.requests().get(0).pathAndQuery());
  }

  @Test
  void lookupReadsSubjectVersionAndId() {
    stub.answer(r -> Response.json("{\"subject\":\"s\",\"version\":3,\"id\":12,\"schema\":"
        + JSON.valueToTree(SCHEMA.toString()) + "}"));

    RegisteredSchema found = client().lookup("s", SCHEMA);

    assertEquals(new RegisteredSchema("s", 3, 12, SCHEMA), found);
    assertEquals("POST", stub.requests().get(0).method());
    assertEquals(BASE + "/subjects/s", stub.requests().get(0).pathAndQuery());
  }

  @Test
  void getByIdParsesTheSchemaAndRefusesOtherSchemaTypes() {
    stub.answer(r -> r.pathAndQuery().endsWith("/5")
        ? Response.json("{\"schema\":" + JSON.valueToTree(SCHEMA.toString()) + "}")
        : Response.json("{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}"));

    assertEquals(SCHEMA, client().getById(5));
    InvalidSchemaException e = assertThrows(InvalidSchemaException.class, () -> client().getById(6));
    assertTrue(e.getMessage().contains("PROTOBUF"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "404, 40401, io.streamnet.connect.registry.SubjectNotFoundException",
      "404, 40402, io.streamnet.connect.registry.VersionNotFoundException",
      "404, 40403, io.streamnet.connect.registry.SchemaNotFoundException",
      "422, 42201, io.streamnet.connect.registry.InvalidSchemaException",
      "401, 40101, io.streamnet.connect.registry.RegistryAuthenticationException",
      "403, 40301, io.streamnet.connect.registry.RegistryAuthenticationException",
      "422, 42203, io.streamnet.connect.registry.SchemaRegistryException"})
  void confluentErrorCodesBecomeTypedExceptions(int status, int code, String type) throws Exception {
    stub.answer(r -> Response.error(status, code, "the server's words"));

    SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client().register("s", SCHEMA));

    assertEquals(Class.forName(type), e.getClass());
    assertEquals(status, e.httpStatus());
    assertEquals(code, e.errorCode());
    assertTrue(e.getMessage().contains(stub.url(BASE)), "names the URL: " + e.getMessage());
    assertTrue(e.getMessage().contains("the server's words"), e.getMessage());
    assertEquals(1, stub.requests().size(), "client errors are not retried");
    assertEquals(List.of(), sleeper.waits());
  }

  @Test
  void aRegistrationThatLostARaceToTheSameSchemaReturnsTheRegisteredId() {
    stub.answer(r -> r.pathAndQuery().endsWith("/versions")
        ? Response.error(409, 409, "An artifact with ID 's' in group 'null' already exists.")
        : Response.json("{\"subject\":\"s\",\"version\":1,\"id\":12,\"schema\":"
            + JSON.valueToTree(SCHEMA.toString()) + "}"));

    assertEquals(12, client().register("s", SCHEMA));
    assertEquals(BASE + "/subjects/s", stub.requests().get(1).pathAndQuery(), "looked up after the 409");
  }

  @Test
  void anIncompatibleSchemaStaysAnErrorWhenTheLookupDoesNotFindIt() {
    stub.answer(r -> r.pathAndQuery().endsWith("/versions")
        ? Response.error(409, 409, "incompatible with version 1")
        : Response.error(404, 40403, "Schema not found"));

    IncompatibleSchemaException e = assertThrows(IncompatibleSchemaException.class,
        () -> client().register("s", SCHEMA));

    assertTrue(e.getMessage().contains("incompatible with version 1"), e.getMessage());
    assertInstanceOf(SchemaNotFoundException.class, e.getSuppressed()[0]);
    assertEquals(2, stub.requests().size());
  }

  @Test
  void aPlain404HintsAtTheApiBasePath() {
    stub.answer(r -> new Response(404, "<html>Not Found</html>"));

    SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client().subjects());

    assertTrue(e.getMessage().contains("/apis/ccompat/v7"), e.getMessage());
    assertTrue(e.getMessage().contains("<html>Not Found</html>"), e.getMessage());
  }

  @Test
  void sendsBasicAndBearerCredentials() {
    stub.answer(r -> Response.json("[]"));

    client(RegistryConfig.of(stub.url(BASE)).withAuth(RegistryAuth.basic("alice", "s3cret"))).subjects();
    client(RegistryConfig.of(stub.url(BASE)).withAuth(RegistryAuth.bearer("tok-123"))).subjects();
    client(RegistryConfig.of(stub.url(BASE))).subjects();

    assertEquals("Basic YWxpY2U6czNjcmV0", stub.requests().get(0).authorization());
    assertEquals("Bearer tok-123", stub.requests().get(1).authorization());
    assertEquals(null, stub.requests().get(2).authorization());
  }

  @Test
  void transientServerErrorsAreRetriedWithGrowingJitteredBackoff() {
    AtomicInteger calls = new AtomicInteger();
    stub.answer(r -> calls.incrementAndGet() <= 2 ? Response.error(503, 50003, "leader moving") : Response.json("{\"id\":4}"));

    assertEquals(4, client().register("s", SCHEMA));

    assertEquals(3, stub.requests().size());
    List<Duration> waits = sleeper.waits();
    assertEquals(2, waits.size());
    assertBetween(50, 100, waits.get(0).toMillis());
    assertBetween(100, 200, waits.get(1).toMillis());
  }

  @Test
  void aRegistryThatStaysDownFailsAfterTheAttemptBudgetNamingTheUrl() {
    stub.answer(r -> Response.error(503, 50001, "store unavailable"));

    RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> client().getById(1));

    assertEquals(RetryPolicy.DEFAULT.maxAttempts(), stub.requests().size());
    assertEquals(RetryPolicy.DEFAULT.maxAttempts() - 1, sleeper.waits().size());
    long total = sleeper.waits().stream().mapToLong(Duration::toMillis).sum();
    assertTrue(total <= RetryPolicy.DEFAULT.maxTotalWait().toMillis(), "bounded: " + total);
    assertTrue(e.getMessage().contains(stub.url(BASE)), e.getMessage());
    assertTrue(e.getMessage().contains("5 attempt(s)"), e.getMessage());
    assertTrue(e.getMessage().contains("store unavailable"), e.getMessage());
    assertEquals(503, e.httpStatus());
  }

  @Test
  void anUnreachableRegistryAtStartUpIsAClearErrorNamingTheUrl() throws IOException {
    String deadUrl = "http://127.0.0.1:" + freePort() + BASE;
    RegistryConfig config = RegistryConfig.of(deadUrl).withRetry(new RetryPolicy(3, Duration.ofMillis(10),
        Duration.ofMillis(20), 2, 0.5, 7L));

    RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class,
        () -> client(config).verifyReachable());

    assertTrue(e.getMessage().startsWith("schema registry " + deadUrl + " unavailable after 3 attempt(s)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ConnectException"), e.getMessage());
    assertEquals(2, sleeper.waits().size());
  }

  @Test
  void failsOverToTheNextUrlAndStaysThere() throws IOException {
    stub.answer(r -> Response.json("[\"a\"]"));
    String dead = "http://127.0.0.1:" + freePort();
    RestSchemaRegistryClient client = client(RegistryConfig.of(dead + "," + stub.url("")));

    assertEquals(List.of("a"), client.subjects());
    assertEquals(1, sleeper.waits().size());
    assertEquals(List.of("a"), client.subjects());
    assertEquals(1, sleeper.waits().size(), "the second call starts at the URL that answered");
    assertEquals(2, stub.requests().size());
  }

  @Test
  void compatibilityIsAskedVerboselyAndReasonsAreKept() {
    stub.answer(r -> Response.json("{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE: rating\"]}"));

    CompatibilityResult result = client().testCompatibility("s", SCHEMA);

    assertFalse(result.compatible());
    assertEquals(List.of("READER_FIELD_MISSING_DEFAULT_VALUE: rating"), result.messages());
    assertEquals(BASE + "/compatibility/subjects/s/versions/latest?verbose=true", stub.requests().get(0).pathAndQuery());
  }

  @Test
  void aSubjectWithoutVersionsAcceptsAnySchema() {
    stub.answer(r -> Response.error(404, 40401, "Subject 's' not found."));

    CompatibilityResult result = client().testCompatibility("s", SCHEMA);

    assertTrue(result.compatible());
  }

  @Test
  void subjectConfigIsReadAndWritten() throws IOException {
    stub.answer(r -> switch (r.method() + " " + r.pathAndQuery()) {
      case "GET " + BASE + "/config/a" -> Response.json("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
      case "GET " + BASE + "/config/b" -> Response.error(404, 40408, "Subject 'b' does not have subject-level compatibility configured");
      case "PUT " + BASE + "/config/a" -> Response.json("{\"compatibility\":\"NONE\"}");
      case "GET " + BASE + "/config" -> Response.json("{\"compatibilityLevel\":\"BACKWARD\"}");
      default -> new Response(500, "unexpected " + r);
    });
    RestSchemaRegistryClient client = client();

    assertEquals(Optional.of(CompatibilityLevel.FULL_TRANSITIVE), client.getCompatibility("a"));
    assertEquals(Optional.empty(), client.getCompatibility("b"));
    assertEquals(CompatibilityLevel.BACKWARD, client.getGlobalCompatibility());
    client.setCompatibility("a", CompatibilityLevel.NONE);

    RegistryStub.Request put = stub.requests().get(3);
    assertEquals("NONE", JSON.readTree(put.body()).get("compatibility").asText());
  }

  @Test
  void aBodyThatIsNotJsonIsAClearError() {
    stub.answer(r -> new Response(200, "surprise"));

    SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client().register("s", SCHEMA));

    assertInstanceOf(IOException.class, e.getCause());
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }

  private static void assertBetween(long low, long high, long value) {
    assertTrue(value >= low && value <= high, value + " not in [" + low + ", " + high + "]");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

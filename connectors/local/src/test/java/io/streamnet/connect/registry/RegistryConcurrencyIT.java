package io.streamnet.connect.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.connect.testing.KafkaRegistryEnvironment;
import io.streamnet.connect.testing.LocalEnvironmentExtension;
import io.streamnet.connect.testing.TestKafka;
import io.streamnet.schema.ReviewEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped registry server under concurrent first registrations, over plain HTTP as any client (curl, another
 * language's serializer) sends them: every one succeeds. Its storage (H2 in memory) answered most of them with HTTP
 * 500 (a lock timeout on its sequence table) or 409 (its retry finding the half-made artifact); the server now lets
 * one write at a time through (ops/schema-registry, SerializedWrites).
 */
@ExtendWith(LocalEnvironmentExtension.class)
class RegistryConcurrencyIT {
  static final int WRITERS = 8;

  @Test
  void eightConcurrentFirstRegistrationsAllSucceed(KafkaRegistryEnvironment env) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String body = "{\"schema\":" + com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
        .writeValueAsString(ReviewEvent.getClassSchema().toString()) + "}";
    for (boolean sameSubject : new boolean[] {false, true}) {
      String shared = TestKafka.unique("concurrent.same") + "-value";
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        String subject = sameSubject ? shared : TestKafka.unique("concurrent." + i) + "-value";
        answers.add(CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
            return http.send(HttpRequest.newBuilder(URI.create(env.registryUrl() + "/subjects/" + subject
                    + "/versions")).header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, pool));
      }
      go.countDown();
      List<String> failures = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> a : answers) {
        HttpResponse<String> r = a.get(2, TimeUnit.MINUTES);
        if (r.statusCode() != 200) {
          failures.add(r.statusCode() + " " + r.body());
        }
      }
      pool.shutdown();
      assertEquals(List.of(), failures, (sameSubject ? "one subject" : "eight subjects") + ": every registration"
          + " answered 200");
    }
  }
}

package io.streamnet.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/** What the test asks of the Flink cluster through its REST API. */
final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  FlinkRest(String base) {
    this.base = base;
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build());
  }

  /** The job's state (RUNNING, RESTARTING, ...) and its vertices. */
  JsonNode job(String jobId) {
    return get("/jobs/" + jobId);
  }

  /** True when the job is RUNNING and so is every task of every vertex (not only scheduled or initializing). */
  boolean fullyRunning(String jobId) {
    JsonNode job = job(jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    for (JsonNode v : job.path("vertices")) {
      if (!"RUNNING".equals(v.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /** The ids of the TaskManagers that run tasks of {@code vertexName} (every vertex when it is null). */
  Set<String> taskManagers(String jobId, String vertexName) {
    Set<String> ids = new TreeSet<>();
    for (JsonNode v : job(jobId).path("vertices")) {
      if (vertexName == null || vertexName.equals(v.path("name").asText())) {
        for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers")
            .path("taskmanagers")) {
          ids.add(tm.path("taskmanager-id").asText());
        }
      }
    }
    return ids;
  }

  long completedCheckpoints(String jobId) {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  /** A short account of the job for failure messages: its state and each vertex's status. */
  String describe(String jobId) {
    try {
      JsonNode job = job(jobId);
      StringBuilder s = new StringBuilder(job.path("state").asText());
      for (JsonNode v : job.path("vertices")) {
        s.append("; ").append(v.path("name").asText()).append(": ").append(v.path("status").asText());
      }
      return s.toString();
    } catch (RuntimeException e) {
      return "(REST: " + e.getMessage() + ")";
    }
  }

  void cancel(String jobId) {
    send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + jobId + "?mode=cancel")).timeout(Duration.ofSeconds(20))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(request.method() + " " + request.uri() + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

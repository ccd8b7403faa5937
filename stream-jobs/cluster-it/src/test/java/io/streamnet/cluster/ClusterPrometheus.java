package io.streamnet.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a gauge from the Prometheus reporters of an ops/flink.sh cluster (each process on one port of a range). */
final class ClusterPrometheus {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ClusterPrometheus() {}

  /** The first value of {@code metric} found on ports {@code base .. base + count - 1}; -1 where none serves it. */
  static long gauge(int base, int count, String metric) {
    Pattern line = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*} ([0-9.eE+-]+)$");
    for (int port = base; port < base + count; port++) {
      try {
        String page = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = line.matcher(page);
        if (m.find()) {
          return (long) Double.parseDouble(m.group(1));
        }
      } catch (IOException e) {
        // no reporter on this port
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    return -1;
  }
}

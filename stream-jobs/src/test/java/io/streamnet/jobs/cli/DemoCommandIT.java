package io.streamnet.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamnet demo} in this JVM, as a user runs it: embedded broker, in-memory registry, the real job on a
 * MiniCluster, the first 1,000 UCI sentences replayed at a steady rate (for four seconds: requests come both before
 * and after the first model). Checks the summary line against counts known independently of the job, the served
 * latency apart from the requests that waited for the first model, and the report files.
 */
class DemoCommandIT {
  private static final int LIMIT = 1000;
  private static final int SEED = 42;
  private static final double REQUEST_FRACTION = 0.1;

  @TempDir
  Path tmp;

  @Test
  void demoLearnsScoresEveryRequestOnceAndWritesTheReport() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Path report = tmp.resolve("demo-report");

    int status = new DemoCommand(new PrintStream(out, true, StandardCharsets.UTF_8), errStream,
        new DemoProgress(errStream, false)).run(new String[] {"--dataset", "uci", "--limit", Integer.toString(LIMIT),
            "--seed", Integer.toString(SEED), "--request-fraction", Double.toString(REQUEST_FRACTION),
            "--rate", "250", "--timeout", "180", "--report", report.toString()});

    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, "exit status; stderr:\n" + stderr);
    assertTrue(stderr.contains("demo ") && stderr.contains("| scored "), "a progress line was shown:\n" + stderr);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    Map<String, String> summary = DemoSummaryTest.parse(lines.get(lines.size() - 1));
    assertEquals(DemoSummary.LINE_KEYS, List.copyOf(summary.keySet()), "last line: " + lines.get(lines.size() - 1));

    // What was sent, counted from the same seeded stream without the job.
    DemoEvents stream = DemoEvents.read(DemoOptions.DatasetSelection.UCI, null, LIMIT, SEED, REQUEST_FRACTION,
        () -> 0L);
    long requests = 0;
    for (int i = 0; i < stream.size(); i++) {
      requests += stream.get(i).request() ? 1 : 0;
    }
    assertEquals(LIMIT - requests, Long.parseLong(summary.get("labeled")));
    assertEquals(requests, Long.parseLong(summary.get("requests")));
    assertEquals(requests, Long.parseLong(summary.get("scored")), "every request has a committed score");
    double accuracy = Double.parseDouble(summary.get("accuracy"));
    assertTrue(accuracy > 0.5 && accuracy < 1, "prequential accuracy above chance: " + accuracy);
    assertTrue(Long.parseLong(summary.get("model_version")) >= 1);
    assertTrue(Double.parseDouble(summary.get("score_p99_ms")) >= 0);
    assertEquals(0, Long.parseLong(summary.get("dlq")), "clean data leaves no dead letters");
    long buffered = Long.parseLong(summary.get("buffered"));
    assertTrue(buffered >= 0 && buffered < requests, "requests that waited for the first model, counted: " + buffered);
    double p50 = Double.parseDouble(summary.get("score_p50_ms"));
    assertTrue(p50 >= 0 && p50 <= Double.parseDouble(summary.get("score_p99_ms")), "served p50 " + p50);
    double waitedMax = Double.parseDouble(summary.get("buffered_wait_max_ms"));
    assertTrue(buffered == 0 ? Double.isNaN(waitedMax) : waitedMax >= 0, "longest wait " + waitedMax);

    assertEquals(DemoReport.CHART_WIDTH, ImageIO.read(report.resolve(DemoReport.CHART_FILE).toFile()).getWidth());
    JsonNode json = new ObjectMapper().readTree(report.resolve(DemoReport.SUMMARY_FILE).toFile());
    assertEquals(requests, json.get("score_records").asLong(), "exactly one committed score per request");
    assertEquals(LIMIT - requests, json.get("labeled").asLong());
    assertTrue(json.get("curve").size() >= 2, "the learning curve has points: " + json.get("curve"));
    JsonNode last = json.get("curve").get(json.get("curve").size() - 1);
    assertEquals(LIMIT - requests, last.get("events").asLong(), "the curve ends at the last labeled event");
    assertEquals(buffered, json.get("buffered_scored").asLong());
    assertEquals(Double.parseDouble(summary.get("score_p99_ms")), json.get("score_p99_ms").asDouble(), 1e-3);
    assertTrue(buffered == 0 || json.get("buffered_wait_p50_ms").asDouble() <= waitedMax, json.toString());
  }
}

package io.streamnet.ops.grafana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnet.ops.GrafanaDashboard;
import io.streamnet.ops.RepoFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * ops/grafana/streamnet.json is a provisionable dashboard on the datasource uid {@code prometheus}, with the panels
 * StreamNet is operated by; its queries read only the job's ({@code flink_*}) and the edge's
 * ({@code streamnet_edge_*}) metrics, which PrometheusScrapeIT finds on the real pages.
 */
class GrafanaDashboardTest {
  final GrafanaDashboard dashboard = GrafanaDashboard.load(RepoFiles.resolve("ops/grafana/streamnet.json"));

  @Test
  void metricNamesAreReadFromPromQl() {
    assertEquals(Set.of("streamnet_edge_request_latency_seconds_bucket"), GrafanaDashboard.namesIn(
        "histogram_quantile(0.99, sum by (le, task) (rate(streamnet_edge_request_latency_seconds_bucket"
            + "{task=~\"$task\"}[$__rate_interval])))"));
    assertEquals(Set.of("a_total", "b_seconds"), GrafanaDashboard.namesIn(
        "sum without (instance) (increase(a_total{reason=\"x y\"}[5m] offset 1m)) / on(job) group_left(le)"
            + " max(b_seconds) * 1e3 > bool 2"));
    assertEquals(Set.of("flink_x"), GrafanaDashboard.namesIn(
        "label_replace(sum(increase(flink_x[1m])), \"reason\", \"FULL\", \"\", \"\")"));
  }

  @Test
  void everyPanelQueriesThePrometheusDatasourceByUid() {
    assertEquals("streamnet", dashboard.root().path("uid").asText());
    Set<Integer> ids = new HashSet<>();
    int queries = 0;
    for (GrafanaDashboard.Panel p : dashboard.panels()) {
      assertTrue(ids.add(p.node().path("id").asInt()), "unique panel id: " + p.title());
      JsonNode grid = p.node().path("gridPos");
      assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, "within the grid: " + p.title());
      if (p.type().equals("row")) {
        continue;
      }
      assertEquals("prometheus", p.node().path("datasource").path("uid").asText(), p.title());
      assertFalse(p.expressions().isEmpty(), "a panel without queries: " + p.title());
      for (JsonNode t : p.node().path("targets")) {
        assertEquals("prometheus", t.path("datasource").path("uid").asText(), p.title());
        assertFalse(t.path("expr").asText().isBlank(), p.title());
        assertFalse(GrafanaDashboard.namesIn(t.path("expr").asText()).isEmpty(), "reads a metric: " + t);
        queries++;
      }
    }
    assertTrue(queries >= 40, "queries: " + queries);
    for (JsonNode v : dashboard.root().path("templating").path("list")) {
      assertEquals("prometheus", v.path("datasource").path("uid").asText(), v.path("name").asText());
    }
  }

  @Test
  void everyQueryReadsTheJobsOrTheEdgesMetrics() {
    Set<String> foreign = new TreeSet<>();
    dashboard.metricNames().stream().filter(n -> !n.startsWith("flink_") && !n.startsWith("streamnet_edge_"))
        .forEach(foreign::add);
    assertEquals(Set.of(), foreign, "names neither the job nor the edge reports");
  }

  @Test
  void thePanelsStreamNetIsOperatedBy() {
    Set<String> titles = new TreeSet<>();
    dashboard.panels().forEach(p -> titles.add(p.title()));
    for (String t : List.of("Training rate", "Prequential accuracy (sentiment)", "Prequential loss",
        "HR@10 and NDCG@10 (recommendation)", "Model version", "Model age", "Snapshots published",
        "Requests answered per second", "Scoring latency", "Request buffer", "Dead letters by reason",
        "Checkpoint duration", "Checkpoints", "Kafka consumer lag", "Edge requests per second", "Edge latency",
        "Edge model version and age", "Edge snapshot lag", "Edge buffer and dead letters")) {
      assertTrue(titles.contains(t), "panel '" + t + "' in " + titles);
    }
    Set<String> names = dashboard.metricNames();
    for (String m : List.of("flink_jobmanager_job_lastCheckpointDuration",
        "flink_jobmanager_job_numberOfFailedCheckpoints", "flink_taskmanager_job_task_operator_pendingRecords",
        "flink_taskmanager_job_task_operator_streamnet_trainer_modelVersion",
        "flink_taskmanager_job_task_operator_streamnet_scorer_latencyP99Ms",
        "streamnet_edge_request_latency_seconds_bucket")) {
      assertTrue(names.contains(m), m);
    }
  }
}

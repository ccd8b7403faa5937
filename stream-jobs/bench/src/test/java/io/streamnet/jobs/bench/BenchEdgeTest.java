package io.streamnet.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamnet.edge.config.EdgeConfig;
import io.streamnet.edge.score.TaskRoute;
import io.streamnet.jobs.config.JobConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchEdgeTest {
  private static JobConfig job(JobConfig defaults) {
    return BenchJob.config(defaults, "r1-x", "127.0.0.1:9092", "r1-x.labeled", "r1-x.requests", Path.of("/tmp"),
        Map.of(), Map.of());
  }

  @Test
  void theEdgeFollowsTheJobsSnapshotsAndReadsItsRequestsAndWritesItsOwnAnswers() {
    JobConfig job = job(BenchJob.SENTIMENT);
    EdgeConfig c = EdgeConfig.parse(BenchEdge.yaml("r1-x", job, "127.0.0.1:9092", Path.of("/tmp/state"), 10), "t");
    assertEquals(10, c.app().commitIntervalMs());
    assertEquals(-1, c.app().httpPort());
    assertEquals(job.topics().snapshots(), c.topics().snapshots());
    List<TaskRoute> routes = c.routes();
    assertEquals(1, routes.size());
    TaskRoute r = routes.get(0);
    assertEquals("sentiment", r.task());
    assertEquals(job.job().modelId(), r.modelId());
    assertEquals("r1-x.requests", r.requestsTopic());
    assertEquals(BenchEdge.answersTopic("r1-x"), r.answersTopic());
    assertEquals(false, r.keyed());
  }

  @Test
  void recommendationAlsoReadsTheJobsInteractions() {
    JobConfig job = job(BenchJob.RECOMMENDATION);
    TaskRoute r = EdgeConfig.parse(BenchEdge.yaml("r1-x", job, "127.0.0.1:9092", Path.of("/tmp/state"), 100), "t")
        .routes().get(0);
    assertEquals("recommendation", r.task());
    assertEquals("r1-x.labeled", r.labeledTopic());
    assertEquals(job.job().modelId(), r.modelId());
  }
}

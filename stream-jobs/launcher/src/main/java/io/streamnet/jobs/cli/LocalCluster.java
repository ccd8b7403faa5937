package io.streamnet.jobs.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink MiniCluster (one task manager, one slot: the job runs with parallelism 1) started before its job is
 * built, so that the demo can start it while the broker starts; {@code executeAsync} of a local environment would
 * start one only once the job exists. Closing it stops whatever runs on it.
 */
final class LocalCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

  private final MiniCluster cluster;

  private LocalCluster(MiniCluster cluster) {
    this.cluster = cluster;
  }

  /** Starts a cluster with {@code flink}'s settings (its REST endpoint on a free port unless one is set). */
  static LocalCluster start(Configuration flink) throws Exception {
    Configuration c = new Configuration(flink);
    if (!c.contains(RestOptions.BIND_PORT)) {
      c.set(RestOptions.BIND_PORT, "0");
    }
    long startedAt = System.nanoTime();
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(c)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(1)
        .setRpcServiceSharing(RpcServiceSharing.SHARED)
        .build());
    try {
      cluster.start();
    } catch (Exception e) {
      cluster.closeAsync();
      throw e;
    }
    LOG.info("Flink MiniCluster started in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    return new LocalCluster(cluster);
  }

  /** Submits the job built in {@code env} under {@code name}; returns once the cluster has accepted it. */
  JobClient submit(StreamExecutionEnvironment env, String name) throws Exception {
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(name);
    JobID id = cluster.submitJob(graph).get().getJobID();
    return new MiniClusterJobClient(id, cluster, Thread.currentThread().getContextClassLoader(),
        MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
  }

  @Override
  public void close() throws Exception {
    cluster.closeAsync().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return "Flink MiniCluster";
  }
}

package io.streamnet.edge;

import io.streamnet.connect.registry.RegistryConfig;
import io.streamnet.connect.registry.SchemaRegistries;
import io.streamnet.connect.registry.SchemaRegistryClient;
import io.streamnet.connect.security.KafkaFailures;
import io.streamnet.edge.config.EdgeConfig;
import io.streamnet.edge.http.EdgeHttpServer;
import io.streamnet.edge.metrics.EdgeMetrics;
import io.streamnet.edge.score.TaskRoute;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge scorer: the {@link EdgeTopology} in a Kafka Streams application under {@code exactly_once_v2}, with its
 * HTTP endpoints. Instances with the same application id share the requests by partition; each holds every model.
 */
public final class EdgeScorerApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeScorerApp.class);

  private final KafkaStreams streams;
  private final EdgeMetrics metrics;
  private final List<TaskRoute> routes;
  private final EdgeHttpServer http;

  private EdgeScorerApp(KafkaStreams streams, EdgeMetrics metrics, List<TaskRoute> routes, EdgeHttpServer http) {
    this.streams = streams;
    this.metrics = metrics;
    this.routes = routes;
    this.http = http;
  }

  /** Starts the application of {@code config} against its registry. */
  public static EdgeScorerApp start(EdgeConfig config) throws IOException {
    SchemaRegistryClient registry = SchemaRegistries.connect(
        RegistryConfig.fromProperties(config.registry().clientProperties()));
    return start(config, registry);
  }

  /** Starts the application of {@code config} with {@code registry} (tests, the demo: an in-memory one). */
  public static EdgeScorerApp start(EdgeConfig config, SchemaRegistryClient registry) throws IOException {
    List<TaskRoute> routes = config.routes();
    EdgeMetrics metrics = new EdgeMetrics(System::currentTimeMillis);
    Topology topology = EdgeTopology.build(routes, config.topics().snapshots(), registry,
        config.scoring().autoRegister(), Duration.ofMillis(config.scoring().registryOutageMs()),
        config.signing().resolve(), metrics);
    KafkaStreams streams = new KafkaStreams(topology, properties(config));
    // A failed stream thread is replaced: its tasks resume from the last committed transaction (exactly once).
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("edge scorer stream thread failed; replacing it (its tasks resume from their last commit)", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    // The endpoints first: start() returns only once the global model store has read the snapshots topic to its
    // end, and /health, /ready must answer meanwhile; and a port already taken fails the start before any stream
    // thread runs (started, those threads would keep a process whose start failed alive, without endpoints).
    EdgeHttpServer http = null;
    try {
      http = config.app().httpPort() < 0 ? null : EdgeHttpServer.start("0.0.0.0", config.app().httpPort(), metrics,
          routes.stream().map(TaskRoute::modelId).toList(), () -> status(streams));
      requireInputTopics(config, routes);
      streams.start();
    } catch (IOException | RuntimeException e) {
      if (http != null) {
        http.close();
      }
      streams.close();
      throw e;
    }
    LOG.info("edge scorer '{}' started: tasks {}", config.app().applicationId(),
        routes.stream().map(r -> r.task() + " (model " + r.modelId() + ")").toList());
    return new EdgeScorerApp(streams, metrics, routes, http);
  }

  /** The Kafka Streams settings of {@code config}: its own keys first, then {@code kafka.properties} over them. */
  public static Properties properties(EdgeConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.app().applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.app().threads());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.app().stateDir());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.app().commitIntervalMs());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.kafka().replicationFactor());
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0); // answers leave at once, not when a cache flushes
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.putAll(config.kafka().clientProperties());
    return p;
  }

  /**
   * Fails at once, naming them, when input topics are missing: Kafka Streams would otherwise stop (or, with its
   * thread replaced, retry forever) with a less direct message.
   */
  static void requireInputTopics(EdgeConfig config, List<TaskRoute> routes) {
    Set<String> needed = new TreeSet<>();
    needed.add(config.topics().snapshots());
    for (TaskRoute r : routes) {
      needed.add(r.requestsTopic());
      if (r.labeledTopic() != null) {
        needed.add(r.labeledTopic());
      }
    }
    Map<String, Object> admin = new StreamsConfig(properties(config)).getAdminConfigs(
        config.app().applicationId() + "-topic-check");
    Admin client = Admin.create(admin);
    try {
      Set<String> existing = client.listTopics().names().get(30, TimeUnit.SECONDS);
      needed.removeAll(existing);
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from Kafka at " + config.kafka().bootstrapServers()
          + " within 30 s (kafka.bootstrap_servers; is a broker running there?)", e);
    } catch (ExecutionException e) {
      String servers = config.kafka().bootstrapServers();
      throw new IllegalStateException(KafkaFailures.securityFailure(e.getCause(), servers)
          .orElse("cannot list the topics of " + servers + ": " + e.getCause().getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    } finally {
      client.close(Duration.ZERO); // an unanswered call is abandoned, not waited for
    }
    if (!needed.isEmpty()) {
      throw new IllegalStateException("topics " + needed + " do not exist on " + config.kafka().bootstrapServers()
          + ": create them (the job's `./streamnet run --create-topics` does), or name other ones in the config");
    }
  }

  private static EdgeHttpServer.Status status(KafkaStreams streams) {
    KafkaStreams.State s = streams.state();
    return new EdgeHttpServer.Status() {
      @Override
      public String state() {
        return s.name();
      }

      @Override
      public boolean alive() {
        return s == KafkaStreams.State.RUNNING || s == KafkaStreams.State.REBALANCING;
      }
    };
  }

  public KafkaStreams streams() {
    return streams;
  }

  public EdgeMetrics metrics() {
    return metrics;
  }

  public List<TaskRoute> routes() {
    return routes;
  }

  /** The HTTP port; -1 without endpoints. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  @Override
  public void close() {
    if (http != null) {
      http.close();
    }
    streams.close(Duration.ofSeconds(30));
  }
}

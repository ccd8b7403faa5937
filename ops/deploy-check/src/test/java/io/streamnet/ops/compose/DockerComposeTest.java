package io.streamnet.ops.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnet.edge.config.EdgeConfig;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.ops.RepoFiles;
import io.streamnet.ops.Yaml;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml runs the whole product: every file it mounts is in the repository (or is a jar the named module
 * builds), every named volume is declared, no two services publish one host port, every image is pinned, the Flink
 * containers report to the Prometheus that scrapes them, Grafana gets the dashboard and its datasource, and the job
 * and edge configurations it mounts load with the project's own parsers. Then Debian's docker-compose validates it
 * (required when {@code streamnet.require.docker-compose=true} or the environment has
 * {@code STREAMNET_REQUIRE_DOCKER_COMPOSE=true}, as {@code .ci/run} sets it).
 */
class DockerComposeTest {
  static final String REQUIRE = "streamnet.require.docker-compose";
  static final String REQUIRE_ENV = "STREAMNET_REQUIRE_DOCKER_COMPOSE";
  static final Pattern BUILT_JAR = Pattern.compile("^(.+)/target/([^/]+\\.jar)$");

  final Path root = RepoFiles.root();
  final JsonNode compose = Yaml.read(root.resolve("docker-compose.yml"));
  final JsonNode services = compose.path("services");

  /** Short-syntax volumes of a service: {host or volume name, container path}. */
  static List<String[]> mounts(JsonNode service) {
    List<String[]> out = new ArrayList<>();
    for (JsonNode v : service.path("volumes")) {
      assertTrue(v.isTextual(), "short volume syntax expected: " + v);
      String[] parts = v.asText().split(":");
      assertTrue(parts.length >= 2 && parts.length <= 3, "volume " + v.asText());
      out.add(new String[] {parts[0], parts[1]});
    }
    return out;
  }

  static boolean isBind(String source) {
    return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
  }

  @Test
  void everyImageIsPinned() {
    services.fields().forEachRemaining(s -> {
      String image = s.getValue().path("image").asText("");
      assertFalse(image.isEmpty(), s.getKey() + " has an image (nothing is built by compose)");
      String afterRegistry = image.substring(image.lastIndexOf('/') + 1);
      assertTrue(afterRegistry.contains(":") || image.contains("@sha256:"), s.getKey() + ": no tag in " + image);
      String tag = afterRegistry.substring(afterRegistry.indexOf(':') + 1);
      assertFalse(tag.isBlank() || tag.equals("latest") || tag.matches("\\d+(-[a-z]+)?"),
          s.getKey() + ": a moving tag " + image);
    });
  }

  @Test
  void everyMountedHostFileIsInTheRepositoryOrIsAJarItsModuleBuilds() throws IOException {
    int binds = 0;
    for (var it = services.fields(); it.hasNext(); ) {
      var s = it.next();
      for (String[] m : mounts(s.getValue())) {
        if (!isBind(m[0])) {
          continue;
        }
        binds++;
        assertTrue(m[0].startsWith("./"), s.getKey() + ": host paths are relative to the repository: " + m[0]);
        String rel = m[0].substring(2);
        Matcher jar = BUILT_JAR.matcher(rel);
        if (jar.matches()) {
          assertBuiltBy(jar.group(1), jar.group(2), s.getKey());
        } else {
          assertTrue(Files.exists(root.resolve(rel)), s.getKey() + " mounts " + rel + ", which is not in the repository");
        }
      }
    }
    assertTrue(binds >= 8, "the job, its config, the replay CLI, the data, the edge, Prometheus and Grafana files");
  }

  /** {@code module}'s pom writes {@code jarName} into its target folder (a shade outputFile or its finalName). */
  void assertBuiltBy(String module, String jarName, String service) throws IOException {
    Path pom = root.resolve(module).resolve("pom.xml");
    assertTrue(Files.isRegularFile(pom), service + " mounts a jar of " + module + ", which is no Maven module");
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    String base = jarName.substring(0, jarName.length() - ".jar".length());
    assertTrue(text.contains("${project.build.directory}/" + jarName) || text.contains("<finalName>" + base
        + "</finalName>"), service + " mounts " + module + "/target/" + jarName + ", which " + module
        + "/pom.xml does not build");
  }

  @Test
  void everyNamedVolumeIsDeclaredAndEveryDeclaredOneUsed() {
    Set<String> declared = new TreeSet<>();
    compose.path("volumes").fieldNames().forEachRemaining(declared::add);
    Set<String> used = new TreeSet<>();
    services.fields().forEachRemaining(s -> mounts(s.getValue()).stream().filter(m -> !isBind(m[0]))
        .forEach(m -> used.add(m[0])));
    assertEquals(declared, used, "named volumes used by services vs declared at the top level");
  }

  @Test
  void noTwoServicesPublishTheSameHostPortAndAllOnLoopback() {
    Map<String, String> byHostPort = new HashMap<>();
    services.fields().forEachRemaining(s -> {
      for (JsonNode p : s.getValue().path("ports")) {
        String[] parts = p.asText().split(":");
        assertEquals(3, parts.length, s.getKey() + ": publish as 127.0.0.1:HOST:CONTAINER, was " + p.asText());
        assertEquals("127.0.0.1", parts[0], s.getKey() + " publishes beyond loopback: " + p.asText());
        String previous = byHostPort.put(parts[1], s.getKey());
        assertEquals(null, previous, "host port " + parts[1] + " published by " + previous + " and " + s.getKey());
      }
    });
    assertTrue(byHostPort.keySet().containsAll(Set.of("9092", "8081", "8082", "8088", "9090", "3000")),
        "Kafka, registry, Flink UI, edge, Prometheus and Grafana reachable from the host: " + byHostPort);
  }

  @Test
  void dependenciesNameServicesOfTheFile() {
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertTrue(names.containsAll(Set.of("kafka", "schema-registry", "registry-init", "jobmanager", "taskmanager",
        "submitter", "replayer", "edge", "prometheus", "grafana")), "the whole product: " + names);
    services.fields().forEachRemaining(s -> {
      JsonNode d = s.getValue().path("depends_on");
      Set<String> deps = new TreeSet<>();
      if (d.isArray()) {
        d.forEach(n -> deps.add(n.asText()));
      } else {
        d.fieldNames().forEachRemaining(deps::add);
      }
      assertTrue(names.containsAll(deps), s.getKey() + " depends on unknown services " + deps);
    });
  }

  /** A Flink container's configuration lines (FLINK_PROPERTIES), as flat keys. */
  JsonNode flinkProperties(String service) {
    JsonNode props = services.path(service).path("environment").path("FLINK_PROPERTIES");
    assertTrue(props.isTextual(), service + " sets FLINK_PROPERTIES");
    return Yaml.parse(props.asText());
  }

  @Test
  void theFlinkContainersReportToThePrometheusThatScrapesThem() {
    Set<String> targets = new LinkedHashSet<>();
    for (JsonNode job : Yaml.read(root.resolve("ops/prometheus/prometheus.yml")).path("scrape_configs")) {
      for (JsonNode sc : job.path("static_configs")) {
        sc.path("targets").forEach(t -> targets.add(t.asText()));
      }
    }
    for (String flink : List.of("jobmanager", "taskmanager")) {
      JsonNode conf = flinkProperties(flink);
      assertEquals("org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
          conf.path("metrics.reporter.prom.factory.class").asText(), flink + "'s Prometheus reporter");
      String port = conf.path("metrics.reporter.prom.port").asText();
      assertTrue(targets.contains(flink + ":" + port), "prometheus.yml scrapes " + flink + ":" + port + ": " + targets);
    }
    EdgeConfig edge = EdgeConfig.parse(read(containerFile("edge", "/opt/streamnet/edge.yaml")), "edge.yaml");
    assertTrue(targets.contains("edge:" + edge.app().httpPort()), "prometheus.yml scrapes the edge: " + targets);
    for (String t : targets) {
      assertTrue(services.has(t.substring(0, t.indexOf(':'))), "scrape target " + t + " is a service");
    }
    assertEquals("./ops/prometheus/prometheus.yml", bindSource("prometheus", "/etc/prometheus/prometheus.yml"));
  }

  @Test
  void theTaskManagerRunsWithTheVectorModuleAndShortGcPauses() {
    String opts = flinkProperties("taskmanager").path("env.java.opts.taskmanager").asText();
    assertTrue(opts.contains("--add-modules jdk.incubator.vector"), opts);
    assertTrue(opts.contains("-XX:MaxGCPauseMillis=10"), opts);
    assertEquals("flink-checkpoints", bindSource("jobmanager", "/opt/flink/checkpoints"));
    assertEquals("flink-checkpoints", bindSource("taskmanager", "/opt/flink/checkpoints"));
  }

  @Test
  void theSubmitterRunsTheJobJarWithAJobConfigurationTheJobLoads() {
    JsonNode submitter = services.path("submitter");
    String command = String.join(" ", Yaml.MAPPER.convertValue(submitter.path("command"), String[].class));
    assertTrue(command.contains("--class io.streamnet.jobs.run.JobMain /opt/streamnet/streamnet-job.jar"), command);
    assertTrue(command.contains("--config /opt/streamnet/job.yaml"), command);
    assertEquals("./stream-jobs/target/streamnet-job.jar", bindSource("submitter", "/opt/streamnet/streamnet-job.jar"));
    JobConfig job = JobConfig.load(containerFile("submitter", "/opt/streamnet/job.yaml"));
    assertEquals("kafka:19092", job.kafka().bootstrapServers(), "the broker's listener for containers");
    assertTrue(services.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText()
        .contains("//" + job.kafka().bootstrapServers()), "the job's bootstrap is one the broker advertises");
    assertEquals("http://schema-registry:8080/apis/ccompat/v7", job.registry().url());
    assertTrue(job.checkpointing().directory().startsWith("file:///opt/flink/checkpoints/"),
        "checkpoints on the volume both Flink containers mount: " + job.checkpointing().directory());
  }

  @Test
  void theReplayerFeedsABundledDataset() {
    String command = String.join(" ", Yaml.MAPPER.convertValue(services.path("replayer").path("command"),
        String[].class));
    assertTrue(command.contains("io.streamnet.connect.cli.ReplayCommand"), command);
    Matcher path = Pattern.compile("--path (\\S+)").matcher(command);
    assertTrue(path.find(), command);
    assertEquals("/data", path.group(1).substring(0, 5));
    assertEquals("./datasets", bindSource("replayer", "/data"));
    assertTrue(Files.isDirectory(root.resolve("datasets").resolve(path.group(1).substring(6))), path.group(1));
  }

  @Test
  void grafanaGetsTheDashboardAndItsDatasource() {
    Path dashboards = containerFile("grafana", "/etc/grafana/provisioning/dashboards");
    boolean found = false;
    for (File f : dashboards.toFile().listFiles()) {
      for (JsonNode p : Yaml.read(f.toPath()).path("providers")) {
        String folder = p.path("options").path("path").asText();
        assertEquals("./ops/grafana/streamnet.json", bindSource("grafana", folder + "/streamnet.json"),
            "the provider's folder holds the dashboard");
        found = true;
      }
    }
    assertTrue(found, "a dashboard provider");
    Path datasources = containerFile("grafana", "/etc/grafana/provisioning/datasources");
    Set<String> uids = new TreeSet<>();
    for (File f : datasources.toFile().listFiles()) {
      for (JsonNode d : Yaml.read(f.toPath()).path("datasources")) {
        uids.add(d.path("uid").asText());
        if (d.path("uid").asText().equals("prometheus")) {
          assertEquals("http://prometheus:9090", d.path("url").asText());
        }
      }
    }
    assertTrue(uids.contains("prometheus"), "the dashboard's datasource uid: " + uids);
  }

  @Test
  void dockerComposeValidatesTheFile() throws Exception {
    String exe = onPath("docker-compose");
    if (exe == null) {
      if (Boolean.getBoolean(REQUIRE) || Boolean.parseBoolean(System.getenv(REQUIRE_ENV))) {
        fail("docker-compose is not on PATH and " + REQUIRE + " (or " + REQUIRE_ENV + ") is true");
      }
      Assumptions.abort("docker-compose not on PATH (set " + REQUIRE + "=true to require it)");
    }
    Process p = new ProcessBuilder(exe, "-f", "docker-compose.yml", "config", "-q").directory(root.toFile())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "docker-compose config finished");
    assertEquals(0, p.exitValue(), "docker-compose -f docker-compose.yml config -q:\n" + out);
  }

  static String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  /** The host source (as written) mounted at {@code containerPath} in {@code service}. */
  String bindSource(String service, String containerPath) {
    for (String[] m : mounts(services.path(service))) {
      if (m[1].equals(containerPath)) {
        return m[0];
      }
    }
    fail(service + " mounts nothing at " + containerPath);
    return null;
  }

  Path containerFile(String service, String containerPath) {
    String source = bindSource(service, containerPath);
    assertNotNull(source);
    return root.resolve(source).normalize();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

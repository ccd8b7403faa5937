package io.streamnet.ops.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.streamnet.jobs.config.JobConfig;
import io.streamnet.ops.RepoFiles;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.FlinkDeploymentSpec;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.JobState;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;

/**
 * ops/k8s against the Flink Kubernetes Operator's model (flink-kubernetes-operator-api, the version of the parent
 * pom): the FlinkDeployment deserializes strictly (an unknown or misspelt field fails) and says what StreamNet needs;
 * the ConfigMap it mounts holds a job configuration the job's own parser loads, at the path the job is started with.
 */
class KubernetesManifestsTest {
  /**
   * Fails on unknown properties even where the model's classes say to ignore them ({@code @JsonIgnoreProperties(
   * ignoreUnknown = true)} beats the mapper's feature otherwise). Fabric8's Kubernetes classes keep unknown fields in
   * their additional properties instead: {@link #assertNoAdditionalProperties} finds those.
   */
  static final ObjectMapper STRICT = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
        @Override
        public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated a) {
          JsonIgnoreProperties.Value v = super.findPropertyIgnoralByName(config, a);
          return v == null ? null : v.withoutIgnoreUnknown();
        }
      });
  static final String TEST_KEY = "base64:" + Base64.getEncoder().encodeToString(
      "a signing key of thirty-two bytes".getBytes(StandardCharsets.UTF_8));

  final Path k8s = RepoFiles.resolve("ops/k8s");

  <T> T read(String file, Class<T> type) throws IOException {
    T value = STRICT.readValue(k8s.resolve(file).toFile(), type);
    assertNoAdditionalProperties(value, file);
    return value;
  }

  /** No object of the tree kept a field its class does not know (fabric8's additionalProperties). */
  static void assertNoAdditionalProperties(Object node, String path) {
    if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
        || node instanceof Enum<?> || node.getClass().isArray() && node.getClass().getComponentType().isPrimitive()) {
      return;
    }
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> assertNoAdditionalProperties(v, path + "." + k));
      return;
    }
    if (node instanceof Iterable<?> it) {
      int i = 0;
      for (Object o : it) {
        assertNoAdditionalProperties(o, path + "[" + i++ + "]");
      }
      return;
    }
    if (node instanceof Object[] arr) {
      for (int i = 0; i < arr.length; i++) {
        assertNoAdditionalProperties(arr[i], path + "[" + i + "]");
      }
      return;
    }
    String pkg = node.getClass().getPackageName();
    if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("org.apache.flink.kubernetes")) {
      return;
    }
    for (Method g : node.getClass().getMethods()) {
      if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
          || g.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = g.invoke(node);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (g.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
        assertTrue(extra.isEmpty(), path + " has fields its model does not know: " + extra.keySet());
      } else {
        assertNoAdditionalProperties(value, path + "." + g.getName().substring(3));
      }
    }
  }

  @Test
  void strictReadingRefusesAFieldTheModelDoesNotHave() throws IOException {
    String text = Files.readString(k8s.resolve("flinkdeployment.yaml"));
    assertThrows(UnrecognizedPropertyException.class, () -> STRICT.readValue(
        text.replace("    upgradeMode: savepoint", "    upgradeMod: savepoint"), FlinkDeployment.class));
    assertThrows(UnrecognizedPropertyException.class, () -> STRICT.readValue(
        text.replace("  flinkVersion: v1_20", "  flinkVersoin: v1_20"), FlinkDeployment.class));
    FlinkDeployment typoInPod = STRICT.readValue(text.replace("containerPort: 9249", "containerPrt: 9249"),
        FlinkDeployment.class);
    assertThrows(AssertionError.class, () -> assertNoAdditionalProperties(typoInPod, "typo"));
  }

  @Test
  void theFlinkDeploymentRunsTheJobJarWithSavepointUpgradesHaAndTheReporter() throws IOException {
    FlinkDeployment d = read("flinkdeployment.yaml", FlinkDeployment.class);
    assertEquals("flink.apache.org/v1beta1", d.getApiVersion());
    assertEquals("FlinkDeployment", d.getKind());
    FlinkDeploymentSpec spec = d.getSpec();
    assertEquals(FlinkVersion.v1_20, spec.getFlinkVersion(), "the newest version the operator 1.10 model knows");
    assertTrue(spec.getImage() != null && !spec.getImage().endsWith(":latest"), spec.getImage());

    JobSpec job = spec.getJob();
    assertEquals("local:///opt/streamnet/streamnet-job.jar", job.getJarURI());
    assertEquals("io.streamnet.jobs.run.JobMain", job.getEntryClass());
    List<String> args = Arrays.asList(job.getArgs());
    assertEquals("--config", args.get(0));
    assertTrue(job.getParallelism() >= 1);
    assertEquals(UpgradeMode.SAVEPOINT, job.getUpgradeMode());
    assertEquals(JobState.RUNNING, job.getState());

    Map<String, String> conf = spec.getFlinkConfiguration();
    assertEquals("kubernetes", conf.get("high-availability.type"));
    assertNotNull(conf.get("high-availability.storageDir"));
    assertNotNull(conf.get("execution.checkpointing.dir"));
    assertNotNull(conf.get("execution.checkpointing.savepoint-dir"));
    assertEquals(conf.get("execution.checkpointing.savepoint-dir"), conf.get("state.savepoints.dir"));
    assertEquals("org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
        conf.get("metrics.reporter.prom.factory.class"));
    String tmOpts = conf.get("env.java.opts.taskmanager");
    assertTrue(tmOpts.contains("--add-modules jdk.incubator.vector") && tmOpts.contains("-XX:MaxGCPauseMillis=10"),
        tmOpts);
    assertTrue(spec.getJobManager().getResource().getMemory() != null
        && spec.getTaskManager().getResource().getMemory() != null && spec.getTaskManager().getResource().getCpu() > 0,
        "resources for the job and task managers");

    // The config file the job is started with is the ConfigMap's, mounted by the pod template.
    Container main = spec.getPodTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals("flink-main-container")).findFirst().orElseThrow();
    VolumeMount mount = main.getVolumeMounts().stream()
        .filter(m -> args.get(1).startsWith(m.getMountPath() + "/")).findFirst().orElseThrow(
            () -> new AssertionError("no volume mounted where " + args.get(1) + " is"));
    Volume volume = spec.getPodTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
    ConfigMap cm = read("job-config.yaml", ConfigMap.class);
    assertEquals(cm.getMetadata().getName(), volume.getConfigMap().getName(), "the ConfigMap mounted");
    assertEquals(d.getMetadata().getNamespace(), cm.getMetadata().getNamespace());
    String file = args.get(1).substring(mount.getMountPath().length() + 1);
    assertTrue(cm.getData().containsKey(file), "the ConfigMap holds " + file + ": " + cm.getData().keySet());

    // The state volume is the claim of state-pvc.yaml, shared by all pods.
    PersistentVolumeClaim pvc = read("state-pvc.yaml", PersistentVolumeClaim.class);
    assertTrue(spec.getPodTemplate().getSpec().getVolumes().stream().anyMatch(v -> v.getPersistentVolumeClaim() != null
        && v.getPersistentVolumeClaim().getClaimName().equals(pvc.getMetadata().getName())), "the state claim mounted");
    assertEquals(List.of("ReadWriteMany"), pvc.getSpec().getAccessModes());
  }

  @Test
  void theConfigMapHoldsAJobConfigurationTheJobLoads() throws IOException {
    ConfigMap cm = read("job-config.yaml", ConfigMap.class);
    Path file = Files.createTempFile("job", ".yaml");
    try {
      String yaml = cm.getData().get("job.yaml");
      // The signing key is read when the configuration loads: in a pod from its env (the Secret), here a test key.
      assertTrue(yaml.contains("key: env:STREAMNET_SIGNING_KEY"), "the signing key is a reference to the pod's env");
      Files.writeString(file, yaml.replace("env:STREAMNET_SIGNING_KEY", TEST_KEY));
      JobConfig job = JobConfig.load(file);
      FlinkDeployment d = read("flinkdeployment.yaml", FlinkDeployment.class);
      assertEquals(d.getSpec().getFlinkConfiguration().get("execution.checkpointing.dir"),
          job.checkpointing().directory(), "the job checkpoints where the cluster is told to");
      assertEquals("SASL_SSL", job.kafka().clientProperties().getProperty("security.protocol"));
      assertTrue(job.kafka().clientProperties().getProperty("sasl.jaas.config").startsWith("${env:"),
          "the JAAS secret is a reference, resolved in the pod");
    } finally {
      Files.delete(file);
    }
  }
}

package io.teleconsultation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The manifests in k8s/, read with the Kubernetes model, checked against what the service actually offers. */
class KubernetesManifestsTest {

  static final Path K8S = Path.of("k8s");
  static final List<HasMetadata> RESOURCES = new ArrayList<>();
  /** The Secret's example: outside the kustomization, so that kubectl apply -k never overwrites the real one. */
  static Secret secretExample;

  @BeforeAll
  static void parse() throws IOException {
    try (Stream<Path> files = Files.list(K8S)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (!file.getFileName().toString().equals("kustomization.yaml")) {
          try (InputStream in = Files.newInputStream(file)) {
            RESOURCES.add(Serialization.unmarshal(in));
          }
        }
      }
    }
    try (InputStream in = Files.newInputStream(K8S.resolve("examples/secret.example.yaml"))) {
      secretExample = Serialization.unmarshal(in, Secret.class);
    }
  }

  static <T extends HasMetadata> T only(Class<T> kind) {
    List<T> found = RESOURCES.stream().filter(kind::isInstance).map(kind::cast).toList();
    assertThat(found).as("exactly one %s", kind.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  static Container container() {
    return only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theKustomizationListsEveryManifest() throws IOException {
    Map<String, Object> kustomization = new Yaml().load(Files.readString(K8S.resolve("kustomization.yaml")));
    try (Stream<Path> files = Files.list(K8S)) {
      List<String> manifests = files.map(f -> f.getFileName().toString())
          .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList();
      assertThat((List<String>) kustomization.get("resources")).containsExactlyInAnyOrderElementsOf(manifests);
    }
  }

  @Test
  void probesHitPathsThatExistInTheContract() throws IOException {
    JsonObject paths = new JsonObject((Map<String, Object>) new Yaml().load(Files.readString(Path.of("openapi.yaml"))))
        .getJsonObject("paths");
    Container container = container();

    for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(), container.getStartupProbe())) {
      assertThat(paths.containsKey(probe.getHttpGet().getPath())).as(probe.getHttpGet().getPath()).isTrue();
    }
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/-/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/-/ready");
  }

  @Test
  void everyEnvironmentVariableTheManifestsSetIsOneTheServiceReads() {
    List<String> names = new ArrayList<>(container().getEnv().stream().map(EnvVar::getName).toList());
    for (EnvFromSource source : container().getEnvFrom()) {
      assertThat(source.getSecretRef().getName()).isEqualTo(secretExample.getMetadata().getName());
      names.addAll(secretExample.getStringData().keySet());
    }

    assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(ServiceConfig.KEYS).contains(name));
  }

  @Test
  void threeNonRootReplicasWithAReadOnlyRootFilesystemAndResources() {
    Deployment deployment = only(Deployment.class);
    Container container = container();

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void hazelcastFindsThePodsThroughAHeadlessServiceItIsAllowedToRead() {
    Map<String, String> podLabels = only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    Service headless = RESOURCES.stream().filter(Service.class::isInstance).map(Service.class::cast)
        .filter(service -> "None".equals(service.getSpec().getClusterIP())).findFirst().orElseThrow();

    assertThat(podLabels).containsAllEntriesOf(headless.getSpec().getSelector());
    assertThat(container().getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo("CLUSTER_KUBERNETES_SERVICE");
      assertThat(env.getValue()).isEqualTo(headless.getMetadata().getName());
    });
    assertThat(only(Role.class).getRules()).anySatisfy(rule -> assertThat(rule.getResources()).contains("endpoints", "pods"));
  }

  @Test
  void theAutoscalerAndDisruptionBudgetTargetTheDeployment() {
    Deployment deployment = only(Deployment.class);

    assertThat(only(HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef().getName())
        .isEqualTo(deployment.getMetadata().getName());
    assertThat(only(HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(only(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels());
  }

  @Test
  void theSecretIsAnExampleWithoutRealValuesThatTheKustomizationNeverApplies() {
    assertThat(RESOURCES).noneMatch(Secret.class::isInstance);
    assertThat(secretExample.getStringData().get("BANDYER_API_SECRET_KEY")).isEqualTo("REPLACE_ME");
    assertThat(secretExample.getStringData()).containsKeys("BANDYER_BASE_URL", "DATABASE_URL");
  }

  @Test
  void thePodsRunTheProductionProfile() {
    assertThat(container().getEnv()).anySatisfy(env -> {
      assertThat(env.getName()).isEqualTo(ServiceConfig.TELECONSULTATION_PROFILE);
      assertThat(env.getValue()).isEqualTo(ServiceConfig.PRODUCTION);
    });
  }

  @Test
  void theShippedConfigNamesWhoMayChangeTheSettings() {
    JsonObject config = new JsonObject(only(ConfigMap.class).getData().get("teleconsultation-config.json"));

    assertThat(config.getJsonArray("settingsGroups")).isNotNull().isNotEmpty();
  }

  @Test
  void onlyTheServicesPodsReachTheClusterPortsAndOnlyTheGatewayReachesHttp() {
    NetworkPolicy policy = only(NetworkPolicy.class);
    Map<String, String> podLabels = only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
    assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
    List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
    assertThat(rules).hasSize(2);
    assertThat(rules).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());
    NetworkPolicyIngressRule members = rules.stream().filter(rule -> rule.getPorts() == null || rule.getPorts().isEmpty())
        .findFirst().orElseThrow();
    assertThat(members.getFrom()).singleElement().satisfies(peer -> {
      assertThat(peer.getNamespaceSelector()).isNull();
      assertThat(podLabels).containsAllEntriesOf(peer.getPodSelector().getMatchLabels());
    });
    NetworkPolicyIngressRule gateway = rules.stream().filter(rule -> rule != members).findFirst().orElseThrow();
    assertThat(gateway.getPorts()).singleElement()
        .satisfies(port -> assertThat(port.getPort().getStrVal()).isEqualTo("http"));
    assertThat(gateway.getFrom()).singleElement().satisfies(peer -> {
      assertThat(peer.getPodSelector().getMatchLabels()).isNotEmpty();
      assertThat(podLabels).doesNotContainKeys(peer.getPodSelector().getMatchLabels().keySet().toArray(String[]::new));
    });
  }

  @Test
  void aRollingUpdatePausesBeforeSigtermAndLeavesTimeToDrain() {
    Container container = container();
    long pause = container.getLifecycle().getPreStop().getSleep().getSeconds();
    long drain = Long.parseLong(env("SHUTDOWN_TIMEOUT_MS")) / 1000;

    assertThat(pause).isGreaterThanOrEqualTo(5);
    assertThat(only(Deployment.class).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isGreaterThan(pause + drain);
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/-/ready");
  }

  @Test
  void everyEmptyDirHasASizeLimitAndThePodAnEphemeralStorageLimit() {
    List<Volume> emptyDirs = only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(volume -> volume.getEmptyDir() != null).toList();

    assertThat(emptyDirs).isNotEmpty()
        .allSatisfy(volume -> assertThat(volume.getEmptyDir().getSizeLimit()).as(volume.getName()).isNotNull());
    assertThat(container().getResources().getLimits()).containsKey("ephemeral-storage");
    assertThat(container().getResources().getRequests()).containsKey("ephemeral-storage");
  }

  @Test
  void theClusteredEventBusRunsOverTlsWithStoresMountedFromASecretAndPasswordsFromTheSecret() {
    assertThat(env("CLUSTER_TLS_ENABLED")).isEqualTo("true");
    String keystore = env("CLUSTER_TLS_KEYSTORE_PATH");
    VolumeMount mount = container().getVolumeMounts().stream()
        .filter(m -> keystore.startsWith(m.getMountPath() + "/"))
        .max(java.util.Comparator.comparingInt(m -> m.getMountPath().length())).orElseThrow();
    Volume volume = only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
        .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
    assertThat(volume.getSecret()).isNotNull();
    assertThat(env("CLUSTER_TLS_TRUSTSTORE_PATH")).startsWith(mount.getMountPath() + "/");
    assertThat(secretExample.getStringData()).containsKeys("CLUSTER_TLS_KEYSTORE_PASSWORD", "CLUSTER_TLS_TRUSTSTORE_PASSWORD");
    assertThat(container().getEnv()).noneMatch(env -> env.getName().endsWith("_PASSWORD"));
  }

  private static String env(String name) {
    return container().getEnv().stream().filter(env -> env.getName().equals(name)).findFirst()
        .map(EnvVar::getValue).orElseThrow(() -> new AssertionError(name + " is not set"));
  }
}

package io.teleconsultation.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
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
      assertThat(source.getSecretRef().getName()).isEqualTo(only(Secret.class).getMetadata().getName());
      names.addAll(only(Secret.class).getStringData().keySet());
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
  void theSecretIsATemplateWithoutRealValues() {
    assertThat(only(Secret.class).getStringData().get("BANDYER_API_SECRET_KEY")).isEqualTo("REPLACE_ME");
  }
}

package io.teleconsultation.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.observability.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts a clustered Vert.x on Hazelcast, from conf/cluster.xml and the {@code CLUSTER_*} settings. Blocking
 * (it reads a file): call it before Vert.x runs, as {@code Main} does, or from a test thread.
 */
public final class ClusterNode {

  public static final String CONFIG_PATH = "conf/cluster.xml";

  private ClusterNode() {}

  public static Future<Vertx> start(ServiceConfig config) {
    Config hazelcast = hazelcastConfig(config);
    VertxOptions options = Metrics.enable(new VertxOptions()).setEventBusOptions(eventBusOptions(config));
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast)).buildClustered();
  }

  /**
   * The event bus's own TCP transport (the messages between verticles). With {@code CLUSTER_TLS_ENABLED=true} it runs
   * over TLS, and each member must present a certificate that the trust store accepts (client authentication
   * REQUIRED): a process that joins Hazelcast without such a certificate cannot send or receive messages. Members
   * connect to each other by IP, which a shared member certificate does not name: the trust store, not the host name,
   * decides.
   */
  static EventBusOptions eventBusOptions(ServiceConfig config) {
    EventBusOptions options = new EventBusOptions()
        .setHost(config.clusterHost())
        .setPort(0)
        .setClusterPublicHost(config.clusterHost());
    if (config.clusterTlsEnabled()) {
      options.setSsl(true)
          .setKeyCertOptions(new PfxOptions()
              .setPath(config.clusterTlsKeystorePath()).setPassword(config.clusterTlsKeystorePassword()))
          .setTrustOptions(new PfxOptions()
              .setPath(config.clusterTlsTruststorePath()).setPassword(config.clusterTlsTruststorePassword()))
          .setClientAuth(ClientAuth.REQUIRED);
    }
    return options;
  }

  static Config hazelcastConfig(ServiceConfig config) {
    Config hazelcast;
    try (InputStream xml = open(CONFIG_PATH)) {
      hazelcast = new XmlConfigBuilder(xml).build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + CONFIG_PATH, e);
    }
    hazelcast.setClusterName(config.clusterName());
    hazelcast.setProperty("hazelcast.local.localAddress", config.clusterHost());
    NetworkConfig network = hazelcast.getNetworkConfig();
    network.setPort(config.clusterPort());
    network.getInterfaces().setEnabled(true).clear().addInterface(config.clusterHost());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (config.clusterKubernetesService() != null) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true).setProperty("service-name", config.clusterKubernetesService());
      if (config.clusterKubernetesNamespace() != null) {
        join.getKubernetesConfig().setProperty("namespace", config.clusterKubernetesNamespace());
      }
      // Pod IPs are not known in advance: accept the one Kubernetes gives this pod.
      network.getInterfaces().setEnabled(false);
    } else {
      join.getKubernetesConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.stream(config.clusterMembers().split(","))
          .map(String::trim).filter(member -> !member.isEmpty()).toList());
    }
    return hazelcast;
  }

  /** conf/cluster.xml from the working directory, else the copy packed in the jar. */
  private static InputStream open(String path) throws IOException {
    Path file = Path.of(path);
    if (Files.exists(file)) {
      return Files.newInputStream(file);
    }
    InputStream packed = ClusterNode.class.getClassLoader().getResourceAsStream(path);
    if (packed == null) {
      throw new IOException(path + " not found");
    }
    return packed;
  }
}

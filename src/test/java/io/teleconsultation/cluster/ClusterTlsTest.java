package io.teleconsultation.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleconsultation.config.ConfigurationLoader;
import io.teleconsultation.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clustered event bus over TLS with member authentication (CLUSTER_TLS_*): members holding a certificate the
 * trust store accepts exchange messages; a process that joins Hazelcast with another certificate gets nothing through.
 * Key stores are made for the test with the JDK's keytool.
 */
@Tag("cluster")
@ExtendWith(VertxExtension.class)
class ClusterTlsTest {

  static final String PASSWORD = "test-store-password";

  final List<Vertx> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(node -> node.close().await());
  }

  @Test
  void membersWithTheClusterCertificateTalkAndAnotherCertificateGetsNothingThrough(Vertx local, @TempDir Path dir)
      throws Exception {
    Path member = identity(dir, "member");
    Path intruder = identity(dir, "intruder");
    String cluster = "teleconsultation-tls-test-" + UUID.randomUUID();
    Vertx a = node(local, cluster, member);
    Vertx b = node(local, cluster, member);
    Vertx c = node(local, cluster, intruder);
    a.eventBus().<String>consumer("tls.echo", message -> message.reply("echo " + message.body())).completion().await();
    Thread.sleep(1000); // subscriptions reach the other members asynchronously

    String reply = b.eventBus().<String>request("tls.echo", "hello", new DeliveryOptions().setSendTimeout(5000))
        .await().body();

    assertThat(reply).isEqualTo("echo hello");
    assertThatThrownBy(() -> c.eventBus().request("tls.echo", "hello", new DeliveryOptions().setSendTimeout(2000))
        .await()).as("no reply to a member without the cluster's certificate");
  }

  private Vertx node(Vertx local, String cluster, Path stores) {
    ServiceConfig config = ConfigurationLoader.load(local, new JsonObject()
        .put("CLUSTER_ENABLED", true)
        .put("CLUSTER_NAME", cluster)
        .put("CLUSTER_HOST", "127.0.0.1")
        .put("CLUSTER_MEMBERS", "127.0.0.1")
        .put("CLUSTER_TLS_ENABLED", true)
        .put("CLUSTER_TLS_KEYSTORE_PATH", stores.resolve("keystore.p12").toString())
        .put("CLUSTER_TLS_KEYSTORE_PASSWORD", PASSWORD)
        .put("CLUSTER_TLS_TRUSTSTORE_PATH", stores.resolve("truststore.p12").toString())
        .put("CLUSTER_TLS_TRUSTSTORE_PASSWORD", PASSWORD)).await();
    Vertx node = ClusterNode.start(config).await();
    nodes.add(node);
    return node;
  }

  /** A self-signed key pair in keystore.p12, and its certificate alone in truststore.p12. */
  private static Path identity(Path dir, String name) throws Exception {
    Path stores = java.nio.file.Files.createDirectories(dir.resolve(name));
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(keytool, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", stores.resolve("keystore.p12").toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    run(keytool, "-exportcert", "-alias", name, "-keystore", stores.resolve("keystore.p12").toString(),
        "-storepass", PASSWORD, "-file", stores.resolve(name + ".crt").toString());
    run(keytool, "-importcert", "-noprompt", "-alias", name, "-file", stores.resolve(name + ".crt").toString(),
        "-storetype", "PKCS12", "-keystore", stores.resolve("truststore.p12").toString(), "-storepass", PASSWORD);
    return stores;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(output).isZero();
  }
}

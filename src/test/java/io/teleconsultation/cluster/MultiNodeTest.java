package io.teleconsultation.cluster;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.config.ConfigurationLoader;
import io.teleconsultation.config.ServiceConfig;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes on the clustered event bus, on loopback only: A runs only {@code http}; B runs {@code
 * kaleyra,persistence}; B stops and C, with the same roles, joins. A is never restarted.
 */
@Tag("cluster")
@ExtendWith(VertxExtension.class)
class MultiNodeTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  final List<Vertx> nodes = new ArrayList<>();

  @AfterEach
  void stopNodes() {
    nodes.forEach(node -> node.close().await());
  }

  @Test
  void anHttpOnlyNodeKeepsServingWhenTheBackendNodeIsReplaced(Vertx local) {
    KaleyraStubs kaleyra = new KaleyraStubs(wireMock).usersAreCreated().roomsCanBeDeleted().everyRoomIsNew();
    JsonObject common = new JsonObject()
        .put("CLUSTER_ENABLED", true)
        // A cluster of its own, so that no other test run or developer's node can join it.
        .put("CLUSTER_NAME", "teleconsultation-test-" + UUID.randomUUID())
        .put("CLUSTER_HOST", "127.0.0.1")
        .put("CLUSTER_MEMBERS", "127.0.0.1")
        .put("HTTP_PORT", 0)
        .put("BANDYER_BASE_URL", kaleyra.baseUrl())
        .put("BANDYER_API_SECRET_KEY", Service.API_KEY)
        .put("DATABASE_URL", TestDatabase.create().url())
        .put("REAPER_INTERVAL_MS", 3_600_000);

    Service b = node(local, common.copy().put("VERTICLES", "kaleyra,persistence"));
    Service a = node(local, common.copy().put("VERTICLES", "http"));
    assertThat(eventuallyReady(a)).isEqualTo(200);

    String first = a.post("/teleconsultation", doctorAndPatientNow()).bodyAsJsonObject().getString("roomId");
    HttpResponse<Buffer> joined = a.get("/teleconsultation/" + first, DOCTOR);
    assertThat(joined.statusCode()).isEqualTo(200);
    assertThat(joined.bodyAsJsonObject().getString("accessLinkURL")).startsWith("https://kaleyra.test/");

    Vertx nodeB = nodes.get(0);
    b.stop();
    nodes.remove(nodeB);
    nodeB.close().await();
    HttpResponse<Buffer> meanwhile = a.get("/teleconsultation/" + first, DOCTOR);
    assertThat(meanwhile.statusCode()).as("no node answers the database's addresses").isEqualTo(503);

    node(local, common.copy().put("VERTICLES", "kaleyra,persistence"));
    assertThat(eventuallyReady(a)).isEqualTo(200);
    assertThat(a.get("/teleconsultation/" + first, PATIENT).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> second = a.post("/teleconsultation", doctorAndPatientNow());
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(a.get("/teleconsultation/" + second.bodyAsJsonObject().getString("roomId"), DOCTOR).statusCode())
        .isEqualTo(200);
  }

  private Service node(Vertx local, JsonObject config) {
    ServiceConfig settings = ConfigurationLoader.load(local, config).await();
    Vertx node = ClusterNode.start(settings).await();
    nodes.add(node);
    return Service.start(node, config);
  }

  /** Event-bus subscriptions reach the other nodes asynchronously: readiness says when they have. */
  private static int eventuallyReady(Service service) {
    int status = 0;
    for (int attempt = 0; attempt < 40 && status != 200; attempt++) {
      status = service.request(HttpMethod.GET, "/-/ready").send().await().statusCode();
      if (status != 200) {
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return status;
        }
      }
    }
    return status;
  }
}

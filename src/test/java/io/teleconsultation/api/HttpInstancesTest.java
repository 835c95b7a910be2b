package io.teleconsultation.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.teleconsultation.support.Teleconsultations.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.teleconsultation.support.Contract;
import io.teleconsultation.support.KaleyraStubs;
import io.teleconsultation.support.Service;
import io.teleconsultation.support.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP_INSTANCES: the edge and the use cases run as several instances behind one port, each validating requests. */
@ExtendWith(VertxExtension.class)
class HttpInstancesTest {

  @RegisterExtension
  static WireMockExtension wireMock = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
      .build();

  static KaleyraStubs kaleyra = new KaleyraStubs(wireMock);
  static Service service;
  static Contract contract;
  static WebClient freshConnections;

  @BeforeAll
  static void start(Vertx vertx) {
    service = Service.start(vertx, kaleyra.baseUrl(), TestDatabase.create(), Map.of("HTTP_INSTANCES", 3));
    contract = Contract.load(vertx);
    // One connection per request: Vert.x hands each new connection to the next instance.
    freshConnections = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
  }

  @AfterAll
  static void stop() {
    freshConnections.close();
    service.stop();
  }

  @Test
  void everyInstanceAnswersOnTheOnePortAndRefusesWhatBreaksTheContract() {
    kaleyra.usersAreCreated().roomsCanBeDeleted().roomIsCreated("room_instances", List.of(DOCTOR, PATIENT))
        .roomExists("room_instances");
    HttpResponse<Buffer> created = service.post("/teleconsultation", doctorAndPatientNow());
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("roomId");

    for (int i = 0; i < 6; i++) {
      HttpResponse<Buffer> found = send("/teleconsultation/" + id);
      HttpResponse<Buffer> invalid = send("/teleconsultation/" + id + "?useBackground=maybe");

      assertThat(contract.check("getTeleconsultation", found).statusCode()).isEqualTo(200);
      assertThat(contract.check("getTeleconsultation", invalid).statusCode()).isEqualTo(400);
    }
  }

  private static HttpResponse<Buffer> send(String path) {
    return freshConnections.request(HttpMethod.GET, service.port(), "127.0.0.1", path)
        .putHeader("miauserid", PATIENT).send().await();
  }
}
